// The weighted forecast by month as a chart draws it: one point per month of the report's
// period, months without opportunities at zero, amounts in yuan as numbers (a chart needs
// no more than float precision; totals on screen come exact from the API).
import type { ForecastReport, ForecastRow } from '@/api/types';

export interface ForecastSeries {
  /** "2026-11", … */
  months: string[];
  bestCase: number[];
  weighted: number[];
  commit: number[];
  closedWon: number[];
}

/** A report's month rows carry yyyymm keys; their labels are "yyyy-mm". */
const monthLabel = (key: number) => `${Math.floor(key / 100)}-${String(key % 100).padStart(2, '0')}`;

/** Every month from the period's first to its last, at most `cap` of them; [] if unreadable. */
export function monthsOf(period: string, cap = 60): string[] {
  const match = /^(\d{4})-(\d{2})-\d{2}\.\.(\d{4})-(\d{2})-\d{2}$/.exec(period);
  if (!match) return [];
  let key = Number(match[1]) * 100 + Number(match[2]);
  const last = Number(match[3]) * 100 + Number(match[4]);
  const months: string[] = [];
  while (key <= last && months.length < cap) {
    months.push(monthLabel(key));
    key = key % 100 === 12 ? key + 89 : key + 1; // 202612 → 202701
  }
  return months;
}

export function forecastSeries(report: Pick<ForecastReport, 'period' | 'rows'>): ForecastSeries {
  const byMonth = new Map<string, ForecastRow>(report.rows.map((r) => [monthLabel(r.group.key), r]));
  // The period's months, and any row outside them (a period too long to list) in order.
  const months = [...new Set([...monthsOf(report.period), ...byMonth.keys()])].sort();
  const pick = (field: 'best_case' | 'weighted' | 'commit' | 'closed_won') =>
    months.map((m) => Number(byMonth.get(m)?.[field] ?? 0));
  return {
    months,
    bestCase: pick('best_case'),
    weighted: pick('weighted'),
    commit: pick('commit'),
    closedWon: pick('closed_won'),
  };
}
