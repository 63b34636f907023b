import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { i18n, setLocale } from '@/i18n';
import type { AttainmentRow, TargetAttainment, TargetCell } from '@/api/types';
import TargetDialog from '@/components/targets/TargetDialog.vue';
import TargetsView from '@/views/TargetsView.vue';
import { localDate } from '@/lib/dates';
import { lastMonthOf, periodChoices, periodOf, periodRange, projectedAgainstTarget } from '@/lib/targetPeriods';
import { json, serve } from './fakeServer';

afterEach(() => {
  setLocale('zh-CN');
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

const cell = (over: Partial<TargetCell> = {}): TargetCell => ({
  target_id: null,
  target_version: null,
  target: null,
  actual: null,
  attainment: null,
  rank: null,
  team_rank: null,
  ...over,
});

describe('target periods', () => {
  it('names the month, quarter and year of a day as the API does', () => {
    expect(periodOf('month', '2026-11-15')).toBe('2026-11');
    expect(periodOf('quarter', '2026-11-15')).toBe('2026-Q4');
    expect(periodOf('quarter', '2026-01-01')).toBe('2026-Q1');
    expect(periodOf('year', '2026-11-15')).toBe('2026');
    expect(periodChoices('quarter', '2026-11-15')).toHaveLength(12);
    expect(periodChoices('quarter', '2026-11-15')[0]).toBe('2027-Q4');
    expect(lastMonthOf('2026-Q2')).toBe('2026-06');
    expect(lastMonthOf('2026')).toBe('2026-12');
    expect(lastMonthOf('2026-03')).toBe('2026-03');
  });
});

describe('forecast against a target', () => {
  it('spans the days of a period', () => {
    expect(periodRange('2026-Q4')).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(periodRange('2024-02')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(periodRange('2026')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
  });

  it('adds the forecast to what was sold, exactly, and shares it out of the target', () => {
    expect(projectedAgainstTarget('200000.10', '50000.15', '500000.00')).toEqual({ amount: '250000.25', share: 0.5000005 });
    expect(projectedAgainstTarget('10.00', '0.00', null)).toEqual({ amount: '10.00', share: null });
  });
});

describe('TargetDialog', () => {
  const props = {
    modelValue: true,
    scope: 'team' as const,
    scopeId: 3,
    name: '华东一组',
    period: '2026-Q4',
    metric: 'revenue' as const,
    money: true,
  };

  it('shows the server’s problem with the value under the field', async () => {
    serve({
      'PUT /api/targets': () =>
        json({ title: 'Bad Request', status: 400, detail: 'invalid', errors: [{ field: 'value', message: 'must not be negative' }] }, 400),
    });
    const wrapper = mount(TargetDialog, { props: { ...props, cell: null }, global: { plugins: [i18n] }, attachTo: document.body });
    await flushPromises();
    const input = document.querySelector<HTMLInputElement>('input[data-test="target-value"]')!;
    input.value = '-5';
    input.dispatchEvent(new Event('input'));
    document.querySelector<HTMLButtonElement>('[data-test="target-save"]')!.click();
    await flushPromises();
    await vi.waitFor(() => expect(document.querySelector('.el-form-item__error')?.textContent ?? '').toContain('must not be negative'), {
      timeout: 15_000,
    });
    expect(wrapper.emitted('saved')).toBeUndefined();
  });

  it('changes a target at the version it read', async () => {
    const calls = serve({
      'PUT /api/targets': () =>
        json({ id: 9, version: 3, scope: 'team', scope_id: 3, period: '2026-Q4', metric: 'revenue', value: '350000.00', updated_at: '2026-11-15T10:00:00Z' }),
    });
    const wrapper = mount(TargetDialog, {
      props: { ...props, cell: cell({ target_id: 9, target_version: 2, target: '300000.00' }) },
      global: { plugins: [i18n] },
      attachTo: document.body,
    });
    await flushPromises();
    const input = document.querySelector<HTMLInputElement>('input[data-test="target-value"]')!;
    expect(input.value).toBe('300000.00');
    input.value = '350,000';
    input.dispatchEvent(new Event('input'));
    document.querySelector<HTMLButtonElement>('[data-test="target-save"]')!.click();
    await flushPromises();
    expect(calls[0].body).toEqual({ scope: 'team', scope_id: 3, period: '2026-Q4', metric: 'revenue', value: '350,000', version: 2 });
    expect(wrapper.emitted('saved')).toHaveLength(1);
  });
});

describe('TargetsView', () => {
  const row = (id: number, name: string, over: Partial<AttainmentRow>, revenue: TargetCell): AttainmentRow => ({
    id,
    name,
    figures: true,
    may_edit: false,
    metrics: { revenue },
    ...over,
  });

  it('shows an account manager their own figures and only their peers’ attainment and rank, with no edit controls', async () => {
    const answer: TargetAttainment = {
      period: '2026-Q4',
      kind: 'quarter',
      start: '2026-10-01',
      end: '2026-12-31',
      as_of: '2026-11-15',
      metrics: [{ code: 'revenue', money: true }],
      may_edit: false,
      teams: [row(1, '华东一组', { figures: false }, cell({ attainment: 0.5, rank: 2 }))],
      people: [
        row(7, '陈经理', { team_id: 1, figures: false }, cell({ attainment: 0.25, team_rank: 1 })),
        row(8, '王客户经理', { team_id: 1 }, cell({ target: '100000.00', actual: '20000.00', attainment: 0.2, team_rank: 2 })),
      ],
    };
    serve({
      'GET /api/targets/attainment': () => json(answer),
      'GET /api/targets/trend': () => json({ metric: 'revenue', money: true, months: [] }),
    });
    const wrapper = mount(TargetsView, { global: { plugins: [i18n] }, attachTo: document.body });
    await flushPromises();
    const text = wrapper.find('[data-test="targets-table"]').text();
    expect(text).toContain('王客户经理');
    expect(text).toContain('¥20,000.00');
    expect(text).toContain('25%');
    expect(text).not.toContain('0.25');
    expect(wrapper.findAll('[data-test="targets-edit"]')).toHaveLength(0);
    const targets = wrapper.findAll('[data-test="targets-target"]').map((w) => w.text());
    expect(targets).toEqual(['—', '—', '¥100,000.00']);
  });
  it('shows where each visible row is headed: sales so far plus the commit and best case closing in the period', async () => {
    const period = periodOf('quarter', localDate());
    const { from, to } = periodRange(period);
    const answer: TargetAttainment = {
      period,
      kind: 'quarter',
      start: from,
      end: to,
      as_of: localDate(),
      metrics: [{ code: 'revenue', money: true }],
      may_edit: false,
      teams: [row(1, '华东一组', {}, cell({ target: '1000000.00', actual: '400000.00', attainment: 0.4, rank: 1 }))],
      people: [
        row(8, '王客户经理', { team_id: 1 }, cell({ target: '500000.00', actual: '100000.00', attainment: 0.2, team_rank: 1 })),
        row(9, '李客户经理', { team_id: 1, figures: false }, cell({ attainment: 0.6, team_rank: 2 })),
      ],
    };
    const forecastRow = (key: number, commit: string, best: string) => ({
      group: { key, label: '' },
      count: 1,
      best_case: best,
      weighted: '0.00',
      commit,
      won_count: 0,
      closed_won: '0.00',
    });
    const forecast = (rows: ReturnType<typeof forecastRow>[]) => ({
      pipeline: 'default',
      pipeline_version: 0,
      stages: [],
      period: `${from}..${to}`,
      rows,
      commit_min_probability: 75,
      total: forecastRow(0, '0.00', '0.00'),
    });
    const calls = serve({
      'GET /api/targets/attainment': () => json(answer),
      'GET /api/targets/trend': () => json({ metric: 'revenue', money: true, months: [] }),
      'GET /api/reports/forecast': (call) =>
        json(
          new URL(call.url, 'http://kam').searchParams.get('by') === 'team'
            ? forecast([forecastRow(1, '300000.00', '700000.00')])
            : forecast([forecastRow(8, '150000.00', '250000.00'), forecastRow(9, '1.00', '2.00')]),
        ),
    });
    const wrapper = mount(TargetsView, { global: { plugins: [i18n] }, attachTo: document.body });
    await flushPromises();
    const commits = wrapper.findAll('[data-test="targets-commit"]').map((w) => w.text());
    const best = wrapper.findAll('[data-test="targets-best-case"]').map((w) => w.text());
    // 李客户经理's figures are not the viewer's to see: no forecast either.
    expect(commits).toEqual(['¥700,000.00 (70%)', '¥250,000.00 (50%)']);
    expect(best).toEqual(['¥1,100,000.00 (110%)', '¥350,000.00 (70%)']);
    const asked = calls
      .filter((c) => c.url.startsWith('/api/reports/forecast'))
      .map((c) => new URL(c.url, 'http://kam').searchParams.get('period'));
    expect(asked).toEqual([`${from}..${to}`, `${from}..${to}`]);
  });
});
