import { typedYuan } from '@/lib/money';

/** The invoice fields the form has inputs for, in the order it shows them. */
export const INVOICE_FIELDS = ['order_id', 'invoice_no', 'invoice_date', 'due_date', 'amount'] as const;

export type InvoiceField = (typeof INVOICE_FIELDS)[number];

/** What the inputs hold: '' for an empty text, date or amount (yuan as typed), null for no order. */
export type InvoiceDraft = { [F in Exclude<InvoiceField, 'order_id'>]: string } & { order_id: number | null };

/** A new invoice's fields, every one sent (null when empty) so that the server names a missing one. */
export function newInvoiceFields(accountId: number, draft: InvoiceDraft): Record<string, string | number | null> {
  const text = (v: string) => (v.trim() === '' ? null : v.trim());
  return {
    account_id: accountId,
    order_id: draft.order_id ?? null,
    invoice_no: text(draft.invoice_no),
    invoice_date: text(draft.invoice_date),
    due_date: text(draft.due_date),
    amount: text(typedYuan(draft.amount)),
  };
}

/** The payment fields the form has inputs for, in the order it shows them. */
export const PAYMENT_FIELDS = ['paid_date', 'amount', 'method'] as const;

export type PaymentField = (typeof PAYMENT_FIELDS)[number];

/** What the inputs hold; `instalment_id` the instalment of the receivable plan it settles, if any. */
export type PaymentDraft = Record<PaymentField, string> & { instalment_id?: number | null };

/**
 * A new payment of `invoiceId` (null: of no invoice, as when it settles an instalment of the
 * receivable plan): the date and amount always (null when empty), the method and the
 * instalment when given.
 */
export function newPaymentFields(
  accountId: number,
  invoiceId: number | null,
  draft: PaymentDraft,
): Record<string, string | number | null> {
  const amount = typedYuan(draft.amount);
  const method = (draft.method ?? '').trim();
  return {
    account_id: accountId,
    ...(invoiceId !== null ? { invoice_id: invoiceId } : {}),
    ...(draft.instalment_id ? { instalment_id: draft.instalment_id } : {}),
    paid_date: draft.paid_date || null,
    amount: amount || null,
    ...(method ? { method } : {}),
  };
}
