import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ForecastReport, FunnelReport, Pipeline } from '@/api/types';
import { setLocale, i18n } from '@/i18n';
import { loadPipeline, resetPipeline, usePipeline } from '@/composables/usePipeline';
import { idRuns } from '@/composables/useAccountNames';
import { attitudePaths } from '@/lib/attitudes';
import { forecastSeries, monthsOf } from '@/lib/forecast';
import { bpText, funnelLevels } from '@/lib/funnel';
import ForecastChart from '@/components/dashboard/ForecastChart.vue';
import FunnelChart from '@/components/dashboard/FunnelChart.vue';
import EChart from '@/components/common/EChart.vue';

const json = (body: unknown) =>
  new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });

// An administrator's pipeline, not the built-in one: fewer stages, other names and odds.
const pipeline: Pipeline = {
  name: 'default',
  version: 3,
  stages: [
    { code: 'Q', name_zh: '线索', name_en: 'Qualify', probability: 15, kind: 'open', status: 'initial_visit' },
    { code: 'P', name_zh: '方案', name_en: 'Propose', probability: 40, kind: 'open', status: 'proposal' },
    { code: 'N', name_zh: '谈判', name_en: 'Negotiate', probability: 80, kind: 'open', status: 'negotiation' },
    { code: 'W', name_zh: '赢单', name_en: 'Won', probability: 100, kind: 'won', status: 'maintenance' },
    { code: 'X', name_zh: '丢单', name_en: 'Lost', probability: 0, kind: 'lost', status: '' },
  ],
  commit_min_probability: 75,
  status_groups: [],
  funnel: [],
};

afterEach(() => {
  resetPipeline();
  setLocale('zh-CN');
  vi.unstubAllGlobals();
});

describe('the pipeline store', () => {
  it('reads the stages from the API once and names them in the chosen language', async () => {
    const fetchMock = vi.fn().mockImplementation(async () => json(pipeline));
    vi.stubGlobal('fetch', fetchMock);

    const board = usePipeline();
    const drawer = usePipeline(); // a second screen shares the same load
    await board.ready();
    await flushPromises();

    expect(fetchMock).toHaveBeenCalledOnce();
    expect(fetchMock.mock.calls[0][0]).toBe('/api/settings/pipelines/default');
    expect(board.stages.value.map((s) => s.code)).toEqual(['Q', 'P', 'N', 'W', 'X']);
    expect(drawer.openStages.value.map((s) => `${s.code}${s.probability}`)).toEqual(['Q15', 'P40', 'N80']);
    expect(board.stageOf('N')?.kind).toBe('open');
    expect(board.stageLabel('P')).toBe('P 方案');
    setLocale('en');
    expect(board.stageLabel('P')).toBe('P Propose');
    expect(board.stageName('W')).toBe('Won');
    // A code the pipeline no longer has (an old history entry) shows as itself.
    expect(board.stageLabel('G')).toBe('G');
  });

  it('asks again after a failure, and after sign-out', async () => {
    const fetchMock = vi
      .fn()
      .mockResolvedValueOnce(new Response('{"title":"x","status":503,"detail":"down"}', { status: 503 }))
      .mockImplementation(async () => json(pipeline));
    vi.stubGlobal('fetch', fetchMock);

    const { error, stages } = usePipeline();
    await flushPromises();
    expect(error.value).toBeTruthy();
    expect(stages.value).toEqual([]);

    await loadPipeline();
    expect(stages.value).toHaveLength(5);
    expect(error.value).toBeNull();

    resetPipeline();
    expect(stages.value).toEqual([]);
    await loadPipeline();
    expect(fetchMock).toHaveBeenCalledTimes(3);
  });
});

const forecast: ForecastReport = {
  pipeline: 'default',
  pipeline_version: 0,
  period: '2026-11-01..2027-02-28',
  stages: [],
  commit_min_probability: 75,
  rows: [
    {
      group: { key: 202611, label: '2026-11' },
      count: 4,
      best_case: '549000.00',
      weighted: '99050.00',
      commit: '52000.00',
      won_count: 0,
      closed_won: '0.00',
    },
    {
      group: { key: 202701, label: '2027-01' },
      count: 2,
      best_case: '1000.50',
      weighted: '500.25',
      commit: '0.00',
      won_count: 1,
      closed_won: '300000.00',
    },
  ],
  total: {
    group: { key: 0, label: 'all' },
    count: 6,
    best_case: '550000.50',
    weighted: '99550.25',
    commit: '52000.00',
    won_count: 1,
    closed_won: '300000.00',
  },
};

