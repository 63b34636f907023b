import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRouter, createMemoryHistory } from 'vue-router';
import { i18n, setLocale } from '@/i18n';
import type { Segment, SegmentWorksheet as Sheet } from '@/api/types';
import SegmentWorksheet from '@/components/reports/SegmentWorksheet.vue';
import { json, serve } from './fakeServer';

afterEach(() => {
  setLocale('zh-CN');
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:any(.*)', component: { template: '<div />' } }] });

const segment = (over: Partial<Segment> = {}): Segment => ({
  product_line_id: 4,
  version: 2,
  code: 'CLOUD',
  name: '云服务',
  next_action: null,
  customers: 2,
  revenue: '1500.00',
  margin: '320.00',
  cost_to_serve: '375.00',
  net_margin: '-55.00',
  losing: 1,
  best: [{ id: 1, name: '杭州云栖科技', revenue: '1000.00', margin: '300.00', cost_to_serve: '25.00', net_margin: '275.00' }],
  worst: [{ id: 2, name: '宁波港务集团', revenue: '500.00', margin: '20.00', cost_to_serve: '350.00', net_margin: '-330.00' }],
  ...over,
});
const sheet = (mayEdit: boolean): Sheet => ({ period: '2026-01-01..2026-12-31', rule_version: 1, may_edit: mayEdit, segments: [segment()] });

describe('SegmentWorksheet', () => {
  it('writes the next action at the version read and shows the server’s problem under it', async () => {
    let answer: 'bad' | 'ok' = 'bad';
    const calls = serve({
      'GET /api/analysis/segments': () => json(sheet(true)),
      'PUT /api/analysis/segments/4/action': () =>
        answer === 'bad'
          ? json({ title: 'Bad Request', status: 400, detail: 'invalid', errors: [{ field: 'next_action', message: '含有控制字符' }] }, 400)
          : json({ product_line_id: 4, version: 3, next_action: '减少上门' }),
    });
    const wrapper = mount(SegmentWorksheet, { global: { plugins: [i18n, router] }, attachTo: document.body });
    await flushPromises();
    expect(wrapper.find('[data-test="segment-worst"]').text()).toContain('宁波港务集团');
    expect(wrapper.find('[data-test="segment-losing"]').text()).toContain('1');
    const box = wrapper.find('textarea[data-test="segment-next-action"]');
    await box.setValue('减少上门');
    await wrapper.find('[data-test="segment-save"]').trigger('click');
    await flushPromises();
    await vi.waitFor(() => expect(wrapper.text()).toContain('含有控制字符'), { timeout: 15_000 });
    answer = 'ok';
    await wrapper.find('[data-test="segment-save"]').trigger('click');
    await flushPromises();
    const puts = calls.filter((c) => c.method === 'PUT');
    expect(puts.map((c) => c.body)).toEqual([
      { next_action: '减少上门', version: 2 },
      { next_action: '减少上门', version: 2 },
    ]);
    // Saved: the button waits for the next change.
    expect(wrapper.find('[data-test="segment-save"]').attributes('disabled')).toBeDefined();
  });

  it('gives a reader who may not write no way to change it', async () => {
    serve({ 'GET /api/analysis/segments': () => json(sheet(false)) });
    const wrapper = mount(SegmentWorksheet, { global: { plugins: [i18n, router] }, attachTo: document.body });
    await flushPromises();
    expect(wrapper.find('[data-test="segment-save"]').exists()).toBe(false);
    expect(wrapper.find('textarea[data-test="segment-next-action"]').attributes('readonly')).toBeDefined();
  });
});
