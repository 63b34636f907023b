// An account manager records a customer's complaint on one of their accounts and handles it:
// a missing subject is named under its field, the saved complaint is marked open, and once
// resolved with a resolution and date the list shows it resolved on that date. A deletion is
// undone from its message. The analyst sees the same list without any of that.
import { check } from '../lib/harness.mjs';
import { signIn, get } from '../lib/session.mjs';

/** Signs `login` in on a new page of its own context; the caller closes the context. */

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

export async function feedbackSteps({ harness, browser, base, password, adminPassword }) {
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

      // Urgent: the deadline is a day after it came in (the rules' default), so three days on
      // it is already overdue.
      await dialog.locator('[data-test="feedback-severity"]').click();
      await page.locator('[data-test="feedback-severity-urgent"]:visible').click();

      // With a subject: saved, listed as an open complaint (marked), handled by am1.
      await dialog.locator('input[name="subject"]').fill(subject);
      await dialog.locator('[data-test="feedback-save"]').click();
      await dialog.waitFor({ state: 'hidden' });
      const row = tab.locator('.el-table__body-wrapper tbody tr').filter({ hasText: subject });
      await row.locator('[data-test="feedback-awaits"]').filter({ hasText: '待处理' }).waitFor();
      await row.filter({ hasText: received }).waitFor();
      await row.locator('[data-test="feedback-overdue"]').filter({ hasText: `${dayFromToday(-2)} · 已超期` }).waitFor();
      const listed = await get(page, `/api/feedback?where=account_id=${accountId}&where=kind=complaint&limit=500`);
      const saved = listed.items.find((f) => f.subject === subject);
      check(
        saved &&
          saved.status === 'open' &&
          saved.severity === 'urgent' &&
          saved.due_on === dayFromToday(-2) &&
          saved.handler_id === me.id &&
          saved.received_on === received &&
          saved.body,
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

  await harness.step('a complaint left past its deadline reaches the team manager, who resolves it', async () => {
    const late = `端到端督办${String(Date.now()).slice(-5)}：发票抬头错误`;
    // Setup: am1 records a normal complaint received ten days ago (due seven days after), and
    // the nightly key-moment run happens (the administrator's refresh stands in for it).
    const rep = await signIn(browser, base, harness, 'am1', password);
    try {
      const made = await rep.page.evaluate(
        async ([accountId, subject, received]) => {
          const me = await (await fetch('/api/me')).json();
          const res = await fetch('/api/feedback', {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf_token },
            body: JSON.stringify({ account_id: accountId, kind: 'complaint', subject, received_on: received, status: 'open', severity: 'normal' }),
          });
          return res.status;
        },
        [accountId, late, dayFromToday(-10)],
      );
      check(made === 201, `the setup complaint was answered ${made}`);
    } finally {
      await rep.context.close();
    }
    const admin = await signIn(browser, base, harness, 'admin', adminPassword);
    try {
      const refreshed = await admin.page.evaluate(async () => {
        const me = await (await fetch('/api/me')).json();
        return (await fetch('/api/alerts/refresh', { method: 'POST', headers: { 'X-CSRF-Token': me.csrf_token } })).status;
      });
      check(refreshed === 200, `the key-moment run was answered ${refreshed}`);
    } finally {
      await admin.context.close();
    }

    const { context, page } = await signIn(browser, base, harness, 'manager1', password);
    try {
      // The manager's card shows the team's key moments by person: the escalation is the
      // manager's own.
      const me = await get(page, '/api/me');
      await page.locator(`[data-test="alert-owner"][data-owner="${me.id}"]`).click();
      const alert = page.locator('[data-test="alert-row"][data-kind="feedback_overdue"]').filter({ hasText: late });
      await alert.waitFor();
      await alert.scrollIntoViewIfNeeded();
      const kind = await alert.locator('[data-test="alert-kind"]').innerText();
      check(kind.includes('反馈超期督办'), `the alert is named ${kind}`);
      const sentence = await alert.locator('[data-test="alert-sentence"]').innerText();
      // Due seven days after it came in (normal severity), three days ago.
      check(
        sentence.includes('已超过处理期限') && sentence.includes(`期限${dayFromToday(-3)}`) && sentence.includes('请督办'),
        `the alert says: ${sentence}`,
      );
      await harness.screenshot(page, '21b-feedback-escalated-to-manager');

      await alert.locator('[data-test="alert-account"]').click();
      await page.waitForURL((url) => url.pathname === `/accounts/${accountId}`);
      await page.click('.el-tabs__item:has-text("客户反馈")');
      const tab = page.locator('[data-test="feedback"]');
      const row = tab.locator('.el-table__body-wrapper tbody tr').filter({ hasText: late });
      await row.locator('[data-test="feedback-overdue"]').waitFor();
      await row.locator('[data-test="feedback-handle"]').click();
      const dialog = page.locator('[data-test="feedback-dialog"]');
      await dialog.locator('textarea[name="resolution"]').waitFor({ state: 'visible' });
      await dialog.locator('[data-test="feedback-status"]').click();
      await page.locator('[data-test="feedback-status-resolved"]:visible').click();
      await dialog.locator('textarea[name="resolution"]').fill('已重开发票并致电客户说明');
      await dialog.locator('[data-test="feedback-save"]').click();
      await dialog.waitFor({ state: 'hidden' });
      await row.locator('[data-test="feedback-status"][data-status="resolved"]').filter({ hasText: '已解决' }).waitFor();
      check((await row.locator('[data-test="feedback-overdue"]').count()) === 0, 'a resolved complaint is still shown overdue');
      const listed = await get(page, `/api/feedback?where=account_id=${accountId}&where=kind=complaint&limit=500`);
      const handled = listed.items.find((f) => f.subject === late);
      check(
        handled && handled.status === 'resolved' && handled.resolved_on === dayFromToday(0) && handled.resolution,
        `the manager handled it as ${JSON.stringify(handled)}`,
      );
      await harness.screenshot(page, '21c-feedback-resolved-by-manager');

      // The sales reports count it among the complaints resolved, as the API's report does.
      await page.locator('.el-menu-item').filter({ hasText: '销售分析' }).click();
      const report = page.locator('[data-test="feedback-report"]');
      await report.locator('[data-test="feedback-report-kinds"] tbody tr').first().waitFor();
      const figures = await get(page, '/api/reports/feedback');
      const complaints = figures.kinds.find((k) => k.kind === 'complaint');
      const shown = await report.locator('[data-test="feedback-report-kinds"] tbody tr').first().innerText();
      check(
        shown.includes('投诉') && shown.includes(String(complaints.received)) && shown.includes(String(complaints.resolved)),
        `the report's complaint row reads ${shown} against ${JSON.stringify(complaints)}`,
      );
      await report.scrollIntoViewIfNeeded();
      await harness.screenshot(page, '21d-feedback-report');
    } finally {
      await context.close();
    }
  });
}
