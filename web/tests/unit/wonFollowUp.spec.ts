import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { i18n, setLocale } from '@/i18n';
import type { CurrentUser, Opportunity } from '@/api/types';
import { session } from '@/session';
import { json, serve } from './fakeServer';
import { addDays, localDate } from '@/lib/dates';
import WonFollowUp from '@/components/pipeline/WonFollowUp.vue';

afterEach(() => {
  session.user = null;
  session.permissions = null;
  setLocale('zh-CN');
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

const page = (items: unknown[]) => () => json({ items, total: items.length, next_cursor: null });
const meta = { created_at: '2026-11-01T08:00:00Z', updated_at: '2026-11-01T08:00:00Z', deleted_at: null };
const input = (name: string) => document.body.querySelector<HTMLInputElement>(`[name="${name}"]`)!;
function setInput(name: string, value: string): void {
  input(name).value = value;
  input(name).dispatchEvent(new Event('input'));
}
const click = (test: string) => document.body.querySelector<HTMLButtonElement>(`[data-test="${test}"]`)!.click();
const visible = (test: string) => {
  const dialog = document.body.querySelector<HTMLElement>(`[data-test="${test}"]`);
  return dialog !== null && dialog.style.display !== 'none';
};

const won: Opportunity = {
  ...meta,
  id: 81,
  version: 7,
  account_id: 1,
  name: '数据中心扩容项目',
  amount: '960000.00',
  expected_close: '2026-12-31',
  owner_id: 5,
  team_id: null,
  pipeline: 'default',
  stage: 'S',
  buy_class: null,
  competitors: null,
  closed_on: '2026-12-06',
  close_reason: null,
} as Opportunity;

describe('a won opportunity’s contract and first order', () => {
  it('opens the contract’s form filled in from the opportunity, then the order’s', async () => {
    session.user = { id: 5, login: 'am1', display_name: '张经理', role: 'account_manager' } as CurrentUser;
    const calls = serve({
      'GET /api/users': page([{ id: 5, version: 1, created_at: '2026-01-05T08:00:00Z', updated_at: '2026-01-05T08:00:00Z', deleted_at: null, login: 'am1', display_name: '张经理', active: true }]),
      'GET /api/product_lines': page([{ ...meta, id: 3, version: 1, code: 'PL3', name: '工业阀门' }]),
      'POST /api/contracts': (call) => json({ ...meta, id: 31, version: 1, ...(call.body as object) }, 201),
      'POST /api/orders': (call) => json({ ...meta, id: 21, version: 1, ...(call.body as object) }, 201),
    });
    const wrapper = mount(WonFollowUp, { global: { plugins: [i18n] }, attachTo: document.body });
    (wrapper.vm as unknown as { start: (o: Opportunity) => void }).start(won);
    await flushPromises();
    const today = localDate();
    await vi.waitFor(() => expect(input('title').value).toBe('数据中心扩容项目'), { timeout: 15_000 });
    expect(input('value').value).toBe('960000.00');
    expect(input('start_date').value).toBe(today);
    expect(input('end_date').value).toBe(addDays(today, 364));

    setInput('contract_no', 'HT-81');
    click('contract-save');
    await flushPromises();
    const contract = calls.find((c) => c.method === 'POST' && c.url.startsWith('/api/contracts'))!;
    expect(contract.body).toMatchObject({
      account_id: 1,
      contract_no: 'HT-81',
      title: '数据中心扩容项目',
      value: '960000.00',
      start_date: today,
      opportunity_id: 81,
    });

    await vi.waitFor(() => expect(visible('order-dialog')).toBe(true), { timeout: 15_000 });
    expect(input('amount').value).toBe('960000.00');
    expect(input('order_date').value).toBe(today);
    setInput('order_no', 'DD-81');
    click('order-save');
    await flushPromises();
    const order = calls.find((c) => c.method === 'POST' && c.url.startsWith('/api/orders'))!;
    expect(order.body).toMatchObject({ account_id: 1, order_no: 'DD-81', amount: '960000.00', order_date: today });
    const done = wrapper.emitted('done')?.[0];
    expect(done?.[0]).toMatchObject({ id: 31, contract_no: 'HT-81' });
    expect(done?.[1]).toMatchObject({ id: 21, order_no: 'DD-81' });
    wrapper.unmount();
  });
});
