import { vi } from 'vitest';

export type Call = { url: string; method: string; body: unknown };

/** A fetch that answers by "METHOD path" (the query left off) and records every call. */
export function serve(routes: Record<string, (call: Call) => Response>): Call[] {
  const calls: Call[] = [];
  const fetchMock = vi.fn(async (url: string, init?: RequestInit) => {
    const method = init?.method ?? 'GET';
    const call = { url, method, body: init?.body ? JSON.parse(String(init.body)) : undefined };
    calls.push(call);
    const route = routes[`${method} ${url.split('?')[0]}`];
    if (!route) return new Response('{"title":"Not Found","status":404,"detail":"no route"}', { status: 404 });
    return route(call);
  });
  vi.stubGlobal('fetch', fetchMock);
  return calls;
}

/** A JSON answer; from 300 on, a problem+json one. */
export const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status < 300 ? 'application/json' : 'application/problem+json' },
  });
