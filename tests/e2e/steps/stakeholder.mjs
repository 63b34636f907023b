// An account manager opens a key account's stakeholder map (关系地图): a decision maker no one
// of ours covers is flagged; assigning a colleague to them clears the gap. On the whitespace
// grid (白地分析) a click on a gap opens the new-opportunity form filled with that unit and
// product line; once saved, the cell shows the open opportunity.
import { check, until } from '../lib/harness.mjs';
import { signIn, get } from '../lib/session.mjs';

async function post(page, path, body) {
  const created = await page.evaluate(
    async ({ path, body }) => {
      const me = await (await fetch('/api/me')).json();
      const res = await fetch(path, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf_token },
        body: JSON.stringify(body),
      });
      return res.json();
    },
    { path, body },
  );
  check(created.id > 0, `POST ${path} answered ${JSON.stringify(created)}`);
  return created;
}

export async function stakeholderSteps({ harness, browser, base, password }) {
  await harness.step('an account manager covers an uncovered decision maker and turns a whitespace gap into an opportunity', async () => {
    const { context, page } = await signIn(browser, base, harness, 'am1', password);
    try {
      const me = await get(page, '/api/me');
      // A key account of theirs: one whose joint team the demo filled, when there is one.
      const mine = await get(page, `/api/accounts?where=owner_id=${me.id}&limit=60`);
      check(mine.items.length > 0, 'am1 owns no account');
      let account = mine.items[0];
      for (const a of mine.items) {
        const m = await get(page, `/api/accounts/${a.id}/stakeholder-map`);
        if (m.people.some((p) => p.coverage.length > 0)) {
          account = a;
          break;
        }
      }
      // A new decider in an open deal, met by no one of ours.
      const suffix = String(Date.now()).slice(-5);
      const chief = await post(page, '/api/contacts', { account_id: account.id, name: `决策人${suffix}`, title: '总经理' });
      const deal = await post(page, '/api/opportunities', {
        account_id: account.id,
        name: `关系地图商机${suffix}`,
        amount: '360000.00',
        expected_close: '2027-06-30',
      });
      await post(page, '/api/buying_center', { opportunity_id: deal.id, contact_id: chief.id, roles: 'decider', influence: 9, attitude: 'C' });

      await page.goto(`/accounts/${account.id}`);
      await page.click('.el-tabs__item:has-text("关系地图")');
      const map = page.locator('[data-test="stakeholder-map"]');
      const gap = map.locator(`[data-test="stakeholder-gap"][data-kind="uncovered_decision_maker"][data-contact-id="${chief.id}"]`);
      await gap.waitFor();
      const count = Number(await map.locator('[data-test="stakeholder-gap-count"] sup').innerText());
      check(count >= 1, `the gap badge reads ${count}`);
      const card = map.locator(`[data-test="stakeholder-node"][data-contact-id="${chief.id}"] > [data-test="stakeholder-card"]`);
      check((await card.innerText()).includes('决策者'), 'the decider card shows no 决策者 role');
      // How the gap was found names the role as the user knows it, not by its code.
      const why = await gap.innerText();
      check(why.includes('担任决策者') && !why.includes('decider'), `the gap reads "${why}"`);
      await harness.screenshot(page, '31a-stakeholder-gap');

      // Assign a colleague from the side panel.
      await card.click();
      const panel = page.locator('[data-test="stakeholder-panel"]');
      await panel.locator('[data-test="assign-user"]').click();
      const options = page.locator('.el-select-dropdown:visible .el-select-dropdown__item');
      await options.first().waitFor();
      const names = await options.allInnerTexts();
      const colleague = names.find((n) => n.trim() !== me.display_name && !n.includes('管理员')) ?? names[0];
      await options.filter({ hasText: colleague.trim() }).first().click();
      await panel.locator('[data-test="assign-submit"]').click();
      await panel.locator('[data-test="panel-coverage"]').filter({ hasText: colleague.trim() }).waitFor();
      await gap.waitFor({ state: 'detached' });
      const after = await get(page, `/api/accounts/${account.id}/stakeholder-map`);
      const person = after.people.find((p) => p.contact_id === chief.id);
      check(person.coverage.length === 1, `the decider is covered by ${JSON.stringify(person.coverage)}`);
      check(!after.gaps.some((g) => g.contact_id === chief.id && g.kind === 'uncovered_decision_maker'), 'the API still flags the decider');
      await panel.locator('.el-drawer__close-btn').click();
      await panel.waitFor({ state: 'hidden' });
      await card.locator('[data-test="coverage-chip"]').filter({ hasText: colleague.trim() }).waitFor();
      await card.scrollIntoViewIfNeeded();
      await harness.screenshot(page, '31b-stakeholder-covered');

      // The whitespace grid: a gap becomes an opportunity.
      await page.click('.el-tabs__item:has-text("白地分析")');
      const grid = page.locator('[data-test="whitespace-grid"]');
      await grid.waitFor();
      const gapCell = grid.locator('[data-test="whitespace-cell"][data-status="gap"]').first();
      await gapCell.waitFor();
      const unitId = await gapCell.getAttribute('data-unit-id');
      const lineId = await gapCell.getAttribute('data-line-id');
      await harness.screenshot(page, '31c-whitespace');
      await gapCell.click();
      const dialog = page.locator('[data-test="opportunity-create"]');
      await dialog.waitFor();
      const prefilled = await dialog.locator('input[name="name"]').inputValue();
      check(prefilled.length > 0, 'the opportunity name is not prefilled');
      await dialog.locator('input[name="amount"]').fill('250,000');
      const date = dialog.locator('.el-date-editor input');
      await date.fill('2027-03-31');
      await date.press('Enter');
      await dialog.locator('.el-dialog__footer button.el-button--primary').click();
      await dialog.waitFor({ state: 'hidden' });
      const cell = grid.locator(`[data-test="whitespace-cell"][data-unit-id="${unitId}"][data-line-id="${lineId}"]`);
      await until(async () => (await cell.getAttribute('data-status')) === 'open', 'the cell does not show the open opportunity');
      check((await cell.innerText()).includes(prefilled), `the cell does not name ${prefilled}`);
      const stored = await get(page, `/api/opportunities?where=${encodeURIComponent(`name=${prefilled}`)}&limit=5`);
      const created = stored.items.find((o) => o.name === prefilled);
      check(created && String(created.account_id) === unitId, `stored as ${JSON.stringify(created)}`);
      const ws = await get(page, `/api/accounts/${account.id}/whitespace`);
      const storedCell = ws.cells.find((c) => String(c.account_id) === unitId && String(c.product_line_id) === lineId);
      check(storedCell && storedCell.open.some((o) => o.id === created.id), `the API's cell is ${JSON.stringify(storedCell)}`);
      await cell.scrollIntoViewIfNeeded();
      await harness.screenshot(page, '31d-whitespace-opportunity');
    } finally {
      await context.close();
    }
  });
}
