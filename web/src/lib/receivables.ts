import type { Invoice, Payment } from '@/api/types';
import { fromFen, toFen } from './money';

export interface Receivable {
  invoice: Invoice;
  paid: string;
  balance: string;
  /** Days past the due date while a balance remains, else 0. */
  daysOverdue: number;
}

const DAY_MS = 86_400_000;

/** Each invoice's open balance from the payments that name it, and how long it is overdue. */
export function receivablesOf(
  invoices: readonly Invoice[],
  payments: readonly Payment[],
  today: string,
): Receivable[] {
  const paidByInvoice = new Map<number, bigint>();
  for (const p of payments) {
    if (p.invoice_id === null) continue;
    paidByInvoice.set(p.invoice_id, (paidByInvoice.get(p.invoice_id) ?? 0n) + toFen(p.amount));
  }
  const todayMs = Date.parse(today);
  return invoices.map((invoice) => {
    const paid = paidByInvoice.get(invoice.id) ?? 0n;
    const balance = toFen(invoice.amount) - paid;
    const late = Math.floor((todayMs - Date.parse(invoice.due_date)) / DAY_MS);
    return {
      invoice,
      paid: fromFen(paid),
      balance: fromFen(balance),
      daysOverdue: balance > 0n && late > 0 ? late : 0,
    };
  });
}

/** Paid: nothing left to pay; overdue: a balance past its due date; else outstanding. */
export type InvoiceStatus = 'paid' | 'outstanding' | 'overdue';

export function invoiceStatus(r: Pick<Receivable, 'balance' | 'daysOverdue'>): InvoiceStatus {
  if (toFen(r.balance) <= 0n) return 'paid';
  return r.daysOverdue > 0 ? 'overdue' : 'outstanding';
}

export function localToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
