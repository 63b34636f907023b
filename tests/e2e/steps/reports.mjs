// The director reads the reports that had no page: the sales status (销售状态) in total and by
// owner, the attitude risk of the open deals, and forecast accuracy, after keeping a forecast
// snapshot with a click.
import { check } from '../lib/harness.mjs';
import { get, signIn } from '../lib/session.mjs';

const digits = (text) => Number(text.replace(/[^0-9]/g, ''));

export async function reportSteps({ harness, browser, base, password }) {
  const { context, page } = await signIn(browser, base, harness, 'director', password);
  try {
    await harness.step('the director reads the sales status in total and by owner', async () => {
      await page.click('.el-menu-item:has-text("销售分析")');
      await page.waitForURL((url) => url.pathname === '/sales-reports');
      const status = await get(page, '/api/reports/sales-status?by=all');
      const card = page.locator('[data-test="sales-status-card"]');
      await card.scrollIntoViewIfNeeded();
      const firstGroup = status.status_groups[0];
      const cell = card.locator(`[data-test="status-${firstGroup.code}"]`).first();
      await cell.waitFor();
      const count = digits(await cell.locator('strong').innerText());
      check(count === status.rows[0].cells[0].count, `${firstGroup.name_zh} shows ${count}, the API ${status.rows[0].cells[0].count}`);
      await card.getByText('按负责人').click();
      const byOwner = await get(page, '/api/reports/sales-status?by=owner');
      await card.locator('[data-test="sales-status-table"] .el-table__body tr').nth(byOwner.rows.length - 1).waitFor();
      const rows = await card.locator('[data-test="sales-status-table"] .el-table__body tr').allInnerTexts();
      check(rows.length === byOwner.rows.length, `by owner shows ${rows.length} rows, the API ${byOwner.rows.length}`);
      check(rows.every((r) => !/^#\d/.test(r.trim())), 'an owner is shown by id, not by name');
      await harness.screenshot(page, '81-reports-sales-status');
    });

    await harness.step('the director reads the attitude risk of the open deals', async () => {
      const attitudes = await get(page, '/api/reports/attitudes');
      const card = page.locator('[data-test="attitude-risk-card"]');
      await card.scrollIntoViewIfNeeded();
      const count = card.locator('[data-test="decider-opposed-count"]');
      await count.waitFor();
      check(digits(await count.innerText()) === attitudes.decider_opposed, `the card reads "${await count.innerText()}", the API ${attitudes.decider_opposed}`);
      await card.locator('[data-test="opposed-only"]').click();
      const rows = card.locator('[data-test="attitude-table"] .el-table__body tr');
      if (attitudes.decider_opposed > 0) {
        await rows.first().waitFor();
        const texts = await rows.allInnerTexts();
        check(texts.every((t) => t.includes('决策者反对')), 'a row without an opposed decider is listed under 只看决策者反对的');
      }
      await harness.screenshot(page, '81b-reports-attitude-risk');
    });

    await harness.step('the director keeps the forecast and reads its accuracy', async () => {
      const card = page.locator('[data-test="forecast-accuracy-card"]');
      await card.scrollIntoViewIfNeeded();
      const before = (await get(page, '/api/forecast-snapshots')).items.length;
      // The table may already show an earlier snapshot (the demo keeps month-end ones): wait for
      // the click's own snapshot to be stored.
      const [kept] = await Promise.all([
        page.waitForResponse((r) => r.url().includes('/api/forecast-snapshots') && r.request().method() === 'POST'),
        card.locator('[data-test="take-snapshot"]').click(),
      ]);
      check(kept.status() === 201, `keeping the snapshot answered ${kept.status()}`);
      await card.locator('[data-test="accuracy-table"]').waitFor();
      const after = await get(page, '/api/forecast-snapshots');
      check(after.items.length === before + 1, `${before} snapshots before, ${after.items.length} after`);
      const total = card.locator('[data-test="accuracy-table"] .el-table__body tr').last();
      check((await total.innerText()).includes('合计'), 'the accuracy table has no total row');
      await harness.screenshot(page, '81c-reports-forecast-accuracy');
    });
  } finally {
    await context.close();
  }
}
