// An account manager records a customer's complaint on one of their accounts and handles it:
// a missing subject is named under its field, the saved complaint is marked open, and once
// resolved with a resolution and date the list shows it resolved on that date. A deletion is
// undone from its message. The analyst sees the same list without any of that.
import { check } from '../lib/harness.mjs';

/** Signs `login` in on a new page of its own context; the caller closes the context. */
async function signIn(browser, base, harness, login, password) {
  const context = await browser.newContext({ baseURL: base, viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  harness.watch(page, login);
  harness.expectHttp(401, '/api/me');
  await page.goto('/login');
  await page.fill('input[name="login"]', login);
  await page.fill('input[name="password"]', password);
  await page.click('button[type="submit"]');
  await page.waitForURL((url) => url.pathname === '/dashboard');
  return { context, page };
}

const get = (page, path) => page.evaluate(async (path) => (await fetch(path)).json(), path);

/** The account's open complaints as the API counts them, and as the tab's marker shows them. */
async function openComplaints(page, accountId) {
  const api = await get(page, `/api/feedback?where=account_id=${accountId}&where=kind=complaint&where=status=open&limit=1`);
  const marker = page.locator('[data-test="feedback-tab"] [data-test="open-complaints"]');
  if (api.total === 0) await marker.waitFor({ state: 'detached' });
  else await marker.filter({ hasText: new RegExp(`^\\s*${api.total}\\s*$`) }).waitFor();
  return api.total;
}

/** A local date `days` from today, as the date pickers take it. */
function dayFromToday(days) {
  const d = new Date();
  d.setDate(d.getDate() + days);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

async function pickDate(dialog, name, day) {
  const input = dialog.locator(`input[name="${name}"]`);
  await input.fill(day);
  await input.press('Enter');
}

export async function feedbackSteps({ harness, browser, base, password }) {
  let accountId = 0;
  const subject = `端到端投诉${String(Date.now()).slice(-5)}：交货延迟`;
  const received = dayFromToday(-3);
  const resolved = dayFromToday(0);

  await harness.step('an account manager records a complaint on their account and resolves it', async () => {
    const { context, page } = await signIn(browser, base, harness, 'am1', password);
    try {
      const me = await get(page, '/api/me');
      const mine = await get(page, `/api/accounts?where=owner_id=${me.id}&limit=1`);
      check(mine.items.length === 1, 'am1 owns no account');
      accountId = mine.items[0].id;
      await page.goto(`/accounts/${accountId}`);
      await page.click('.el-tabs__item:has-text("客户反馈")');
      const tab = page.locator('[data-test="feedback"]');
      await tab.locator('[data-test="feedback-new"]').click();
      const dialog = page.locator('[data-test="feedback-dialog"]');
      const item = (field) => dialog.locator('.el-form-item').filter({ has: page.locator(`[name="${field}"]`) });
      await dialog.locator('textarea[name="body"]').waitFor({ state: 'visible' });
      check(
        (await dialog.locator('[data-test="feedback-kind"] .is-active').innerText()).includes('投诉'),
        'a new feedback is not a complaint by default',
      );
      check((await dialog.locator('input[name="received_on"]').inputValue()) === resolved, 'received on is not today');
      await pickDate(dialog, 'received_on', received);
      await dialog.locator('textarea[name="body"]').fill('上批货晚到一周，影响了客户的生产排期');

      // No subject: refused, and said under the subject field in Chinese.
      harness.expectHttp(400, '/api/feedback');
      await dialog.locator('[data-test="feedback-save"]').click();
      const error = item('subject').locator('.el-form-item__error');
      await error.waitFor();
      const said = await error.innerText();
      check(said.includes('请填写主题'), `the subject error says: ${said}`);
      check((await item('body').locator('.el-form-item__error').count()) === 0, 'the body is marked wrong too');
      await page.waitForTimeout(300); // the error's fade-in, for a readable screenshot
      await harness.screenshot(page, '20-feedback-subject-error');

      // With a subject: saved, listed as an open complaint (marked), handled by am1.
      await dialog.locator('input[name="subject"]').fill(subject);
      await dialog.locator('[data-test="feedback-save"]').click();
      await dialog.waitFor({ state: 'hidden' });
      const row = tab.locator('.el-table__body-wrapper tbody tr').filter({ hasText: subject });
      await row.locator('[data-test="feedback-awaits"]').filter({ hasText: '待处理' }).waitFor();
      await row.filter({ hasText: received }).waitFor();
      const listed = await get(page, `/api/feedback?where=account_id=${accountId}&where=kind=complaint&limit=500`);
      const saved = listed.items.find((f) => f.subject === subject);
      check(
        saved && saved.status === 'open' && saved.handler_id === me.id && saved.received_on === received && saved.body,
        `the complaint was saved as ${JSON.stringify(saved)}`,
      );
      const waiting = await openComplaints(page, accountId);
      check(waiting >= 1, 'the open complaint is not counted');
      await harness.screenshot(page, '20a-feedback-open');

      // Handled: resolved with a resolution and a date.
      await row.locator('[data-test="feedback-handle"]').click();
      await dialog.locator('textarea[name="resolution"]').waitFor({ state: 'visible' });
      check((await dialog.locator('[data-test="feedback-said"]').innerText()).includes(subject), 'the form does not show the complaint');
      await dialog.locator('[data-test="feedback-status"]').click();
      await page.locator('[data-test="feedback-status-resolved"]:visible').click();
      await dialog.locator('textarea[name="resolution"]').fill('补发货物并承诺下批提前三天发运，客户认可');
      await pickDate(dialog, 'resolved_on', resolved);
      await dialog.locator('[data-test="feedback-save"]').click();
      await dialog.waitFor({ state: 'hidden' });
      await row.locator('[data-test="feedback-status"][data-status="resolved"]').filter({ hasText: '已解决' }).waitFor();
      await row.filter({ hasText: resolved }).waitFor();
      check((await row.locator('[data-test="feedback-awaits"]').count()) === 0, 'a resolved complaint is still marked open');
      const back = await get(page, `/api/feedback/${saved.id}`);
      check(
        back.status === 'resolved' && back.resolved_on === resolved && back.resolution && back.version === saved.version + 1,
        `the complaint was handled as ${JSON.stringify(back)}`,
      );
      check((await openComplaints(page, accountId)) === waiting - 1, 'the resolved complaint is still counted open');
      await harness.screenshot(page, '21-feedback-resolved');

      // Deleted, then back by the undo in the message.
      await row.locator('[data-test="feedback-delete"]').click();
      await row.waitFor({ state: 'detached' });
      await page.locator('[data-test="feedback-undo"]').click();
      await tab.locator('.el-table__body-wrapper tbody tr').filter({ hasText: subject }).filter({ hasText: '已解决' }).waitFor();
      const restored = await get(page, `/api/feedback/${saved.id}`);
      check(restored.deleted_at === null && restored.status === 'resolved', `the complaint is ${JSON.stringify(restored)}`);
    } finally {
      await context.close();
    }
  });

  await harness.step('the analyst sees an account’s feedback and cannot change it', async () => {
    const { context, page } = await signIn(browser, base, harness, 'analyst', password);
    try {
      await page.goto(`/accounts/${accountId}`);
      await page.click('.el-tabs__item:has-text("客户反馈")');
      const tab = page.locator('[data-test="feedback"]');
      await tab.locator('.el-table__body-wrapper tbody tr').filter({ hasText: subject }).waitFor();
      for (const control of ['feedback-new', 'feedback-handle', 'feedback-delete'])
        check((await tab.locator(`[data-test="${control}"]`).count()) === 0, `the analyst is offered ${control}`);
    } finally {
      await context.close();
    }
  });
}
