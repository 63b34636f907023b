// The sales-analysis page's figures, shaped for its charts and tables.
import type { SalesRoiReport, VelocityReport } from '@/api/pipeline';
import type { CompetitorRating } from '@/api/types';

export interface VelocityBar {
  code: string;
  name: string;
  medianDays: number;
  samples: number;
}

/** Median days per stage, for the stages an opportunity passes through (not won or lost). */
export function velocityBars(report: VelocityReport, locale: string): VelocityBar[] {
  const row = report.rows[0];
  if (!row) return [];
  return report.stages.flatMap((stage, i) => {
    const cell = row.stages[i];
    if (!cell || !cell.samples || cell.median_days === null) return [];
    return [
      {
        code: stage.code,
        name: `${stage.code} ${locale === 'en' ? stage.name_en : stage.name_zh}`,
        medianDays: cell.median_days,
        samples: cell.samples,
      },
    ];
  });
}

export interface RoiRow {
  ownerId: number;
  won: string;
  hours: number;
  perHour: string | null;
}

/** Owners by won amount per selling hour, best first; those without hours last. */
export function roiRows(report: SalesRoiReport): RoiRow[] {
  return report.rows
    .map((r) => ({
      ownerId: r.key,
      won: r.won,
      hours: Math.round((r.minutes / 60) * 10) / 10,
      perHour: r.per_hour,
    }))
    .sort((a, b) => Number(b.perHour ?? -1) - Number(a.perHour ?? -1));
}

export const MATRIX_DIMENSIONS = [
  'coverage',
  'stability',
  'price',
  'brand',
  'service',
  'operations',
] as const;

export interface MatrixSeries {
  /** null: our own rating. */
  competitor: string | null;
  values: number[];
  usp: string | null;
}

/** One product line's ratings, ours first, then each competitor by name. */
export function competitorMatrix(ratings: CompetitorRating[], productLineId: number): MatrixSeries[] {
  return ratings
    .filter((r) => r.product_line_id === productLineId)
    .map((r) => ({
      competitor: r.competitor,
      values: MATRIX_DIMENSIONS.map((d) => r[d]),
      usp: r.usp,
    }))
    .sort((a, b) =>
      a.competitor === null ? -1 : b.competitor === null ? 1 : a.competitor.localeCompare(b.competitor, 'zh-CN'),
    );
}
