import type { Analysis, ClassFigures, Level } from '@/api/types';
import { toFen } from './money';

export interface ParetoPoint {
  /** Share of ranked customers, 0 … 1, from the top. */
  customers: number;
  /** Their share of the value, 0 … 1. */
  value: number;
}

/**
 * Points of the Pareto curve that the analysis fixes exactly. The API gives the pyramid
 * levels and ABC classes (each a run of customers by rank, from the top, in the order of
 * `analysis.levels`) and the share of customers that make 80 %, not the curve itself; every
 * class boundary is a point of it.
 */
export function paretoPoints(analysis: Analysis): ParetoPoint[] {
  const inOrder = (levels: Level[], figures: Analysis['pyramid']): ClassFigures[] =>
    levels.map((l) => figures[l.code] ?? { accounts: 0, value: '0.00' });
  const pyramid = inOrder(analysis.levels.pyramid, analysis.pyramid);
  const customers = pyramid.reduce((n, run) => n + run.accounts, 0);
  const total = pyramid.reduce((sum, run) => sum + toFen(run.value), 0n);
  if (customers === 0 || total <= 0n) return [];

  const points: ParetoPoint[] = [{ customers: 0, value: 0 }];
  const addRuns = (runs: ClassFigures[]) => {
    let n = 0;
    let value = 0n;
    for (const run of runs) {
      n += run.accounts;
      value += toFen(run.value);
      points.push({ customers: n / customers, value: Number(value) / Number(total) });
    }
  };
  addRuns(pyramid);
  addRuns(inOrder(analysis.levels.abc, analysis.abc));
  points.push({ customers: analysis.pareto.customer_share_for_80_percent, value: 0.8 });

  points.sort((a, b) => a.customers - b.customers || a.value - b.value);
  // The last pyramid and ABC runs both end at (1, 1): keep each point once.
  return points.filter(
    (p, i) => i === 0 || Math.abs(p.customers - points[i - 1].customers) > 1e-9,
  );
}
