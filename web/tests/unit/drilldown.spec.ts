import { describe, expect, it } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { i18n } from '@/i18n';
import PyramidChart from '@/components/dashboard/PyramidChart.vue';
import { classParamsOf, filtersFromQuery, whereOf } from '@/components/accounts/accountFilters';
import FunnelChart from '@/components/dashboard/FunnelChart.vue';
import EChart from '@/components/common/EChart.vue';
import { reachedStageFilter, reachedStageParams } from '@/lib/funnel';
import { twoLevelFunnel } from './funnelFixture';

const levels = [
  { code: 'vip', name_zh: 'VIP客户', name_en: 'VIP' },
  { code: 'small', name_zh: '小客户', name_en: 'Small' },
];
const figures = { vip: { accounts: 3, value: '900.00' }, small: { accounts: 40, value: '100.00' } };

describe('the dashboard drill-down', () => {
  it('opens a pyramid level from its count', async () => {
    const wrapper = mount(PyramidChart, { props: { levels, figures }, global: { plugins: [i18n] } });
    await flushPromises();
    await wrapper.find('[data-test="pyramid-open-small"]').trigger('click');
    expect(wrapper.emitted('open')).toEqual([['small']]);
    wrapper.unmount();
  });

  it('lists the accounts of the class and period in the link, beside the other filters', () => {
    const f = filtersFromQuery({ pyramid: 'vip', period: '2024-01-01..2024-12-31', status: 'active' });
    expect(classParamsOf(f)).toEqual({ pyramid: 'vip', period: '2024-01-01..2024-12-31' });
    expect(whereOf(f)).toEqual(['status=active']);
    expect(whereOf(filtersFromQuery({ status: 'lost', churn_reason: 'moved' }))).toEqual([
      'status=lost',
      'churn_reason=moved',
    ]);
    // A period alone narrows nothing.
    expect(classParamsOf(filtersFromQuery({ period: '2024-01-01..2024-12-31' }))).toEqual({});
  });
});

describe('the funnel drill-down', () => {
  const report = twoLevelFunnel;

  it('opens the stage of a level from its count and from its piece of the chart', async () => {
    const wrapper = mount(FunnelChart, { props: { report }, global: { plugins: [i18n] } });
    await flushPromises();
    const link = wrapper.find('[data-test="funnel-open-proposals"]');
    expect(link.text()).toBe('4');
    await link.trigger('click');
    const chart = wrapper.findComponent(EChart);
    const option = chart.props('option') as { series: { data: unknown[] }[] };
    chart.vm.$emit('click', { data: option.series[0].data[0] });
    expect(wrapper.emitted('open')).toEqual([['D'], ['G']]);
    wrapper.unmount();
  });

  it('lists the stage, period, pipeline, owner and team in the link; a period alone narrows nothing', () => {
    const f = reachedStageFilter({ reached_stage: 'D', period: '2024-01-01..2024-12-31', pipeline: 'default', x: 'y' });
    expect(reachedStageParams(f)).toEqual({ reached_stage: 'D', period: '2024-01-01..2024-12-31', pipeline: 'default' });
    expect(reachedStageParams(reachedStageFilter({ period: '2024-01-01..2024-12-31', owner: '7' }))).toEqual({ owner: '7' });
    expect(reachedStageParams(reachedStageFilter({}))).toEqual({});
  });
});
