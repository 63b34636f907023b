import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { i18n, setLocale } from '@/i18n';
import type { AccountAnalysis, Analysis } from '@/api/types';
import AccountClasses from '@/components/account/AccountClasses.vue';
import PyramidChart from '@/components/dashboard/PyramidChart.vue';
import TierChart from '@/components/dashboard/TierChart.vue';
import { levelName, levelNameOf } from '@/lib/levels';
import { paretoPoints } from '@/lib/pareto';

// An administrator's rules: a three-level pyramid and two spend tiers, none of them built in,
// sent in an order that is not alphabetical, with one level that has no English name.
const analysis: Analysis = {
  period: '2025-01-01..2025-12-31',
  rule_version: 7,
  computed_at: '2026-01-01T00:00:00Z',
  refreshing: false,
  levels: {
    pyramid: [
      { code: 'strategic', name_zh: '战略客户', name_en: 'Strategic' },
      { code: 'growth', name_zh: '成长客户', name_en: 'Growth' },
      { code: 'base', name_zh: '基础客户', name_en: '' },
    ],
    abc: [
      { code: 'A', name_zh: 'A 类', name_en: 'Class A' },
      { code: 'B', name_zh: 'B 类', name_en: 'Class B' },
      { code: 'C', name_zh: 'C 类', name_en: 'Class C' },
    ],
    spend_tiers: [
      { code: 'tier1', name_zh: '一级客户', name_en: 'First tier' },
      { code: 'tier2', name_zh: '二级客户', name_en: 'Second tier' },
    ],
    card_tiers: [],
    rfm_segments: [],
  },
  pyramid: {
    base: { accounts: 70, value: '700.00' },
    growth: { accounts: 25, value: '2500.00' },
    strategic: { accounts: 5, value: '6800.00' },
  },
  abc: {
    A: { accounts: 9, value: '8000.00' },
    B: { accounts: 21, value: '1500.00' },
    C: { accounts: 70, value: '500.00' },
  },
  spend_tiers: {
    tier1: { accounts: 4, value: '6000.00' },
    tier2: { accounts: 33, value: '3000.00' },
  },
  card_tiers: {},
  rfm_segments: {},
  categories: Object.fromEntries(['spending', 'important', 'comprehensive', 'specialised', 'nationwide', 'regional'].map((c) => [c, { accounts: 0, value: '0.00' }])) as Analysis['categories'],
  pareto: { customers: 100, customer_share_for_80_percent: 0.09, curve: [] },
};

const svgTexts = (wrapper: ReturnType<typeof mount>) => wrapper.findAll('svg text').map((t) => t.text());

afterEach(() => {
  setLocale('zh-CN');
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

describe('the pyramid chart', () => {
  it("shows an administrator's levels in the API's order, with their names and counts", async () => {
    const wrapper = mount(PyramidChart, {
      props: { levels: analysis.levels.pyramid, figures: analysis.pyramid },
      global: { plugins: [i18n] },
    });
    await flushPromises();
    const rows = wrapper.findAll('[data-test="pyramid-table"] tbody tr').map((r) => r.find('td').text());
    expect(rows).toEqual(['战略客户', '成长客户', '基础客户']);
    const counts = wrapper.findAll('[data-level]').map((c) => [c.attributes('data-level'), c.text()]);
    expect(counts).toEqual([
      ['strategic', '5'],
      ['growth', '25'],
      ['base', '70'],
    ]);
    expect(svgTexts(wrapper)).toEqual(expect.arrayContaining(['战略客户 5', '成长客户 25', '基础客户 70']));
    expect(wrapper.text()).not.toMatch(/VIP|主要客户|小客户/);
    wrapper.unmount();
  });

  it('names the levels in English, in the Chinese name where the rules give no English one', async () => {
    setLocale('en');
    const wrapper = mount(PyramidChart, {
      props: { levels: analysis.levels.pyramid, figures: analysis.pyramid },
      global: { plugins: [i18n] },
    });
    await flushPromises();
    const rows = wrapper.findAll('[data-test="pyramid-table"] tbody tr').map((r) => r.find('td').text());
    expect(rows).toEqual(['Strategic', 'Growth', '基础客户']);
    expect(svgTexts(wrapper)).toContain('Strategic 5');
    wrapper.unmount();
  });
});

describe('the tier chart', () => {
  it("labels the administrator's spend tiers, then the ABC classes, by the API's names", async () => {
    const wrapper = mount(TierChart, { props: { analysis }, global: { plugins: [i18n] } });
    await flushPromises();
    const texts = svgTexts(wrapper);
    const labels = ['一级客户', '二级客户', 'A 类', 'B 类', 'C 类'];
    const shown = texts.filter((t) => labels.includes(t));
    expect(shown).toEqual(labels);
    // The bars' counts, each above its own level.
    expect(texts).toEqual(expect.arrayContaining(['4', '33', '9', '21', '70']));
    expect(texts.join(' ')).not.toMatch(/钻石|白金|黄金|贵宾/);

    setLocale('en');
    await flushPromises();
    const english = ['First tier', 'Second tier', 'Class A', 'Class B', 'Class C'];
    expect(svgTexts(wrapper).filter((t) => english.includes(t))).toEqual(english);
    wrapper.unmount();
  });
});

describe("the account's classes", () => {
  it('are named by the levels that come with them', async () => {
    const explained: AccountAnalysis = {
      account_id: 3,
      period: analysis.period,
      rule_version: 7,
      levels: analysis.levels,
      value: '900.00',
      rank: 4,
      pyramid: 'growth',
      abc: 'B',
      spend_tier: null,
      card_tier: 'gold',
      rfm_segment: null,
      downgraded: false,
      explanation: [],
    };
    const body = JSON.stringify(explained);
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(body, { headers: { 'Content-Type': 'application/json' } })),
    );
    const wrapper = mount(AccountClasses, { props: { accountId: 3 }, global: { plugins: [i18n] } });
    await flushPromises();
    const tag = (name: string) => wrapper.find(`[data-test="class-${name}"]`).text();
    expect([tag('pyramid'), tag('abc'), tag('spend-tier')]).toEqual(['成长客户', 'B 类', '未排名']);
    setLocale('en');
    await flushPromises();
    expect([tag('pyramid'), tag('abc')]).toEqual(['Growth', 'Class B']);
    wrapper.unmount();
  });
});

describe('level names', () => {
  it('fall back to the other language, then to the code', () => {
    const level = { code: 'x', name_zh: '某级', name_en: '' };
    expect(levelName(level, 'en')).toBe('某级');
    expect(levelName({ code: 'x', name_zh: '', name_en: '' }, 'zh-CN')).toBe('x');
    expect(levelNameOf(analysis.levels.spend_tiers, 'tier2', 'en')).toBe('Second tier');
    expect(levelNameOf(analysis.levels.spend_tiers, null, 'en')).toBeNull();
  });
});

describe('the Pareto points', () => {
  it("follow the administrator's pyramid levels in the API's order", () => {
    const points = paretoPoints(analysis).map((p) => [p.customers, Math.round(p.value * 100) / 100]);
    // strategic 5 → 68 %, then growth 25 → 93 %, not in the figures' key order.
    expect(points).toContainEqual([0.05, 0.68]);
    expect(points).toContainEqual([0.3, 0.93]);
  });
});
