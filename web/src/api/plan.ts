import { api, request } from './client';
import type { AccountPlan, PlanList, PlanReview } from './types';

// The key-account plan (客户计划): every write answers the page as it now stands.
const base = (accountId: number) => `/api/accounts/${accountId}/plan`;

export const fetchPlan = (accountId: number) => api.get<AccountPlan>(base(accountId));

/** The plan on one A4 landscape page (XLSX), in English when the reader reads English. */
export const planExportUrl = (accountId: number, locale: string) =>
  `${base(accountId)}/export${locale.toLowerCase().startsWith('en') ? '?lang=en' : ''}`;

export interface SituationBody {
  version: number;
  industry_grade: string | null;
  value_type: string | null;
  sensitivity: string | null;
  competitors: { name: string; position: string }[];
  customer_goals: string | null;
  customer_pressures: string | null;
  stance: string | null;
  stance_reason: string | null;
}

export const saveSituation = async (accountId: number, body: SituationBody) =>
  (await request<AccountPlan>('PUT', base(accountId), { body })).data;

export const setStageOverride = async (accountId: number, stage: string | null, reason: string) =>
  (await request<AccountPlan>('PUT', `${base(accountId)}/stage`, { body: { stage, reason } })).data;

/** A wallet estimate for the year: of one product line, or of the whole category (null). */
export const addWalletEstimate = (accountId: number, amount: string, notes = '', productLineId: number | null = null) =>
  api.post<AccountPlan>(`${base(accountId)}/wallet`, { amount, product_line_id: productLineId, notes: notes || null });

export const deleteWalletEstimate = async (accountId: number, id: number) =>
  (await request<AccountPlan>('DELETE', `${base(accountId)}/wallet/${id}`)).data;

export interface ObjectiveBody {
  title: string;
  measure: string;
  measure_name: string | null;
  baseline: string | null;
  target: string | null;
  current_value: string | null;
  due_on: string | null;
}

export const addObjective = (accountId: number, body: ObjectiveBody) =>
  api.post<AccountPlan>(`${base(accountId)}/objectives`, body);

export const deleteObjective = async (accountId: number, id: number) =>
  (await request<AccountPlan>('DELETE', `${base(accountId)}/objectives/${id}`)).data;

export interface ActionBody {
  objective_id: number | null;
  title: string;
  due_at: string;
  owner_id: number | null;
  contact_id: number | null;
  notes: string | null;
}

export const addAction = (accountId: number, body: ActionBody) =>
  api.post<{ id: number }>(`${base(accountId)}/actions`, body);

export const fetchReviews = async (accountId: number) =>
  (await api.get<{ items: PlanReview[] }>(`${base(accountId)}/reviews`)).items;

export const saveReview = (accountId: number, comment: string) =>
  api.post<PlanReview>(`${base(accountId)}/reviews`, { comment: comment || null });

export const commentReview = (reviewId: number, body: string) =>
  api.post<PlanReview>(`/api/plan-reviews/${reviewId}/comments`, { body });

export const fetchPlans = () => api.get<PlanList>('/api/plans');
