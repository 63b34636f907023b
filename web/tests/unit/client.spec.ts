import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, request, setCsrfToken, setUnauthorizedHandler } from '@/api/client';
import { problemText } from '@/composables/useFieldErrors';
import { i18n } from '@/i18n';

function answer(status: number, body: unknown, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), { status, headers });
}

const fetchMock = vi.fn<typeof fetch>();
vi.stubGlobal('fetch', fetchMock);

afterEach(() => {
  i18n.global.locale.value = 'zh-CN';
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

describe('the language of messages', () => {
  const t = (key: string) => i18n.global.t(key);
  const notFound = (detail: string, code: string | undefined, language: string) =>
    answer(
      404,
      { type: 'about:blank', title: 'Not Found', status: 404, detail, ...(code ? { code } : {}) },
      { 'Content-Type': 'application/problem+json', 'Content-Language': language },
    );

  it('asks for the UI language on every request', async () => {
    fetchMock.mockImplementation(async () => answer(200, { id: 1 }, { 'Content-Type': 'application/json' }));
    i18n.global.locale.value = 'zh-CN';
    await request('GET', '/api/accounts/1');
    i18n.global.locale.value = 'en';
    await request('POST', '/api/accounts', { body: {} });
    const sent = fetchMock.mock.calls.map((c) => (c[1]!.headers as Record<string, string>)['Accept-Language']);
    expect(sent).toEqual(['zh-CN', 'en']);
  });

  it('shows a detail the server wrote in Chinese as it is, without English after it', async () => {
    i18n.global.locale.value = 'zh-CN';
    fetchMock.mockResolvedValue(notFound('客户 12 不存在', 'record.not_found', 'zh-CN'));
    const error = await request('GET', '/api/accounts/12').catch((e) => e);
    expect(error.detailTranslated).toBe(true);
    expect(problemText(error, t)).toBe('客户 12 不存在');
  });

  it('keeps the status text and the detail as it came when the server had no translation', async () => {
    i18n.global.locale.value = 'zh-CN';
    fetchMock.mockResolvedValue(notFound('no such rule set', undefined, 'zh-CN'));
    const untranslated = await request('GET', '/api/x').catch((e) => e);
    expect(untranslated.detailTranslated).toBe(false);
    expect(problemText(untranslated, t)).toBe(`${t('errors.notFound')} (no such rule set)`);
    // An answer in another language than the one asked for is not taken as translated.
    fetchMock.mockResolvedValue(notFound('account 12 does not exist', 'record.not_found', 'en'));
    const english = await request('GET', '/api/accounts/12').catch((e) => e);
    expect(english.detailTranslated).toBe(false);
    expect(problemText(english, t)).toBe(`${t('errors.notFound')} (account 12 does not exist)`);
  });

  it('passes on the field messages in the language they came in', async () => {
    i18n.global.locale.value = 'zh-CN';
    fetchMock.mockResolvedValue(
      answer(
        400,
        {
          type: 'about:blank',
          title: 'Bad Request',
          status: 400,
          detail: '输入有误',
          code: 'request.invalid',
          errors: [{ field: 'name', message: '长度为 250 个字符，最多 200 个字符', code: 'validator.too_long' }],
        },
        { 'Content-Type': 'application/problem+json', 'Content-Language': 'zh-CN' },
      ),
    );
    const error = await request('POST', '/api/accounts', { body: {} }).catch((e) => e);
    expect(error.fieldErrors).toEqual({ name: '长度为 250 个字符，最多 200 个字符' });
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
