// An account manager wins an opportunity on the kanban and takes up the offer that follows:
// the contract's form opens filled in from the opportunity (its name, amount, a year from
// today), then the first order's (the amount, today). In the account's receivables tab they
// plan two instalments of that contract (回款计划; the first already due, shown in red) and
// record a payment of the first from its row. The first then shows paid and the second
// outstanding, with the plan's totals, the payment's instalment and the API's figures
// agreeing. The analyst sees the plan without any control to change it.
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

/** Adds an instalment of `contractNo` from the plan's form. */
async function planInstalment(page, plan, contractNo, due, amount) {
  await plan.locator('[data-test="instalment-new"]').click();
  const dialog = page.locator('[data-test="instalment-dialog"]');
  await dialog.locator('[data-test="instalment-contract"]').click();
  await page.locator('.el-select-dropdown__item:visible').filter({ hasText: contractNo }).first().click();
  await pickDate(dialog, 'due_date', due);
  await dialog.locator('input[name="amount"]').fill(amount);
  await dialog.locator('[data-test="instalment-save"]').click();
  await dialog.waitFor({ state: 'hidden' });
}

export async function receivableSteps({ harness, browser, base, password }) {
  let accountId = 0;
  let won = null;
  const suffix = String(Date.now()).slice(-6);
  const contractNo = `HT-WON-${suffix}`;
  const orderNo = `DD-WON-${suffix}`;
  const firstDue = dayFromToday(-10);
  const secondDue = dayFromToday(60);

  await harness.step('an account manager wins an opportunity and creates its contract and first order from it', async () => {
    const { context, page } = await signIn(browser, base, harness, 'am1', password);
    try {
      const me = await get(page, '/api/me');
      // The first open stage's soonest-closing opportunity of am1: the top card of its column.
      const pipeline = await get(page, '/api/settings/pipelines/default');
      const first = pipeline.stages.find((s) => s.kind === 'open');
      const deals = await get(
        page,
        `/api/opportunities?where=owner_id=${me.id}&where=pipeline=default&where=stage=${first.code}&sort=expected_close&limit=1`,
      );
      check(deals.items.length === 1, `am1 has no opportunity in ${first.code}`);
      won = deals.items[0];
      accountId = won.account_id;
      await page.goto('/pipeline');
      await page.locator(`[data-opportunity="${won.id}"]`).click();
      const drawer = page.locator('[data-test="opportunity-drawer"]');
      await drawer.locator('[data-test="drawer-won"]').click();
      const close = page.locator('[data-test="opportunity-close"]');
      await close.locator('[data-test="opportunity-close-confirm"]').click();
      await close.waitFor({ state: 'hidden' });

      // Once won, the contract and its first order are offered.
      const offer = page.locator('.el-message-box').filter({ hasText: won.name });
      await offer.waitFor();
      await page.waitForTimeout(300); // the box's fade-in, for a readable screenshot
      await harness.screenshot(page, '40-receivable-won-offer');
      await offer.getByRole('button', { name: '创建合同和首个订单' }).click();

      const contractDialog = page.locator('[data-test="contract-dialog"]');
      await contractDialog.locator('input[name="title"]').waitFor({ state: 'visible' });
      const value = async (name) => contractDialog.locator(`input[name="${name}"]`).inputValue();
      check(
        (await value('title')) === won.name && (await value('value')) === won.amount &&
          (await value('start_date')) === dayFromToday(0) && (await value('end_date')) === dayFromToday(364),
        `the contract's form holds ${await value('title')}, ${await value('value')}, ${await value('start_date')}..${await value('end_date')}`,
      );
      await page.waitForTimeout(300); // the dialog's fade-in, for a readable screenshot
      await harness.screenshot(page, '40b-receivable-won-contract');
      await contractDialog.locator('input[name="contract_no"]').fill(contractNo);
      await contractDialog.locator('[data-test="contract-save"]').click();
      await contractDialog.waitFor({ state: 'hidden' });

      const orderDialog = page.locator('[data-test="order-dialog"]');
      await orderDialog.locator('input[name="order_no"]').waitFor({ state: 'visible' });
      check(
        (await orderDialog.locator('input[name="amount"]').inputValue()) === won.amount &&
          (await orderDialog.locator('input[name="order_date"]').inputValue()) === dayFromToday(0),
        `the order's form holds ${await orderDialog.locator('input[name="amount"]').inputValue()} of ${await orderDialog.locator('input[name="order_date"]').inputValue()}`,
      );
      await page.waitForTimeout(300);
      await harness.screenshot(page, '41-receivable-first-order');
      await orderDialog.locator('input[name="order_no"]').fill(orderNo);
      await orderDialog.locator('[data-test="order-save"]').click();
      await orderDialog.waitFor({ state: 'hidden' });

      const contract = (await get(page, `/api/contracts?where=account_id=${accountId}&where=contract_no=${contractNo}`)).items[0];
      check(
        contract && contract.opportunity_id === won.id && contract.title === won.name && contract.value === won.amount &&
          contract.start_date === dayFromToday(0) && contract.end_date === dayFromToday(364) && contract.status === 'active',
        `the contract was saved as ${JSON.stringify(contract)}`,
      );
      const order = (await get(page, `/api/orders?where=account_id=${accountId}&where=order_no=${orderNo}`)).items[0];
      check(
        order && order.amount === won.amount && order.order_date === dayFromToday(0) && order.owner_id === me.id,
        `the order was saved as ${JSON.stringify(order)}`,
      );
    } finally {
      await context.close();
    }
  });

  await harness.step('an account manager plans two instalments of the contract and records a payment of the first', async () => {
    const { context, page } = await signIn(browser, base, harness, 'am1', password);
    try {
      await page.goto(`/accounts/${accountId}`);

      // Two instalments in the receivables tab's plan: one due ten days ago, one in two months.
      await page.click('.el-tabs__item:has-text("应收与回款")');
      const plan = page.locator('[data-test="receivable-plan"]');
      await planInstalment(page, plan, contractNo, firstDue, '100,000');
      await planInstalment(page, plan, contractNo, secondDue, '200000');
      const rows = plan.locator('[data-test="instalments"] .el-table__body-wrapper tbody tr').filter({ hasText: contractNo });
      const first = rows.filter({ hasText: firstDue });
      const second = rows.filter({ hasText: secondDue });
      await first.locator('[data-test="instalment-status"][data-status="overdue"]').filter({ hasText: '已逾期' }).waitFor();
      check((await first.getAttribute('class')).includes('overdue'), 'the overdue instalment is not marked in red');
      await second.locator('[data-test="instalment-status"][data-status="outstanding"]').filter({ hasText: '待回款' }).waitFor();
      await harness.screenshot(page, '42-receivable-plan-overdue');

      // A payment from the first instalment's row: its outstanding amount is proposed.
      await first.locator('[data-test="instalment-pay"]').click();
      const paymentDialog = page.locator('[data-test="payment-dialog"]');
      const amount = paymentDialog.locator('input[name="amount"]');
      await page.waitForFunction((el) => el.value !== '', await amount.elementHandle());
      check((await amount.inputValue()) === '100000.00', `the payment proposes ${await amount.inputValue()}`);
      await paymentDialog.locator('[data-test="payment-instalment"]').filter({ hasText: firstDue }).waitFor();
      await paymentDialog.locator('[data-test="payment-save"]').click();
      await paymentDialog.waitFor({ state: 'hidden' });

      await first.locator('[data-test="instalment-status"][data-status="paid"]').filter({ hasText: '已回款' }).waitFor();
      await first.locator('[data-test="instalment-paid"]').filter({ hasText: '¥100,000.00' }).waitFor();
      await first.locator('[data-test="instalment-outstanding"]').filter({ hasText: '¥0.00' }).waitFor();
      check(!(await first.getAttribute('class')).includes('overdue'), 'the paid instalment is still marked overdue');
      await second.locator('[data-test="instalment-status"][data-status="outstanding"]').waitFor();
      await second.locator('[data-test="instalment-outstanding"]').filter({ hasText: '¥200,000.00' }).waitFor();

      // The API agrees, and the payment is listed with the account's payments.
      const contract = (await get(page, `/api/contracts?where=account_id=${accountId}&where=contract_no=${contractNo}`)).items[0];
      const planned = (await get(page, `/api/accounts/${accountId}/receivable-plan?contract_id=${contract.id}`)).items;
      check(
        planned.length === 2 && planned[0].due_date === firstDue && planned[0].paid === '100000.00' &&
          planned[0].outstanding === '0.00' && !planned[0].overdue && planned[1].due_date === secondDue &&
          planned[1].paid === '0.00' && planned[1].outstanding === '200000.00' && !planned[1].overdue,
        `the plan is ${JSON.stringify(planned)}`,
      );
      const payments = await get(page, `/api/payments?where=instalment_id=${planned[0].id}`);
      check(
        payments.total === 1 && payments.items[0].amount === '100000.00' && payments.items[0].invoice_id === null &&
          payments.items[0].paid_date === dayFromToday(0),
        `the instalment's payments are ${JSON.stringify(payments.items)}`,
      );
      await page
        .locator('[data-test="payments"] .el-table__body-wrapper tbody tr')
        .filter({ hasText: '¥100,000.00' })
        .locator('[data-test="payment-instalment-of"]')
        .filter({ hasText: `${contractNo} · ${firstDue} 到期` })
        .waitFor();
      // The plan's totals over all the account's instalments, as the API gives them.
      const all = (await get(page, `/api/accounts/${accountId}/receivable-plan`)).items;
      const fen = (yuan) => BigInt(yuan.replace('.', ''));
      const outstanding = all.reduce((sum, i) => sum + fen(i.outstanding), 0n);
      const shown = `¥${new Intl.NumberFormat('zh-CN').format(outstanding / 100n)}.${String(outstanding % 100n).padStart(2, '0')}`;
      await plan.locator('[data-test="plan-totals"]').filter({ hasText: `未回款 ${shown}` }).waitFor();
      await harness.screenshot(page, '43-receivable-plan-first-paid');
    } finally {
      await context.close();
    }
  });

  await harness.step('the analyst sees the receivable plan and cannot change it', async () => {
    const { context, page } = await signIn(browser, base, harness, 'analyst', password);
    try {
      await page.goto(`/accounts/${accountId}`);
      await page.click('.el-tabs__item:has-text("应收与回款")');
      const plan = page.locator('[data-test="receivable-plan"]');
      await plan
        .locator('[data-test="instalments"] .el-table__body-wrapper tbody tr')
        .filter({ hasText: contractNo })
        .filter({ hasText: firstDue })
        .locator('[data-test="instalment-status"][data-status="paid"]')
        .waitFor();
      for (const control of ['instalment-new', 'instalment-pay', 'instalment-edit', 'instalment-delete'])
        check((await plan.locator(`[data-test="${control}"]`).count()) === 0, `the analyst is offered ${control}`);
    } finally {
      await context.close();
    }
  });
}
