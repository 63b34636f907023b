import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { i18n } from '@/i18n';
import { funnelDrillQuery } from '@/lib/funnel';
import { twoLevelFunnel } from './funnelFixture';

// The sales reports' funnel: the report over the page's period (and an owner or team), and a
// click on a level opening the opportunity list as the dashboard's funnel does.
const push = vi.fn();
vi.mock('vue-router', () => ({ useRouter: () => ({ push }) }));
const fetchFunnel = vi.fn();
vi.mock('@/api/pipeline', () => ({ fetchFunnel: (...args: unknown[]) => fetchFunnel(...args) }));
vi.mock('@/api/records', () => ({ listAll: async () => [{ id: 3, name: '华东' }] }));
vi.mock('@/composables/useUsers', async () => {
  const { ref } = await import('vue');
  return { useUsers: () => ({ active: ref([{ id: 7, display_name: '王经理' }]), nameOf: () => '' }) };
});

const report = twoLevelFunnel;

afterEach(() => {
  push.mockReset();
  fetchFunnel.mockReset();
});

describe('the sales reports funnel', () => {
  it('links a level to its stage over the funnel’s period and pipeline, with the owner or team it was narrowed to', () => {
    expect(funnelDrillQuery(report, 'D')).toEqual({
      reached_stage: 'D',
      period: '2024-01-01..2024-12-31',
      pipeline: 'default',
    });
    expect(funnelDrillQuery(report, 'D', '7', '')).toEqual({
      reached_stage: 'D',
      period: '2024-01-01..2024-12-31',
      pipeline: 'default',
      owner: '7',
    });
  });

  it('asks for the page’s period and opens the opportunities of the level clicked', async () => {
    fetchFunnel.mockResolvedValue(report);
    const SalesFunnel = (await import('@/components/reports/SalesFunnel.vue')).default;
    const wrapper = mount(SalesFunnel, { props: { period: '2024-01-01..2024-12-31' }, global: { plugins: [i18n] } });
    await flushPromises();
    expect(fetchFunnel).toHaveBeenCalledWith('2024-01-01..2024-12-31', undefined, undefined);
    await wrapper.find('[data-test="funnel-open-proposals"]').trigger('click');
    expect(push).toHaveBeenCalledWith({
      name: 'opportunities',
      query: { reached_stage: 'D', period: '2024-01-01..2024-12-31', pipeline: 'default' },
    });
    wrapper.unmount();
  });
});
