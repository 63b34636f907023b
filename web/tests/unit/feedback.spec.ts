import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { i18n, setLocale } from '@/i18n';
import type { CurrentUser, Feedback } from '@/api/types';
import { session } from '@/session';
import { localDate } from '@/lib/dates';
import FeedbackDialog from '@/components/account/FeedbackDialog.vue';
import FeedbackTab from '@/components/account/FeedbackTab.vue';
import { changedFeedbackFields, feedbackDraftOf, isOverdue } from '@/components/account/feedbackDraft';

afterEach(() => {
  session.user = null;
  setLocale('zh-CN');
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json', ...headers },
  });

type Call = { method: string; url: string; headers: Record<string, string>; body: unknown };

/** A fetch answering by "METHOD path" (query left off), recording every call with its headers. */
function serve(routes: Record<string, (call: Call) => Response | undefined>): Call[] {
  const calls: Call[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      const call: Call = {
        method: init?.method ?? 'GET',
        url,
        headers: (init?.headers ?? {}) as Record<string, string>,
        body: init?.body ? JSON.parse(String(init.body)) : undefined,
      };
      calls.push(call);
      const answer = routes[`${call.method} ${url.split('?')[0]}`]?.(call);
      return answer ?? json({ title: 'Not Found', status: 404, detail: 'no route' }, 404);
    }),
  );
  return calls;
}

const users = () =>
  json({ items: [{ id: 5, version: 1, created_at: '2026-01-05T08:00:00Z', updated_at: '2026-01-05T08:00:00Z', deleted_at: null, login: 'am1', display_name: '张经理', active: true }], total: 1, next_cursor: null });

const complaint: Feedback = {
  id: 9,
  version: 3,
  created_at: '2026-11-01T08:00:00Z',
  updated_at: '2026-11-01T08:00:00Z',
  deleted_at: null,
  account_id: 1,
  contact_id: null,
  kind: 'complaint',
  received_on: '2026-11-01',
  subject: '交货延迟',
  body: '晚到一周',
  status: 'open',
  severity: 'normal',
  due_on: '2026-11-08',
  handler_id: 5,
  resolution: null,
  resolved_on: null,
};

const signIn = (role: CurrentUser['role']) => {
  session.user = { id: 5, login: 'am1', display_name: '张经理', role } as CurrentUser;
};

function setInput(name: string, value: string): void {
  const input = document.body.querySelector<HTMLInputElement | HTMLTextAreaElement>(`[name="${name}"]`)!;
  input.value = value;
  input.dispatchEvent(new Event('input'));
}

const errorUnder = (name: string) =>
  document.body.querySelector(`[name="${name}"]`)!.closest('.el-form-item')!.querySelector('.el-form-item__error')
    ?.textContent ?? '';

const click = (test: string) => document.body.querySelector<HTMLButtonElement>(`[data-test="${test}"]`)!.click();

function mountDialog(feedback: Feedback | null) {
  return mount(FeedbackDialog, {
    props: { modelValue: true, accountId: 1, feedback, contacts: [] },
    global: { plugins: [i18n] },
    attachTo: document.body,
  });
}

describe('the feedback draft', () => {
  it('sends only what changed, empty as null', () => {
    const before = feedbackDraftOf(complaint);
    expect(changedFeedbackFields(before, { ...before })).toEqual({});
    expect(
      changedFeedbackFields(before, { ...before, status: 'resolved', resolution: ' 已补发 ', resolved_on: '2026-11-05', body: '' }),
    ).toEqual({ status: 'resolved', resolution: '已补发', resolved_on: '2026-11-05', body: null });
  });

  it('sends an emptied deadline as null, so that the server sets it anew from the severity', () => {
    const before = feedbackDraftOf(complaint);
    expect(changedFeedbackFields(before, { ...before, severity: 'urgent', due_on: '' })).toEqual({
      severity: 'urgent',
      due_on: null,
    });
  });

  it('calls unresolved feedback overdue only after its deadline day', () => {
    expect(isOverdue(complaint, '2026-11-08')).toBe(false);
    expect(isOverdue(complaint, '2026-11-09')).toBe(true);
    expect(isOverdue({ ...complaint, status: 'resolved' }, '2026-11-09')).toBe(false);
    expect(isOverdue({ ...complaint, due_on: null }, '2026-11-09')).toBe(false);
  });
});

