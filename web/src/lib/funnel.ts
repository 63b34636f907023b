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

/**
 * The opportunity list narrowed to what a funnel figure counts: the opportunities created in
 * `period` that reached `stage` (GET /api/opportunities?reached_stage=…&period=…). Empty
 * values are left out; unknown address parameters are ignored.
 */
export interface ReachedStageFilter {
  reached_stage: string;
  period: string;
  pipeline: string;
  owner: string;
  team: string;
}

const REACHED_KEYS = ['reached_stage', 'period', 'pipeline', 'owner', 'team'] as const;

export function reachedStageFilter(query: Record<string, unknown>): ReachedStageFilter {
  const text = (v: unknown) => (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '');
  return {
    reached_stage: text(query.reached_stage),
    period: text(query.period),
    pipeline: text(query.pipeline),
    owner: text(query.owner),
    team: text(query.team),
  };
}

/**
 * The list's parameters (and the address's query) of a filter: the period and pipeline
 * narrow only with a stage, as the server takes them.
 */
export function reachedStageParams(f: ReachedStageFilter): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of REACHED_KEYS) {
    if (!f[key]) continue;
    if ((key === 'period' || key === 'pipeline') && !f.reached_stage) continue;
    out[key] = f[key];
  }
  return out;
}

/**
 * Where a click on a funnel level leads: the opportunity list narrowed to what the level
 * counts (its stage), over the funnel's own period and pipeline and the owner or team the
 * funnel was narrowed to ('' for none). The dashboard's funnel and the sales reports' use it.
 */
export function funnelDrillQuery(
  report: Pick<FunnelReport, 'period' | 'pipeline'>,
  stage: string,
  owner = '',
  team = '',
): Record<string, string> {
  return reachedStageParams({ reached_stage: stage, period: report.period ?? '', pipeline: report.pipeline ?? '', owner, team });
}
