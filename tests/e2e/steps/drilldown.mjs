// A new sales director drills down from the dashboard: a click on the pyramid's top (VIP)
// level opens the account list narrowed to that level, with as many accounts as the chart
// says and the level named in a removable chip; a click on a spend tier under its bar does the
// same for the tier, and one on a churn reason's count for the lost accounts. Every row of the
// list narrowed to a level shows the level in its class column.
import { check } from '../lib/harness.mjs';

/** The number in the list's "共 N 个客户". */
async function listTotal(page) {
  const total = page.locator('[data-test="accounts-total"]');
  await total.waitFor();
  const text = await total.innerText();
  return Number(text.replace(/[^0-9]/g, ''));
}

/** Waits for the list to show `expected` accounts and returns what it shows. */
async function settledTotal(page, expected) {
  await page.locator('[data-test="accounts-table"] .el-table__body tr').first().waitFor();
  for (let i = 0; i < 50 && (await listTotal(page)) !== expected; ++i) await page.waitForTimeout(100);
  return listTotal(page);
}

export async function drillDownSteps({ harness, browser, base, password }) {
  const context = await browser.newContext({ baseURL: base, viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  harness.watch(page, 'director-drilldown');
  try {
    await harness.step('the director clicks the pyramid\'s top level and lists as many accounts as it counts', async () => {
      harness.expectHttp(401, '/api/me');
      await page.goto('/login');
      await page.fill('input[name="login"]', 'director');
      await page.fill('input[name="password"]', password);
      await page.click('button[type="submit"]');
      await page.waitForURL((url) => url.pathname === '/dashboard');

      // The top level's name is the first row of the pyramid's table; its count is read from
      // the chart's own label, "<name> <count>", as the director reads it.
      const table = page.locator('[data-test="pyramid-table"]');
      await table.waitFor();
      const firstRow = table.locator('.el-table__body tr').first();
      const name = (await firstRow.locator('td').first().innerText()).trim();
      const code = await firstRow.locator('[data-level]').getAttribute('data-level');
      const label = page.locator('[data-test="pyramid"] svg text').filter({ hasText: name }).first();
      await label.waitFor();
      const shown = (await label.textContent()).trim();
      const count = Number(shown.slice(name.length).trim());
      check(shown.startsWith(name) && Number.isInteger(count) && count > 0, `the top level's label reads "${shown}"`);
      await page.locator('[data-test="pyramid"]').scrollIntoViewIfNeeded();
      await harness.screenshot(page, '20-drilldown-dashboard');

      await label.click();
      await page.waitForURL((url) => url.pathname === '/accounts' && url.searchParams.get('pyramid') === code);
      const total = await settledTotal(page, count);
      check(total === count, `the chart counts ${count} in ${name}, the list holds ${total}`);
      const chip = page.locator('[data-test="class-chip-pyramid"]');
      check((await chip.innerText()).includes(name), `the filter chip reads "${await chip.innerText()}", not ${name}`);
      // The level's column is shown, and says the level on every row of the page.
      const header = page.locator('[data-test="accounts-table"] th').filter({ hasText: '金字塔层级' });
      check((await header.count()) === 1, 'the list has no pyramid-level column');
      const rows = await page.locator('[data-test="accounts-table"] .el-table__body tr').allInnerTexts();
      check(rows.length > 0 && rows.every((r) => r.includes(name)), `a row of the list is not in ${name}`);
      await harness.screenshot(page, '20b-drilldown-pyramid-accounts');

      // Removing the chip lists every account again.
      await chip.locator('.el-tag__close').click();
      await page.locator('[data-test="class-chip-pyramid"]').waitFor({ state: 'detached' });
      const all = await page.evaluate(async () => (await (await fetch('/api/accounts?limit=1')).json()).total);
      check((await settledTotal(page, all)) === all, 'without the chip the list is not every account');
    });

    await harness.step('the director clicks a spend tier and lists as many accounts as its bar counts', async () => {
      await page.goto('/dashboard');
      const analysis = await page.evaluate(async () => (await fetch('/api/analysis')).json());
      // The fullest tier, so that its bar is there to see.
      const tier = [...analysis.levels.spend_tiers].sort(
        (a, b) => analysis.spend_tiers[b.code].accounts - analysis.spend_tiers[a.code].accounts,
      )[0];
      const count = analysis.spend_tiers[tier.code].accounts;
      check(count > 0, 'no spend tier has accounts');
      const chart = page.locator('[data-test="tiers"]');
      await chart.locator('svg').waitFor();
      const bars = await chart.locator('svg text').allTextContents();
      check(bars.includes(String(count)), `the tier chart has no bar labelled ${count}: ${bars.join(' | ')}`);
      await chart.scrollIntoViewIfNeeded();
      await harness.screenshot(page, '20c-drilldown-dashboard-tiers');
      await chart.locator('svg text').filter({ hasText: new RegExp(`^${tier.name_zh}$`) }).click();
      await page.waitForURL((url) => url.pathname === '/accounts' && url.searchParams.get('spend_tier') === tier.code);
      const total = await settledTotal(page, count);
      check(total === count, `the chart counts ${count} in ${tier.name_zh}, the list holds ${total}`);
      const chip = page.locator('[data-test="class-chip-spend_tier"]');
      check((await chip.innerText()).includes(tier.name_zh), `the filter chip reads "${await chip.innerText()}"`);
      await harness.screenshot(page, '20d-drilldown-spend-tier-accounts');
    });

    await harness.step('the director clicks a churn reason and lists the lost accounts it counts', async () => {
      await page.goto('/dashboard');
      const report = await page.evaluate(async () => (await fetch('/api/reports/churn')).json());
      const reason = [...report.reasons].sort((a, b) => b.accounts - a.accounts)[0];
      check(reason && reason.accounts > 0, 'the demo has no lost account with a reason');
      const link = page.locator(`[data-test="churn-open-${reason.reason}"]`);
      check((await link.innerText()).trim() === String(reason.accounts), `the churn table shows ${await link.innerText()} for ${reason.reason}`);
      await link.click();
      await page.waitForURL((url) => url.pathname === '/accounts' && url.searchParams.get('churn_reason') === reason.reason);
      const total = await settledTotal(page, reason.accounts);
      check(total === reason.accounts, `the churn report counts ${reason.accounts} lost for ${reason.reason}, the list holds ${total}`);
      await page.locator('[data-test="class-chip-churn_reason"]').waitFor();
      await harness.screenshot(page, '20e-drilldown-churn-reason-accounts');
    });
  } finally {
    await context.close();
  }
}
