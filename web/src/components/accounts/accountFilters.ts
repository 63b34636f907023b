export interface AccountFilterValues {
  q: string;
  province: string;
  city: string;
  status: string;
  importance: string;
  ownership: string;
  /** A user id, 'pool' for accounts without owner, or '' for any. */
  owner: string;
}

export function emptyFilters(): AccountFilterValues {
  return { q: '', province: '', city: '', status: '', importance: '', ownership: '', owner: '' };
}

/** The filters as the list API's `where` conditions (all must hold). */
export function whereOf(f: AccountFilterValues): string[] {
  const where: string[] = [];
  for (const key of ['province', 'city', 'status', 'importance', 'ownership'] as const)
    if (f[key]) where.push(`${key}=${f[key]}`);
  if (f.owner === 'pool') where.push('owner_id=null');
  else if (f.owner) where.push(`owner_id=${f.owner}`);
  return where;
}
