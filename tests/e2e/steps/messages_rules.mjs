// The server's messages in the administrator's language: in the rules form (Chinese, the
// default), the administrator types a minimum annual spend for the third spend tier above the
// tier before it and saves; the server refuses the thresholds out of order and the form shows
// its Chinese message where it shows the problems of the spend tiers. Nothing is stored.
import { check } from '../lib/harness.mjs';
import { get, signIn } from '../lib/session.mjs';

export async function messageRulesSteps({ harness, browser, base, adminPassword }) {
  await harness.step('messages (zh-CN): a spend threshold out of order in the rules form is refused in Chinese', async () => {
    const { context, page } = await signIn(browser, base, harness, 'admin', adminPassword);
    try {
      const stored = await get(page, '/api/settings/rules');
      check(stored.spend_tiers.length >= 3, `the spend tiers are ${JSON.stringify(stored.spend_tiers)}`);
      const [, above, tier] = stored.spend_tiers;
      const expected = `年消费下限必须从最高等级到最低等级依次递减；${tier.code} 没有低于 ${above.code}`;
      // More than the tier above asks: the thresholds no longer fall from the top down.
      const typed = String(Math.trunc(Number(above.min_annual_spend)) + 1000);

      await page.click('.el-menu-item:has-text("规则与设置")');
      await page.click('[data-test="document-rules"]');
      const form = page.locator('[data-test="document-form"]');
      await form.waitFor();
      const input = form.locator('[data-test="field-spend_tiers[2].min_annual_spend"] input');
      await input.click();
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.type(typed);

      harness.expectHttp(400, '/api/settings/rules');
      const sent = page.waitForRequest((r) => r.url().endsWith('/api/settings/rules') && r.method() === 'PUT');
      const answer = page.waitForResponse((r) => r.url().endsWith('/api/settings/rules') && r.request().method() === 'PUT');
      await page.click('[data-test="save-document"]');
      const request = await sent;
      const response = await answer;
      check(request.headers()['accept-language'] === 'zh-CN', `the request asked for ${request.headers()['accept-language']}`);
      check(response.status() === 400, `the server answered ${response.status()}`);
      check(response.headers()['content-language'] === 'zh-CN', `the server answered in ${response.headers()['content-language']}`);
      const refused = await response.json();
      const problem = (refused.errors ?? []).find((e) => e.field === 'spend_tiers');
      check(problem?.message === expected, `the server said ${JSON.stringify(refused)}`);
      check(problem?.code === 'rules.thresholds_order', `the problem's code is ${problem?.code}`);

      const under = form.locator('[data-test="field-error-spend_tiers"]');
      await under.waitFor();
      const shown = (await under.innerText()).trim();
      check(shown === expected, `the form shows "${shown}", expected "${expected}"`);
      const current = await get(page, '/api/settings/rules');
      check(current.version === stored.version, 'the refused rules were stored');
      await under.scrollIntoViewIfNeeded();
      await page.waitForTimeout(300);
      await harness.screenshot(page, '70d-messages-rules-zh-CN');
    } finally {
      await context.close();
    }
  });
}
