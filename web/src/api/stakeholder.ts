import { api, request } from './client';
import type { StakeholderMap, Whitespace } from './types';

/** The account's stakeholder map (关系分析): its people, who covers them, the 25-grid and the gaps. */
export const stakeholderMap = (accountId: number) =>
  api.get<StakeholderMap>(`/api/accounts/${accountId}/stakeholder-map`);

/** A colleague covers one of the account's people (联合小组). */
export const addCoverage = (accountId: number, body: { contact_id: number; user_id: number; our_level: string }) =>
  api.post<{ id: number }>(`/api/accounts/${accountId}/joint-team`, body);

export const removeCoverage = (accountId: number, memberId: number) =>
  request<void>('DELETE', `/api/accounts/${accountId}/joint-team/${memberId}`).then(() => undefined);

/** Where a relationship stands on the 25-grid, as of today unless a day is given. */
export const addDepthAssessment = (
  accountId: number,
  body: { contact_id: number; level: string; relationship: string; note?: string | null },
) => api.post<{ id: number }>(`/api/accounts/${accountId}/depth-assessments`, body);

/** Product lines × the account's units over a period (FROM..TO; the 12 months to today when empty). */
export const whitespace = (accountId: number, period?: string) =>
  api.get<Whitespace>(`/api/accounts/${accountId}/whitespace`, { period: period || undefined });

/** The product line an opportunity sells, for the whitespace grid (null clears it). */
export const setOpportunityProductLine = (opportunityId: number, productLineId: number | null) =>
  request<{ id: number; product_line_id: number | null }>('PUT', `/api/opportunities/${opportunityId}/product-line`, {
    body: { product_line_id: productLineId },
  }).then((r) => r.data);
