// An account manager reorganises an account's org chart by dragging: a person dropped onto
// another now reports to them, in the chart and in the API; dropped onto the top-level zone,
// they report to no one. Each card shows the roles the person holds in the account's open
// deals and is coloured by their attitude.
import { check, until } from '../lib/harness.mjs';
import { signIn, get } from '../lib/session.mjs';

/** Signs `login` in on a new page of its own context; the caller closes the context. */

/** POSTs from inside the signed-in page, as the UI does (cookie and CSRF token). */
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

export async function orgChartSteps({ harness, browser, base, password }) {
  await harness.step('an account manager drags a contact under another on the org chart, then back to the top', async () => {
    const { context, page } = await signIn(browser, base, harness, 'am1', password);
    try {
      const me = await get(page, '/api/me');
      const mine = await get(page, `/api/accounts?where=owner_id=${me.id}&limit=1`);
      check(mine.items.length === 1, 'am1 owns no account');
      const accountId = mine.items[0].id;
      // Two new people, both at the top, and the chief in an open deal's buying centre.
      const suffix = String(Date.now()).slice(-5);
      const chief = await post(page, '/api/contacts', { account_id: accountId, name: `架构甲${suffix}`, title: '信息中心主任' });
      const staff = await post(page, '/api/contacts', { account_id: accountId, name: `架构乙${suffix}`, title: '系统工程师', department: '信息中心' });
      const deal = await post(page, '/api/opportunities', {
        account_id: accountId,
        name: `架构图商机${suffix}`,
        amount: '120000.00',
        expected_close: '2027-06-30',
      });
      await post(page, '/api/buying_center', { opportunity_id: deal.id, contact_id: chief.id, roles: 'decider,champion', influence: 9, attitude: 'A' });
      await post(page, '/api/buying_center', { opportunity_id: deal.id, contact_id: staff.id, roles: 'key_user', influence: 4, attitude: 'D' });

      await page.goto(`/accounts/${accountId}`);
      await page.click('.el-tabs__item:has-text("联系人")');
      await page.click('[data-test="contacts-view-chart"]');
      const chart = page.locator('[data-test="org-chart"]');
      const node = (id) => chart.locator(`[data-test="org-node"][data-contact-id="${id}"]`);
      const card = (id) => node(id).locator('> [data-test="org-card"]');
      await card(staff.id).waitFor();
      // The chief's card: both roles, in Chinese, and the green of attitude A at its edge.
      const roles = await card(chief.id).locator('[data-test="org-roles"]').innerText();
      check(roles.includes('决策者') && roles.includes('内部支持者'), `the chief's roles read ${roles}`);
      const edge = await card(chief.id).evaluate((e) => getComputedStyle(e).borderLeftColor);
      check(edge === 'rgb(46, 125, 50)', `the chief's card edge is ${edge}, not attitude A's green`);
      const staffEdge = await card(staff.id).evaluate((e) => getComputedStyle(e).borderLeftColor);
      check(staffEdge === 'rgb(251, 140, 0)', `the engineer's card edge is ${staffEdge}, not attitude D's orange`);

      // The engineer dropped onto the chief: drawn below them, and stored so.
      await card(staff.id).dragTo(card(chief.id));
      await node(chief.id).locator(`[data-test="org-node"][data-contact-id="${staff.id}"]`).waitFor();
      await until(async () => (await get(page, `/api/contacts/${staff.id}`)).reports_to_id === chief.id, 'reports_to_id is not the chief');
      await card(chief.id).scrollIntoViewIfNeeded();
      await harness.screenshot(page, '19c-org-chart');

      // Back to the top level: reports to no one, drawn among the roots.
      await card(staff.id).dragTo(chart.locator('[data-test="org-top"]'));
      await chart.locator(`.org-roots > [data-test="org-node"][data-contact-id="${staff.id}"]`).waitFor();
      await until(async () => (await get(page, `/api/contacts/${staff.id}`)).reports_to_id === null, 'reports_to_id was not cleared');
      check((await node(chief.id).locator(`[data-test="org-node"][data-contact-id="${staff.id}"]`).count()) === 0, 'the engineer is still drawn below the chief');
    } finally {
      await context.close();
    }
  });
}
