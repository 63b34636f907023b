// What administrators change: the versioned settings documents (rules, pipelines, scorecards,
// policies) and users' passwords. Anyone signed in reads the documents; storing one, or
// resetting a password, is for administrators, and the server says so with a 403.
import { api, request } from './client';
import type { EndedAccess } from './session';
import type { ScorecardSummary } from './types';

/** A settings document as the server sends it: its JSON fields and the stored version. */
export type SettingsDocument = Record<string, unknown> & { version?: number };

export async function fetchDocument(path: string): Promise<SettingsDocument> {
  return api.get<SettingsDocument>(path);
}

/** Stores a new version; the server validates it and names the JSON path of each problem. */
export async function storeDocument(
  path: string,
  body: Record<string, unknown>,
): Promise<SettingsDocument> {
  return (await request<SettingsDocument>('PUT', path, { body })).data;
}

export type { ScorecardSummary } from './types';

export async function fetchScorecards(): Promise<ScorecardSummary[]> {
  return (await api.get<{ items: ScorecardSummary[] }>('/api/settings/scorecards')).items;
}

/**
 * A new random password for the user, returned once; their sessions, API tokens and calendar
 * feed end, and `ended` says how many of each.
 */
export async function resetPassword(
  userId: number,
): Promise<{ password: string; ended: EndedAccess }> {
  return (
    await request<{ password: string; ended: EndedAccess }>('POST', `/api/users/${userId}/password`)
  ).data;
}
