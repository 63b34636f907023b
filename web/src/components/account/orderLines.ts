import type { OrderLine, OrderLineInput, Product } from '@/api/types';
import { fromFen, toFen, typedYuan } from '@/lib/money';

// An order's lines as its form holds them, and the amounts they come to, computed as the
// server computes them (src/core/transaction.cpp, line_amount): quantity × unit price ×
// (100 − discount) / 100, rounded half away from zero to the fen. The server computes the
// order's amount from the lines again and refuses another; the form only shows it early.

/** One line's inputs: the product chosen, and what was typed. */
export interface OrderLineDraft {
  /** Stable across reorders and removals, for Vue's list keys. */
  key: number;
  product_id: number | null;
  quantity: string;
  /** Yuan as typed; starts as the product's list price. */
  unit_price: string;
  /** A whole percent as typed ('' is 0). */
  discount: string;
}

/** The fields of a line the form has inputs for (lines[i].field in the server's problems). */
export const LINE_FIELDS = ['product_id', 'quantity', 'unit_price', 'discount', 'amount'] as const;
export type LineField = (typeof LINE_FIELDS)[number];

let nextKey = 1;

export function newLineDraft(): OrderLineDraft {
  return { key: nextKey++, product_id: null, quantity: '1', unit_price: '', discount: '' };
}

export function lineDraftOf(line: OrderLine): OrderLineDraft {
  return {
    key: nextKey++,
    product_id: line.product_id,
    quantity: String(line.quantity),
    unit_price: line.unit_price ?? '',
    discount: line.discount ? String(line.discount) : '',
  };
}

/** A line's inputs after its product was chosen: the price starts as the list price. */
export function withProduct(line: OrderLineDraft, product: Product | undefined): OrderLineDraft {
  return { ...line, product_id: product?.id ?? null, unit_price: product?.list_price ?? line.unit_price };
}

const WHOLE = /^\s*\d+\s*$/;

/** The line's amount in yuan ("5700.00"), or null while an input is not (yet) a valid value. */
export function lineAmount(line: Pick<OrderLineDraft, 'quantity' | 'unit_price' | 'discount'>): string | null {
  if (!WHOLE.test(line.quantity)) return null;
  const quantity = BigInt(line.quantity.trim());
  if (quantity <= 0n) return null;
  const discountText = line.discount.trim() === '' ? '0' : line.discount;
  if (!WHOLE.test(discountText)) return null;
  const discount = BigInt(discountText.trim());
  if (discount > 100n) return null;
  let price: bigint;
  try {
    price = toFen(typedYuan(line.unit_price));
  } catch {
    return null;
  }
  if (line.unit_price.trim() === '' || price < 0n) return null;
  const scaled = price * quantity * (100n - discount);
  return fromFen((scaled + 50n) / 100n);
}

/** The lines' sum, or null while any line has no amount yet. */
export function linesTotal(lines: readonly OrderLineDraft[]): string | null {
  let total = 0n;
  for (const line of lines) {
    const amount = lineAmount(line);
    if (amount === null) return null;
    total += toFen(amount);
  }
  return fromFen(total);
}

/** The lines as the API takes them: the price in its form, an empty discount as none. */
export function linesAsSent(lines: readonly OrderLineDraft[]): OrderLineInput[] {
  return lines.map((line) => {
    const sent: OrderLineInput = {
      product_id: line.product_id ?? '',
      quantity: line.quantity.trim(),
      unit_price: typedYuan(line.unit_price) || null,
    };
    if (line.discount.trim() !== '') sent.discount = line.discount.trim();
    return sent;
  });
}

/** Whether the lines differ from `before` as the API would take them. */
export function linesChanged(before: readonly OrderLineDraft[], after: readonly OrderLineDraft[]): boolean {
  return JSON.stringify(linesAsSent(before)) !== JSON.stringify(linesAsSent(after));
}

/**
 * The server's problems with the lines (`lines[2].quantity`), by line and field; what names a
 * whole line (`lines[2]`) goes under its product.
 */
export function lineProblems(fieldErrors: Record<string, string>): Map<number, Partial<Record<LineField, string>>> {
  const out = new Map<number, Partial<Record<LineField, string>>>();
  for (const [field, message] of Object.entries(fieldErrors)) {
    const match = /^lines\[(\d+)\](?:\.(\w+))?$/.exec(field);
    if (!match) continue;
    const index = Number(match[1]);
    const name = (LINE_FIELDS as readonly string[]).includes(match[2] ?? '') ? (match[2] as LineField) : 'product_id';
    const line = out.get(index) ?? {};
    line[name] = line[name] ? `${line[name]}; ${message}` : message;
    out.set(index, line);
  }
  return out;
}
