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
}

export interface AccountColumn {
  key: keyof Account | 'owner' | ClassKind;
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
  ...CLASS_KINDS.map(
    (kind): AccountColumn => ({
      key: kind,
      width: 120,
      text: (a, c) => {
        const code = a.classes?.[kind];
        return code ? c.classLabel(kind, code) : '';
      },
    }),
  ),
];

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
