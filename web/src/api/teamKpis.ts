import { api } from './client';
import type { TeamKpis } from './types';

/** Team KPIs (团队指标) of everyone in the viewer's reach over the period (default: 12 months). */
export const fetchTeamKpis = (period?: string) => api.get<TeamKpis>('/api/reports/team-kpis', { period });
