// The director reads the classes the dashboard did not show before: the RFM segments (a
// segment's count opens as many accounts), the key-account categories, and the saved
// questions, whose accounts open their own pages.
import { check } from '../lib/harness.mjs';
import { get, signIn } from '../lib/session.mjs';

export async function questionSteps({ harness, browser, base, password }) {
  const { context, page } = await signIn(browser, base, harness, 'director', password);
  try {
    await harness.step('the director opens an RFM segment from the dashboard and lists as many accounts', async () => {
      const analysis = await get(page, '/api/analysis');
      // The fullest segment, so that there is a list to read.
      const segment = [...analysis.levels.rfm_segments].sort(
        (a, b) => analysis.rfm_segments[b.code].accounts - analysis.rfm_segments[a.code].accounts,
      )[0];
      const count = analysis.rfm_segments[segment.code].accounts;
      check(count > 0, 'no RFM segment has accounts');
      const card = page.locator('[data-test="rfm-card"]');
      await card.scrollIntoViewIfNeeded();
      const row = card.locator('.el-table__body tr').filter({ hasText: segment.name_zh });
      await row.waitFor();
      const shown = (await row.locator(`[data-test="class-open-rfm_segment-${segment.code}"]`).innerText()).trim();
      check(Number(shown.replace(/[^0-9]/g, '')) === count, `the card shows ${shown} for ${segment.name_zh}, the API ${count}`);
      const categories = page.locator('[data-test="categories-card"]');
      await categories.scrollIntoViewIfNeeded();
      const spending = (await categories.locator('[data-test="category-spending"]').innerText()).trim();
      check(
        Number(spending.replace(/[^0-9]/g, '')) === analysis.categories.spending.accounts,
        `消费大客户 reads ${spending}, the API ${analysis.categories.spending.accounts}`,
      );
      await card.scrollIntoViewIfNeeded();
      await harness.screenshot(page, '80-dashboard-rfm-categories');

      await row.locator(`[data-test="class-open-rfm_segment-${segment.code}"]`).click();
      await page.waitForURL((url) => url.pathname === '/accounts' && url.searchParams.get('rfm_segment') === segment.code);
      const total = page.locator('[data-test="accounts-total"]');
      await total.waitFor();
      for (let i = 0; i < 50 && Number((await total.innerText()).replace(/[^0-9]/g, '')) !== count; ++i)
        await page.waitForTimeout(100);
      const listed = Number((await total.innerText()).replace(/[^0-9]/g, ''));
      check(listed === count, `the segment counts ${count}, the list holds ${listed}`);
      await harness.screenshot(page, '80b-rfm-segment-accounts');
    });

    await harness.step('the director reads a saved question and follows its first account to its page', async () => {
      await page.goto('/dashboard');
      const report = await get(page, '/api/analysis/questions');
      const top = report.questions.find((q) => q.code === 'consult_first');
      check(top && top.accounts.length > 0, 'no top customer to consult');
      const card = page.locator('[data-test="questions-card"]');
      await card.scrollIntoViewIfNeeded();
      await card.getByRole('tab', { name: /优先拜访的大客户/ }).click();
      const table = card.locator('[data-test="question-consult_first"]');
      const first = table.locator('.el-table__body tr').first();
      await first.waitFor();
      const name = (await first.locator('a').innerText()).trim();
      check(name === top.accounts[0].name, `the first top customer reads ${name}, the API ${top.accounts[0].name}`);
      await harness.screenshot(page, '80c-saved-questions');
      await first.locator('a').click();
      await page.waitForURL((url) => url.pathname === `/accounts/${top.accounts[0].id}`);
      await page.getByText(name).first().waitFor();
    });
  } finally {
    await context.close();
  }
}
