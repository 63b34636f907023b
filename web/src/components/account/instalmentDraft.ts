import type { PlannedInstalment, ReceivableInstalment } from '@/api/types';
import { changedTextFields } from '@/lib/drafts';
import { fromFen, toFen, typedYuan } from '@/lib/money';

/** The instalment fields the form has inputs for, in the order it shows them. */
export const INSTALMENT_FIELDS = ['contract_id', 'due_date', 'amount', 'notes'] as const;

export type InstalmentField = (typeof INSTALMENT_FIELDS)[number];

/** Fields a new instalment always sends (null when empty), so that the server names a missing one. */
const REQUIRED = ['contract_id', 'due_date', 'amount'] as const;

/** What the inputs hold: '' for an empty date, amount (yuan as typed) or note, null for no contract. */
export interface InstalmentDraft {
  contract_id: number | null;
  due_date: string;
  amount: string;
  notes: string;
}

export function instalmentDraftOf(i: Partial<ReceivableInstalment>): InstalmentDraft {
  return {
    contract_id: i.contract_id ?? null,
    due_date: i.due_date ?? '',
    amount: i.amount ?? '',
    notes: i.notes ?? '',
  };
}

/** The amount in the API's form, so that "1200" and "1,200.00" are the same. */
// A cleared select holds undefined; the API empties a field with null.
const asSent = (d: InstalmentDraft): InstalmentDraft => ({
  ...d,
  contract_id: d.contract_id ?? null,
  amount: typedYuan(d.amount),
});

/** The fields of `draft` that differ from `before`, as the API takes them (empty → null). */
export const changedInstalmentFields = (before: InstalmentDraft, draft: InstalmentDraft) =>
  changedTextFields(INSTALMENT_FIELDS, asSent(before), asSent(draft));

/**
 * A new instalment of the account: its account (the contract's, which the server checks), the
 * filled fields, and every required one even when empty.
 */
export function newInstalmentFields(accountId: number, draft: InstalmentDraft): Record<string, string | number | null> {
  const fields: Record<string, string | number | null> = {
    ...changedInstalmentFields(instalmentDraftOf({}), draft),
    account_id: accountId,
  };
  const sent = asSent(draft);
  for (const f of REQUIRED) {
    const v = sent[f];
    fields[f] = v === null || (typeof v === 'string' && v.trim() === '') ? null : typeof v === 'string' ? v.trim() : v;
  }
  return fields;
}

/** Paid: nothing outstanding; overdue: outstanding past its due date (the server says which); else outstanding. */
export type InstalmentStatus = 'paid' | 'outstanding' | 'overdue';

export function instalmentStatus(i: Pick<PlannedInstalment, 'outstanding' | 'overdue'>): InstalmentStatus {
  if (i.outstanding !== undefined && toFen(i.outstanding) <= 0n) return 'paid';
  return i.overdue ? 'overdue' : 'outstanding';
}

/** A plan's planned, paid and outstanding totals (yuan). */
export function planTotals(plan: readonly Pick<PlannedInstalment, 'amount' | 'paid' | 'outstanding'>[]) {
  const sum = (pick: (i: (typeof plan)[number]) => string | undefined) =>
    fromFen(plan.reduce((total, i) => total + toFen(pick(i)), 0n));
  return { planned: sum((i) => i.amount), paid: sum((i) => i.paid), outstanding: sum((i) => i.outstanding) };
}

/** A payment's proposed amount for an instalment: what is outstanding of it, if anything. */
export const proposedPayment = (i: Pick<PlannedInstalment, 'outstanding'> | null | undefined): string =>
  i?.outstanding && toFen(i.outstanding) > 0n ? i.outstanding : '';