describe('the forecast chart', () => {
  it('maps the report to one point per month of the period, empty months at zero', () => {
    expect(monthsOf('2026-11-01..2027-02-28')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(forecastSeries(forecast)).toEqual({
      months: ['2026-11', '2026-12', '2027-01', '2027-02'],
      bestCase: [549000, 0, 1000.5, 0],
      weighted: [99050, 0, 500.25, 0],
      commit: [52000, 0, 0, 0],
      closedWon: [0, 0, 300000, 0],
    });
    // A period it cannot read still charts the rows it has.
    expect(forecastSeries({ ...forecast, period: '' }).months).toEqual(['2026-11', '2027-01']);
  });

  it('shows the API’s exact totals and draws the months', async () => {
    const wrapper = mount(ForecastChart, { props: { report: forecast }, global: { plugins: [i18n] } });
    await flushPromises();
    expect(wrapper.find('[data-test="forecast-total-weighted"]').text()).toBe('¥99,550.25');
    expect(wrapper.find('[data-test="forecast-total-best-case"]').text()).toBe('¥550,000.50');
    const labels = wrapper.findAll('svg text').map((t) => t.text());
    expect(labels).toContain('2026-11');
    expect(labels).toContain('加权预测');
    wrapper.unmount();
  });
});

describe('the funnel diagnosis', () => {
  it('marks the level the API names as the leak', () => {
    const report = {
      funnel: [
        { code: 'leads', name_zh: '线索', name_en: 'Leads', stage: 'G', reference: 1250 },
        { code: 'contacts', name_zh: '接触', name_en: 'Contacts', stage: 'F', reference: 125 },
        { code: 'wins', name_zh: '成交', name_en: 'Wins', stage: 'S', reference: 1 },
      ],
      rows: [
        {
          group: { key: 0, label: 'all' },
          opportunities: 100,
          reached: [],
          conversion_bp: [],
          levels: [
            { reached: 100, conversion_bp: null, reference_bp: 0, attainment_bp: null },
            { reached: 40, conversion_bp: 4000, reference_bp: 1000, attainment_bp: 40000 },
            { reached: 1, conversion_bp: 250, reference_bp: 800, attainment_bp: 3125 },
          ],
          leak_level: 1,
          leak_stage: 'F',
        },
      ],
    } as unknown as FunnelReport;
    const levels = funnelLevels(report);
    expect(levels.map((l) => [l.code, l.reached, l.leak])).toEqual([
      ['leads', 100, false],
      ['contacts', 40, true],
      ['wins', 1, false],
    ]);
    expect(bpText(levels[2].attainment_bp)).toBe('31.3%');
    expect(bpText(null)).toBe('—');
  });
});

describe('the funnel chart', () => {
  // Issue: an administrator's funnel level name reached the chart's HTML tooltip as markup.
  it('shows an administrator’s level names in its tooltip as text, never as HTML', async () => {
    const hostile = '<img src=x onerror="alert(1)">';
    const report = {
      stages: [],
      funnel: [{ code: 'leads', name_zh: hostile, name_en: hostile, stage: 'G', reference: 1250 }],
      rows: [
        {
          group: { key: 0, label: 'all' },
          opportunities: 3,
          reached: [],
          conversion_bp: [],
          levels: [{ reached: 3, conversion_bp: null, reference_bp: 0, attainment_bp: null }],
          leak_level: null,
          leak_stage: null,
        },
      ],
    } as unknown as FunnelReport;
    const wrapper = mount(FunnelChart, { props: { report }, global: { plugins: [i18n] } });
    await flushPromises();
    const option = wrapper.findComponent(EChart).props('option') as {
      tooltip: { formatter: (p: unknown) => string };
      series: { data: unknown[] }[];
    };
    const tooltip = option.tooltip.formatter({ data: option.series[0].data[0] });
    expect(tooltip).toBe('&lt;img src=x onerror=&quot;alert(1)&quot;&gt; 3');
    expect(tooltip).not.toContain('<');
    wrapper.unmount();
  });
});

describe('helpers of the drawer and the board', () => {
  it('follow each member’s attitude from the original to the current', () => {
    const change = (member_id: number, from: string | null, to: string) =>
      ({ member_id, contact_id: 1, from_attitude: from, to_attitude: to, changed_at: '', changed_by: '' }) as never;
    const paths = attitudePaths([change(1, null, 'C'), change(2, null, 'D'), change(1, 'C', 'B'), change(1, 'B', 'A')]);
    expect(paths.get(1)).toEqual(['C', 'B', 'A']);
    expect(paths.get(2)).toEqual(['D']);
  });

  it('group account ids into runs one ranged page can read', () => {
    expect(idRuns([900, 3, 1, 499, 500, 2000], 500)).toEqual([[1, 3, 499, 500], [900], [2000]]);
  });
});
