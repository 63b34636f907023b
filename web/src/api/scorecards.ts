// An account's scorecard inputs (评分卡手工指标): the cards that use them, what was entered
// (who, when, as of which day), recording a new entry, and the score the entries give.

import { api, request } from './client';

/** The unit a value is in, as the card says it (docs/scorecards.md). */
export type ScorecardUnit = 'bp' | 'x100' | 'fen' | 'days' | 'years' | 'count' | 'rating' | 'category';

export interface CardIndicator {
  code: string;
  name_zh: string;
  name_en: string;
  group: string;
  source: 'computed' | 'manual';
  unit: ScorecardUnit;
  max_points: number;
  rule: { kind: string; lookup?: { value: string; points: number; label: string }[] };
}

export interface ScorecardCard {
  code: string;
  version: number;
  name_zh: string;
  name_en: string;
  groups: { code: string; name_zh: string; name_en: string }[];
  indicators: CardIndicator[];
}

/** One entry, its value in the indicator's unit (a whole number) or a category code. */
export interface ManualInput {
  id: number;
  indicator: string;
  value: number | string;
  as_of: string;
  card: string | null;
  entered_by: string;
  entered_at: string;
  note: string;
}

export interface AccountScore {
  period: string;
  score: { points_x100: number; grade: string | null; available_bp: number; total_points: number };
}

export const fetchCard = async (code: string) =>
  (await api.get<ScorecardCard>(`/api/settings/scorecards/${encodeURIComponent(code)}`));

export const fetchInputs = async (accountId: number) =>
  (await api.get<{ items: ManualInput[] }>(`/api/accounts/${accountId}/inputs`)).items;

export interface NewInput {
  indicator: string;
  value: string;
  as_of: string;
  card: string;
  note?: string;
}

export const recordInput = async (accountId: number, input: NewInput) =>
  (await request<ManualInput>('POST', `/api/accounts/${accountId}/inputs`, { body: input })).data;

/** The card's score from the entries in force over `period` (FROM..TO). */
export const fetchScore = async (accountId: number, card: string, period: string) =>
  await api.get<AccountScore>(`/api/accounts/${accountId}/score`, { card, period });
