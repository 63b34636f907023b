// Team KPIs (团队指标): the rows the table shows under the team and person filters, rates as
// percentages, and the funnel level where a person's funnel leaks named as the rules name it.
import type { TeamKpiRate, TeamKpiRow, TeamKpis } from '@/api/types';
import { levelName } from '@/lib/levels';

/** A rate in basis points as a whole percentage ("33%"); "—" when there is nothing to divide. */
export function ratePercent(rate: Pick<TeamKpiRate, 'bp'>): string {
  return rate.bp === null ? '—' : `${Math.round(rate.bp / 100)}%`;
}

/** "1/3" – what the rate counts, for a tooltip. */
export function rateCounts(rate: TeamKpiRate): string {
  return `${rate.numerator}/${rate.denominator}`;
}

/** Selling hours from activity minutes, to one decimal. */
export function hours(minutes: number): string {
  return (Math.round(minutes / 6) / 10).toFixed(1);
}

/** The name of the funnel level where the row's funnel leaks, with its stage code; null without a leak. */
export function leakName(report: Pick<TeamKpis, 'funnel'>, row: Pick<TeamKpiRow, 'leak_level' | 'leak_stage'>, locale: string): string | null {
  if (row.leak_level === null) return null;
  const level = report.funnel.find((l) => l.code === row.leak_level);
  const name = level ? levelName(level, locale) : row.leak_level;
  return row.leak_stage ? `${name} (${row.leak_stage})` : name;
}

export interface KpiFilter {
  team: number | null;
  person: number | null;
}

/** The team rows under the filter: the chosen team's, or all (none once a person is chosen). */
export function teamRows(report: TeamKpis, filter: KpiFilter): TeamKpiRow[] {
  if (filter.person !== null) return [];
  return report.teams.filter((t) => filter.team === null || t.id === filter.team);
}

/** The people under the filter, grouped by team in the order of the team rows, then those without a team. */
export function personRows(report: TeamKpis, filter: KpiFilter): TeamKpiRow[] {
  const order = new Map(report.teams.map((t, i) => [t.id, i]));
  const rank = (r: TeamKpiRow) => (r.team_id === null ? report.teams.length : (order.get(r.team_id) ?? report.teams.length));
  return report.people
    .filter((p) => filter.team === null || p.team_id === filter.team)
    .filter((p) => filter.person === null || p.id === filter.person)
    .map((p, i) => ({ p, i }))
    .sort((a, b) => rank(a.p) - rank(b.p) || a.i - b.i)
    .map(({ p }) => p);
}

/** The people the person filter offers: those of the chosen team, or everyone shown. */
export function personChoices(report: TeamKpis, team: number | null): { id: number; name: string }[] {
  return report.people.filter((p) => team === null || p.team_id === team).map((p) => ({ id: p.id, name: p.name }));
}

/** The name of a person's team, from the team rows the viewer sees; '' when not among them. */
export function teamName(report: TeamKpis, teamId: number | null): string {
  if (teamId === null) return '';
  return report.teams.find((t) => t.id === teamId)?.name ?? '';
}
