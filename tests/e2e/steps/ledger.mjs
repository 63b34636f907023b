// An account manager keeps an account's books from its page: a contract without a number is
// named under that field, and the saved contract, ending within 60 days, is marked until it
// is terminated; an order with a negative amount is refused under the amount, a valid one is
// listed, and a return against it shows as its returned amount. An invoice for what is left
// of the order and a part payment of it show what has been paid and what is outstanding, as
// the API counts them; the payment's deletion is undone from its message. The analyst sees
// the same tabs without any of that, and the account's classes counting the order less its
// return.
import { check } from '../lib/harness.mjs';
import { signIn, get } from '../lib/session.mjs';

/** Signs `login` in on a new page of its own context; the caller closes the context. */

/** A local date `days` from today, as the date pickers take it. */
function dayFromToday(days) {
  const d = new Date();
  d.setDate(d.getDate() + days);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

async function pickDate(dialog, name, day) {
  const input = dialog.locator(`input[name="${name}"]`);
  await input.fill(day);
  await input.press('Enter');
}

/** Yuan strings → fen, exactly (BigInt), and fen → the page's "¥1,234,567.89". */
const toFen = (yuan) => {
  const negative = yuan.startsWith('-');
  const [whole, frac = ''] = yuan.replace('-', '').split('.');
  const fen = BigInt(whole) * 100n + BigInt(frac.padEnd(2, '0'));
  return negative ? -fen : fen;
};
const shown = (fen) =>
  `¥${new Intl.NumberFormat('zh-CN').format(fen / 100n)}.${String(fen % 100n).padStart(2, '0')}`;

/** The account's open balance as the API's invoices and payments give it, in fen. */
async function openBalance(page, accountId) {
  const invoices = await get(page, `/api/invoices?where=account_id=${accountId}&limit=500`);
  const payments = await get(page, `/api/payments?where=account_id=${accountId}&limit=500`);
  check(!invoices.next_cursor && !payments.next_cursor, 'the account has more invoices or payments than one page');
  let open = 0n;
  for (const invoice of invoices.items) {
    const paid = payments.items.filter((p) => p.invoice_id === invoice.id).reduce((sum, p) => sum + toFen(p.amount), 0n);
    const balance = toFen(invoice.amount) - paid;
    if (balance > 0n) open += balance;
  }
  return open;
}

export async function ledgerSteps({ harness, browser, base, password }) {
  let accountId = 0;
  const suffix = String(Date.now()).slice(-6);
  const contractNo = `HT-E2E-${suffix}`;
  const orderNo = `DD-E2E-${suffix}`;
  const invoiceNo = `FP-E2E-${suffix}`;
  const contractEnds = dayFromToday(30);

  let revenueBefore = 0n;

  await harness.step('an account manager records a contract, an order with a return, an invoice and a part payment', async () => {
    const { context, page } = await signIn(browser, base, harness, 'am1', password);
    try {
      const me = await get(page, '/api/me');
      const mine = await get(page, `/api/accounts?where=owner_id=${me.id}&limit=1`);
      check(mine.items.length === 1, 'am1 owns no account');
      accountId = mine.items[0].id;
      // The account's revenue in the analysis before, as the analyst (who may see it) reads it.
      const analyst = await signIn(browser, base, harness, 'analyst', password);
      try {
        revenueBefore = toFen((await get(analyst.page, `/api/accounts/${accountId}/analysis`)).value);
      } finally {
        await analyst.context.close();
      }
      await page.goto(`/accounts/${accountId}`);

      // Their account's classes are theirs to see; its money is not (am1 has no financial
      // permission): the levels show, the value and the lines that explain them do not.
      await page.click('.el-tabs__item:has-text("客户分类")');
      const classes = page.locator('[data-test="classes"]');
      const own = await get(page, `/api/accounts/${accountId}/analysis`);
      check(own.value === null && own.explanation.length === 0, `am1 is sent the account's figures: ${JSON.stringify(own)}`);
      await classes.locator('[data-test="class-pyramid"]').waitFor();
      await classes.locator('[data-test="class-value-hidden"]').waitFor();
      await classes.locator('[data-test="classes-why-hidden"]').waitFor();
      check((await classes.locator('.el-alert').count()) === 0, 'the classes tab shows an error to am1');
      await harness.screenshot(page, '29-ledger-classes-without-figures');

      // A contract without a number: refused, and said under the number in Chinese.
      await page.click('.el-tabs__item:has-text("合同")');
      const contracts = page.locator('[data-test="contracts"]');
      await contracts.locator('[data-test="contract-new"]').click();
      const contractDialog = page.locator('[data-test="contract-dialog"]');
      const contractItem = (field) =>
        contractDialog.locator('.el-form-item').filter({ has: page.locator(`[name="${field}"]`) });
      await contractDialog.locator('input[name="title"]').fill('年度框架采购合同');
      await contractDialog.locator('input[name="value"]').fill('360,000');
      await pickDate(contractDialog, 'end_date', contractEnds);
      harness.expectHttp(400, '/api/contracts');
      await contractDialog.locator('[data-test="contract-save"]').click();
      const contractError = contractItem('contract_no').locator('.el-form-item__error');
      await contractError.waitFor();
      const contractSaid = await contractError.innerText();
      check(contractSaid.includes('请填写合同编号'), `the contract number error says: ${contractSaid}`);
      check((await contractItem('title').locator('.el-form-item__error').count()) === 0, 'the title is marked wrong too');
      await page.waitForTimeout(300); // the error's fade-in, for a readable screenshot
      await harness.screenshot(page, '30-ledger-contract-number-error');

      // With a number: listed in force, marked as ending within 60 days.
      await contractDialog.locator('input[name="contract_no"]').fill(contractNo);
      await contractDialog.locator('[data-test="contract-save"]').click();
      await contractDialog.waitFor({ state: 'hidden' });
      const contractRow = contracts.locator('.el-table__body-wrapper tbody tr').filter({ hasText: contractNo });
      await contractRow.locator('[data-test="contract-status"][data-status="active"]').filter({ hasText: '履行中' }).waitFor();
      await contractRow.locator('[data-test="contract-ending"]').filter({ hasText: '60 天内到期' }).waitFor();
      await contractRow.filter({ hasText: '¥360,000.00' }).filter({ hasText: contractEnds }).waitFor();
      const contract = (await get(page, `/api/contracts?where=account_id=${accountId}&where=contract_no=${contractNo}`)).items[0];
      check(
        contract && contract.value === '360000.00' && contract.end_date === contractEnds && contract.status === 'active' &&
          contract.owner_id === me.id,
        `the contract was saved as ${JSON.stringify(contract)}`,
      );
      await harness.screenshot(page, '31-ledger-contract-ending');

      // Terminated: no longer marked, for there is nothing to renew.
      await contractRow.locator('[data-test="contract-edit"]').click();
      await contractDialog.locator('input[name="contract_no"]').waitFor({ state: 'visible' });
      check((await contractDialog.locator('input[name="contract_no"]').inputValue()) === contractNo, 'the form shows another contract');
      await contractDialog.locator('[data-test="contract-status"]').click();
      await page.locator('[data-test="contract-status-terminated"]:visible').click();
      await contractDialog.locator('[data-test="contract-save"]').click();
      await contractDialog.waitFor({ state: 'hidden' });
      await contractRow.locator('[data-test="contract-status"][data-status="terminated"]').filter({ hasText: '已终止' }).waitFor();
      await contractRow.locator('[data-test="contract-ending"]').waitFor({ state: 'detached' });
      const terminated = await get(page, `/api/contracts/${contract.id}`);
      check(
        terminated.status === 'terminated' && terminated.version === contract.version + 1 && terminated.end_date === contractEnds,
        `the contract was changed to ${JSON.stringify(terminated)}`,
      );

      // An order of a negative amount: refused under the amount; then a valid one, online.
      await page.click('.el-tabs__item:has-text("订单")');
      const orders = page.locator('[data-test="orders"]');
      await orders.locator('[data-test="order-new"]').click();
      const orderDialog = page.locator('[data-test="order-dialog"]');
      const orderItem = (field) => orderDialog.locator('.el-form-item').filter({ has: page.locator(`[name="${field}"]`) });
      await orderDialog.locator('input[name="order_no"]').fill(orderNo);
      await orderDialog.locator('input[name="amount"]').fill('-500');
      check(
        (await orderDialog.locator('input[name="gross_margin"]').count()) === 0,
        'an account manager is offered the gross margin, a financial figure',
      );
      harness.expectHttp(400, '/api/orders');
      await orderDialog.locator('[data-test="order-save"]').click();
      const amountError = orderItem('amount').locator('.el-form-item__error');
      await amountError.waitFor();
      const amountSaid = await amountError.innerText();
      check(amountSaid.includes('金额不能为负数'), `the amount error says: ${amountSaid}`);
      check((await orderItem('order_no').locator('.el-form-item__error').count()) === 0, 'the order number is marked wrong too');
      await page.waitForTimeout(300);
      await harness.screenshot(page, '32-ledger-order-negative-amount');
      const lines = await get(page, '/api/product_lines?limit=1&sort=code');
      check(lines.items.length === 1, 'there is no product line to choose');
      const line = lines.items[0];
      await orderDialog.locator('input[name="amount"]').fill('128,000.50');
      await orderDialog.locator('[data-test="order-product-line"]').click();
      await page.locator('.el-select-dropdown__item:visible').filter({ hasText: line.name }).first().click();
      await orderDialog.locator('[data-test="order-channel"]').getByText('电商').click();
      // What the page shows computed from orders (the lifetime value card) is read again.
      const refreshed = page.waitForResponse((r) => r.url().includes(`/api/accounts/${accountId}/lifetime-value`));
      await orderDialog.locator('[data-test="order-save"]').click();
      await orderDialog.waitFor({ state: 'hidden' });
      await refreshed;
      const orderRow = orders.locator('.el-table__body-wrapper tbody tr').filter({ hasText: orderNo });
      await orderRow.filter({ hasText: '¥128,000.50' }).filter({ hasText: '电商' }).filter({ hasText: line.name }).waitFor();
      const listed = await get(page, `/api/orders?where=account_id=${accountId}&where=order_no=${orderNo}`);
      const order = listed.items[0];
      check(
        listed.total === 1 && order.amount === '128000.50' && order.channel === 'online' &&
          order.product_line_id === line.id && order.owner_id === me.id && order.order_date === dayFromToday(0),
        `the order was saved as ${JSON.stringify(order)}`,
      );
      check(!('gross_margin' in order), 'an account manager is sent the gross margin');
      // Newest first: the order of today is on top.
      check(
        (await orders.locator('.el-table__body-wrapper tbody tr').first().innerText()).includes(orderNo),
        'the new order is not listed first',
      );

      // A return against it shows as the order's returned amount.
      await orderRow.locator('[data-test="order-return"]').click();
      const returnDialog = page.locator('[data-test="return-dialog"]');
      await returnDialog.locator('[data-test="return-order"]').filter({ hasText: orderNo }).waitFor();
      await returnDialog.locator('input[name="amount"]').fill('8000');
      await returnDialog.locator('textarea[name="reason"]').fill('包装破损，退回两箱');
      await returnDialog.locator('[data-test="return-save"]').click();
      await returnDialog.waitFor({ state: 'hidden' });
      await orderRow.locator('[data-test="order-returned"]').filter({ hasText: '¥8,000.00' }).waitFor();
      const returns = await get(page, `/api/returns?where=order_id=${order.id}`);
      check(
        returns.total === 1 && returns.items[0].amount === '8000.00' && returns.items[0].account_id === accountId &&
          returns.items[0].reason === '包装破损，退回两箱',
        `the returns of the order are ${JSON.stringify(returns.items)}`,
      );
      await harness.screenshot(page, '33-ledger-order-returned');

      // An invoice for the order: what is left of it after the return is proposed.
      await page.click('.el-tabs__item:has-text("应收与回款")');
      const receivables = page.locator('[data-test="receivables"]');
      await receivables.locator('[data-test="invoice-new"]').click();
      const invoiceDialog = page.locator('[data-test="invoice-dialog"]');
      await invoiceDialog.locator('[data-test="invoice-order"]').click();
      await page.locator(`[data-test="invoice-order-${order.id}"]:visible`).click();
      const proposed = invoiceDialog.locator('input[name="amount"]');
      await page.waitForFunction((el) => el.value !== '', await proposed.elementHandle());
      check((await proposed.inputValue()) === '120000.50', `the invoice proposes ${await proposed.inputValue()}`);
      await invoiceDialog.locator('input[name="invoice_no"]').fill(invoiceNo);
      await invoiceDialog.locator('[data-test="invoice-save"]').click();
      await invoiceDialog.waitFor({ state: 'hidden' });
      const invoiceRow = receivables.locator('[data-test="invoices"] .el-table__body-wrapper tbody tr').filter({ hasText: invoiceNo });
      await invoiceRow.locator('[data-test="invoice-status"][data-status="outstanding"]').filter({ hasText: '未结清' }).waitFor();
      await invoiceRow.locator('[data-test="invoice-balance"]').filter({ hasText: '¥120,000.50' }).waitFor();
      const invoice = (await get(page, `/api/invoices?where=account_id=${accountId}&where=invoice_no=${invoiceNo}`)).items[0];
      check(
        invoice && invoice.order_id === order.id && invoice.amount === '120000.50' && invoice.due_date === dayFromToday(30),
        `the invoice was saved as ${JSON.stringify(invoice)}`,
      );

      // A part payment: the invoice shows it paid and the rest outstanding, as the API counts.
      await invoiceRow.locator('[data-test="invoice-pay"]').click();
      const paymentDialog = page.locator('[data-test="payment-dialog"]');
      await paymentDialog.locator('[data-test="payment-invoice"]').filter({ hasText: invoiceNo }).waitFor();
      check(
        (await paymentDialog.locator('input[name="amount"]').inputValue()) === '120000.50',
        'the payment does not propose the open balance',
      );
      await paymentDialog.locator('input[name="amount"]').fill('50000');
      await paymentDialog.locator('[data-test="payment-save"]').click();
      await paymentDialog.waitFor({ state: 'hidden' });
      await invoiceRow.locator('[data-test="invoice-paid"]').filter({ hasText: '¥50,000.00' }).waitFor();
      await invoiceRow.locator('[data-test="invoice-balance"]').filter({ hasText: '¥70,000.50' }).waitFor();
      await invoiceRow.locator('[data-test="invoice-status"][data-status="outstanding"]').waitFor();
      const paid = await get(page, `/api/payments?where=invoice_id=${invoice.id}`);
      check(
        paid.total === 1 && paid.items[0].amount === '50000.00' && paid.items[0].method === '银行转账' &&
          paid.items[0].paid_date === dayFromToday(0),
        `the invoice's payments are ${JSON.stringify(paid.items)}`,
      );
      const openTotal = receivables.locator('[data-test="open-total"]');
      await openTotal.filter({ hasText: shown(await openBalance(page, accountId)) }).waitFor();
      await harness.screenshot(page, '34-ledger-invoice-part-paid');

      // The payment deleted: the invoice is open in full again; undone: paid in part again.
      const paymentRow = receivables
        .locator('[data-test="payments"] .el-table__body-wrapper tbody tr')
        .filter({ hasText: invoiceNo })
        .filter({ hasText: '¥50,000.00' });
      await paymentRow.locator('[data-test="payment-delete"]').click();
      await paymentRow.waitFor({ state: 'detached' });
      await invoiceRow.locator('[data-test="invoice-balance"]').filter({ hasText: '¥120,000.50' }).waitFor();
      check((await get(page, `/api/payments?where=invoice_id=${invoice.id}`)).total === 0, 'the payment is still listed');
      await page.locator('[data-test="payment-undo"]').click();
      await paymentRow.waitFor();
      await invoiceRow.locator('[data-test="invoice-balance"]').filter({ hasText: '¥70,000.50' }).waitFor();
      const restored = await get(page, `/api/payments/${paid.items[0].id}`);
      check(restored.deleted_at === null && restored.amount === '50000.00', `the payment is ${JSON.stringify(restored)}`);
      await openTotal.filter({ hasText: shown(await openBalance(page, accountId)) }).waitFor();
      await harness.screenshot(page, '35-ledger-payment-restored');
    } finally {
      await context.close();
    }
  });

  await harness.step('the analyst sees an account’s orders, contracts and receivables and cannot change them', async () => {
    const { context, page } = await signIn(browser, base, harness, 'analyst', password);
    try {
      await page.goto(`/accounts/${accountId}`);
      await page.click('.el-tabs__item:has-text("订单")');
      const orders = page.locator('[data-test="orders"]');
      const orderRow = orders.locator('.el-table__body-wrapper tbody tr').filter({ hasText: orderNo });
      await orderRow.locator('[data-test="order-returned"]').filter({ hasText: '¥8,000.00' }).waitFor();
      for (const control of ['order-new', 'order-edit', 'order-return', 'order-delete'])
        check((await orders.locator(`[data-test="${control}"]`).count()) === 0, `the analyst is offered ${control}`);

      // The account's classes are current with the order and its return: its revenue in the
      // period (net of returns) grew by what was kept of the order.
      await page.click('.el-tabs__item:has-text("客户分类")');
      const analysis = await get(page, `/api/accounts/${accountId}/analysis`);
      const [from, to] = analysis.period.split('..');
      check(from <= dayFromToday(0) && dayFromToday(0) <= to, `today is outside the analysis period ${analysis.period}`);
      check(
        toFen(analysis.value) - revenueBefore === toFen('120000.50'),
        `the account's revenue went from ${revenueBefore} fen to ${analysis.value}`,
      );
      await page.locator('[data-test="classes"] [data-test="class-value"]').filter({ hasText: shown(toFen(analysis.value)) }).waitFor();

      await page.click('.el-tabs__item:has-text("合同")');
      const contracts = page.locator('[data-test="contracts"]');
      await contracts.locator('.el-table__body-wrapper tbody tr').filter({ hasText: contractNo }).waitFor();
      for (const control of ['contract-new', 'contract-edit', 'contract-delete'])
        check((await contracts.locator(`[data-test="${control}"]`).count()) === 0, `the analyst is offered ${control}`);

      await page.click('.el-tabs__item:has-text("应收与回款")');
      const receivables = page.locator('[data-test="receivables"]');
      await receivables
        .locator('[data-test="invoices"] .el-table__body-wrapper tbody tr')
        .filter({ hasText: invoiceNo })
        .locator('[data-test="invoice-balance"]')
        .filter({ hasText: '¥70,000.50' })
        .waitFor();
      for (const control of ['invoice-new', 'invoice-pay', 'invoice-delete', 'payment-delete'])
        check((await receivables.locator(`[data-test="${control}"]`).count()) === 0, `the analyst is offered ${control}`);
      await harness.screenshot(page, '36-ledger-analyst-receivables');
    } finally {
      await context.close();
    }
  });
}
