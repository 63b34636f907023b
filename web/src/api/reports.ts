import { api } from './client';
import type { AccountAnalysis, Analysis, Summary } from './types';

export const fetchSummary = () => api.get<Summary>('/api/reports/summary');

/** `period` is `FROM..TO` (YYYY-MM-DD); without it the server takes the last twelve months. */
export const fetchAnalysis = (period?: string) => api.get<Analysis>('/api/analysis', { period });

export const fetchAccountAnalysis = (id: number) =>
  api.get<AccountAnalysis>(`/api/accounts/${id}/analysis`);
