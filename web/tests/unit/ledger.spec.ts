import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { i18n, setLocale } from '@/i18n';
import type { Contract, CurrentUser, Invoice, Order, Payment } from '@/api/types';
import { session } from '@/session';
import { localDate } from '@/lib/dates';
import { endsSoon, returnedByOrder } from '@/lib/ledger';
import { formatTyped, typedYuan } from '@/lib/money';
import { invoiceStatus, receivablesOf } from '@/lib/receivables';
import ContractDialog from '@/components/account/ContractDialog.vue';
import OrderDialog from '@/components/account/OrderDialog.vue';
import OrdersTab from '@/components/account/OrdersTab.vue';
import ReceivablesTable from '@/components/account/ReceivablesTable.vue';
import { changedContractFields, contractDraftOf, newContractFields } from '@/components/account/contractDraft';
import { newInvoiceFields, newPaymentFields } from '@/components/account/invoiceDraft';
import { ledgerProblem } from '@/components/account/ledgerProblems';
import { changedOrderFields, newOrderFields, orderDraftOf } from '@/components/account/orderDraft';

afterEach(() => {
  session.user = null;
  session.permissions = null;
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

const page = (items: unknown[]) => () => json({ items, total: items.length, next_cursor: null });
const users = page([{ id: 5, version: 1, created_at: '2026-01-05T08:00:00Z', updated_at: '2026-01-05T08:00:00Z', deleted_at: null, login: 'am1', display_name: '张经理', active: true }]);

const meta = { created_at: '2026-11-01T08:00:00Z', updated_at: '2026-11-01T08:00:00Z', deleted_at: null };
const order: Order = {
  ...meta,
  id: 21,
  version: 2,
  account_id: 1,
  order_no: 'DD-1',
  order_date: '2026-11-01',
  amount: '128000.50',
  product_line_id: 3,
  channel: 'online',
  owner_id: 5,
};
const contract: Contract = {
  ...meta,
  id: 31,
  version: 4,
  account_id: 1,
  contract_no: 'HT-1',
  title: '框架合同',
  start_date: '2026-01-01',
  end_date: '2026-12-31',
  value: '360000.00',
  status: 'active',
  owner_id: 5,
  opportunity_id: null,
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

describe('ledger figures', () => {
  it('takes an amount as typed into the API’s form', () => {
    expect(typedYuan('1,200,000.5')).toBe('1200000.50');
    expect(typedYuan(' ¥1200 ')).toBe('1200.00');
    expect(typedYuan('-500')).toBe('-500.00');
    expect(typedYuan('')).toBe('');
    // Not an amount: passed on for the server to name.
    expect(typedYuan('12.345')).toBe('12.345');
    expect(typedYuan('abc')).toBe('abc');
    expect(formatTyped('400,000', 'zh-CN')).toBe('¥400,000.00');
    expect(formatTyped('4O0', 'zh-CN')).toBe('4O0');
  });

  it('sums the returns of each order, leaving out those of no order', () => {
    const back = returnedByOrder([
      { order_id: 1, amount: '0.10' },
      { order_id: 1, amount: '0.20' },
      { order_id: 2, amount: '8000.00' },
      { order_id: null, amount: '99.00' },
    ]);
    expect([...back]).toEqual([
      [1, '0.30'],
      [2, '8000.00'],
    ]);
  });

  it('marks a contract in force that ends from today to 60 days on', () => {
    const today = '2026-12-06';
    expect(endsSoon({ end_date: '2026-12-06', status: 'active' }, today)).toBe(true);
    expect(endsSoon({ end_date: '2027-02-04', status: 'draft' }, today)).toBe(true);
    expect(endsSoon({ end_date: '2027-02-05', status: 'active' }, today)).toBe(false);
    expect(endsSoon({ end_date: '2026-12-05', status: 'active' }, today)).toBe(false);
    expect(endsSoon({ end_date: '2026-12-20', status: 'terminated' }, today)).toBe(false);
    expect(endsSoon({ end_date: '2026-12-20', status: 'expired' }, today)).toBe(false);
  });

  it('calls an invoice paid, outstanding or overdue from its payments and due date', () => {
    const invoice = (id: number, amount: string, due_date: string) =>
      ({ id, amount, due_date, invoice_no: `FP${id}`, invoice_date: '2026-10-01' }) as Invoice;
    const payment = (invoice_id: number, amount: string) => ({ invoice_id, amount }) as Payment;
    const rows = receivablesOf(
      [invoice(1, '100.00', '2026-11-01'), invoice(2, '100.00', '2026-11-01'), invoice(3, '100.00', '2026-12-31')],
      [payment(1, '60.00'), payment(1, '40.00'), payment(2, '99.99'), payment(3, '50.00')],
      '2026-12-06',
    );
    expect(rows.map(invoiceStatus)).toEqual(['paid', 'overdue', 'outstanding']);
    expect(rows[1].balance).toBe('0.01');
    expect(rows[2].balance).toBe('50.00');
  });
});

describe('ledger drafts', () => {
  it('sends a new order’s required fields even when empty, and only changed ones after', () => {
    const draft = { ...orderDraftOf({ owner_id: 5 }), order_no: ' DD-9 ', amount: '1,200' };
    expect(newOrderFields(draft)).toEqual({
      order_no: 'DD-9',
      order_date: null,
      amount: '1200.00',
      channel: 'field',
      owner_id: 5,
    });
    const before = orderDraftOf(order);
    expect(changedOrderFields(before, { ...before, amount: '128,000.5' })).toEqual({});
    expect(changedOrderFields(before, { ...before, amount: '130000', product_line_id: undefined as unknown as null })).toEqual({
      amount: '130000.00',
      product_line_id: null,
    });
  });

  it('sends a new contract’s required fields even when empty', () => {
    expect(newContractFields(contractDraftOf({ start_date: '2026-12-01' }))).toEqual({
      contract_no: null,
      title: null,
      start_date: '2026-12-01',
      end_date: null,
      value: null,
      status: 'active',
    });
    const before = contractDraftOf(contract);
    expect(changedContractFields(before, { ...before, value: '360000', status: 'terminated' })).toEqual({
      status: 'terminated',
    });
  });

  it('sends an invoice against its order and a payment against its invoice', () => {
    expect(
      newInvoiceFields(1, { order_id: 21, invoice_no: 'FP-1', invoice_date: '2026-12-01', due_date: '', amount: '¥120,000.5' }),
    ).toEqual({ account_id: 1, order_id: 21, invoice_no: 'FP-1', invoice_date: '2026-12-01', due_date: null, amount: '120000.50' });
    expect(newPaymentFields(1, 41, { paid_date: '2026-12-02', amount: '50000', method: ' ' })).toEqual({
      account_id: 1,
      invoice_id: 41,
      paid_date: '2026-12-02',
      amount: '50000.00',
    });
  });

  it('says the server’s problems in the user’s language, naming the field', () => {
    const t = i18n.global.t as (key: string, values?: Record<string, unknown>) => string;
    const label = (f: string) => t(`fields.contract.${f}`);
    expect(ledgerProblem('value', 'money', 'must not be negative, got -5.00', ['validator.negative'], label, t)).toBe('合同金额不能为负数');
    expect(ledgerProblem('end_date', 'date', '2026-01-01 is before start_date 2026-02-01', ['validator.date_before'], label, t)).toBe(
      '结束日期不能早于开始日期',
    );
    expect(ledgerProblem('contract_no', 'text', 'is required', ['validator.required'], label, t)).toBe('请填写合同编号');
    expect(ledgerProblem('contract_no', 'text', 'is already used by another record', ['record.duplicate_field'], label, t)).toBe(
      '合同编号已被其他记录使用',
    );
    expect(ledgerProblem('title', 'text', 'is 201 characters long; at most 200 allowed', ['validator.too_long'], label, t)).toBe(
      '合同名称最多 200 个字',
    );
    expect(ledgerProblem('owner_id', 'record', 'is not one of the users you may refer to', ['access.unknown_reference'], label, t)).toBe(
      '所选负责人不存在或不在您的权限范围内',
    );
    expect(ledgerProblem('title', 'text', 'something new', [], label, t)).toBe('something new');
    // Known by its code, whatever the language the server wrote it in.
    expect(ledgerProblem('end_date', 'date', '2026-01-01 早于start_date 2026-02-01', ['validator.date_before'], label, t)).toBe(
      '结束日期不能早于开始日期',
    );
    expect(ledgerProblem('title', 'text', '长度为 201 个字符，最多 200 个字符', ['validator.too_long'], label, t)).toBe(
      '合同名称最多 200 个字',
    );
    // Text that merely looks like a known problem, without its code, is passed on as written.
    expect(ledgerProblem('contract_no', 'text', 'is required', [], label, t)).toBe('is required');
    setLocale('en');
    expect(ledgerProblem('value', 'money', 'is not an amount', [], label, t)).toContain('Value must be an amount in yuan');
  });
});

describe('OrderDialog', () => {
  it('records an order of the user’s; a negative amount is said under the amount', async () => {
    signIn('account_manager');
    const calls = serve({
      'GET /api/users': users,
      'POST /api/orders': () =>
        json(
          {
            title: 'Bad Request',
            status: 400,
            detail: 'invalid input',
            errors: [{ field: 'amount', message: 'must not be negative, got -500.00', code: 'validator.negative' }],
          },
          400,
        ),
    });
    const wrapper = mount(OrderDialog, {
      props: { modelValue: true, accountId: 1, order: null, productLines: [] },
      global: { plugins: [i18n] },
      attachTo: document.body,
    });
    await flushPromises();
    // An account manager may not see the gross margin, so has no input for it.
    expect(document.body.querySelector('[name="gross_margin"]')).toBeNull();
    setInput('order_no', 'DD-9');
    setInput('amount', '-500');
    click('order-save');
    await flushPromises();
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({
      account_id: 1,
      order_no: 'DD-9',
      order_date: localDate(),
      amount: '-500.00',
      channel: 'field',
      owner_id: 5,
    });
    await vi.waitFor(() => expect(errorUnder('amount')).toBe('金额不能为负数'), { timeout: 15_000 });
    expect(errorUnder('order_no')).toBe('');
    setLocale('en');
    click('order-save');
    await flushPromises();
    await vi.waitFor(() => expect(errorUnder('amount')).toBe('Amount cannot be negative'), { timeout: 15_000 });
    wrapper.unmount();
  });
});

describe('OrderDialog, changing an order', () => {
  it('sends the changed amount with If-Match, and keeps it when someone else saved first', async () => {
    signIn('sales_director');
    session.permissions = { visibility: 'all', write: true, financial: true, administer: false };
    const withMargin = { ...order, gross_margin: '30000.00' };
    const latest = { ...withMargin, version: 3, channel: 'store' };
    let patches = 0;
    const calls = serve({
      'GET /api/users': users,
      'GET /api/orders/21': () => json(latest, 200, { ETag: '"3"' }),
      'PATCH /api/orders/21': (call) =>
        ++patches === 1
          ? json({ title: 'Precondition Failed', status: 412, detail: 'stale' }, 412)
          : json({ ...latest, ...(call.body as object), version: 4 }, 200, { ETag: '"4"' }),
    });
    const wrapper = mount(OrderDialog, {
      props: { modelValue: true, accountId: 1, order: withMargin, productLines: [] },
      global: { plugins: [i18n] },
      attachTo: document.body,
    });
    await flushPromises();
    // A role with the financial permission has the gross margin to change.
    expect(document.body.querySelector<HTMLInputElement>('[name="gross_margin"]')!.value).toBe('30000.00');
    setInput('amount', '130,000');
    click('order-save');
    await flushPromises();
    await vi.waitFor(() => expect(document.body.querySelector('[data-test="conflict"]')).not.toBeNull(), {
      timeout: 15_000,
    });
    const first = calls.find((c) => c.method === 'PATCH')!;
    expect(first.headers['If-Match']).toBe('"2"');
    expect(first.body).toEqual({ amount: '130000.00' });
    const panel = document.body.querySelector('[data-test="conflict"]')!.textContent!;
    expect(panel).toContain('该订单已被他人修改');
    // Channels by their labels: theirs store, before online.
    expect(panel).toContain('坐商');
    expect(panel).toContain('电商');
    expect(document.body.querySelector<HTMLInputElement>('[name="amount"]')!.value).toBe('130,000');
    click('keep-mine');
    await flushPromises();
    const again = calls.filter((c) => c.method === 'PATCH')[1];
    expect(again.headers['If-Match']).toBe('"3"');
    expect(again.body).toEqual({ amount: '130000.00' });
    expect(wrapper.emitted('saved')?.[0]?.[0]).toMatchObject({ version: 4, amount: '130000.00', channel: 'store' });
    wrapper.unmount();
  });
});

describe('ContractDialog', () => {
  it('saves a change with If-Match; after someone else saved first it keeps the input and saves over the latest', async () => {
    signIn('account_manager');
    const latest = { ...contract, version: 5, title: '框架合同（续）' };
    let patches = 0;
    const calls = serve({
      'GET /api/users': users,
      'GET /api/contracts/31': () => json(latest, 200, { ETag: '"5"' }),
      'PATCH /api/contracts/31': (call) =>
        ++patches === 1
          ? json({ title: 'Precondition Failed', status: 412, detail: 'stale' }, 412)
          : json({ ...latest, ...(call.body as object), version: 6 }, 200, { ETag: '"6"' }),
    });
    const wrapper = mount(ContractDialog, {
      props: { modelValue: true, accountId: 1, contract },
      global: { plugins: [i18n] },
      attachTo: document.body,
    });
    await flushPromises();
    setInput('value', '400,000');
    click('contract-save');
    await flushPromises();
    await vi.waitFor(() => expect(document.body.querySelector('[data-test="conflict"]')).not.toBeNull(), {
      timeout: 15_000,
    });
    const first = calls.find((c) => c.method === 'PATCH')!;
    expect(first.headers['If-Match']).toBe('"4"');
    expect(first.body).toEqual({ value: '400000.00' });
    expect(document.body.querySelector<HTMLInputElement>('[name="value"]')!.value).toBe('400,000');
    const panel = document.body.querySelector('[data-test="conflict"]')!.textContent!;
    expect(panel).toContain('该合同已被他人修改');
    expect(panel).toContain('框架合同（续）');
    // The other person's title is kept under the user's value.
    expect(document.body.querySelector<HTMLInputElement>('[name="title"]')!.value).toBe('框架合同（续）');

    click('keep-mine');
    await flushPromises();
    const again = calls.filter((c) => c.method === 'PATCH')[1];
    expect(again.headers['If-Match']).toBe('"5"');
    expect(again.body).toEqual({ value: '400000.00' });
    expect(wrapper.emitted('saved')?.[0]?.[0]).toMatchObject({ version: 6, value: '400000.00', title: '框架合同（续）' });
    wrapper.unmount();
  });
});

describe('the ledger tabs', () => {
  const routes = {
    'GET /api/users': users,
    'GET /api/product_lines': page([{ ...meta, id: 3, version: 1, code: 'PL3', name: '工业阀门' }]),
    'GET /api/orders': page([order, { ...order, id: 22, order_no: 'DD-2', amount: '500.00' }]),
    'GET /api/returns': page([{ ...meta, id: 51, version: 1, account_id: 1, order_id: 21, return_date: '2026-11-03', amount: '8000.00', reason: null }]),
    'GET /api/invoices': page([
      { ...meta, id: 41, version: 1, account_id: 1, order_id: 21, invoice_no: 'FP-1', invoice_date: '2026-11-01', due_date: '2999-12-31', amount: '120000.50' },
    ]),
    'GET /api/payments': page([
      { ...meta, id: 61, version: 1, account_id: 1, invoice_id: 41, paid_date: '2026-11-20', amount: '50000.00', method: '银行转账', instalment_id: 71 },
    ]),
    'GET /api/contracts': page([contract]),
    'GET /api/accounts/1/receivable-plan': () =>
      json({
        items: [
          { id: 71, version: 1, contract_id: 31, contract_no: 'HT-1', due_date: '2026-10-31', notes: null, amount: '100000.00', paid: '50000.00', outstanding: '50000.00', overdue: true },
          { id: 72, version: 1, contract_id: 31, contract_no: 'HT-1', due_date: '2999-12-31', notes: null, amount: '200000.00', paid: '0.00', outstanding: '200000.00', overdue: false },
        ],
      }),
  };

  it('shows each order’s returned amount and product line, and offers the account manager its actions', async () => {
    signIn('account_manager');
    serve(routes);
    const wrapper = mount(OrdersTab, { props: { accountId: 1 }, global: { plugins: [i18n] }, attachTo: document.body });
    await flushPromises();
    await vi.waitFor(() => expect(wrapper.findAll('tbody tr')).toHaveLength(2), { timeout: 15_000 });
    const rows = wrapper.findAll('tbody tr');
    expect(rows[0].find('[data-test="order-returned"]').text()).toBe('¥8,000.00');
    expect(rows[0].text()).toContain('工业阀门');
    expect(rows[0].text()).toContain('电商');
    expect(rows[1].find('[data-test="order-returned"]').text()).toBe('—');
    // An account manager may not see gross margins: no column for them.
    expect(wrapper.text()).not.toContain('毛利');
    expect(wrapper.find('[data-test="order-new"]').exists()).toBe(true);
    expect(wrapper.findAll('.el-table__body-wrapper [data-test="order-return"]')).toHaveLength(2);
    wrapper.unmount();
  });

  it('offers the analyst nothing to change on the orders or the receivables', async () => {
    signIn('analyst');
    serve(routes);
    const orders = mount(OrdersTab, { props: { accountId: 1 }, global: { plugins: [i18n] }, attachTo: document.body });
    const receivables = mount(ReceivablesTable, {
      props: { accountId: 1 },
      global: { plugins: [i18n] },
      attachTo: document.body,
    });
    await flushPromises();
    await vi.waitFor(() => expect(orders.findAll('tbody tr')).toHaveLength(2), { timeout: 15_000 });
    await vi.waitFor(() => expect(receivables.findAll('[data-test="invoice-status"]')).toHaveLength(1), {
      timeout: 15_000,
    });
    for (const control of ['order-new', 'order-edit', 'order-return', 'order-delete'])
      expect(orders.find(`[data-test="${control}"]`).exists()).toBe(false);
    for (const control of ['invoice-new', 'invoice-pay', 'invoice-delete', 'payment-delete'])
      expect(receivables.find(`[data-test="${control}"]`).exists()).toBe(false);
    // The receivable plan: the instalment past due with something outstanding is overdue, in red.
    await vi.waitFor(() => expect(receivables.findAll('[data-test="instalment-status"]')).toHaveLength(2), {
      timeout: 15_000,
    });
    for (const control of ['instalment-new', 'instalment-pay', 'instalment-edit', 'instalment-delete'])
      expect(receivables.find(`[data-test="${control}"]`).exists()).toBe(false);
    const planned = receivables.findAll('[data-test="instalments"] tbody tr');
    expect(planned[0].classes()).toContain('overdue');
    expect(planned[0].find('[data-test="instalment-status"]').text()).toBe('已逾期');
    expect(planned[1].find('[data-test="instalment-status"]').text()).toBe('待回款');
    expect(receivables.find('[data-test="payment-instalment-of"]').text()).toBe('HT-1 · 2026-10-31 到期');
    const status = receivables.find('[data-test="invoice-status"]');
    expect(status.attributes('data-status')).toBe('outstanding');
    expect(status.text()).toBe('未结清');
    expect(receivables.find('[data-test="invoice-balance"]').text()).toBe('¥70,000.50');
    expect(receivables.find('[data-test="open-total"]').text()).toBe('¥70,000.50');
    orders.unmount();
    receivables.unmount();
  });
});

describe('ledger problems in either language the server writes', () => {
  it('says the same problem naming the field, by its code, whether the server wrote it in English or Chinese', async () => {
    const { ledgerProblem } = await import('@/components/account/ledgerProblems');
    i18n.global.locale.value = 'zh-CN';
    const t = (key: string, values?: Record<string, unknown>) => i18n.global.t(key, values ?? {});
    const label = (field: string) => i18n.global.t(`fields.contract.${field}`);
    // Each problem as the server sends it: its text in either language and its template's code.
    const pairs: [string, string, string, 'text' | 'date' | 'money' | 'record'][] = [
      ['is required', '必填', 'validator.required', 'text'],
      ['must not be negative, got -5.00', '不能为负数，当前为 -5.00', 'validator.negative', 'money'],
      ['is 70 characters long; at most 64 allowed', '长度为 70 个字符，最多 64 个字符', 'validator.too_long', 'text'],
      ['2026-01-01 is before start_date 2026-02-01', '2026-01-01 早于start_date 2026-02-01', 'validator.date_before', 'date'],
      ['is already used by another record', '已被另一条记录使用', 'record.duplicate_field', 'text'],
      ['is not one of the accounts you may refer to', '不是你可以引用的客户之一', 'access.unknown_reference', 'record'],
    ];
    for (const [english, chinese, code, kind] of pairs) {
      const fromEnglish = ledgerProblem('contract_no', kind, english, [code], label, t);
      expect(fromEnglish).not.toBe(english);
      expect(ledgerProblem('contract_no', kind, chinese, [code], label, t)).toBe(fromEnglish);
    }
  });
});
