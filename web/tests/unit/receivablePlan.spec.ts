import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { i18n, setLocale } from '@/i18n';
import type { CurrentUser, PlannedInstalment, ReceivableInstalment } from '@/api/types';
import { session } from '@/session';
import { json, serve } from './fakeServer';
import InstalmentDialog from '@/components/account/InstalmentDialog.vue';
import {
  changedInstalmentFields,
  instalmentDraftOf,
  instalmentStatus,
  newInstalmentFields,
  planTotals,
  proposedPayment,
} from '@/components/account/instalmentDraft';
import { newPaymentFields } from '@/components/account/invoiceDraft';

const planned = (over: Partial<PlannedInstalment>): PlannedInstalment => ({
  id: 1,
  version: 1,
  contract_id: 31,
  contract_no: 'HT-1',
  due_date: '2026-12-31',
  notes: null,
  amount: '1000.00',
  paid: '0.00',
  outstanding: '1000.00',
  overdue: false,
  ...over,
});

describe('an instalment of the receivable plan', () => {
  it('is sent with its account, the amount in the API’s form, and every required field even when empty', () => {
    const draft = { ...instalmentDraftOf({ contract_id: 31 }), due_date: '2026-12-31', amount: '1,200' };
    expect(newInstalmentFields(1, draft)).toEqual({
      account_id: 1,
      contract_id: 31,
      due_date: '2026-12-31',
      amount: '1200.00',
    });
    expect(newInstalmentFields(1, instalmentDraftOf({}))).toEqual({
      account_id: 1,
      contract_id: null,
      due_date: null,
      amount: null,
    });
  });

  it('sends as a change only what differs, "1200" and "1,200.00" being the same amount', () => {
    const before = instalmentDraftOf({ contract_id: 31, due_date: '2026-12-31', amount: '1200.00', notes: null });
    expect(changedInstalmentFields(before, { ...before, amount: '1,200' })).toEqual({});
    expect(changedInstalmentFields(before, { ...before, due_date: '2027-01-31', notes: '首付款' })).toEqual({
      due_date: '2027-01-31',
      notes: '首付款',
    });
  });

  it('is paid when nothing is outstanding, overdue as the server says, else outstanding', () => {
    expect(instalmentStatus(planned({ paid: '1000.00', outstanding: '0.00', overdue: false }))).toBe('paid');
    expect(instalmentStatus(planned({ overdue: true }))).toBe('overdue');
    expect(instalmentStatus(planned({ paid: '400.00', outstanding: '600.00' }))).toBe('outstanding');
  });

  it('adds up a plan and proposes paying what is outstanding', () => {
    const plan = [
      planned({ amount: '1000.00', paid: '1000.00', outstanding: '0.00' }),
      planned({ id: 2, amount: '2000.50', paid: '500.00', outstanding: '1500.50' }),
    ];
    expect(planTotals(plan)).toEqual({ planned: '3000.50', paid: '1500.00', outstanding: '1500.50' });
    expect(proposedPayment(plan[0])).toBe('');
    expect(proposedPayment(plan[1])).toBe('1500.50');
    expect(proposedPayment(null)).toBe('');
  });

  it('is named by a payment that settles it, with or without an invoice', () => {
    const draft = { paid_date: '2026-12-02', amount: '600', method: '银行转账', instalment_id: 7 };
    expect(newPaymentFields(1, null, draft)).toEqual({
      account_id: 1,
      instalment_id: 7,
      paid_date: '2026-12-02',
      amount: '600.00',
      method: '银行转账',
    });
    expect(newPaymentFields(1, 41, { ...draft, instalment_id: null })).toEqual({
      account_id: 1,
      invoice_id: 41,
      paid_date: '2026-12-02',
      amount: '600.00',
      method: '银行转账',
    });
  });
});

