import type { Account } from '@/api/types';

/** The account fields people edit in the profile form, in the order it shows them. */
export const EDITABLE_FIELDS = [
  'name',
  'short_name',
  'credit_code',
  'industry_code',
  'ownership',
  'province',
  'city',
  'address',
  'employees',
  'registered_capital',
  'annual_revenue',
  'listed',
  'source',
  'status',
  'churn_reason',
  'lost_on',
  'importance',
  'notes',
] as const;

/** Fields only a lost account has: the server refuses them with any other status. */
export const LOST_ONLY_FIELDS = ['churn_reason', 'lost_on'] as const;

export type EditableField = (typeof EDITABLE_FIELDS)[number];

/** What the inputs hold: '' for an empty text, null for an empty number. */
export interface AccountDraft {
  name: string;
  short_name: string;
  credit_code: string;
  industry_code: string;
  ownership: string;
  province: string;
  city: string;
  address: string;
  employees: number | null;
  registered_capital: string;
  annual_revenue: string;
  listed: boolean;
  source: string;
  status: string;
  churn_reason: string;
  /** YYYY-MM-DD, or '' when not known. */
  lost_on: string;
  importance: string;
  notes: string;
}

type ApiValue = string | number | boolean | null;

export function draftOf(account: Partial<Account>): AccountDraft {
  const text = (v: string | null | undefined) => v ?? '';
  return {
    name: text(account.name),
    short_name: text(account.short_name),
    credit_code: text(account.credit_code),
    industry_code: text(account.industry_code),
    ownership: text(account.ownership),
    province: text(account.province),
    city: text(account.city),
    address: text(account.address),
    employees: account.employees ?? null,
    registered_capital: text(account.registered_capital),
    annual_revenue: text(account.annual_revenue),
    listed: account.listed ?? false,
    source: text(account.source),
    status: text(account.status),
    churn_reason: text(account.churn_reason),
    lost_on: text(account.lost_on),
    importance: text(account.importance),
    notes: text(account.notes),
  };
}

export function emptyDraft(): AccountDraft {
  return draftOf({ status: 'prospect', importance: 'none' });
}

/** Inputs show '' for empty (a cleared select: undefined); the API wants null. */
function apiValue(v: ApiValue | undefined): ApiValue {
  if (typeof v === 'string') return v.trim() === '' ? null : v.trim();
  return v ?? null;
}

/** What the draft means: a status other than lost has no churn reason or lost date. */
function effective(draft: AccountDraft): AccountDraft {
  if (draft.status === 'lost') return draft;
  return { ...draft, churn_reason: '', lost_on: '' };
}

/**
 * The fields whose value differs between two drafts, as the API takes them. Leaving the lost
 * status clears the churn reason and date (the inputs are hidden then), as the server asks.
 */
export function changedFields(
  before: AccountDraft,
  after: AccountDraft,
): Partial<Record<EditableField, ApiValue>> {
  const changes: Partial<Record<EditableField, ApiValue>> = {};
  const next = effective(after);
  for (const f of EDITABLE_FIELDS)
    if (apiValue(before[f]) !== apiValue(next[f])) changes[f] = apiValue(next[f]);
  return changes;
}
