import { describe, expect, it } from 'vitest';
import type { Analysis, Invoice, Payment } from '@/api/types';
import { formatYuan, fromFen, percentOf, sumYuan, toFen } from '@/lib/money';
import { paretoPoints } from '@/lib/pareto';
import { receivablesOf } from '@/lib/receivables';

describe('money', () => {
  it('adds amounts exactly, in fen', () => {
    expect(sumYuan(['0.10', '0.20', '5000000.50', '-1.05'])).toBe('4999999.75');
    expect(toFen('12.3')).toBe(1230n);
    expect(fromFen(-5n)).toBe('-0.05');
  });

  it('weights by a percentage, rounding half up to the fen', () => {
    expect(percentOf('880000.00', 75)).toBe('660000.00');
    expect(percentOf('0.03', 50)).toBe('0.02');
  });

  it('formats with grouping and two decimals', () => {
    expect(formatYuan('1234567.5', 'en')).toBe('¥1,234,567.50');
  });
});

describe('receivables', () => {
  const invoice = (id: number, amount: string, due_date: string) =>
    ({ id, amount, due_date, invoice_no: `FP${id}`, invoice_date: '2026-01-01' }) as Invoice;
  const payment = (invoice_id: number, amount: string) => ({ invoice_id, amount }) as Payment;

  it('counts days overdue only while a balance is open', () => {
    const rows = receivablesOf(
      [invoice(1, '100.00', '2026-03-01'), invoice(2, '50.00', '2026-03-01'), invoice(3, '10.00', '2026-05-01')],
      [payment(1, '100.00'), payment(2, '20.00')],
      '2026-03-11',
    );
    expect(rows.map((r) => [r.balance, r.daysOverdue])).toEqual([
      ['0.00', 0],
      ['30.00', 10],
      ['10.00', 0],
    ]);
  });
});

describe('pareto points', () => {
  it('run through every class boundary and the 80% point', () => {
    const analysis = {
      period: '2025-01-01..2025-12-31',
      rule_version: 0,
      computed_at: '2026-01-01T00:00:00Z',
      refreshing: false,
      levels: {
        pyramid: ['vip', 'major', 'ordinary', 'small'].map((code) => ({ code, name_zh: code, name_en: code })),
        abc: ['A', 'B', 'C'].map((code) => ({ code, name_zh: code, name_en: code })),
        spend_tiers: [],
        card_tiers: [],
        rfm_segments: [],
      },
      pyramid: {
        vip: { accounts: 1, value: '50.00' },
        major: { accounts: 1, value: '30.00' },
        ordinary: { accounts: 3, value: '15.00' },
        small: { accounts: 5, value: '5.00' },
      },
      abc: { A: { accounts: 2, value: '80.00' }, B: { accounts: 3, value: '15.00' }, C: { accounts: 5, value: '5.00' } },
      spend_tiers: {},
      card_tiers: {},
      rfm_segments: {},
      categories: Object.fromEntries(['spending', 'important', 'comprehensive', 'specialised', 'nationwide', 'regional'].map((c) => [c, { accounts: 0, value: '0.00' }])) as Analysis['categories'],
      pareto: { customers: 10, customer_share_for_80_percent: 0.2, curve: [] },
    } satisfies Analysis;
    expect(paretoPoints(analysis)).toEqual([
      { customers: 0, value: 0 },
      { customers: 0.1, value: 0.5 },
      { customers: 0.2, value: 0.8 },
      { customers: 0.5, value: 0.95 },
      { customers: 1, value: 1 },
    ]);
  });
});
