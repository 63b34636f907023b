import { api, buildQuery, request, type QueryValue } from './client';
import type { AuditEntry, Page } from './types';

export type Entity =
  | 'accounts'
  | 'contacts'
  | 'orders'
  | 'returns'
  | 'invoices'
  | 'payments'
  | 'activities'
  | 'feedback'
  | 'contracts'
  | 'opportunities'
  | 'buying_center'
  | 'visit_reports'
  | 'sop_checks'
  | 'competitor_ratings'
  | 'users'
  | 'teams'
  | 'product_lines'
  | 'products'
  | 'tasks'
  | 'receivable_instalments';

export interface ListParams {
  /** Filters as `field<op>value`, all of which must hold. */
  where?: string[];
  sort?: string;
  desc?: boolean;
  limit?: number;
  after?: string | null;
  /** Name or pinyin search; accounts and contacts only. */
  q?: string;
  /** The type's own parameters (accounts: the dashboard's classes, `with=classes`). */
  extra?: Record<string, string | string[]>;
}

export function listRecords<T>(entity: Entity, params: ListParams = {}): Promise<Page<T>> {
  const query: Record<string, QueryValue> = {
    where: params.where,
    sort: params.sort,
    desc: params.desc ? 'true' : undefined,
    limit: params.limit,
    after: params.after,
    q: params.q?.trim(),
    ...params.extra,
  };
  return api.get<Page<T>>(`/api/${entity}`, query);
}

/**
 * Where the server sends the whole filtered list (not one page) as a file the browser
 * downloads: every record the user may see, in the list's order.
 */
export function exportUrl(entity: Entity, format: 'csv' | 'xlsx', params: ListParams = {}): string {
  return `/api/${entity}/export${buildQuery({
    format,
    where: params.where,
    sort: params.sort,
    desc: params.desc ? 'true' : undefined,
    q: params.q?.trim(),
  })}`;
}

/** Every page of a list, for the small lists a screen shows whole (an account's contacts). */
export async function listAll<T>(entity: Entity, params: ListParams = {}, cap = 2000): Promise<T[]> {
  const items: T[] = [];
  let after: string | null = null;
  do {
    const page: Page<T> = await listRecords<T>(entity, { ...params, limit: 500, after });
    items.push(...page.items);
    after = page.next_cursor;
  } while (after && items.length < cap);
  return items;
}

export async function getRecord<T>(entity: Entity, id: number): Promise<T> {
  return (await request<T>('GET', `/api/${entity}/${id}`)).data;
}

export async function createRecord<T>(entity: Entity, fields: Record<string, unknown>): Promise<T> {
  return (await request<T>('POST', `/api/${entity}`, { body: fields })).data;
}

/** Changes the given fields if the record is still at `version`; a stale one is a 412 ApiError. */
export async function patchRecord<T>(
  entity: Entity,
  id: number,
  version: number,
  fields: Record<string, unknown>,
): Promise<T> {
  return (await request<T>('PATCH', `/api/${entity}/${id}`, { body: fields, ifMatch: version }))
    .data;
}

export async function recordHistory(entity: Entity, id: number): Promise<AuditEntry[]> {
  return (await api.get<{ items: AuditEntry[] }>(`/api/${entity}/${id}/history`)).items;
}

/** Soft delete; `version`, when given, is checked as If-Match. */
export async function deleteRecord(entity: Entity, id: number, version?: number): Promise<void> {
  await request<void>('DELETE', `/api/${entity}/${id}`, { ifMatch: version });
}

/** Undoes a soft delete; answers the restored record. */
export async function restoreRecord<T>(entity: Entity, id: number): Promise<T> {
  return (await request<T>('POST', `/api/${entity}/${id}/restore`)).data;
}
