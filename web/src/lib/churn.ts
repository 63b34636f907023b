// The churn-reason report as the dashboard charts it: each reason's share of the lost
// accounts next to the reference distribution, both in percent.
import type { ChurnReport } from '@/api/types';

export interface ChurnChartData {
  reasons: string[];
  names: string[];
  observed: number[];
  reference: number[];
}

const percent = (bp: number) => Math.round(bp) / 100;

export function churnChartData(report: ChurnReport, locale: string): ChurnChartData {
  const english = locale.toLowerCase().startsWith('en');
  const rows = report.reasons;
  return {
    reasons: rows.map((r) => r.reason),
    names: rows.map((r) => (english ? r.name_en : r.name_zh) || r.reason),
    observed: rows.map((r) => percent(r.observed_bp)),
    reference: rows.map((r) => percent(r.reference_bp)),
  };
}
