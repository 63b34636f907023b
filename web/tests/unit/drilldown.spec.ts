import { describe, expect, it } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { i18n } from '@/i18n';
import PyramidChart from '@/components/dashboard/PyramidChart.vue';
import { classParamsOf, filtersFromQuery, whereOf } from '@/components/accounts/accountFilters';

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
