import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { i18n, setLocale } from '@/i18n';
import type { CurrentUser, Order, Product } from '@/api/types';
import { session } from '@/session';
import OrderDialog from '@/components/account/OrderDialog.vue';
import {
  lineAmount,
  lineDraftOf,
  lineProblems,
  linesAsSent,
  linesChanged,
  linesTotal,
  newLineDraft,
  withProduct,
} from '@/components/account/orderLines';
import { json, serve } from './fakeServer';

afterEach(() => {
  session.user = null;
  session.permissions = null;
  setLocale('zh-CN');
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

const meta = { created_at: '2026-11-01T08:00:00Z', updated_at: '2026-11-01T08:00:00Z', deleted_at: null };
const printer: Product = { ...meta, id: 7, version: 1, product_line_id: 3, sku: 'OFF-100', name: '激光打印机', list_price: '2000.00' };
const paper: Product = { ...meta, id: 8, version: 1, product_line_id: 4, sku: 'PAP-100', name: 'A4 复印纸', list_price: '25.50' };

const line = (quantity: string, unit_price: string, discount = '') => ({ ...newLineDraft(), quantity, unit_price, discount });

describe('order line amounts', () => {
  it('is quantity × unit price less the discount, rounded half up to the fen, as the server computes it', () => {
    expect(lineAmount(line('3', '2000', '5'))).toBe('5700.00');
    // 7 × 25.50 = 178.50, less 12% = 157.08
    expect(lineAmount(line('7', '25.50', '12'))).toBe('157.08');
    // 0.05 less 50% = 0.025 → 0.03
    expect(lineAmount(line('1', '0.05', '50'))).toBe('0.03');
    expect(lineAmount(line('2', '¥1,200.5'))).toBe('2401.00');
  });

  it('has no amount while an input is not a valid value', () => {
    expect(lineAmount(line('0', '10'))).toBeNull();
    expect(lineAmount(line('1.5', '10'))).toBeNull();
    expect(lineAmount(line('1', ''))).toBeNull();
    expect(lineAmount(line('1', '-3'))).toBeNull();
    expect(lineAmount(line('1', '10', '101'))).toBeNull();
    expect(lineAmount(line('1', 'abc'))).toBeNull();
  });

  it('totals the lines exactly, and not before every line has an amount', () => {
    expect(linesTotal([line('3', '2000', '5'), line('7', '25.50', '12')])).toBe('5857.08');
    expect(linesTotal([line('3', '2000'), line('', '25.50')])).toBeNull();
    expect(linesTotal([])).toBe('0.00');
  });
});

describe('order line drafts', () => {
  it('starts a picked product at its list price and sends the price in the API’s form', () => {
    const picked = withProduct({ ...newLineDraft(), quantity: '3', discount: '5' }, printer);
    expect(picked.unit_price).toBe('2000.00');
    expect(linesAsSent([picked, { ...withProduct(newLineDraft(), paper), quantity: '10', unit_price: '24' }])).toEqual([
      { product_id: 7, quantity: '3', unit_price: '2000.00', discount: '5' },
      { product_id: 8, quantity: '10', unit_price: '24.00' },
    ]);
  });

  it('tells a changed line from one typed the same way', () => {
    const stored = lineDraftOf({ ...meta, id: 1, version: 1, order_id: 2, line_no: 1, product_id: 7, quantity: 3, unit_price: '2000.00', discount: 5, amount: '5700.00' });
    expect(linesChanged([stored], [{ ...stored, unit_price: '2,000' }])).toBe(false);
    expect(linesChanged([stored], [{ ...stored, discount: '10' }])).toBe(true);
    expect(linesChanged([stored], [])).toBe(true);
  });

  it('sorts the server’s problems by line and field', () => {
    const problems = lineProblems({ 'lines[1].quantity': 'must be more than 0, got 0', 'lines[2]': 'must be an object', amount: 'x' });
    expect(problems.get(1)).toEqual({ quantity: 'must be more than 0, got 0' });
    expect(problems.get(2)).toEqual({ product_id: 'must be an object' });
    expect(problems.has(0)).toBe(false);
  });
});

function signIn(): void {
  session.user = { id: 5, login: 'am1', display_name: '张经理', role: 'account_manager' } as CurrentUser;
  session.permissions = { read: true, write: true, financial: false } as never;
}

describe('OrderDialog with lines', () => {
  it('sends the lines instead of an amount, shows their total, and says a line’s problem under its input', async () => {
    signIn();
    const saved: Order = {
      ...meta, id: 40, version: 1, account_id: 1, order_no: 'DD-40', order_date: '2026-11-02', amount: '5857.08',
      product_line_id: 3, channel: 'field', owner_id: 5, lines: [],
    };
    let refuse = true;
    const calls = serve({
      'GET /api/users': () => json({ items: [{ id: 5, version: 1, created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z', deleted_at: null, login: 'am1', display_name: '张经理', active: true }], total: 1, next_cursor: null }),
      'GET /api/products': () => json({ items: [printer, paper], total: 2, next_cursor: null }),
      'POST /api/orders': () =>
        refuse
          ? json({ title: 'Bad Request', status: 400, detail: 'invalid input', errors: [{ field: 'lines[1].discount', message: 'must be a percent from 0 to 100, got 120', code: 'order.discount_percent' }] }, 400)
          : json(saved, 201, { ETag: '"1"' }),
    });
    const wrapper = mount(OrderDialog, {
      props: { modelValue: true, accountId: 1, order: null, productLines: [] },
      global: { plugins: [i18n] },
      attachTo: document.body,
    });
    await flushPromises();
    const set = (name: string, value: string) => {
      const input = document.body.querySelector<HTMLInputElement>(`[name="${name}"]`)!;
      input.value = value;
      input.dispatchEvent(new Event('input'));
    };
    const vm = wrapper.vm as unknown as { pickProduct: (i: number, id: number) => void };
    set('order_no', 'DD-40');
    document.body.querySelector<HTMLButtonElement>('[data-test="order-line-add"]')!.click();
    document.body.querySelector<HTMLButtonElement>('[data-test="order-line-add"]')!.click();
    await flushPromises();
    // The pickers search the catalogue; the test picks as a click on an option would.
    expect(calls.some((c) => c.url.startsWith('/api/products'))).toBe(true);
    vm.pickProduct(0, 7);
    vm.pickProduct(1, 8);
    await flushPromises();
    set('lines[0].quantity', '3');
    set('lines[0].discount', '5');
    set('lines[1].quantity', '7');
    set('lines[1].discount', '120');
    await flushPromises();
    expect(document.body.querySelector('[data-test="order-line-amount-0"]')!.textContent).toBe('¥5,700.00');
    document.body.querySelector<HTMLButtonElement>('[data-test="order-save"]')!.click();
    await flushPromises();
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.body).toMatchObject({
      account_id: 1,
      order_no: 'DD-40',
      lines: [
        { product_id: 7, quantity: '3', unit_price: '2000.00', discount: '5' },
        { product_id: 8, quantity: '7', unit_price: '25.50', discount: '120' },
      ],
    });
    expect(post.body).not.toHaveProperty('amount');
    expect(post.body).not.toHaveProperty('product_line_id');
    const errorUnder = (name: string) =>
      document.body.querySelector(`[name="${name}"]`)!.closest('.el-form-item')!.querySelector('.el-form-item__error')?.textContent ?? '';
    await vi.waitFor(() => expect(errorUnder('lines[1].discount')).toBe('折扣须为 0 到 100 之间的整数（%）'), { timeout: 15_000 });
    expect(errorUnder('lines[0].discount')).toBe('');

    set('lines[1].discount', '12');
    await flushPromises();
    expect(document.body.querySelector('[data-test="order-lines-total"]')!.textContent).toBe('¥5,857.08');
    refuse = false;
    document.body.querySelector<HTMLButtonElement>('[data-test="order-save"]')!.click();
    await flushPromises();
    expect(wrapper.emitted('saved')?.[0]?.[0]).toMatchObject({ id: 40, amount: '5857.08' });
    wrapper.unmount();
  });
});
