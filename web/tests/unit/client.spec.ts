import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, request, setCsrfToken, setUnauthorizedHandler } from '@/api/client';

function answer(status: number, body: unknown, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), { status, headers });
}

const fetchMock = vi.fn<typeof fetch>();
vi.stubGlobal('fetch', fetchMock);

afterEach(() => {
  fetchMock.mockReset();
  setCsrfToken(null);
  setUnauthorizedHandler(null);
});

describe('request', () => {
  it('maps a problem+json answer to an ApiError with one message per field', async () => {
    fetchMock.mockResolvedValue(
      answer(
        400,
        {
          type: 'about:blank',
          title: 'Bad Request',
          status: 400,
          detail: 'invalid input',
          errors: [
            { field: 'credit_code', message: 'check character is A, expected 9 (GB 32100-2015)' },
            { field: 'name', message: 'is required' },
          ],
        },
        { 'Content-Type': 'application/problem+json' },
      ),
    );
    const error = await request('POST', '/api/accounts', { body: {} }).catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(400);
    expect(error.detail).toBe('invalid input');
    expect(error.fieldErrors).toEqual({
      credit_code: 'check character is A, expected 9 (GB 32100-2015)',
      name: 'is required',
    });
  });

  it('passes on how long a 429 says to wait, and nothing when the answer says none', async () => {
    const problem = { title: 'Too Many Requests', status: 429, detail: 'try again in 16 seconds' };
    fetchMock.mockResolvedValueOnce(
      answer(429, problem, { 'Content-Type': 'application/problem+json', 'Retry-After': '16' }),
    );
    const waiting = await request('POST', '/api/login', { body: {} }).catch((e) => e);
    expect(waiting).toBeInstanceOf(ApiError);
    expect(waiting.retryAfter).toBe(16);
    fetchMock.mockResolvedValueOnce(
      answer(401, { ...problem, status: 401 }, { 'Content-Type': 'application/problem+json' }),
    );
    const wrong = await request('POST', '/api/login', { body: {} }).catch((e) => e);
    expect(wrong.retryAfter).toBeNull();
  });

  it('sends the CSRF token on unsafe methods only, and If-Match as a quoted version', async () => {
    setCsrfToken('token-1');
    fetchMock.mockImplementation(async () =>
      answer(200, { id: 1 }, { 'Content-Type': 'application/json', ETag: '"4"' }),
    );

    await request('GET', '/api/accounts/1');
    const getHeaders = fetchMock.mock.calls[0][1]!.headers as Record<string, string>;
    expect(getHeaders['X-CSRF-Token']).toBeUndefined();

    const patched = await request('PATCH', '/api/accounts/1', { body: { notes: 'x' }, ifMatch: 3 });
    const patchHeaders = fetchMock.mock.calls[1][1]!.headers as Record<string, string>;
    expect(patchHeaders['X-CSRF-Token']).toBe('token-1');
    expect(patchHeaders['If-Match']).toBe('"3"');
    expect(patched.version).toBe(4);
  });

  it('marks a stale write as a conflict', async () => {
    fetchMock.mockResolvedValue(
      answer(412, { title: 'Precondition Failed', status: 412, detail: 'the record changed since version 1' }, {
        'Content-Type': 'application/problem+json',
      }),
    );
    const error = await request('PATCH', '/api/accounts/1', { body: {}, ifMatch: 1 }).catch((e) => e);
    expect(error.isConflict).toBe(true);
  });

  it('tells the app when the session is gone', async () => {
    const onUnauthorized = vi.fn();
    setUnauthorizedHandler(onUnauthorized);
    fetchMock.mockResolvedValue(answer(401, { title: 'Unauthorized', status: 401, detail: 'sign in first' }));
    await expect(request('GET', '/api/me')).rejects.toBeInstanceOf(ApiError);
    expect(onUnauthorized).toHaveBeenCalledOnce();
  });

  it('repeats where filters and leaves out empty parameters', async () => {
    fetchMock.mockResolvedValue(answer(200, { items: [], total: 0, next_cursor: null }));
    await request('GET', '/api/accounts', {
      query: { where: ['city=杭州市', 'status=active'], q: '', after: null, limit: 50 },
    });
    expect(fetchMock.mock.calls[0][0]).toBe(
      '/api/accounts?where=city%3D%E6%9D%AD%E5%B7%9E%E5%B8%82&where=status%3Dactive&limit=50',
    );
  });
});

describe('exportUrl', () => {
  it('asks for the whole filtered list in the chosen format, without paging', async () => {
    const { exportUrl } = await import('@/api/records');
    const url = exportUrl('accounts', 'xlsx', {
      q: ' 中国 ',
      where: ['province=浙江省', 'status=active'],
      sort: 'name',
      desc: true,
      limit: 50,
      after: 'cursor',
    });
    const [path, query] = url.split('?');
    expect(path).toBe('/api/accounts/export');
    const params = new URLSearchParams(query);
    expect(params.get('format')).toBe('xlsx');
    expect(params.getAll('where')).toEqual(['province=浙江省', 'status=active']);
    expect(params.get('sort')).toBe('name');
    expect(params.get('desc')).toBe('true');
    expect(params.get('q')).toBe('中国');
    expect(params.has('limit')).toBe(false);
    expect(params.has('after')).toBe(false);
  });
});
