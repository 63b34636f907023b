import { api } from './client';
import type { HandoverResult, PlannedInstalment } from './types';

/** The account with its planned activities, open opportunities and contracts, in one audited step. */
export const handOver = (accountId: number, toUserId: number) =>
  api.post<HandoverResult>(`/api/accounts/${accountId}/handover`, { to_user_id: toUserId });

/** The account's receivable plan (回款计划) by due date, each instalment with what was paid of it; of one contract when given. */
export const receivablePlan = (accountId: number, contractId?: number) =>
  api
    .get<{ items: PlannedInstalment[] }>(`/api/accounts/${accountId}/receivable-plan`, { contract_id: contractId })
    .then((r) => r.items);
