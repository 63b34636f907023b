import { vi } from 'vitest';
import { checkAnswer } from './openApiCheck';

export type Call = { url: string; method: string; headers: Record<string, string>; body: unknown };

/**
 * A fetch that answers by "METHOD path" (the query left off) and records every call with its
 * headers. A route may answer undefined to decline the call, which is then a 404.
 * Every answer a route gives is checked against src/server/openapi.json (openApiCheck.ts):
 * a test whose fake answer the server could not give fails after it (setup.ts).
 */
export function serve(routes: Record<string, (call: Call) => Response | undefined>): Call[] {
  const calls: Call[] = [];
  const fetchMock = vi.fn(async (url: string, init?: RequestInit) => {
    const method = init?.method ?? 'GET';
    const call: Call = {
      url,
      method,
      headers: (init?.headers ?? {}) as Record<string, string>,
      body: init?.body ? JSON.parse(String(init.body)) : undefined,
    };
    calls.push(call);
    const answer = routes[`${method} ${url.split('?')[0]}`]?.(call);
    if (answer) await checkAnswer(method, url, answer);
    return answer ?? new Response('{"title":"Not Found","status":404,"detail":"no route"}', { status: 404 });
  });
  vi.stubGlobal('fetch', fetchMock);
  return calls;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A JSON answer with any extra headers (an ETag); from 300 on, a problem+json one, whose
 * `type` is about:blank unless given, as every problem the server sends (problem.cpp).
 */
export const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(status >= 300 && isObject(body) ? { type: 'about:blank', ...body } : body), {
    status,
    headers: { 'Content-Type': status < 300 ? 'application/json' : 'application/problem+json', ...headers },
  });
