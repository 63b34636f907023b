import { api } from './client';
import type { AccountGradeCounts, Alert, ChurnReport, FeedbackReport, LifetimeValue, Rating } from './types';

export interface AlertQuery {
  /** 'me', 'team' (the people the user oversees: a manager's team, a director's company) or a user id. */
  owner?: 'me' | 'team' | number;
  account?: number;
  kind?: string;
  /** Also the snoozed and dismissed ones. */
  all?: boolean;
  limit?: number;
}

/**
 * Key-moment alerts the user may see, critical first, then by the amount at stake, then by due
 * day; open ones unless `all`. `total` counts them all, beyond the limit.
 */
export const fetchAlerts = (query: AlertQuery = {}) =>
  api.get<{ items: Alert[]; total: number }>('/api/alerts', {
    owner: query.owner,
    account: query.account,
    kind: query.kind,
    all: query.all ? 'true' : undefined,
    limit: query.limit,
  });

export type AlertOwner = AlertOwners['items'][number];
export interface AlertOwners {
  items: { owner_id: number | null; owner_name: string; count: number; critical: number; at_stake: string }[];
  total: number;
  /** Every kind of key moment with its names, what `kind` takes. */
  kinds: { code: string; name_zh: string; name_en: string }[];
}

/** The alerts of the same query counted by owner (the team view), most critical first. */
export const fetchAlertOwners = (query: Omit<AlertQuery, 'limit'> = {}) =>
  api.get<AlertOwners>('/api/alerts/owners', {
    owner: query.owner,
    account: query.account,
    kind: query.kind,
    all: query.all ? 'true' : undefined,
  });

/** Hidden until `until` (YYYY-MM-DD, after today); a 400 names the field `until`. */
export const snoozeAlert = (id: number, until: string) =>
  api.post<Alert>(`/api/alerts/${id}/snooze`, { until });

export const dismissAlert = (id: number) => api.post<Alert>(`/api/alerts/${id}/dismiss`);

export const reopenAlert = (id: number) => api.post<Alert>(`/api/alerts/${id}/reopen`);

/** The account's figures from the latest lifetime-value run; `result` null before any run. */
export const fetchLifetimeValue = (accountId: number) =>
  api.get<LifetimeValue>(`/api/accounts/${accountId}/lifetime-value`);

/** Lost accounts by churn reason against the reference distribution, with the value lost. */
export const fetchChurnReport = () => api.get<ChurnReport>('/api/reports/churn');

/** Feedback handling over the twelve months to today: per kind and repeat complainers. */
export const fetchFeedbackReport = () => api.get<FeedbackReport>('/api/reports/feedback');

/** The account's stored credit ratings; needs the financial permission (else 403). */
export const fetchRatings = async (accountId: number) =>
  (await api.get<{ items: Rating[] }>(`/api/accounts/${accountId}/ratings`)).items;

/**
 * The accounts the user may see by churn level and by credit grade (null without financial
 * figures), with the names: what the account list's churn_level= and credit_grade= narrow to.
 */
export const fetchAccountGrades = () => api.get<AccountGradeCounts>('/api/reports/account-grades');
