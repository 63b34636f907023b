import { api, request } from './client';
import type { SalesTarget, TargetAttainment, TargetImportReport, TargetMetric, TargetTrend } from './types';

// Sales targets (业绩目标): the period's attainment, setting and removing a target, the trend.

export const fetchAttainment = (period: string) =>
  api.get<TargetAttainment>('/api/targets/attainment', { period });

export interface TargetBody {
  scope: 'user' | 'team';
  scope_id: number;
  period: string;
  metric: TargetMetric;
  value: string;
  version?: number;
}

export const saveTarget = async (body: TargetBody) =>
  (await request<SalesTarget>('PUT', '/api/targets', { body })).data;

/** Targets from a spreadsheet (XLSX or CSV), all or nothing; a dry run only reports. */
export const importTargets = async (body: { file_base64: string; file_name: string; dry_run: boolean }) =>
  (await request<TargetImportReport>('POST', '/api/targets/import', { body })).data;

export const deleteTarget = async (id: number) => {
  await request<void>('DELETE', `/api/targets/${id}`);
};

export const fetchTrend = (scope: 'user' | 'team', scopeId: number, metric: TargetMetric, month: string) =>
  api.get<TargetTrend>('/api/targets/trend', { scope, scope_id: scopeId, metric, month });