afterEach(() => {
  session.user = null;
  session.permissions = null;
  setLocale('zh-CN');
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

const meta = { created_at: '2026-11-01T08:00:00Z', updated_at: '2026-11-01T08:00:00Z', deleted_at: null };
const input = (name: string) => document.body.querySelector<HTMLInputElement>(`[name="${name}"]`)!;
function setInput(name: string, value: string): void {
  input(name).value = value;
  input(name).dispatchEvent(new Event('input'));
}
const click = (test: string) => document.body.querySelector<HTMLButtonElement>(`[data-test="${test}"]`)!.click();

describe('InstalmentDialog', () => {
  it('saves a change with If-Match and keeps the input when someone else saved first', async () => {
    session.user = { id: 5, login: 'am1', display_name: '张经理', role: 'account_manager' } as CurrentUser;
    const instalment: ReceivableInstalment = {
      ...meta,
      id: 71,
      version: 2,
      account_id: 1,
      contract_id: 31,
      due_date: '2026-12-31',
      amount: '100000.00',
      notes: null,
    } as ReceivableInstalment;
    const latest = { ...instalment, version: 3, notes: '客户申请延期' };
    let patches = 0;
    const calls = serve({
      'GET /api/receivable_instalments/71': () => json(latest, 200, { ETag: '"3"' }),
      'PATCH /api/receivable_instalments/71': (call) =>
        ++patches === 1
          ? json({ title: 'Precondition Failed', status: 412, detail: 'stale' }, 412)
          : json({ ...latest, ...(call.body as object), version: 4 }, 200, { ETag: '"4"' }),
    });
    const contracts = [{ ...meta, id: 31, version: 1, account_id: 1, contract_no: 'HT-1', title: '框架合同' }];
    const wrapper = mount(InstalmentDialog, {
      props: { modelValue: true, accountId: 1, instalment, contracts: contracts as never },
      global: { plugins: [i18n] },
      attachTo: document.body,
    });
    await flushPromises();
    setInput('amount', '120,000');
    click('instalment-save');
    await flushPromises();
    await vi.waitFor(() => expect(document.body.querySelector('[data-test="conflict"]')).not.toBeNull(), {
      timeout: 15_000,
    });
    const first = calls.find((c) => c.method === 'PATCH')!;
    expect(first.headers['If-Match']).toBe('"2"');
    expect(first.body).toEqual({ amount: '120000.00' });
    expect(input('amount').value).toBe('120,000');
    // The other person's note is kept under the user's amount.
    expect(input('notes').value).toBe('客户申请延期');

    click('keep-mine');
    await flushPromises();
    const again = calls.filter((c) => c.method === 'PATCH')[1];
    expect(again.headers['If-Match']).toBe('"3"');
    expect(again.body).toEqual({ amount: '120000.00' });
    expect(wrapper.emitted('saved')?.[0]?.[0]).toMatchObject({ version: 4, amount: '120000.00', notes: '客户申请延期' });
    wrapper.unmount();
  });

  it('says a contract of another account under the contract', async () => {
    session.user = { id: 5, login: 'am1', display_name: '张经理', role: 'account_manager' } as CurrentUser;
    serve({
      'POST /api/receivable_instalments': () =>
        json(
          {
            title: 'Bad Request',
            status: 400,
            detail: 'invalid',
            errors: [{ field: 'contract_id', message: 'is a contract of another account', code: 'reference.contract_other_account' }],
          },
          400,
        ),
    });
    const contracts = [{ ...meta, id: 31, version: 1, account_id: 1, contract_no: 'HT-1', title: '框架合同' }];
    mount(InstalmentDialog, {
      props: { modelValue: true, accountId: 1, instalment: null, contracts: contracts as never },
      global: { plugins: [i18n] },
      attachTo: document.body,
    });
    await flushPromises();
    setInput('amount', '1000');
    click('instalment-save');
    await flushPromises();
    const item = document.body.querySelector('[data-test="instalment-contract"]')!.closest('.el-form-item')!;
    await vi.waitFor(() => expect(item.querySelector('.el-form-item__error')?.textContent).toContain('合同须是本客户的记录'), {
      timeout: 15_000,
    });
  });
});
