import { api } from './client';
import type {
  AttitudeChange,
  BoardReport,
  ForecastReport,
  FunnelReport,
  Pipeline,
  SopChecklist,
  StageChange,
  VisitReportInfluencers,
} from './types';

/** A pipeline's stages, probabilities, status groups and funnel levels (data an administrator changes). */
export const fetchPipeline = (name = 'default') =>
  api.get<Pipeline>(`/api/settings/pipelines/${encodeURIComponent(name)}`);

export type ForecastBy = 'month' | 'owner' | 'team' | 'account' | 'all';

/**
 * The weighted forecast. Without `period` the server looks ahead: closes from this month to
 * eleven months on. It covers what the user may see (an account manager's own).
 */
export const fetchForecast = (by: ForecastBy = 'month', period?: string) =>
  api.get<ForecastReport>('/api/reports/forecast', { by, period });

/**
 * The board's column heads: per stage, the count and amounts of every opportunity in it that
 * the user may see (open ones all; won and lost ones closed in `period`, FROM..TO).
 */
export const fetchBoard = (period: string) => api.get<BoardReport>('/api/reports/board', { period });

/** Funnel diagnosis of the opportunities created in the period (default: the last twelve months). */
export const fetchFunnel = (period?: string) =>
  api.get<FunnelReport>('/api/reports/funnel', { by: 'all', period });

export const fetchStageHistory = async (opportunityId: number) =>
  (await api.get<{ items: StageChange[] }>(`/api/opportunities/${opportunityId}/stages`)).items;

export const fetchAttitudeHistory = async (opportunityId: number) =>
  (await api.get<{ items: AttitudeChange[] }>(`/api/opportunities/${opportunityId}/attitudes`)).items;

export const fetchSop = (opportunityId: number) =>
  api.get<SopChecklist>(`/api/opportunities/${opportunityId}/sop`);

export const fetchInfluencers = (visitReportId: number) =>
  api.get<VisitReportInfluencers>(`/api/visit_reports/${visitReportId}/influencers`);

/** Days spent in each stage by the opportunities created in the period. */
export interface VelocityReport {
  pipeline: string;
  period: string;
  stages: { code: string; name_zh: string; name_en: string; probability: number }[];
  rows: {
    group: { key: number; label: string };
    stages: { samples: number; mean_days: number | null; median_days: number | null }[];
  }[];
}

export const fetchVelocity = (period?: string) =>
  api.get<VelocityReport>('/api/reports/velocity', { by: 'all', period });

/** Won amount per selling hour (activities' minutes), by owner or by account. */
export interface SalesRoiReport {
  period: string;
  by: 'owner' | 'account';
  rows: { key: number; won: string; minutes: number; per_hour: string | null }[];
}

export const fetchSalesRoi = (period?: string) =>
  api.get<SalesRoiReport>('/api/reports/sales-roi', { by: 'owner', period });
