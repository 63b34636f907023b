// The periods a sales target is set for, as the API names them: "2026-11", "2026-Q4", "2026".

import { fromFen, toFen } from './money';

export type PeriodKind = 'month' | 'quarter' | 'year';

/** The period of `kind` holding the day `today` (YYYY-MM-DD). */
export function periodOf(kind: PeriodKind, today: string): string {
  const [year, month] = today.split('-').map(Number);
  if (kind === 'year') return String(year);
  if (kind === 'quarter') return `${year}-Q${Math.floor((month - 1) / 3) + 1}`;
  return `${year}-${String(month).padStart(2, '0')}`;
}

/** The periods of `kind` from the start of last year to the end of next year, newest first. */
export function periodChoices(kind: PeriodKind, today: string): string[] {
  const year = Number(today.slice(0, 4));
  const out: string[] = [];
  for (let y = year + 1; y >= year - 1; y--) {
    if (kind === 'year') out.push(String(y));
    else if (kind === 'quarter') for (let q = 4; q >= 1; q--) out.push(`${y}-Q${q}`);
    else for (let m = 12; m >= 1; m--) out.push(`${y}-${String(m).padStart(2, '0')}`);
  }
  return out;
}

/** The last month of a period: the month the trend ends with. */
export function lastMonthOf(period: string): string {
  const quarter = /^(\d{4})-Q([1-4])$/.exec(period);
  if (quarter) return `${quarter[1]}-${String(Number(quarter[2]) * 3).padStart(2, '0')}`;
  if (/^\d{4}$/.test(period)) return `${period}-12`;
  return period;
}

/** Attainment (1 = 100%) as a whole percentage for a progress bar, and as text. */
export function attainmentPercent(attainment: number | null | undefined): number | null {
  if (attainment === null || attainment === undefined) return null;
  return Math.round(attainment * 1000) / 10;
}

/** The first and last day of a period ("2026-Q4" → 2026-10-01..2026-12-31), as the reports take it. */
export function periodRange(period: string): { from: string; to: string } {
  const quarter = /^(\d{4})-Q([1-4])$/.exec(period);
  const month = /^(\d{4})-(\d{2})$/.exec(period);
  let year: number;
  let first: number;
  let last: number;
  if (quarter) {
    year = Number(quarter[1]);
    first = (Number(quarter[2]) - 1) * 3 + 1;
    last = first + 2;
  } else if (month) {
    year = Number(month[1]);
    first = last = Number(month[2]);
  } else {
    year = Number(period);
    first = 1;
    last = 12;
  }
  const days = new Date(Date.UTC(year, last, 0)).getUTCDate();
  const two = (n: number) => String(n).padStart(2, '0');
  return { from: `${year}-${two(first)}-01`, to: `${year}-${two(last)}-${two(days)}` };
}

/**
 * Where a revenue target is headed: what was sold so far plus what the forecast expects of the
 * open opportunities closing in the period (its commit, or its best case), and that sum as a
 * share of the target (1 = 100%, null without a target).
 */
export function projectedAgainstTarget(
  actual: string,
  forecast: string,
  target: string | null | undefined,
): { amount: string; share: number | null } {
  const amount = toFen(actual) + toFen(forecast);
  const goal = target ? toFen(target) : 0n;
  return { amount: fromFen(amount), share: goal > 0n ? Number(amount) / Number(goal) : null };
}
