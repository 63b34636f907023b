// The segment worksheet (市场细分作业单): the director opens 销售分析, picks a product line's
// segment, reads its best and worst customers as the API counts them, writes the segment's
// next action by typing and finds it again after a reload; the analyst reads it without a
// control that writes.
import { check } from '../lib/harness.mjs';
import { get, signIn } from '../lib/session.mjs';

async function openWorksheet(page) {
  await page.click('.el-menu-item:has-text("销售分析")');
  await page.waitForURL((url) => url.pathname === '/sales-reports');
  const card = page.locator('[data-test="segment-worksheet-card"]');
  await card.locator('[data-test="segment-worksheet"] .el-tabs').waitFor();
  await card.scrollIntoViewIfNeeded();
  return card;
}

export async function segmentSteps({ harness, browser, base, password }) {
  const action = '亏损客户改为电话维护，减少上门；向最好的客户推荐新品';
  let segment = null;

  await harness.step('the director writes the next action of a product-line segment', async () => {
    const { context, page } = await signIn(browser, base, harness, 'director', password);
    try {
      const card = await openWorksheet(page);
      const sheet = await get(page, '/api/analysis/segments');
      // The segment with the most customers losing money: the one a director acts on first.
      segment = [...sheet.segments].sort((a, b) => b.losing - a.losing)[0];
      check(segment && segment.customers > 0, `no segment with customers: ${JSON.stringify(sheet.segments.map((s) => s.customers))}`);
      await card.locator('.el-tabs__item', { hasText: segment.name }).click();
      const pane = card.locator(`[data-test="segment-${segment.code}"]`);
      await pane.locator('[data-test="segment-worst"] .el-table__body tr').first().waitFor();
      const worst = await pane.locator('[data-test="segment-worst"] .el-table__body tr').allInnerTexts();
      check(worst.length === segment.worst.length, `${worst.length} worst customers shown, the API ${segment.worst.length}`);
      check(worst[0].includes(segment.worst[0].name), `the worst customer shown is ${worst[0]}, the API ${segment.worst[0].name}`);
      const losing = (await pane.locator('[data-test="segment-losing"]').innerText()).replace(/[^0-9]/g, '');
      check(Number(losing) === segment.losing, `the segment shows ${losing} losing, the API ${segment.losing}`);

      const box = pane.locator('textarea[data-test="segment-next-action"]');
      await box.click();
      await box.press('Control+a');
      await box.press('Backspace');
      await box.pressSequentially(action);
      await pane.locator('[data-test="segment-save"]').click();
      await page.locator('.el-message--success').first().waitFor();
      await page.reload();
      const again = await openWorksheet(page);
      await again.locator('.el-tabs__item', { hasText: segment.name }).click();
      const kept = await again.locator(`[data-test="segment-${segment.code}"] textarea[data-test="segment-next-action"]`).inputValue();
      check(kept === action, `after a reload the next action reads "${kept}"`);
      await harness.screenshot(page, '83-segment-worksheet-director');
    } finally {
      await context.close();
    }
  });

  await harness.step('the analyst reads the segment worksheet and cannot change it', async () => {
    const { context, page } = await signIn(browser, base, harness, 'analyst', password);
    try {
      const card = await openWorksheet(page);
      await card.locator('.el-tabs__item', { hasText: segment.name }).click();
      const box = card.locator(`[data-test="segment-${segment.code}"] textarea[data-test="segment-next-action"]`);
      check((await box.inputValue()) === action, 'the analyst does not read the next action written');
      check((await box.getAttribute('readonly')) !== null, 'the analyst may type in the next action');
      check((await card.locator('[data-test="segment-save"]').count()) === 0, 'the analyst has a save button');
      await harness.screenshot(page, '83b-segment-worksheet-analyst');
    } finally {
      await context.close();
    }
  });
}
