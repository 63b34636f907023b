// An account manager records an order line by line (订单明细): in one of their accounts' 订单
// tab they add two lines, picking each product by its SKU and typing its quantity and
// discount; the form shows each line's amount and the total as the server will compute them,
// the saved order is listed with that amount and read back with its two lines from the API.
// Reopened, a line's quantity changes and the order's amount with it. Then, on the same
// account's 信用评级 tab, the sales director (credit figures are financial, which account
// managers may not see) enters a scorecard input and sees it as the value in force, with the
// card's score as the API computes it.
import { check } from '../lib/harness.mjs';
import { signIn, get } from '../lib/session.mjs';

/** Yuan strings → fen (BigInt), and fen → the page's "¥1,234,567.89". */
const toFen = (yuan) => {
  const [whole, frac = ''] = yuan.split('.');
  return BigInt(whole) * 100n + BigInt(frac.padEnd(2, '0'));
};
const shown = (fen) => `¥${new Intl.NumberFormat('zh-CN').format(fen / 100n)}.${String(fen % 100n).padStart(2, '0')}`;
/** quantity × price × (100 − discount) / 100, rounded half up to the fen. */
const lineFen = (priceFen, quantity, discount) => (priceFen * BigInt(quantity) * BigInt(100 - discount) + 50n) / 100n;

/** Picks the product with `sku` for line `i` by typing its SKU into the picker. */
async function pickProduct(page, dialog, i, sku) {
  const select = dialog.locator(`[data-test="order-line-product-${i}"]`);
  await select.click();
  await select.locator('input').fill(sku);
  const option = page.locator(`[data-test="order-line-product-option-${sku}"]:visible`);
  await option.waitFor();
  await option.click();
}

