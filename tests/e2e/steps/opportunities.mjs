// An account manager keeps an opportunity in the browser: creates it on one of their accounts
// (it is theirs), edits it in the drawer (a bad amount is named under its field), and wins it
// (the drawer's stage history shows who and when).
import { check, until } from '../lib/harness.mjs';

export async function run({ harness, browser, BASE, DEMO_PASSWORD }) {
  const context = await browser.newContext({ baseURL: BASE, viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  harness.watch(page, 'am1-opportunities');
  const get = (path) => page.evaluate(async (path) => (await fetch(path)).json(), path);
  const today = () => page.evaluate(() => {
    const d = new Date();
    const pad = (n) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  });
  const drawer = page.locator('[data-test="opportunity-drawer"]');
  const name = `端到端客户经理商机${String(Date.now()).slice(-6)}`;
  let me = null;
  let opportunity = null;

  try {
    await harness.step('an account manager creates an opportunity in the browser: it is theirs', async () => {
      harness.expectHttp(401, '/api/me');
      await page.goto('/login');
      await page.fill('input[name="login"]', 'am1');
      await page.fill('input[name="password"]', DEMO_PASSWORD);
      await page.click('button[type="submit"]');
      await page.waitForURL((url) => url.pathname === '/dashboard');
      me = await get('/api/me');
      const accounts = await get(`/api/accounts?where=owner_id=${me.id}&limit=1`);
      check(accounts.items.length === 1, 'am1 owns no account');
      const account = accounts.items[0];

      await page.click('.el-menu-item:has-text("销售漏斗")');
      await page.locator('[data-test="kanban"]').waitFor();
      await page.click('[data-test="opportunity-new"]');
      const dialog = page.locator('[data-test="opportunity-create"]');
      await dialog.locator('[data-test="account-picker"]').click();
      await dialog.locator('[data-test="account-picker"] input').fill(account.name);
      await page.locator('.el-select-dropdown:visible .el-select-dropdown__item').filter({ hasText: account.name }).first().click();
      await dialog.locator('input[name="name"]').fill(name);
      await dialog.locator('input[name="amount"]').fill('880,000');
      const date = dialog.locator('.el-date-editor input');
      await date.fill('2027-06-30');
      await date.press('Enter');
      await dialog.locator('.el-dialog__footer button.el-button--primary').click();
      await dialog.waitFor({ state: 'hidden' });

      const found = await get(`/api/opportunities?where=${encodeURIComponent(`name=${name}`)}&limit=5`);
      opportunity = found.items.find((o) => o.name === name);
      check(opportunity, `the new opportunity ${name} is not stored`);
      check(opportunity.owner_id === me.id, `the new opportunity's owner is ${opportunity.owner_id}, not am1 (${me.id})`);
      check(opportunity.amount === '880000.00', `the amount is ${opportunity.amount}`);

      await page.locator(`[data-opportunity="${opportunity.id}"]`).click();
      await drawer.locator('[data-test="drawer-owner"]').filter({ hasText: me.display_name }).waitFor();
    });

    await harness.step('edit the opportunity in the drawer: a bad amount is named under the field, a good one saves', async () => {
      check(opportunity, 'no opportunity was created');
      await drawer.locator('.el-tabs__item:has-text("编辑")').click();
      const form = drawer.locator('[data-test="opportunity-form"]');
      const amount = form.locator('input[name="amount"]');
      await until(async () => (await amount.inputValue()) === '880000.00', 'the form shows the amount');
      harness.expectHttp(400, `/api/opportunities/${opportunity.id}`);
      await amount.fill('九十六万');
      await form.locator('[data-test="opportunity-save"]').click();
      const amountItem = form.locator('.el-form-item').filter({ has: page.locator('input[name="amount"]') });
      await amountItem.locator('.el-form-item__error').waitFor();
      check((await amount.inputValue()) === '九十六万', 'the refused input was not kept');
      await harness.screenshot(page, '17a-opportunity-edit-refused');

      await amount.fill('960,000');
      await form.locator('[data-test="opportunity-save"]').click();
      await amountItem.locator('.el-form-item__error').waitFor({ state: 'detached' });
      await until(async () => (await get(`/api/opportunities/${opportunity.id}`)).amount === '960000.00', 'the amount is saved');
      await drawer.locator('.el-tabs__item:has-text("概况")').click();
      await drawer.locator('[data-test="drawer-amount"]').filter({ hasText: '¥960,000.00' }).waitFor();
      await page.waitForTimeout(300); // the success message's fade-in
      await harness.screenshot(page, '17b-opportunity-edited');
    });

    await harness.step('win the opportunity: the drawer shows the stage history entry with am1 and today', async () => {
      check(opportunity, 'no opportunity was created');
      const pipeline = await get('/api/settings/pipelines/default');
      const won = pipeline.stages.find((s) => s.kind === 'won');
      await drawer.locator('[data-test="drawer-won"]').click();
      const dialog = page.locator('[data-test="opportunity-close"]');
      await dialog.waitFor();
      check((await dialog.locator('input[name="won_amount"]').inputValue()) === '960000.00', 'the won amount is not the amount');
      await page.waitForTimeout(300); // the dialog's fade-in
      await harness.screenshot(page, '17c-opportunity-won-dialog');
      await dialog.locator('[data-test="opportunity-close-confirm"]').click();
      await dialog.waitFor({ state: 'hidden' });

      const day = await today();
      const entry = drawer.locator(`[data-test="stage-history"] [data-to-stage="${won.code}"]`);
      await entry.waitFor();
      const changedAt = await entry.getAttribute('data-changed-at');
      // The server keeps UTC; the reader's day is what "today" means on the screen.
      const shownDay = await page.evaluate((iso) => {
        const d = new Date(iso);
        const pad = (n) => String(n).padStart(2, '0');
        return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
      }, changedAt);
      check(shownDay === day, `the won entry is of ${changedAt}, not today (${day})`);
      check((await entry.innerText()).includes('am1'), `the won entry does not name am1: ${await entry.innerText()}`);
      await drawer.locator('[data-test="drawer-closed-on"]').filter({ hasText: day }).waitFor();
      check((await drawer.locator('[data-test="drawer-won"]').count()) === 0, 'a won opportunity still offers to win it');

      const stored = await get(`/api/opportunities/${opportunity.id}`);
      check(stored.stage === won.code && stored.closed_on === day, `stored: stage ${stored.stage}, closed on ${stored.closed_on}`);
      const stages = (await get(`/api/opportunities/${opportunity.id}/stages`)).items;
      const last = stages.at(-1);
      check(last.to_stage === won.code && last.changed_by === 'am1', `the stage history ends with ${JSON.stringify(last)}`);
      await page.waitForTimeout(300);
      await harness.screenshot(page, '17d-opportunity-won');
    });
  } finally {
    await context.close();
  }
}
