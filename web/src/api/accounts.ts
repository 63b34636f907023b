import { api } from './client';
import type { HandoverResult } from './types';

/** The account with its planned activities, open opportunities and contracts, in one audited step. */
export const handOver = (accountId: number, toUserId: number) =>
  api.post<HandoverResult>(`/api/accounts/${accountId}/handover`, { to_user_id: toUserId });