describe('FeedbackDialog', () => {
  it('records a complaint received today, handled by the user; a missing subject is said under it', async () => {
    signIn('account_manager');
    const calls = serve({
      'GET /api/users': users,
      'POST /api/feedback': () =>
        json(
          { title: 'Bad Request', status: 400, detail: 'invalid input', errors: [{ field: 'subject', message: 'is required', code: 'validator.required' }] },
          400,
        ),
    });
    const wrapper = mountDialog(null);
    await flushPromises();
    setInput('body', '晚到一周');
    click('feedback-save');
    await flushPromises();
    const sent = calls.find((c) => c.method === 'POST')!.body;
    expect(sent).toEqual({
      account_id: 1,
      kind: 'complaint',
      received_on: localDate(),
      body: '晚到一周',
      handler_id: 5,
    });
    await vi.waitFor(() => expect(errorUnder('subject')).toContain('请填写主题'), { timeout: 15_000 });
    expect(errorUnder('body')).toBe('');

    setLocale('en');
    click('feedback-save');
    await flushPromises();
    await vi.waitFor(() => expect(errorUnder('subject')).toContain('Enter a subject'), { timeout: 15_000 });
    wrapper.unmount();
  });

  it('resolves with If-Match; after someone else saved first it keeps the input and saves over the latest', async () => {
    signIn('account_manager');
    const latest = { ...complaint, version: 4, status: 'in_progress' };
    let patches = 0;
    const calls = serve({
      'GET /api/users': users,
      'GET /api/feedback/9': () => json(latest, 200, { ETag: '"4"' }),
      'PATCH /api/feedback/9': (call) =>
        ++patches === 1
          ? json({ title: 'Precondition Failed', status: 412, detail: 'stale' }, 412)
          : json({ ...latest, ...(call.body as object), version: 5 }, 200, { ETag: '"5"' }),
    });
    const wrapper = mountDialog(complaint);
    await flushPromises();
    expect(document.body.querySelector('[data-test="feedback-said"]')!.textContent).toContain('交货延迟');
    const status = wrapper.findAllComponents({ name: 'ElSelect' }).find((s) => s.attributes('data-test') === 'feedback-status')!;
    await status.setValue('resolved');
    await flushPromises();
    // Resolving dates it today; the user gives another date.
    expect(document.body.querySelector<HTMLInputElement>('[name="resolved_on"]')!.value).toBe(localDate());
    setInput('resolution', '已补发');
    wrapper.findAllComponents({ name: 'ElDatePicker' }).at(-1)!.vm.$emit('update:modelValue', '2026-11-05');
    await flushPromises();
    click('feedback-save');
    await flushPromises();
    await vi.waitFor(() => expect(document.body.querySelector('[data-test="conflict"]')).not.toBeNull(), {
      timeout: 15_000,
    });
    const first = calls.find((c) => c.method === 'PATCH')!;
    expect(first.headers['If-Match']).toBe('"3"');
    expect(first.body).toEqual({ status: 'resolved', resolution: '已补发', resolved_on: '2026-11-05' });
    expect(document.body.querySelector<HTMLTextAreaElement>('[name="resolution"]')!.value).toBe('已补发');
    const panel = document.body.querySelector('[data-test="conflict"]')!.textContent!;
    expect(panel).toContain('该反馈已被他人修改');
    // Statuses by their labels: theirs in progress, mine resolved.
    expect(panel).toContain('处理中');
    expect(panel).toContain('已解决');

    click('keep-mine');
    await flushPromises();
    const again = calls.filter((c) => c.method === 'PATCH')[1];
    expect(again.headers['If-Match']).toBe('"4"');
    expect(again.body).toEqual({ status: 'resolved', resolution: '已补发', resolved_on: '2026-11-05' });
    expect(wrapper.emitted('saved')?.[0]?.[0]).toMatchObject({ version: 5, status: 'resolved' });
    wrapper.unmount();
  });

  it('says under the resolved date that resolving needs one', async () => {
    signIn('account_manager');
    serve({
      'GET /api/users': users,
      'PATCH /api/feedback/9': () =>
        json(
          {
            title: 'Bad Request',
            status: 400,
            detail: 'invalid input',
            errors: [{ field: 'resolved_on', message: 'is required when the status is resolved', code: 'interaction.resolution_required' }],
          },
          400,
        ),
    });
    const wrapper = mountDialog(complaint);
    await flushPromises();
    const status = wrapper.findAllComponents({ name: 'ElSelect' }).find((s) => s.attributes('data-test') === 'feedback-status')!;
    await status.setValue('resolved');
    await flushPromises();
    wrapper.findAllComponents({ name: 'ElDatePicker' }).at(-1)!.vm.$emit('update:modelValue', null);
    await flushPromises();
    click('feedback-save');
    await flushPromises();
    await vi.waitFor(() => expect(errorUnder('resolved_on')).toContain('状态为已解决时须填写解决日期'), {
      timeout: 15_000,
    });
    wrapper.unmount();
  });
});

