import type { Opportunity } from '@/api/types';

/** The opportunity fields people edit in the drawer's form, in the order it shows them. */
export const EDITABLE_FIELDS = [
  'name',
  'amount',
  'expected_close',
  'owner_id',
  'buy_class',
  'buying_step',
  'needs_level',
  'competitors',
  'spin_situation',
  'spin_problem',
  'spin_implication',
  'spin_need_payoff',
  'closed_on',
  'close_reason',
] as const;

/** Fields only a won or lost opportunity shows. */
export const CLOSED_ONLY_FIELDS = ['closed_on', 'close_reason'] as const;

export const BUY_CLASSES = ['straight_rebuy', 'modified_rebuy', 'new_task'] as const;

export type EditableField = (typeof EDITABLE_FIELDS)[number];

/** What the inputs hold: '' for an empty text, null for an empty number or choice. */
export interface OpportunityDraft {
  name: string;
  /** Yuan as typed: "1,200,000.50" or "¥1200000". */
  amount: string;
  /** YYYY-MM-DD. */
  expected_close: string;
  owner_id: number | null;
  buy_class: string;
  buying_step: number | null;
  needs_level: number | null;
  competitors: string;
  spin_situation: string;
  spin_problem: string;
  spin_implication: string;
  spin_need_payoff: string;
  closed_on: string;
  close_reason: string;
}

type ApiValue = string | number | null;

export function draftOf(o: Partial<Opportunity>): OpportunityDraft {
  const text = (v: string | null | undefined) => v ?? '';
  return {
    name: text(o.name),
    amount: text(o.amount),
    expected_close: text(o.expected_close),
    owner_id: o.owner_id ?? null,
    buy_class: text(o.buy_class),
    buying_step: o.buying_step ?? null,
    needs_level: o.needs_level ?? null,
    competitors: text(o.competitors),
    spin_situation: text(o.spin_situation),
    spin_problem: text(o.spin_problem),
    spin_implication: text(o.spin_implication),
    spin_need_payoff: text(o.spin_need_payoff),
    closed_on: text(o.closed_on),
    close_reason: text(o.close_reason),
  };
}

/** Money travels as a string in yuan, without grouping or a currency sign. */
export function moneyText(typed: string): string {
  return typed.replace(/[,\s¥，]/g, '');
}

/** Inputs show '' for empty (a cleared select: undefined); the API wants null. */
function apiValue(field: EditableField, v: string | number | null | undefined): ApiValue {
  if (typeof v === 'string') {
    const trimmed = field === 'amount' ? moneyText(v) : v.trim();
    return trimmed === '' ? null : trimmed;
  }
  return v ?? null;
}

/** The fields whose value differs between two drafts, as the API takes them. */
export function changedFields(
  before: OpportunityDraft,
  after: OpportunityDraft,
): Partial<Record<EditableField, ApiValue>> {
  const changes: Partial<Record<EditableField, ApiValue>> = {};
  for (const f of EDITABLE_FIELDS) {
    const next = apiValue(f, after[f]);
    // "1200000" and "1200000.00" are the same amount.
    const same =
      f === 'amount' && typeof next === 'string' && before.amount !== '' && Number(next) === Number(before.amount);
    if (!same && apiValue(f, before[f]) !== next) changes[f] = next;
  }
  return changes;
}
