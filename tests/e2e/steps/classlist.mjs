// A sales director narrows the account list by a churn level and orders it by pyramid level,
// by clicks only: the level's option says how many of the director's accounts have it (GET
// /api/reports/account-grades), the list then holds that many, and a click on the pyramid
// column's header lists the accounts from the top level down as the rules order the levels.
import { check } from '../lib/harness.mjs';

/** The number in the list's "共 N 个客户". */
async function listTotal(page) {
  const total = page.locator('[data-test="accounts-total"]');
  await total.waitFor();
  return Number((await total.innerText()).replace(/[^0-9]/g, ''));
}

/** The list's total once its first page has arrived: the counter reads 0 until then. */
async function loadedTotal(page) {
  for (let i = 0; i < 100 && (await listTotal(page)) === 0; ++i) await page.waitForTimeout(100);
  return listTotal(page);
}

/** Waits for the list to show `expected` accounts and returns what it shows. */
async function settledTotal(page, expected) {
  for (let i = 0; i < 150 && (await listTotal(page)) !== expected; ++i) await page.waitForTimeout(100);
  return listTotal(page);
}

export async function classListSteps({ harness, browser, base, password }) {
  const context = await browser.newContext({ baseURL: base, viewport: { width: 1600, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  harness.watch(page, 'director-classlist');
  try {
    await harness.step('account list by grade: the director lists the accounts of a churn level, as many as the level counts', async () => {
      harness.expectHttp(401, '/api/me');
      await page.goto('/login');
      await page.fill('input[name="login"]', 'director');
      await page.fill('input[name="password"]', password);
      await page.click('button[type="submit"]');
      await page.waitForURL((url) => url.pathname === '/dashboard');
      await page.goto('/accounts');
      const all = await loadedTotal(page);

      // The level with the most accounts, picked from the select by its name and count.
      await page.locator('[data-test="grade-filter-churn_level"]').click();
      const options = page.locator('.el-select-dropdown__item:visible');
      await options.first().waitFor();
      const texts = await options.allInnerTexts();
      const counts = texts.map((t) => Number((t.match(/[(（](\d+)[)）]\s*$/) ?? [])[1]));
      check(counts.every(Number.isInteger), `a churn level's option shows no count: ${texts.join(' | ')}`);
      const best = counts.indexOf(Math.max(...counts));
      const count = counts[best];
      check(count > 0 && count < all, `no churn level narrows the ${all} accounts: ${texts.join(' | ')}`);
      const report = await page.evaluate(async () => (await fetch('/api/reports/account-grades')).json());
      const level = report.churn_levels.find((l) => texts[best].startsWith(l.name_zh));
      check(level && level.accounts === count, `the option "${texts[best]}" is not the report's count`);
      await harness.screenshot(page, '60-classlist-churn-options');
      await options.nth(best).click();

      const total = await settledTotal(page, count);
      check(total === count, `the churn level ${level.code} counts ${count}, the list holds ${total}`);
      // The level's column comes with the filter and says it on every row.
      const rows = await page.locator('[data-test="accounts-table"] .el-table__body tr').allInnerTexts();
      check(rows.length > 0 && rows.every((r) => r.includes(level.name_zh)), `a row is not at churn level ${level.name_zh}`);
      await harness.screenshot(page, '60b-classlist-churn-accounts');
    });

    await harness.step('account list by grade: the director adds the pyramid column and sorts by it, top level first', async () => {
      const before = await listTotal(page);
      await page.locator('[data-test="column-chooser"]').click();
      const box = page.locator('.el-popover:visible .el-checkbox').filter({ hasText: '金字塔层级' });
      await box.click();
      await page.keyboard.press('Escape');
      const header = page.locator('[data-test="accounts-table"] th').filter({ hasText: '金字塔层级' });
      await header.waitFor();
      await header.click();
      await page.locator('[data-test="accounts-table"] th.ascending').filter({ hasText: '金字塔层级' }).waitFor();
      // The rules' levels, from the top, by name; a row without a level comes last.
      const rules = await page.evaluate(async () => (await fetch('/api/settings/rules')).json());
      const names = rules.pyramid.map((l) => l.name_zh);
      const index = await page.locator('[data-test="accounts-table"] th').allInnerTexts();
      const column = index.findIndex((t) => t.includes('金字塔层级'));
      let ranks = [];
      for (let i = 0; i < 60; ++i) {
        const cells = await page
          .locator(`[data-test="accounts-table"] .el-table__body-wrapper tr td:nth-child(${column + 1})`)
          .allInnerTexts();
        ranks = cells.map((t) => (t.trim() ? names.indexOf(t.trim()) : names.length));
        if (ranks.length && ranks.every((r, k) => k === 0 || ranks[k - 1] <= r)) break;
        await page.waitForTimeout(100);
      }
      check(ranks.length > 0 && !ranks.includes(-1), `a pyramid cell is no level of the rules: ${ranks}`);
      check(ranks.every((r, k) => k === 0 || ranks[k - 1] <= r), `the rows are not from the top level down: ${ranks}`);
      check(new Set(ranks).size > 1, `the page shows one level only (${ranks}), the order is not seen`);
      check((await listTotal(page)) === before, 'sorting changed the number of accounts');
      await harness.screenshot(page, '60c-classlist-sorted-by-pyramid');
    });
  } finally {
    await context.close();
  }
}
