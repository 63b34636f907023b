// A sales manager's key moments are the team's: manager1 signs in and the dashboard's card
// counts the team's alerts by person, as many as the API finds for each, every one of them of
// the manager's team. Picking one account manager narrows the list to that person's alerts.
// An account's overdue invoices are one alert, which opens to list them by the numbers on the
// invoices (FP…), as the API lists them.
import { check, until } from '../lib/harness.mjs';
import { get } from '../lib/session.mjs';

export async function momentsSteps({ harness, browser, base, password }) {
  const context = await browser.newContext({ baseURL: base, viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  harness.watch(page, 'manager1-moments');
  try {
    await harness.step('a sales manager sees the team\'s key moments grouped by person, and one person\'s', async () => {
      harness.expectHttp(401, '/api/me');
      await page.goto('/login');
      await page.fill('input[name="login"]', 'manager1');
      await page.fill('input[name="password"]', password);
      await page.click('button[type="submit"]');
      await page.waitForURL((url) => url.pathname === '/dashboard');

      const me = await get(page, '/api/me');
      const owners = await get(page, '/api/alerts/owners?owner=team');
      check(owners.items.length > 0 && owners.total > 0, 'the team has no key moments');
      // Every owner is the manager or one of the team's account managers.
      const users = await get(page, `/api/users?where=team_id=${me.team_id}&limit=200`);
      const team = new Set(users.items.map((u) => u.id));
      for (const o of owners.items) {
        check(o.owner_id !== null && team.has(o.owner_id), `${o.owner_name} (${o.owner_id}) is not of manager1's team`);
      }
      const card = page.locator('[data-test="key-moments"]');
      const title = await card.locator('[data-test="key-moments-title"]').innerText();
      check(title.includes('团队关键时刻'), `the card is titled "${title}"`);
      const everyone = card.locator('[data-test="alert-owner-all"]');
      await everyone.filter({ hasText: `${owners.total} 条` }).waitFor();
      const chips = card.locator('[data-test="alert-owner"]');
      await until(async () => (await chips.count()) === owners.items.length, 'the chips are not one per owner');
      for (const o of owners.items) {
        const chip = card.locator(`[data-test="alert-owner"][data-owner="${o.owner_id}"]`);
        const count = Number(await chip.getAttribute('data-count'));
        check(count === o.count, `${o.owner_name}'s chip counts ${count}, the API ${o.count}`);
        check((await chip.locator('[data-test="alert-owner-name"]').innerText()).trim() === o.owner_name, `the chip does not name ${o.owner_name}`);
      }
      const list = await get(page, '/api/alerts?owner=team&limit=200');
      check(list.total === owners.total, `the list finds ${list.total} alerts, the counts ${owners.total}`);
      const rows = card.locator('[data-test="alert-row"]');
      await until(async () => (await rows.count()) === list.items.length, `the card does not show the team's ${list.items.length} alerts`);
      // Critical first, then the most at stake.
      const rank = { critical: 0, warning: 1, info: 2 };
      for (let i = 1; i < list.items.length; ++i) {
        const a = list.items[i - 1];
        const b = list.items[i];
        check(
          rank[a.severity] < rank[b.severity] || (rank[a.severity] === rank[b.severity] && Number(a.at_stake) >= Number(b.at_stake)),
          `alert ${b.id} (${b.severity}, ${b.at_stake}) comes after ${a.id} (${a.severity}, ${a.at_stake})`,
        );
      }
      const firstOwner = await rows.first().locator('[data-test="alert-row-owner"]').innerText();
      check(firstOwner.trim() === owners.items.find((o) => o.owner_id === list.items[0].owner_id).owner_name, `the first alert names its owner "${firstOwner}"`);
      await card.scrollIntoViewIfNeeded();
      await harness.screenshot(page, '32a-team-key-moments');

      // One account manager's: the one with a grouped receivable alert among the alerts shown.
      let grouped = null;
      let person = null;
      for (const o of owners.items.filter((o) => o.owner_id !== me.id)) {
        const theirs = await get(page, `/api/alerts?owner=${o.owner_id}&limit=200`);
        grouped = theirs.items.find(
          (a) => ['receivable_overdue', 'bad_debt_review'].includes(a.kind) && (a.detail.items ?? []).length > 1,
        );
        if (grouped) {
          person = { ...o, alerts: theirs };
          break;
        }
      }
      check(grouped, 'no account manager of the team has an alert gathering several invoices');
      await card.locator(`[data-test="alert-owner"][data-owner="${person.owner_id}"]`).click();
      await until(
        async () =>
          (await rows.count()) === person.alerts.items.length &&
          (await rows.locator('[data-test="alert-row-owner"]').allInnerTexts()).every((n) => n.trim() === person.owner_name),
        `the list is not narrowed to ${person.owner_name}'s ${person.alerts.items.length} alerts`,
      );
      const count = await card.locator('[data-test="alerts-count"]').innerText();
      check(count.includes(`${person.count} 条`), `the count reads "${count}", ${person.owner_name} has ${person.count}`);

      const row = card.locator(`[data-test="alert-row"][data-alert="${grouped.id}"]`);
      await row.scrollIntoViewIfNeeded();
      const sentence = await row.locator('[data-test="alert-sentence"]').innerText();
      check(/FP\d+/.test(sentence) && !/发票\d{1,7}逾期/.test(sentence), `the alert names no invoice number: ${sentence}`);
      await row.locator('[data-test="alert-items-toggle"]').click();
      const numbers = (await row.locator('[data-test="alert-item-number"]').allInnerTexts()).map((n) => n.trim());
      const expected = grouped.detail.items.map((i) => i.number);
      check(JSON.stringify(numbers) === JSON.stringify(expected), `the alert lists ${numbers.join(', ')}, the API ${expected.join(', ')}`);
      check(numbers.every((n) => /^FP\d{9}$/.test(n)), `an invoice is not named by its number: ${numbers.join(', ')}`);
      await row.locator('[data-test="alert-items"]').scrollIntoViewIfNeeded();
      await harness.screenshot(page, '32b-grouped-receivable');
    });
  } finally {
    await context.close();
  }
}
