import type { Account } from '@/api/types';
import { formatYuan } from '@/lib/money';
import { CLASS_KINDS, type ClassKind } from './accountFilters';

/** How the table and the CSV export show a field: both read the same text. */
export interface CellContext {
  t: (key: string) => string;
  nameOf: (userId: number | null) => string;
  locale: string;
  /** A class level's name (the dashboard's), from its kind and code. */
  classLabel: (kind: ClassKind, code: string) => string;
  /** A churn level's or credit grade's name, as GET /api/reports/account-grades gives it. */
  gradeLabel: (kind: 'churn_level' | 'credit_grade', code: string) => string;
  /** A relationship stage's name, as the plan rules give it. */
  stageLabel: (code: string) => string;
}

/** The columns of an account's stored grades (with=grades). */
export const GRADE_COLUMNS = ['churn_level', 'clv', 'credit_grade'] as const;
export type GradeColumn = (typeof GRADE_COLUMNS)[number];

export interface AccountColumn {
  key: keyof Account | 'owner' | ClassKind | GradeColumn;
  /** The field the server sorts by, when the column is sortable. */
  sortBy?: string;
  width?: number;
  align?: 'left' | 'right';
  text: (a: Account, c: CellContext) => string;
}

const plain =
  (key: keyof Account) =>
  (a: Account): string => {
    const v = a[key];
    return v === null || v === undefined ? '' : String(v);
  };

const label = (key: keyof Account, enumName: string) => (a: Account, c: CellContext) =>
  a[key] ? c.t(`enum.${enumName}.${a[key]}`) : '';

export const ACCOUNT_COLUMNS: AccountColumn[] = [
  // Sorting by the name sorts by its pinyin (search_key), the order Chinese readers expect.
  { key: 'name', sortBy: 'search_key', width: 260, text: plain('name') },
  { key: 'short_name', width: 140, text: plain('short_name') },
  { key: 'credit_code', width: 190, text: plain('credit_code') },
  { key: 'province', sortBy: 'province', width: 110, text: plain('province') },
  { key: 'city', sortBy: 'city', width: 110, text: plain('city') },
  { key: 'industry_code', width: 90, text: plain('industry_code') },
  { key: 'ownership', width: 110, text: label('ownership', 'ownership') },
  { key: 'status', sortBy: 'status', width: 100, text: label('status', 'accountStatus') },
  { key: 'importance', sortBy: 'importance', width: 150, text: label('importance', 'importance') },
  { key: 'owner', width: 110, text: (a, c) => (a.owner_id ? c.nameOf(a.owner_id) : c.t('accounts.pool')) },
  {
    key: 'employees',
    sortBy: 'employees',
    width: 100,
    align: 'right',
    text: plain('employees'),
  },
  {
    key: 'annual_revenue',
    sortBy: 'annual_revenue',
    width: 160,
    align: 'right',
    text: (a, c) => formatYuan(a.annual_revenue, c.locale),
  },
  { key: 'source', width: 120, text: label('source', 'source') },
  { key: 'updated_at', sortBy: 'updated_at', width: 180, text: plain('updated_at') },
  // The account's classes over the list's period, as the dashboard counts them (with=classes).
  // Sorted by the server from the top level down, as the rules list the levels (not RFM
  // segments, which have no order).
  ...CLASS_KINDS.map(
    (kind): AccountColumn => ({
      key: kind,
      sortBy: kind === 'rfm_segment' ? undefined : kind,
      width: 130,
      text: (a, c) => {
        const code = a.classes?.[kind];
        return code ? c.classLabel(kind, code) : '';
      },
    }),
  ),
  // The stored grades (with=grades): the churn level and lifetime value of the newest
  // lifetime-value run, the grade of the newest credit rating.
  {
    key: 'churn_level',
    width: 110,
    text: (a, c) => (a.grades?.churn_level ? c.gradeLabel('churn_level', a.grades.churn_level) : ''),
  },
  {
    key: 'clv',
    sortBy: 'clv',
    width: 150,
    align: 'right',
    text: (a, c) => (a.grades?.clv ? formatYuan(a.grades.clv, c.locale) : ''),
  },
  {
    key: 'credit_grade',
    sortBy: 'credit_grade',
    width: 150,
    text: (a, c) => (a.grades?.credit_grade ? c.gradeLabel('credit_grade', a.grades.credit_grade) : ''),
  },
  // The key-account relationship stage as the account's plan page gives it
  // (with=relationship_stage), sorted by the server in the rules' order.
  {
    key: 'relationship_stage',
    sortBy: 'relationship_stage',
    width: 130,
    text: (a, c) => (a.relationship_stage ? c.stageLabel(a.relationship_stage) : ''),
  },
];

/** Whether any of `keys` is a grade column: the list then asks for the grades. */
export const showsGrades = (keys: readonly string[]): boolean =>
  GRADE_COLUMNS.some((key) => keys.includes(key));

/** Whether any of `keys` is a class column: the list then asks for the classes. */
export const showsClasses = (keys: readonly string[]): boolean =>
  CLASS_KINDS.some((kind) => keys.includes(kind));

export const DEFAULT_COLUMNS: AccountColumn['key'][] = [
  'name',
  'province',
  'city',
  'status',
  'importance',
  'owner',
  'annual_revenue',
];
