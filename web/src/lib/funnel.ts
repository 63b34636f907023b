// The funnel diagnosis (漏斗诊断) of one group as a chart and table show it: each reference
// level (leads : contacts : proposals : negotiations : wins = 1250 : 125 : 25 : 5 : 1) with
// how many reached it, the conversion from the level before against the reference, and the
// level where the funnel leaks most.
import type { FunnelReport } from '@/api/types';

export interface FunnelLevelView {
  code: string;
  name_zh: string;
  name_en: string;
  /** The stage that counts as reaching the level. */
  stage: string;
  reached: number;
  conversion_bp: number | null;
  reference_bp: number;
  attainment_bp: number | null;
  leak: boolean;
}

export function funnelLevels(report: FunnelReport, row = 0): FunnelLevelView[] {
  const group = report.rows[row];
  return report.funnel.map((level, i) => {
    const result = group?.levels[i];
    return {
      code: level.code,
      name_zh: level.name_zh,
      name_en: level.name_en,
      stage: level.stage,
      reached: result?.reached ?? 0,
      conversion_bp: result?.conversion_bp ?? null,
      reference_bp: result?.reference_bp ?? 0,
      attainment_bp: result?.attainment_bp ?? null,
      leak: group?.leak_level === i,
    };
  });
}

/** Basis points as a percentage: 4868 → "48.7%"; null → "—". */
export function bpText(bp: number | null): string {
  return bp === null ? '—' : `${(bp / 100).toFixed(1)}%`;
}
