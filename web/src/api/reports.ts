import { api, request } from './client';
import type {
  AccountAnalysis,
  Analysis,
  SavedQuestions,
  SegmentActionSaved,
  SegmentWorksheet,
  Summary,
} from './types';

export const fetchSummary = () => api.get<Summary>('/api/reports/summary');

/** `period` is `FROM..TO` (YYYY-MM-DD); without it the server takes the last twelve months. */
export const fetchAnalysis = (period?: string) => api.get<Analysis>('/api/analysis', { period });

export const fetchSavedQuestions = (period?: string) =>
  api.get<SavedQuestions>('/api/analysis/questions', { period });

export const fetchAccountAnalysis = (id: number) =>
  api.get<AccountAnalysis>(`/api/accounts/${id}/analysis`);

export interface RolePermissions {
  visibility: 'all' | 'team' | 'own';
  write: boolean;
  financial: boolean;
  administer: boolean;
}

/** The access policy (data an administrator changes); every signed-in user may read it. */
export const fetchAccessPolicy = () =>
  api.get<{ version: number; roles: Record<string, RolePermissions> }>('/api/settings/access');

export const fetchSegmentWorksheet = (period?: string) =>
  api.get<SegmentWorksheet>('/api/analysis/segments', { period });

export const saveSegmentAction = async (productLineId: number, nextAction: string, version: number) =>
  (
    await request<SegmentActionSaved>('PUT', `/api/analysis/segments/${productLineId}/action`, {
      body: { next_action: nextAction, version },
    })
  ).data;
