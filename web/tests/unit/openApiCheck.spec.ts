import { describe, expect, it } from 'vitest';
import { violations } from './openApiCheck';

const record = { id: 1, version: 2, created_at: '2026-11-01T08:00:00Z', updated_at: '2026-11-02T08:00:00Z', deleted_at: null };

// The check every fake-server answer goes through (fakeServer.ts, setup.ts).
describe('the fake server’s answers checked against openapi.json', () => {
  it('passes an answer the document allows, by the route’s template', () => {
    expect(violations('GET', '/api/accounts/1', 200, 'application/json', JSON.stringify({ ...record, name: '甲公司' }))).toEqual([]);
    expect(
      violations('GET', '/api/accounts', 200, 'application/json', JSON.stringify({ items: [record], total: 1, next_cursor: null })),
    ).toEqual([]);
  });

  it('reports a record without the fields every record has', () => {
    const found = violations('GET', '/api/accounts/1', 200, 'application/json', JSON.stringify({ id: 1, name: '甲公司' }));
    expect(found.map((v) => v.match(/property '(\w+)'/)?.[1]).sort()).toEqual(['created_at', 'deleted_at', 'updated_at', 'version']);
  });

  it('reports a problem without its type, and a route or status the document lacks', () => {
    const problem = { title: 'Bad Request', status: 400, detail: 'invalid input' };
    expect(violations('POST', '/api/tasks', 400, 'application/problem+json', JSON.stringify(problem))).toEqual([
      `POST /api/tasks → 400: (body) must have required property 'type' {"missingProperty":"type"}`,
    ]);
    expect(violations('GET', '/api/no-such-thing/1/2/3', 200, 'application/json', '{}')).toEqual([
      'GET /api/no-such-thing/1/2/3 is not an operation of openapi.json',
    ]);
    expect(violations('GET', '/api/health', 200, 'text/plain', 'ok')).toEqual(['GET /api/health → 200: openapi.json gives no text/plain for it']);
  });
});
