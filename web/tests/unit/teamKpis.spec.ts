import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { i18n, setLocale } from '@/i18n';
import type { TeamKpiRate, TeamKpiRow, TeamKpis } from '@/api/types';
import TeamKpiReport from '@/components/reports/TeamKpiReport.vue';
import { hours, leakName, personChoices, personRows, ratePercent, teamRows } from '@/lib/teamKpis';
import { json, serve } from './fakeServer';

afterEach(() => {
  setLocale('zh-CN');
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

const rate = (numerator: number, denominator: number, bp: number | null, below = false): TeamKpiRate => ({
  numerator,
  denominator,
  bp,
  below_target: below,
});

const funnel = [
  { code: 'leads', name_zh: '线索', name_en: 'Leads', stage: 'G', reference: 1250 },
  { code: 'contacts', name_zh: '接触', name_en: 'Contacts', stage: 'F', reference: 125 },
  { code: 'proposals', name_zh: '方案', name_en: 'Proposals', stage: 'D', reference: 25 },
  { code: 'negotiations', name_zh: '谈判', name_en: 'Negotiations', stage: 'B', reference: 5 },
  { code: 'wins', name_zh: '成交', name_en: 'Wins', stage: 'S', reference: 1 },
];

const row = (id: number, name: string, over: Partial<TeamKpiRow> = {}): TeamKpiRow => ({
  id,
  name,
  team_id: null,
  ordered: '0.00',
  minutes: 0,
  per_hour: null,
  opportunities: 0,
  funnel: funnel.map((_, i) => ({ reached: 0, conversion_bp: null, reference_bp: i === 0 ? 0 : 1000, attainment_bp: null })),
  leak_level: null,
  leak_stage: null,
  forecast: { snapshot: false, weighted: null, won: null, ratio_bp: null },
  cadence: [{ tier: 'vip', days: 7, kept: rate(0, 0, null) }],
  cadence_total: rate(0, 0, null),
  awareness: rate(0, 0, null),
  effectiveness: rate(0, 0, null),
  competitor: rate(0, 0, null),
  ...over,
});

// Two teams; am2 (east) leaks at proposals, am3 (north) at leads, am1 has no leak.
const report: TeamKpis = {
  period: '2026-01-01..2026-12-31',
  as_of: '2026-12-31',
  reach: 'all',
  rules: {
    version: 0,
    effective_within_days: 30,
    awareness_target_bp: 8000,
    effectiveness_target_bp: 5000,
    competitor_target_bp: 8000,
    cadence_target_bp: 8000,
  },
  funnel,
  tiers: [{ code: 'vip', name_zh: 'VIP客户', name_en: 'VIP', days: 7 }],
  teams: [row(1, '华东一组'), row(2, '华北组')],
  people: [
    row(13, 'am3', { team_id: 2, opportunities: 1, leak_level: 'leads', leak_stage: 'G' }),
    row(11, 'am1', {
      team_id: 1,
      ordered: '510000.00',
      minutes: 210,
      per_hour: '145714.29',
      opportunities: 3,
      awareness: rate(1, 3, 3333, true),
      effectiveness: rate(1, 2, 5000),
    }),
    row(12, 'am2', { team_id: 1, opportunities: 1, leak_level: 'proposals', leak_stage: 'D' }),
  ],
};

describe('team KPI rows', () => {
  it('shows rates as whole percentages and hours to a tenth', () => {
    expect(ratePercent(rate(1, 3, 3333))).toBe('33%');
    expect(ratePercent(rate(0, 0, null))).toBe('—');
    expect(hours(210)).toBe('3.5');
    expect(hours(100)).toBe('1.7');
  });

  it('names the leaking level as the pipeline names it, with its stage', () => {
    expect(leakName(report, report.people[2], 'zh-CN')).toBe('方案 (D)');
    expect(leakName(report, report.people[2], 'en')).toBe('Proposals (D)');
    expect(leakName(report, report.people[1], 'en')).toBeNull();
  });

  it('groups people by team in the order of the teams, and filters by team and person', () => {
    const none = { team: null, person: null };
    expect(personRows(report, none).map((p) => p.name)).toEqual(['am1', 'am2', 'am3']);
    expect(teamRows(report, none)).toHaveLength(2);
    expect(personRows(report, { team: 2, person: null }).map((p) => p.name)).toEqual(['am3']);
    expect(teamRows(report, { team: 2, person: null }).map((t) => t.name)).toEqual(['华北组']);
    expect(personRows(report, { team: null, person: 12 }).map((p) => p.name)).toEqual(['am2']);
    expect(teamRows(report, { team: null, person: 12 })).toEqual([]);
    expect(personChoices(report, 1).map((p) => p.id)).toEqual([11, 12]);
  });
});

describe('TeamKpiReport', () => {
  it('shows each person with the leaking stage named, below-target rates marked, and filters to a team', async () => {
    serve({ 'GET /api/reports/team-kpis': () => json(report) });
    setLocale('en');
    const wrapper = mount(TeamKpiReport, { props: { period: '' }, global: { plugins: [i18n] }, attachTo: document.body });
    await flushPromises();
    const people = wrapper.find('[data-test="team-kpis-people"]');
    expect(people.text()).toContain('am1');
    expect(people.text()).toContain('¥145,714.29');
    const leaks = wrapper.findAll('[data-test="team-kpis-people"] [data-test="team-kpis-leak"]').map((w) => w.text());
    expect(leaks).toEqual(['Proposals (D)', 'Leads (G)']);
    const awareness = wrapper.findAll('[data-test="team-kpis-people"] [data-test="team-kpis-awareness"]');
    expect(awareness[0].text()).toBe('33%');
    expect(awareness[0].classes()).toContain('below');
    expect(wrapper.find('[data-test="team-kpis-teams"]').text()).toContain('华北组');
    expect(wrapper.text()).toContain('1250:125:25:5:1');

    const vm = wrapper.findComponent(TeamKpiReport).vm as unknown as { team: number | null };
    vm.team = 2;
    await flushPromises();
    const names = wrapper.findAll('[data-test="team-kpis-people"] [data-test="team-kpis-name"]').map((w) => w.text());
    expect(names).toEqual(['am3']);
    expect(wrapper.find('[data-test="team-kpis-teams"]').text()).not.toContain('华东一组');
  });

  it('shows an account manager only their row, without filters', async () => {
    const own: TeamKpis = { ...report, reach: 'own', teams: [], people: [report.people[1]] };
    serve({ 'GET /api/reports/team-kpis': () => json(own) });
    const wrapper = mount(TeamKpiReport, { global: { plugins: [i18n] }, attachTo: document.body });
    await flushPromises();
    expect(wrapper.find('[data-test="team-kpis-teams"]').exists()).toBe(false);
    expect(wrapper.find('[data-test="team-kpis-team"]').exists()).toBe(false);
    expect(wrapper.find('[data-test="team-kpis-person"]').exists()).toBe(false);
    expect(wrapper.find('[data-test="team-kpis-people"]').text()).toContain('am1');
    expect(wrapper.find('[data-test="team-kpis-no-leak"]').text()).toBe('无漏点');
  });
});
