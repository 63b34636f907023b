// Rules as a form: the administrator opens the classification rules, where the pyramid's
// shares are shown in % (the document holds basis points). Typing a new share for the top
// level (and taking it from the bottom level, so the shares still add up to 100 %) and saving
// stores a new version holding the basis points, the rest of the document as it was. A share
// the server refuses shows the server's message under the pyramid, the field it named. In
// English the form's labels are English.
import { check, until } from '../lib/harness.mjs';
import { get, signIn } from '../lib/session.mjs';

/** The stored integer in % with two decimals, as the form shows basis points. */
const percent = (bp) => `${bp < 0 ? '-' : ''}${Math.trunc(Math.abs(bp) / 100)}.${String(Math.abs(bp) % 100).padStart(2, '0')}`;

export async function settingsFormSteps({ harness, browser, base, adminPassword }) {
  const { context, page } = await signIn(browser, base, harness, 'admin', adminPassword);
  const put = (path, body) =>
    page.evaluate(
      async ({ path, body }) => {
        const me = await (await fetch('/api/me')).json();
        const response = await fetch(path, {
          method: 'PUT',
          headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf_token },
          body: JSON.stringify(body),
        });
        return response.status;
      },
      { path, body },
    );
  /** Clicks a field, selects what it holds and types `text` over it. */
  const typeInto = async (input, text) => {
    await input.click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type(text);
  };
  const stored = await get(page, '/api/settings/rules');
  try {
    await harness.step('settings form: a pyramid share typed in % is stored in basis points as a new version', async () => {
      await page.click('.el-menu-item:has-text("规则与设置")');
      await page.click('[data-test="document-rules"]');
      const form = page.locator('[data-test="document-form"]');
      await form.waitFor();
      check((await page.locator('textarea[data-test="document-text"]').count()) === 0, 'the form is not the default view');
      const last = stored.pyramid.length - 1;
      check(last > 0 && stored.pyramid[last].share_bp > 100, `the pyramid is ${JSON.stringify(stored.pyramid)}`);
      const top = form.locator('[data-test="field-pyramid[0].share_bp"]');
      const bottom = form.locator(`[data-test="field-pyramid[${last}].share_bp"]`);
      check((await top.locator('input').inputValue()) === percent(stored.pyramid[0].share_bp), 'the top share is not shown in %');
      check((await top.innerText()).includes('%'), 'the top share has no % sign');
      const legend = await form.locator('[data-test="section-pyramid"] > legend').innerText();
      check(legend === '客户金字塔', `the pyramid's section is labelled "${legend}"`);
      const spend = form.locator('[data-test="field-spend_tiers[0].min_annual_spend"]');
      check((await spend.locator('input').inputValue()) === stored.spend_tiers[0].min_annual_spend, 'the spend threshold is not in 元');
      check((await spend.innerText()).includes('元'), 'the spend threshold has no 元');

      // One percentage point more at the top, one less at the bottom.
      const topBp = stored.pyramid[0].share_bp + 100;
      const bottomBp = stored.pyramid[last].share_bp - 100;
      await typeInto(top.locator('input'), percent(topBp).replace(/\.00$/, ''));
      await typeInto(bottom.locator('input'), percent(bottomBp));
      await page.click('[data-test="save-document"]');
      const next = stored.version + 1;
      await page.locator('[data-test="version"]').filter({ hasText: `v${next}` }).waitFor();
      const saved = await get(page, '/api/settings/rules');
      check(saved.version === next, `the stored rules are version ${saved.version}, not ${next}`);
      check(saved.pyramid[0].share_bp === topBp, `the top share is stored as ${saved.pyramid[0].share_bp} bp, not ${topBp}`);
      check(saved.pyramid[last].share_bp === bottomBp, `the bottom share is stored as ${saved.pyramid[last].share_bp} bp, not ${bottomBp}`);
      // Everything else is as it was.
      const expected = structuredClone(stored);
      expected.pyramid[0].share_bp = topBp;
      expected.pyramid[last].share_bp = bottomBp;
      expected.version = next;
      check(JSON.stringify(saved) === JSON.stringify(expected), `the rest of the rules changed: ${JSON.stringify(saved)}`);
      await until(async () => (await top.locator('input').inputValue()) === percent(topBp), 'the saved share is shown');
      await page.locator('[data-test="version"]').scrollIntoViewIfNeeded();
      await harness.screenshot(page, '70-settings-form');
    });

    await harness.step('settings form: a share the server refuses shows its message under the pyramid', async () => {
      const form = page.locator('[data-test="document-form"]');
      const top = form.locator('[data-test="field-pyramid[0].share_bp"] input');
      harness.expectHttp(400, '/api/settings/rules');
      await typeInto(top, '55.5');
      const answer = page.waitForResponse((r) => r.url().endsWith('/api/settings/rules') && r.request().method() === 'PUT');
      await page.click('[data-test="save-document"]');
      const refused = await (await answer).json();
      const problem = (refused.errors ?? []).find((e) => e.field === 'pyramid');
      check(problem !== undefined, `the server did not name the pyramid: ${JSON.stringify(refused)}`);
      const under = form.locator('[data-test="section-pyramid"] [data-test="field-error-pyramid"]');
      await under.waitFor();
      check((await under.innerText()).trim() === problem.message, `under the pyramid: "${await under.innerText()}", the server: "${problem.message}"`);
      check((await page.locator('[data-test="problems-marked"]').count()) === 1, 'the refusal does not point to the marked field');
      const current = await get(page, '/api/settings/rules');
      check(current.version === stored.version + 1, 'the refused rules were stored');
      await form.locator('[data-test="section-pyramid"]').scrollIntoViewIfNeeded();
      await harness.screenshot(page, '70b-settings-form-error');
    });

    await harness.step('settings form: in English the labels and units are English', async () => {
      await page.click('[data-test="reset-document"]');
      await page.click('[data-test="user-menu"]');
      await page.click('.el-dropdown-menu__item:has-text("English")');
      const form = page.locator('[data-test="document-form"]');
      await form.locator('[data-test="section-pyramid"] > legend').filter({ hasText: 'Customer pyramid' }).waitFor();
      await form.locator('th').filter({ hasText: 'Share (%)' }).first().waitFor();
      const cost = form.locator('[data-test="field-cost_per_order"]');
      check((await cost.innerText()).includes('CNY'), 'money is not in CNY in English');
      check((await form.innerText()).includes('Minimum annual spend'), 'the spend threshold is not labelled in English');
      await page.locator('.el-message').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
      await form.locator('[data-test="section-pyramid"]').scrollIntoViewIfNeeded();
      await harness.screenshot(page, '70c-settings-form-en');
    });
  } finally {
    // The rules as they were, for whatever runs after.
    const { version: _version, ...restore } = stored;
    await put('/api/settings/rules', restore).catch(() => undefined);
    await context.close();
  }
}
