import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { i18n, setLocale } from '@/i18n';
import type { CurrentUser, Task } from '@/api/types';
import { session } from '@/session';
import TaskDialog from '@/components/account/TaskDialog.vue';
import TasksTab from '@/components/account/TasksTab.vue';
import MyTasks from '@/components/dashboard/MyTasks.vue';
import { changedTaskFields, endOfToday, inListOrder, isOverdue, taskDraftOf } from '@/components/account/taskDraft';
import { json, serve } from './fakeServer';

afterEach(() => {
  session.user = null;
  setLocale('zh-CN');
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

const users = () =>
  json({ items: [{ id: 5, version: 1, created_at: '2026-01-05T08:00:00Z', updated_at: '2026-01-05T08:00:00Z', deleted_at: null, login: 'am1', display_name: '张经理', active: true }], total: 1, next_cursor: null });
const page = (items: unknown[]) => () => json({ items, total: items.length, next_cursor: null });

const callBack: Task = {
  id: 9,
  version: 1,
  created_at: '2026-11-01T08:00:00Z',
  updated_at: '2026-11-01T08:00:00Z',
  deleted_at: null,
  account_id: 1,
  contact_id: null,
  opportunity_id: null,
  owner_id: 5,
  title: '回电确认报价',
  due_at: '2026-11-02T10:00:00Z',
  notes: null,
  done: false,
  done_at: null,
};

const signIn = (role: CurrentUser['role']) => {
  session.user = { id: 5, login: 'am1', display_name: '张经理', role } as CurrentUser;
};

const errorUnder = (name: string) =>
  document.body.querySelector(`[name="${name}"]`)!.closest('.el-form-item')!.querySelector('.el-form-item__error')
    ?.textContent ?? '';

describe('the task draft', () => {
  it('sends only what changed, empty as null', () => {
    const before = taskDraftOf(callBack);
    expect(changedTaskFields(before, { ...before })).toEqual({});
    expect(changedTaskFields(before, { ...before, title: ' 回电确认最终报价 ', notes: '', contact_id: 3 })).toEqual({
      title: '回电确认最终报价',
      contact_id: 3,
    });
  });

  it('lists open tasks soonest due first, then done ones latest done first', () => {
    const later = { ...callBack, id: 10, due_at: '2026-11-05T10:00:00Z' };
    const doneEarly = { ...callBack, id: 11, done: true, done_at: '2026-11-01T09:00:00Z' };
    const doneLate = { ...callBack, id: 12, done: true, done_at: '2026-11-03T09:00:00Z' };
    expect(inListOrder([doneEarly, later, doneLate, callBack]).map((task) => task.id)).toEqual([9, 10, 12, 11]);
  });

  it('is overdue only while open and past its due time; today ends at the next local midnight', () => {
    const now = new Date('2026-11-03T00:00:00Z');
    expect(isOverdue(callBack, now)).toBe(true);
    expect(isOverdue({ ...callBack, done: true }, now)).toBe(false);
    expect(isOverdue({ ...callBack, due_at: '2026-11-04T00:00:00Z' }, now)).toBe(false);
    const local = new Date(2026, 10, 3, 15, 30);
    expect(new Date(endOfToday(local)).getTime()).toBe(new Date(2026, 10, 4).getTime());
  });
});

describe('TaskDialog', () => {
  it('adds a task owned by the user; a missing title is said under it', async () => {
    signIn('account_manager');
    const calls = serve({
      'GET /api/users': users,
      'POST /api/tasks': () =>
        json(
          { title: 'Bad Request', status: 400, detail: 'invalid input', errors: [{ field: 'title', message: 'is required' }] },
          400,
        ),
    });
    const wrapper = mount(TaskDialog, {
      props: { modelValue: true, accountId: 1, task: null, contacts: [], opportunities: [] },
      global: { plugins: [i18n] },
      attachTo: document.body,
    });
    await flushPromises();
    document.body.querySelector<HTMLButtonElement>('[data-test="task-save"]')!.click();
    await flushPromises();
    const sent = calls.find((c) => c.method === 'POST')!.body as Record<string, unknown>;
    expect(sent.account_id).toBe(1);
    expect(sent.owner_id).toBe(5);
    expect(sent.title).toBeUndefined();
    expect(new Date(sent.due_at as string).getHours()).toBe(18);
    await vi.waitFor(() => expect(errorUnder('title')).toContain('请填写事项'), { timeout: 15_000 });
    expect(errorUnder('notes')).toBe('');
    wrapper.unmount();
  });
});

describe('TaskDialog after someone else saved first', () => {
  it('keeps the input, shows the differences and saves over the latest', async () => {
    signIn('account_manager');
    const latest = { ...callBack, version: 2, notes: '客户改约下午' };
    let patches = 0;
    const calls = serve({
      'GET /api/users': users,
      'GET /api/tasks/9': () => json(latest),
      'PATCH /api/tasks/9': (call) =>
        ++patches === 1
          ? json({ title: 'Precondition Failed', status: 412, detail: 'stale' }, 412)
          : json({ ...latest, ...(call.body as object), version: 3 }),
    });
    const wrapper = mount(TaskDialog, {
      props: { modelValue: true, accountId: 1, task: callBack, contacts: [], opportunities: [] },
      global: { plugins: [i18n] },
      attachTo: document.body,
    });
    await flushPromises();
    const title = document.body.querySelector<HTMLInputElement>('[name="title"]')!;
    title.value = '回电确认最终报价';
    title.dispatchEvent(new Event('input'));
    await flushPromises();
    document.body.querySelector<HTMLButtonElement>('[data-test="task-save"]')!.click();
    await flushPromises();
    await vi.waitFor(() => expect(document.body.querySelector('[data-test="conflict"]')).not.toBeNull(), {
      timeout: 15_000,
    });
    expect(calls.find((c) => c.method === 'PATCH')!.body).toEqual({ title: '回电确认最终报价' });
    const panel = document.body.querySelector('[data-test="conflict"]')!.textContent!;
    expect(panel).toContain('该待办已被他人修改');
    expect(panel).toContain('客户改约下午');
    expect(document.body.querySelector<HTMLInputElement>('[name="title"]')!.value).toBe('回电确认最终报价');

    document.body.querySelector<HTMLButtonElement>('[data-test="keep-mine"]')!.click();
    await flushPromises();
    expect(calls.filter((c) => c.method === 'PATCH')[1].body).toEqual({ title: '回电确认最终报价' });
    expect(wrapper.emitted('saved')?.[0]?.[0]).toMatchObject({ version: 3, title: '回电确认最终报价', notes: '客户改约下午' });
    wrapper.unmount();
  });
});

describe('TasksTab', () => {
  it('marks a task done in one click', async () => {
    signIn('account_manager');
    const calls = serve({
      'GET /api/users': users,
      'GET /api/tasks': page([callBack]),
      'GET /api/contacts': page([]),
      'GET /api/opportunities': page([]),
      'PATCH /api/tasks/9': () => json({ ...callBack, version: 2, done: true, done_at: '2026-11-03T09:00:00Z' }),
    });
    const wrapper = mount(TasksTab, { props: { accountId: 1 }, global: { plugins: [i18n] }, attachTo: document.body });
    await vi.waitFor(() => expect(wrapper.findAll('tbody tr')).toHaveLength(1), { timeout: 15_000 });
    expect(wrapper.find('[data-test="task-overdue"]').exists()).toBe(true);
    await wrapper.find('[data-test="task-done"] input').setValue(true);
    await flushPromises();
    const patch = calls.find((c) => c.method === 'PATCH')!;
    expect(patch.body).toEqual({ done: true });
    wrapper.unmount();
  });

  it('offers the analyst nothing to change', async () => {
    signIn('analyst');
    serve({
      'GET /api/users': users,
      'GET /api/tasks': page([callBack, { ...callBack, id: 10, done: true, done_at: '2026-11-02T09:00:00Z' }]),
      'GET /api/contacts': page([]),
      'GET /api/opportunities': page([]),
    });
    const wrapper = mount(TasksTab, { props: { accountId: 1 }, global: { plugins: [i18n] }, attachTo: document.body });
    await vi.waitFor(() => expect(wrapper.findAll('tbody tr')).toHaveLength(2), { timeout: 15_000 });
    for (const control of ['task-new', 'task-edit', 'task-delete', 'task-done'])
      expect(wrapper.find(`[data-test="${control}"]`).exists()).toBe(false);
    expect(wrapper.findAll('[data-test="task-done-tag"]')).toHaveLength(1);
    wrapper.unmount();
  });
});

describe('MyTasks', () => {
  it("asks for the user's open tasks due before tomorrow", async () => {
    signIn('account_manager');
    const calls = serve({
      'GET /api/tasks': page([callBack]),
      'GET /api/accounts/1': () => json({ id: 1, version: 1, created_at: '2026-01-05T08:00:00Z', updated_at: '2026-01-05T08:00:00Z', deleted_at: null, name: '甲公司' }),
    });
    const wrapper = mount(MyTasks, {
      global: { plugins: [i18n], stubs: { RouterLink: { template: '<a><slot /></a>' } } },
      attachTo: document.body,
    });
    await vi.waitFor(() => expect(wrapper.findAll('[data-test="my-task"]')).toHaveLength(1), { timeout: 15_000 });
    const asked = decodeURIComponent(calls.find((c) => c.url.startsWith('/api/tasks'))!.url);
    expect(asked).toContain('owner_id=5');
    expect(asked).toContain('done=false');
    expect(asked).toContain(`due_at<${endOfToday()}`);
    expect(wrapper.find('[data-test="my-task-overdue"]').exists()).toBe(true);
    wrapper.unmount();
  });
});