export async function orderLineSteps({ harness, browser, base, password }) {
  let accountId = 0;
  const orderNo = `DD-MX-${String(Date.now()).slice(-6)}`;

  await harness.step('an account manager records an order with two lines and changes one', async () => {
    const { context, page } = await signIn(browser, base, harness, 'am1', password);
    try {
      const me = await get(page, '/api/me');
      const mine = await get(page, `/api/accounts?where=owner_id=${me.id}&limit=1`);
      check(mine.items.length === 1, 'am1 owns no account');
      accountId = mine.items[0].id;
      const catalogue = (await get(page, '/api/products?sort=sku&limit=50')).items.filter((p) => p.list_price);
      check(catalogue.length >= 2, 'the demo catalogue has fewer than two priced products');
      const [first, second] = [catalogue[0], catalogue[catalogue.length - 1]];

      await page.goto(`/accounts/${accountId}`);
      await page.click('.el-tabs__item:has-text("订单")');
      const orders = page.locator('[data-test="orders"]');
      await orders.locator('[data-test="order-new"]').click();
      const dialog = page.locator('[data-test="order-dialog"]');
      await dialog.locator('input[name="order_no"]').fill(orderNo);
      await dialog.locator('[data-test="order-line-add"]').click();
      await pickProduct(page, dialog, 0, first.sku);
      await dialog.locator('input[name="lines[0].quantity"]').fill('3');
      await dialog.locator('input[name="lines[0].discount"]').fill('5');
      await dialog.locator('[data-test="order-line-add"]').click();
      await pickProduct(page, dialog, 1, second.sku);
      await dialog.locator('input[name="lines[1].quantity"]').fill('2');
      await dialog.locator('input[name="lines[1].discount"]').fill('10');
      // The unit price starts as the list price.
      check(
        (await dialog.locator('input[name="lines[1].unit_price"]').inputValue()) === second.list_price,
        'the second line does not start at its list price',
      );
      const one = lineFen(toFen(first.list_price), 3, 5);
      const two = lineFen(toFen(second.list_price), 2, 10);
      await dialog.locator('[data-test="order-line-amount-0"]').filter({ hasText: shown(one) }).waitFor();
      await dialog.locator('[data-test="order-line-amount-1"]').filter({ hasText: shown(two) }).waitFor();
      await dialog.locator('[data-test="order-lines-total"]').filter({ hasText: shown(one + two) }).waitFor();
      await harness.screenshot(page, '33a-order-lines');

      await dialog.locator('[data-test="order-save"]').click();
      await dialog.waitFor({ state: 'hidden' });
      const row = orders.locator('.el-table__body-wrapper tbody tr').filter({ hasText: orderNo });
      await row.filter({ hasText: shown(one + two) }).waitFor();
      const listed = (await get(page, `/api/orders?where=order_no=${orderNo}`)).items[0];
      check(listed && toFen(listed.amount) === one + two, `the order was saved as ${JSON.stringify(listed)}`);
      check(listed.product_line_id !== null, 'the order has no product line');
      const read = await get(page, `/api/orders/${listed.id}`);
      check(
        read.lines.length === 2 && read.lines[0].product_id === first.id && read.lines[0].quantity === 3 &&
          read.lines[0].discount === 5 && read.lines[1].product_id === second.id && toFen(read.lines[1].amount) === two,
        `the order's lines were saved as ${JSON.stringify(read.lines)}`,
      );
      await harness.screenshot(page, '33b-order-saved');

      // Reopened: the lines are there; the first line's quantity goes from 3 to 4.
      await row.locator('[data-test="order-edit"]').click();
      await dialog.locator('input[name="lines[1].quantity"]').waitFor();
      check((await dialog.locator('input[name="lines[0].quantity"]').inputValue()) === '3', 'the form shows other lines');
      await dialog.locator('input[name="lines[0].quantity"]').fill('4');
      const changed = lineFen(toFen(first.list_price), 4, 5);
      await dialog.locator('[data-test="order-lines-total"]').filter({ hasText: shown(changed + two) }).waitFor();
      await dialog.locator('[data-test="order-save"]').click();
      await dialog.waitFor({ state: 'hidden' });
      await row.filter({ hasText: shown(changed + two) }).waitFor();
      const after = await get(page, `/api/orders/${listed.id}`);
      check(
        toFen(after.amount) === changed + two && after.lines.length === 2 && after.lines[0].quantity === 4 &&
          after.version === read.version + 1,
        `the changed order reads ${JSON.stringify(after)}`,
      );
    } finally {
      await context.close();
    }
  });

  await harness.step('the sales director enters a scorecard input and sees it in force', async () => {
    const { context, page } = await signIn(browser, base, harness, 'director', password);
    try {
      await page.goto(`/accounts/${accountId}`);
      await page.click('.el-tabs__item:has-text("信用评级")');
      const card = page.locator('[data-test="scorecard-card-credit_rating"]');
      await card.waitFor();
      await card.locator('input[name="scorecard-current_ratio"]').fill('1.85');
      await card.locator('[data-test="scorecard-value-management_quality"] .el-rate__item').nth(3).click();
      await card.locator('input[name="scorecard-note-credit_rating"]').fill('2026 年三季度财报');
      await card.locator('[data-test="scorecard-save-credit_rating"]').click();
      await card.locator('[data-test="scorecard-in-force-current_ratio"]').filter({ hasText: '1.85' }).waitFor();
      await card.locator('[data-test="scorecard-in-force-management_quality"]').filter({ hasText: '4 / 5' }).waitFor();
      const inputs = (await get(page, `/api/accounts/${accountId}/inputs`)).items;
      const ratio = inputs.filter((i) => i.indicator === 'current_ratio').sort((a, b) => b.id - a.id)[0];
      check(ratio && ratio.value === 185 && ratio.card === 'credit_rating' && ratio.entered_by && ratio.note === '2026 年三季度财报',
        `the input was saved as ${JSON.stringify(ratio)}`);
      const today = new Date();
      const pad = (n) => String(n).padStart(2, '0');
      const day = (d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
      const yearAgo = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 364);
      const score = await get(page, `/api/accounts/${accountId}/score?card=credit_rating&period=${day(yearAgo)}..${day(today)}`);
      const points = (score.score.points_x100 / 100).toFixed(2);
      await card.locator('[data-test="scorecard-score-credit_rating"]').filter({ hasText: points }).waitFor();
      const used = score.score.indicators.find((i) => i.code === 'current_ratio');
      check(used && used.value === 185, `the score does not read the new ratio: ${JSON.stringify(used)}`);
      await page.waitForTimeout(300);
      await harness.screenshot(page, '33c-scorecard-input');
    } finally {
      await context.close();
    }
  });
}
