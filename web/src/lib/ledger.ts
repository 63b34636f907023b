import type { Contract, OrderReturn } from '@/api/types';
import { addDays } from './dates';
import { fromFen, toFen } from './money';

// What the account page's orders and contracts show beside the records themselves.

/** How much of each order has come back, from the returns that name it (yuan). */
export function returnedByOrder(returns: readonly Pick<OrderReturn, 'order_id' | 'amount'>[]): Map<number, string> {
  const fen = new Map<number, bigint>();
  for (const r of returns) {
    if (r.order_id === null) continue;
    fen.set(r.order_id, (fen.get(r.order_id) ?? 0n) + toFen(r.amount));
  }
  return new Map([...fen].map(([id, total]) => [id, fromFen(total)]));
}

/** A contract ends within this many days: its renewal is due for a talk. */
export const ENDING_SOON_DAYS = 60;

/**
 * A contract still in force (draft or active) whose end date is from `today` to
 * ENDING_SOON_DAYS days on; an expired or terminated one is past renewing.
 */
export function endsSoon(contract: Pick<Contract, 'end_date' | 'status'>, today: string): boolean {
  if (contract.status !== 'active' && contract.status !== 'draft') return false;
  return contract.end_date >= today && contract.end_date <= addDays(today, ENDING_SOON_DAYS);
}
