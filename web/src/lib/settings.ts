// The settings page's documents and the text an administrator edits them in.
import type { SettingsDocument } from '@/api/admin';

export interface DocumentEntry {
  /** Where the document is read (GET) and stored (PUT). */
  path: string;
  /** An i18n key, or a name to show as it is (scorecards carry their own names). */
  label: string;
  translate: boolean;
}

/** The documents every installation has; scorecards are listed by the server. */
export const FIXED_DOCUMENTS: readonly DocumentEntry[] = [
  { path: '/api/settings/rules', label: 'settings.doc.rules', translate: true },
  { path: '/api/settings/pipelines/default', label: 'settings.doc.pipeline', translate: true },
  { path: '/api/settings/key-moments', label: 'settings.doc.keyMoments', translate: true },
  { path: '/api/settings/churn', label: 'settings.doc.churn', translate: true },
  { path: '/api/settings/team-kpis', label: 'settings.doc.teamKpis', translate: true },
  { path: '/api/settings/pool', label: 'settings.doc.pool', translate: true },
  { path: '/api/settings/access', label: 'settings.doc.access', translate: true },
];

/** The editable text of a document: its fields, indented, without the version it carries. */
export function documentText(document: SettingsDocument): string {
  const fields: Record<string, unknown> = { ...document };
  delete fields.version;
  return JSON.stringify(fields, null, 2);
}

export type ParsedDocument =
  | { ok: true; body: Record<string, unknown> }
  | { ok: false; message: string; line: number | null };

/**
 * The edited text as a document to send, or where it stops being JSON. The server checks
 * the content; this only keeps a typo from becoming a request.
 */
export function parseDocumentText(text: string): ParsedDocument {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const line = lineOfJsonError(message, text);
    return { ok: false, message, line };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return { ok: false, message: 'a JSON object { ... } is expected', line: 1 };
  return { ok: true, body: value as Record<string, unknown> };
}

/**
 * The line a JSON.parse error points at, when the engine says: "at position 17" or
 * "(line 4 column 1)"; some engines give neither.
 */
export function lineOfJsonError(message: string, text: string): number | null {
  const stated = /line (\d+)/.exec(message);
  if (stated) return Number(stated[1]);
  const position = /position (\d+)/.exec(message);
  return position ? text.slice(0, Number(position[1])).split('\n').length : null;
}

/** The server's problems, one line each, in the order of their JSON paths. */
export function problemLines(fieldErrors: Record<string, string>): string[] {
  return Object.keys(fieldErrors)
    .sort()
    .map((path) => (path ? `${path}: ${fieldErrors[path]}` : fieldErrors[path]));
}
