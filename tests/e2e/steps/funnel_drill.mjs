// The sales director drills down from the funnel: a click on a level of the dashboard's funnel
// chart opens the opportunity list narrowed to the opportunities that reached the level's
// stage in the funnel's period, with as many as the funnel counts there and the stage and
// period named in a removable chip.
import { check } from '../lib/harness.mjs';
import { get, signIn } from '../lib/session.mjs';

/** The number in the list's "共 N 个商机". */
async function listTotal(page) {
  const total = page.locator('[data-test="opportunities-total"]');
  await total.waitFor();
  return Number((await total.innerText()).replace(/[^0-9]/g, ''));
}

/** Waits for the list to show `expected` opportunities and returns what it shows. */
async function settledTotal(page, expected) {
  await page.locator('[data-test="opportunities-table"]').waitFor();
  for (let i = 0; i < 80 && (await listTotal(page)) !== expected; ++i) await page.waitForTimeout(100);
  return listTotal(page);
}

export async function funnelDrillSteps({ harness, browser, base, password }) {
  await harness.step('the director clicks a funnel level and lists the opportunities that reached its stage', async () => {
    const { context, page } = await signIn(browser, base, harness, 'director', password);
    try {
      const chart = page.locator('[data-test="funnel"]');
      await chart.locator('svg').waitFor();
      // The figures the chart draws, from the API it draws them from: a level past the first
      // with opportunities in it, so that "reached" differs from "created".
      const report = await get(page, '/api/reports/funnel');
      const levels = report.funnel.map((l, i) => ({ ...l, reached: report.rows[0]?.levels[i]?.reached ?? 0 }));
      const level = levels.slice(1).find((l) => l.reached > 0) ?? levels.find((l) => l.reached > 0);
      check(level, 'no funnel level has opportunities in the demo');
      const label = chart.locator('svg text').filter({ hasText: new RegExp(`^${level.name_zh} ${level.reached}`) }).first();
      await label.waitFor();
      await chart.scrollIntoViewIfNeeded();
      await harness.screenshot(page, '60-funnel-drill-dashboard');

      await label.click();
      await page.waitForURL(
        (url) => url.pathname === '/pipeline/opportunities' && url.searchParams.get('reached_stage') === level.stage,
      );
      const total = await settledTotal(page, level.reached);
      check(total === level.reached, `the funnel counts ${level.reached} at ${level.name_zh} (${level.stage}), the list holds ${total}`);
      const url = new URL(page.url());
      check(url.searchParams.get('period') === report.period, `the list's period ${url.searchParams.get('period')} is not the funnel's ${report.period}`);
      const chip = page.locator('[data-test="funnel-chip"]');
      const chipText = (await chip.innerText()).trim();
      check(
        chipText.startsWith('已到达阶段：') && chipText.includes(level.stage) && chipText.includes(report.period),
        `the filter chip reads "${chipText}"`,
      );
      const rows = await page.locator('[data-test="opportunities-table"] .el-table__body tr').count();
      check(rows === Math.min(50, level.reached), `the list's first page shows ${rows} rows of ${level.reached}`);
      await harness.screenshot(page, '60b-funnel-drill-opportunities');

      // Removing the chip lists every opportunity the director sees.
      await chip.locator('.el-tag__close').click();
      await page.locator('[data-test="funnel-chip"]').waitFor({ state: 'detached' });
      const all = (await get(page, '/api/opportunities?limit=1')).total;
      check((await settledTotal(page, all)) === all, 'without the chip the list is not every opportunity');
    } finally {
      await context.close();
    }
  });
}
