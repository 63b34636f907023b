import type { Order } from '@/api/types';
import { changedTextFields } from '@/lib/drafts';
import { ENUMS } from '@/lib/enums';
import { typedYuan } from '@/lib/money';

/** The order fields the form has inputs for, in the order it shows them. */
export const ORDER_FIELDS = [
  'order_no',
  'order_date',
  'amount',
  'gross_margin',
  'product_line_id',
  'channel',
  'owner_id',
] as const;

export type OrderField = (typeof ORDER_FIELDS)[number];

/** Fields a new order always sends (null when empty), so that the server names a missing one. */
const REQUIRED = ['order_no', 'order_date', 'amount', 'channel'] as const;

export const CHANNELS = ENUMS.channel;

/** What the inputs hold: '' for an empty text, date or amount (yuan as typed), null for no choice. */
export type OrderDraft = { [F in Exclude<OrderField, 'product_line_id' | 'owner_id'>]: string } & {
  product_line_id: number | null;
  owner_id: number | null;
};

export function orderDraftOf(order: Partial<Order>): OrderDraft {
  const text = (v: string | null | undefined) => v ?? '';
  return {
    order_no: text(order.order_no),
    order_date: text(order.order_date),
    amount: text(order.amount),
    gross_margin: text(order.gross_margin),
    product_line_id: order.product_line_id ?? null,
    channel: order.channel ?? 'field',
    owner_id: order.owner_id ?? null,
  };
}

/** Amounts in the API's form, so that "1200" and "1,200.00" are the same amount. */
const asSent = (d: OrderDraft): OrderDraft => ({
  ...d,
  // A cleared select holds undefined; the API empties a field with null.
  product_line_id: d.product_line_id ?? null,
  owner_id: d.owner_id ?? null,
  amount: typedYuan(d.amount),
  gross_margin: typedYuan(d.gross_margin),
});

/** The fields of `draft` that differ from `before`, as the API takes them (empty → null). */
export const changedOrderFields = (before: OrderDraft, draft: OrderDraft) =>
  changedTextFields(ORDER_FIELDS, asSent(before), asSent(draft));

/** A new order's fields: the filled ones, and every required one even when empty. */
export function newOrderFields(draft: OrderDraft): Partial<Record<OrderField, string | number | null>> {
  const fields: Partial<Record<OrderField, string | number | null>> = changedOrderFields(orderDraftOf({}), draft);
  const sent = asSent(draft);
  for (const f of REQUIRED) fields[f] = sent[f].trim() === '' ? null : sent[f].trim();
  return fields;
}