describe('FeedbackTab', () => {
  const list = () =>
    json({
      items: [
        complaint,
        { ...complaint, id: 10, subject: '包装破损', status: 'resolved', resolved_on: '2026-11-03', resolution: '已换货' },
        { ...complaint, id: 11, kind: 'praise', subject: '服务周到' },
      ],
      total: 3,
      next_cursor: null,
    });

  it('marks the open complaint, not the resolved one nor open praise, and offers handling', async () => {
    signIn('account_manager');
    serve({ 'GET /api/users': users, 'GET /api/feedback': list });
    const wrapper = mount(FeedbackTab, { props: { accountId: 1 }, global: { plugins: [i18n] }, attachTo: document.body });
    await flushPromises();
    await vi.waitFor(() => expect(wrapper.findAll('tbody tr')).toHaveLength(3), { timeout: 15_000 });
    const rows = wrapper.findAll('tbody tr');
    expect(rows[0].find('[data-test="feedback-awaits"]').text()).toBe('待处理');
    expect(rows[1].find('[data-test="feedback-awaits"]').exists()).toBe(false);
    expect(rows[1].text()).toContain('2026-11-03');
    expect(rows[2].find('[data-test="feedback-awaits"]').exists()).toBe(false);
    expect(rows[2].text()).toContain('表扬');
    expect(wrapper.find('[data-test="feedback-new"]').exists()).toBe(true);
    expect(wrapper.findAll('.el-table__body-wrapper [data-test="feedback-handle"]')).toHaveLength(3);
    wrapper.unmount();
  });

  it('offers the analyst nothing to change, and filters by kind', async () => {
    signIn('analyst');
    const calls = serve({ 'GET /api/users': users, 'GET /api/feedback': list });
    const wrapper = mount(FeedbackTab, { props: { accountId: 1 }, global: { plugins: [i18n] }, attachTo: document.body });
    await flushPromises();
    await vi.waitFor(() => expect(wrapper.findAll('tbody tr')).toHaveLength(3), { timeout: 15_000 });
    for (const control of ['feedback-new', 'feedback-handle', 'feedback-delete'])
      expect(wrapper.find(`[data-test="${control}"]`).exists()).toBe(false);
    const kinds = wrapper.findAllComponents({ name: 'ElRadioGroup' })[0];
    await kinds.setValue('complaint');
    await flushPromises();
    const last = calls.filter((c) => c.url.startsWith('/api/feedback')).at(-1)!;
    expect(decodeURIComponent(last.url)).toContain('kind=complaint');
    expect(decodeURIComponent(last.url)).toContain('account_id=1');
    wrapper.unmount();
  });
});
