import { describe, expect, it } from 'vitest';
import { i18n } from '@/i18n';
import {
  classParamsOf,
  emptyFilters,
  filtersFromQuery,
  isYuanBound,
  narrowedBeyondFields,
} from '@/components/accounts/accountFilters';
import { ACCOUNT_COLUMNS, showsClasses, showsGrades, type CellContext } from '@/components/accounts/accountColumns';
import type { Account } from '@/api/types';

const context: CellContext = {
  t: (key: string) => key,
  nameOf: () => '',
  locale: 'en',
  classLabel: (_kind, code) => `class ${code}`,
  gradeLabel: (kind, code) => `${kind} ${code}`,
  stageLabel: (code) => `stage ${code}`,
};
const column = (key: string) => ACCOUNT_COLUMNS.find((c) => c.key === key)!;

describe('the account list by churn level, credit grade and lifetime value', () => {
  it('asks the server for the levels and grades chosen, and a lifetime-value range once it reads as yuan', () => {
    const f = filtersFromQuery({ churn_level: 'high', credit_grade: 'AA', clv_min: '1000', status: 'active' });
    expect(classParamsOf(f)).toEqual({ churn_level: 'high', credit_grade: 'AA', clv_min: '1000' });
    expect(classParamsOf({ ...emptyFilters(), clv_max: '12,' })).toEqual({});
    expect(classParamsOf({ ...emptyFilters(), clv_max: '12.5' })).toEqual({ clv_max: '12.5' });
    expect(isYuanBound('')).toBe(true);
    expect(isYuanBound('300.25')).toBe(true);
    expect(isYuanBound('3.005')).toBe(false);
    expect(isYuanBound('lots')).toBe(false);
    // Exports do not take them.
    expect(narrowedBeyondFields(emptyFilters())).toBe(false);
    expect(narrowedBeyondFields(f)).toBe(true);
    expect(narrowedBeyondFields(filtersFromQuery({ pyramid: 'vip' }))).toBe(true);
  });

  it('sorts by the classes with an order and by the grades, and shows them by the names the server gave', () => {
    expect(column('pyramid').sortBy).toBe('pyramid');
    expect(column('abc').sortBy).toBe('abc');
    expect(column('spend_tier').sortBy).toBe('spend_tier');
    expect(column('card_tier').sortBy).toBe('card_tier');
    expect(column('rfm_segment').sortBy).toBeUndefined();
    expect(column('clv').sortBy).toBe('clv');
    expect(column('credit_grade').sortBy).toBe('credit_grade');
    const account = {
      id: 1,
      grades: { churn_level: 'high', clv: '12000.00', credit_grade: 'AA' },
      classes: { pyramid: 'vip', abc: 'A', spend_tier: null, card_tier: null, rfm_segment: null },
    } as unknown as Account;
    expect(column('churn_level').text(account, context)).toBe('churn_level high');
    expect(column('credit_grade').text(account, context)).toBe('credit_grade AA');
    expect(column('clv').text(account, context)).toContain('12,000');
    expect(column('pyramid').text(account, context)).toBe('class vip');
    const none = { id: 2, grades: { churn_level: null, clv: null, credit_grade: null } } as unknown as Account;
    expect(column('clv').text(none, context)).toBe('');
    expect(showsGrades(['name', 'clv'])).toBe(true);
    expect(showsGrades(['name', 'pyramid'])).toBe(false);
    expect(showsClasses(['name', 'pyramid'])).toBe(true);
  });

  it('names every new column and filter in both languages', () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      for (const key of ['churn_level', 'clv', 'credit_grade'])
        expect(i18n.global.te(`fields.account.${key}`, locale)).toBe(true);
      for (const key of ['churn_level', 'credit_grade', 'clvMin', 'clvMax', 'option'])
        expect(i18n.global.te(`accounts.grades.${key}`, locale)).toBe(true);
    }
  });
});
