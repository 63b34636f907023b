import { api } from './client';
import type {
  AttitudeChange,
  AttitudeReport,
  BoardReport,
  ForecastAccuracyReport,
  ForecastReport,
  ForecastSnapshot,
  FunnelReport,
  Pipeline,
  SalesStatusReport,
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
export const fetchFunnel = (period?: string, owner?: number, team?: number) =>
  api.get<FunnelReport>('/api/reports/funnel', { by: 'all', period, owner, team });

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

export type StatusBy = 'all' | 'owner' | 'team';

/** Open opportunities by status group, and won ones under maintenance, per group of rows. */
export const fetchSalesStatus = (by: StatusBy, period?: string) =>
  api.get<SalesStatusReport>('/api/reports/sales-status', { by, period });

/** Per open opportunity, the share of influence that supports, accepts and opposes us. */
export const fetchAttitudeReport = () => api.get<AttitudeReport>('/api/reports/attitudes');

/** The forecast snapshots kept, newest first (directors and administrators). */
export const fetchForecastSnapshots = async () =>
  (await api.get<{ items: ForecastSnapshot[] }>('/api/forecast-snapshots')).items;

/** Keeps the weighted forecast as it stands now, to measure it against what is won. */
export const takeForecastSnapshot = () => api.post<unknown>('/api/forecast-snapshots', {});

/** The snapshot taken at or before `asOf` against what was won in `period`, by close month. */
export const fetchForecastAccuracy = (period: string, asOf: string) =>
  api.get<ForecastAccuracyReport>('/api/reports/forecast-accuracy', { period, as_of: asOf });
