// The one place that talks HTTP to the kam server: same-origin fetch with the session cookie,
// the CSRF token on unsafe methods, ETags in and out, and RFC 9457 problems turned into
// ApiError with per-field messages. Every request names the UI's language (Accept-Language), in
// which the server writes its problems' detail and messages.

import { i18n } from '@/i18n';

export interface FieldError {
  field: string;
  message: string;
  /** The message template's stable id, when the server's catalog has it. */
  code?: string;
}

export interface Problem {
  type?: string;
  title: string;
  status: number;
  detail: string;
  /** The detail's template id, when the server's catalog has it. */
  code?: string;
  errors?: FieldError[];
}

export class ApiError extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail: string;
  /** field name → message, as the server reported them (every problem at once). */
  readonly fieldErrors: Record<string, string>;
  /**
   * field name → the template ids of its problems, in the order of the messages (a problem the
   * server's catalog does not know has none): what a form recognises, whatever the language.
   */
  readonly fieldCodes: Record<string, string[]>;
  /** Seconds to wait before trying again (a 429's Retry-After), when the server said. */
  readonly retryAfter: number | null;
  /**
   * The detail is in the language the request asked for: the server's catalog knew it (it
   * sent a code) and answered in that language (Content-Language).
   */
  readonly detailTranslated: boolean;

  constructor(problem: Problem, retryAfter: number | null = null, translated = false) {
    super(problem.detail || problem.title);
    this.name = 'ApiError';
    this.status = problem.status;
    this.title = problem.title;
    this.detail = problem.detail;
    this.retryAfter = retryAfter;
    this.detailTranslated = translated && !!problem.code;
    this.fieldErrors = {};
    this.fieldCodes = {};
    for (const e of problem.errors ?? []) {
      // Two problems on one field are both worth reading.
      const before = this.fieldErrors[e.field];
      this.fieldErrors[e.field] = before ? `${before}; ${e.message}` : e.message;
      if (e.code) (this.fieldCodes[e.field] ??= []).push(e.code);
    }
  }

  get isConflict(): boolean {
    return this.status === 412;
  }
}

export type QueryValue = string | number | boolean | null | undefined | readonly string[];

export interface RequestOptions {
  query?: Record<string, QueryValue>;
  body?: unknown;
  /** The version read before, sent as If-Match; PATCH needs it. */
  ifMatch?: number | string;
}

export interface ApiResponse<T> {
  data: T;
  /** The ETag's version, when the server sent one. */
  version: number | null;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

let csrfToken: string | null = null;
let onUnauthorized: (() => void) | null = null;

/** The token from POST /api/login or GET /api/me; cleared on logout. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called on any 401 so the app can send the user to the sign-in page. */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

export function buildQuery(query: Record<string, QueryValue> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) for (const v of value) params.append(key, v);
    else params.append(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

function versionOf(etag: string | null): number | null {
  if (!etag) return null;
  const n = Number(etag.replace(/^W\//, '').replace(/"/g, ''));
  return Number.isFinite(n) ? n : null;
}

async function problemOf(response: Response): Promise<Problem> {
  const type = response.headers.get('Content-Type') ?? '';
  if (type.includes('json')) {
    try {
      const body = (await response.json()) as Partial<Problem>;
      return {
        title: body.title ?? response.statusText,
        status: body.status ?? response.status,
        detail: body.detail ?? body.title ?? response.statusText,
        code: body.code,
        errors: body.errors,
      };
    } catch {
      // fall through: a broken body still has a status
    }
  }
  return { title: response.statusText, status: response.status, detail: response.statusText };
}

/** The UI's language, as the server should write its messages. */
export function currentLanguage(): string {
  return i18n.global.locale.value;
}

export async function request<T>(
  method: string,
  path: string,
  options: RequestOptions = {},
): Promise<ApiResponse<T>> {
  const language = currentLanguage();
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': language };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (UNSAFE.has(method) && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  if (options.ifMatch !== undefined) headers['If-Match'] = `"${options.ifMatch}"`;

  const response = await fetch(path + buildQuery(options.query), {
    method,
    headers,
    credentials: 'same-origin',
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  if (!response.ok) {
    const problem = await problemOf(response);
    if (response.status === 401 && onUnauthorized) onUnauthorized();
    const retryAfter = Number(response.headers.get('Retry-After') ?? NaN);
    const answeredIn = response.headers.get('Content-Language');
    throw new ApiError(
      problem,
      Number.isInteger(retryAfter) && retryAfter > 0 ? retryAfter : null,
      answeredIn === language,
    );
  }
  const data = response.status === 204 ? (undefined as T) : ((await response.json()) as T);
  return { data, version: versionOf(response.headers.get('ETag')) };
}

export const api = {
  get: <T>(path: string, query?: Record<string, QueryValue>) =>
    request<T>('GET', path, { query }).then((r) => r.data),
  post: <T>(path: string, body: unknown = {}) =>
    request<T>('POST', path, { body }).then((r) => r.data),
};
