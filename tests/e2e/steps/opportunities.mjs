// An account manager keeps an opportunity in the browser: creates it on one of their accounts
// (it is theirs), edits it in the drawer (a bad amount is named under its field), and wins it
// (the drawer's stage history shows who and when). On the way it fills the buying centre:
// three people with roles and attitudes (one a contact made on the spot), one attitude
// changed with its reason, one person removed and brought back.
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

    await harness.step('the buying centre: three members with roles and attitudes, one changed, one removed and restored', async () => {
      check(opportunity, 'no opportunity was created');
      await drawer.locator('.el-tabs__item:has-text("采购中心")').click();
      const centre = drawer.locator('[data-test="buying-center"]');
      const dialog = page.locator('[data-test="member-dialog"]');
      const known = (await get(`/api/contacts?where=account_id=${opportunity.account_id}&limit=50`)).items;
      const pick = async (select, text) => {
        await dialog.locator(`[data-test="${select}"]`).click();
        await page.locator('.el-select-dropdown:visible .el-select-dropdown__item').filter({ hasText: text }).first().click();
      };
      // One person: an existing contact, or (contact null) a new one made from the dialog.
      const add = async ({ contact, newName, roles, attitude, influence, notes }) => {
        await centre.locator('[data-test="member-add"]').click();
        await dialog.waitFor();
        if (contact) {
          await pick('member-contact', contact.name);
        } else {
          await dialog.locator('[data-test="member-new-contact"]').click();
          const made = page.locator('[data-test="contact-dialog"]');
          await made.locator('input[name="name"]').fill(newName);
          await made.locator('input[name="title"]').fill('技术总监');
          await made.locator('[data-test="contact-save"]').click();
          await made.waitFor({ state: 'hidden' });
          await dialog.locator('[data-test="member-contact"]').filter({ hasText: newName }).waitFor();
        }
        await dialog.locator('[data-test="member-roles"]').click();  // the list stays open
        for (const role of roles) await page.locator(`.el-select-dropdown:visible [data-test="member-role-${role}"]`).click();
        await dialog.locator('.el-dialog__title').click();  // closes it
        await dialog.locator('[data-test="member-influence"] input').fill(String(influence));
        await dialog.locator(`[data-test="member-attitude-${attitude}"]`).click();
        await dialog.locator('textarea[name="notes"]').fill(notes);
        await dialog.locator('[data-test="member-save"]').click();
        await dialog.waitFor({ state: 'hidden' });
      };

      // Without a role the server refuses the member, and says so under the field.
      await centre.locator('[data-test="member-add"]').click();
      await dialog.waitFor();
      check(known.length >= 1, 'the account has no contact');
      await pick('member-contact', known[0].name);
      harness.expectHttp(400, '/api/buying_center');
      await dialog.locator('[data-test="member-save"]').click();
      await dialog.locator('.el-form-item__error').filter({ hasText: '请至少选择一个采购中心角色' }).waitFor();
      await dialog.locator('.el-dialog__footer button:not(.el-button--primary)').click();
      await dialog.waitFor({ state: 'hidden' });

      const newName = `端到端技术总监${String(Date.now()).slice(-5)}`;
      await add({ contact: known[0], roles: ['decider', 'buyer'], attitude: 'C', influence: 9, notes: '关注总成本' });
      await add({ contact: null, newName, roles: ['technical_gatekeeper'], attitude: 'D', influence: 7, notes: '倾向竞争对手的方案' });
      await add({ contact: known[1] ?? null, newName: `${newName}乙`, roles: ['user', 'champion'], attitude: 'A', influence: 4, notes: '试用后认可' });

      let members = (await get(`/api/buying_center?where=opportunity_id=${opportunity.id}&limit=10`)).items;
      check(members.length === 3, `the buying centre holds ${members.length} members, not 3`);
      const decider = members.find((m) => m.contact_id === known[0].id);
      check(decider && decider.roles === 'decider,buyer' && decider.attitude === 'C' && decider.influence === 9,
        `the first member is stored as ${JSON.stringify(decider)}`);
      const gatekeeper = members.find((m) => m.roles === 'technical_gatekeeper');
      check(gatekeeper && gatekeeper.attitude === 'D', 'the new contact is not stored as a gatekeeper opposing us');
      const contact = await get(`/api/contacts/${gatekeeper.contact_id}`);
      check(contact.name === newName && contact.account_id === opportunity.account_id, `the inline contact is ${JSON.stringify(contact)}`);

      // The decision maker comes round: C → B, with the reason.
      const row = centre.locator('.el-table__body-wrapper tr').filter({ hasText: known[0].name });
      await row.locator('[data-test="member-edit"]').click();
      await dialog.waitFor();
      await dialog.locator('[data-test="member-attitude-B"]').click();
      await dialog.locator('textarea[name="notes"]').fill('方案演示后认可我方的总成本');
      await dialog.locator('[data-test="member-save"]').click();
      await dialog.waitFor({ state: 'hidden' });
      await row.locator('[data-test="attitude-path"]').filter({ hasText: /C\s*→\s*B/ }).waitFor();
      await row.locator('[data-attitude="B"]').waitFor();
      const history = (await get(`/api/opportunities/${opportunity.id}/attitudes`)).items;
      const change = history.filter((c) => c.member_id === decider.id).at(-1);
      check(change && change.from_attitude === 'C' && change.to_attitude === 'B' && change.changed_by === 'am1',
        `the attitude change is recorded as ${JSON.stringify(change)}`);
      await page.waitForTimeout(300);
      await harness.screenshot(page, '17c-buying-centre');

      // Removed by mistake, and back from the message.
      const champion = centre.locator('.el-table__body-wrapper tr').filter({ hasText: '内部支持者' });
      await champion.locator('[data-test="member-remove"]').click();
      await page.locator('[data-test="member-removed"]').waitFor();
      await until(async () => (await get(`/api/buying_center?where=opportunity_id=${opportunity.id}&limit=10`)).items.length === 2, 'the member is removed');
      await page.locator('[data-test="member-undo"]').click();
      await centre.locator('.el-table__body-wrapper tr').filter({ hasText: '内部支持者' }).waitFor();
      members = (await get(`/api/buying_center?where=opportunity_id=${opportunity.id}&limit=10`)).items;
      check(members.length === 3, `after undo the buying centre holds ${members.length} members`);
      await drawer.locator('.el-tabs__item:has-text("概况")').click();
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
      await harness.screenshot(page, '17d-opportunity-won-dialog');
      await dialog.locator('[data-test="opportunity-close-confirm"]').click();
      await dialog.waitFor({ state: 'hidden' });
      // Winning offers its contract and first order; the receivable steps take that up.
      await page.locator('.el-message-box').getByRole('button', { name: '稍后' }).click();
      await page.locator('.el-message-box').waitFor({ state: 'hidden' });

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
      await harness.screenshot(page, '17e-opportunity-won');
    });
  } finally {
    await context.close();
  }
}
