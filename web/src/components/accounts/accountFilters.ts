import type { LocationQuery } from 'vue-router';

/** The dashboard's classes the account list narrows by (server: the class query parameters). */
export const CLASS_KINDS = ['pyramid', 'abc', 'spend_tier', 'card_tier', 'rfm_segment'] as const;
export type ClassKind = (typeof CLASS_KINDS)[number];

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
  /** The classes' period (FROM..TO) as the dashboard had it; '' for the last twelve months. */
  period: string;
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
    period: '',
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

/** The class filters as the list API's query parameters, with their period when one is set. */
export function classParamsOf(f: AccountFilterValues): Record<string, string> {
  const params: Record<string, string> = {};
  for (const kind of CLASS_KINDS) if (f[kind]) params[kind] = f[kind];
  if (Object.keys(params).length && f.period) params.period = f.period;
  return params;
}

/** The filters a link opens the list with (a dashboard figure: `?pyramid=vip&period=…`). */
export function filtersFromQuery(query: LocationQuery): AccountFilterValues {
  const f = emptyFilters();
  for (const key of Object.keys(f) as (keyof AccountFilterValues)[]) {
    const v = query[key];
    if (typeof v === 'string') f[key] = v;
  }
  return f;
}
