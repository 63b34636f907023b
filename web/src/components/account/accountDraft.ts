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
  'importance',
  'notes',
] as const;

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

/** The fields whose value differs between two drafts, as the API takes them. */
export function changedFields(
  before: AccountDraft,
  after: AccountDraft,
): Partial<Record<EditableField, ApiValue>> {
  const changes: Partial<Record<EditableField, ApiValue>> = {};
  for (const f of EDITABLE_FIELDS)
    if (apiValue(before[f]) !== apiValue(after[f])) changes[f] = apiValue(after[f]);
  return changes;
}
