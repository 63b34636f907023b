import { typedYuan } from '@/lib/money';

/** The return fields the form has inputs for, in the order it shows them. */
export const RETURN_FIELDS = ['return_date', 'amount', 'reason'] as const;

export type ReturnField = (typeof RETURN_FIELDS)[number];

/** What the inputs hold: '' for empty; the amount in yuan as typed. */
export type ReturnDraft = Record<ReturnField, string>;

export const returnDraftOf = (returnDate: string): ReturnDraft => ({ return_date: returnDate, amount: '', reason: '' });

/**
 * A new return's fields, taken back against `orderId` of `accountId`: the date and amount
 * always (null when empty, for the server to name), the reason when given.
 */
export function newReturnFields(accountId: number, orderId: number, draft: ReturnDraft): Record<string, string | number | null> {
  const amount = typedYuan(draft.amount);
  const reason = draft.reason.trim();
  return {
    account_id: accountId,
    order_id: orderId,
    return_date: draft.return_date || null,
    amount: amount || null,
    ...(reason ? { reason } : {}),
  };
}
