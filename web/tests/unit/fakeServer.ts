import { vi } from 'vitest';

export type Call = { url: string; method: string; headers: Record<string, string>; body: unknown };

/**
 * A fetch that answers by "METHOD path" (the query left off) and records every call with its
 * headers. A route may answer undefined to decline the call, which is then a 404.
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
    return answer ?? new Response('{"title":"Not Found","status":404,"detail":"no route"}', { status: 404 });
  });
  vi.stubGlobal('fetch', fetchMock);
  return calls;
}

/** A JSON answer with any extra headers (an ETag); from 300 on, a problem+json one. */
export const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status < 300 ? 'application/json' : 'application/problem+json', ...headers },
  });
