import type { LocationQuery } from 'vue-router';

/** The dashboard's classes the account list narrows by (server: the class query parameters). */
export const CLASS_KINDS = ['pyramid', 'abc', 'spend_tier', 'card_tier', 'rfm_segment'] as const;
export type ClassKind = (typeof CLASS_KINDS)[number];

/**
 * The stored grades the account list narrows by (server: churn_level=, credit_grade=; the
 * lifetime value as a range in yuan, clv_min= and clv_max=).
 */
export const GRADE_FILTERS = ['churn_level', 'credit_grade', 'clv_min', 'clv_max'] as const;
export type GradeFilter = (typeof GRADE_FILTERS)[number];

export interface AccountFilterValues {
  q: string;
  province: string;
  city: string;
  status: string;
  importance: string;
  ownership: string;
  /** A user id, 'pool' for accounts without owner, or '' for any. */
  owner: string;
  /** Why a lost account went (a churn reason code), from the dashboard's churn reasons. */
  churn_reason: string;
  /** A level code of each class, '' for any. */
  pyramid: string;
  abc: string;
  spend_tier: string;
  card_tier: string;
  rfm_segment: string;
  /** A churn level code and a credit grade code (GET /api/reports/account-grades), '' for any. */
  churn_level: string;
  credit_grade: string;
  /** The lifetime value's range in yuan, '' for no bound. */
  clv_min: string;
  clv_max: string;
  /** The classes' period (FROM..TO) as the dashboard had it; '' for the last twelve months. */
  period: string;
  /**
   * A relationship stage code of the plan rules, 'undetermined' for the accounts without one,
   * '' for any (server: relationship_stage=).
   */
  relationship_stage: string;
}

export function emptyFilters(): AccountFilterValues {
  return {
    q: '',
    province: '',
    city: '',
    status: '',
    importance: '',
    ownership: '',
    owner: '',
    churn_reason: '',
    pyramid: '',
    abc: '',
    spend_tier: '',
    card_tier: '',
    rfm_segment: '',
    churn_level: '',
    credit_grade: '',
    clv_min: '',
    clv_max: '',
    period: '',
    relationship_stage: '',
  };
}

/** The filters as the list API's `where` conditions (all must hold). */
export function whereOf(f: AccountFilterValues): string[] {
  const where: string[] = [];
  for (const key of ['province', 'city', 'status', 'importance', 'ownership', 'churn_reason'] as const)
    if (f[key]) where.push(`${key}=${f[key]}`);
  if (f.owner === 'pool') where.push('owner_id=null');
  else if (f.owner) where.push(`owner_id=${f.owner}`);
  return where;
}

/** Whether a typed bound of the lifetime value reads as an amount in yuan ('' is no bound). */
export const isYuanBound = (text: string): boolean => /^\s*(\d{1,13}(\.\d{1,2})?)?\s*$/.test(text);

/** The filters a link opens the list with (a dashboard figure: `?pyramid=vip&period=…`). */
export function filtersFromQuery(query: LocationQuery): AccountFilterValues {
  const f = emptyFilters();
  for (const key of Object.keys(f) as (keyof AccountFilterValues)[]) {
    const v = query[key];
    if (typeof v === 'string') f[key] = v;
  }
  return f;
}

/**
 * The class and grade filters as the list API's query parameters, with the classes' period
 * when one is set.
 */
export function classParamsOf(f: AccountFilterValues): Record<string, string> {
  const params: Record<string, string> = {};
  for (const kind of CLASS_KINDS) if (f[kind]) params[kind] = f[kind];
  if (Object.keys(params).length && f.period) params.period = f.period;
  for (const key of GRADE_FILTERS) {
    const value = f[key].trim();
    // A bound still being typed ("12,") waits until it reads as an amount.
    if (value && (key === 'churn_level' || key === 'credit_grade' || isYuanBound(value))) params[key] = value;
  }
  if (f.relationship_stage) params.relationship_stage = f.relationship_stage;
  return params;
}

/**
 * Whether the list is narrowed by the analysis, a stored grade or the relationship stage
 * (which exports do not take).
 */
export const narrowedBeyondFields = (f: AccountFilterValues): boolean =>
  CLASS_KINDS.some((kind) => f[kind]) || GRADE_FILTERS.some((key) => f[key].trim()) || !!f.relationship_stage;
