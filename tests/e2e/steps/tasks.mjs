// An account manager adds a task (待办) due today on one of their accounts: a missing title is
// named under its field, the saved task is listed open on the account's tasks tab (after an
// overdue one, in red) and changed in its form; 我的待办 on the dashboard lists it, and one
// click marks it done there; it then leaves 我的待办, shows done with the time on the account
// page, and the API agrees. A deletion is undone from its message. The analyst sees the same
// tab without any control to change it.
import { check } from '../lib/harness.mjs';
import { signIn, get } from '../lib/session.mjs';

/** Signs `login` in on a new page of its own context; the caller closes the context. */

/** The browser's calendar day of an ISO time, as YYYY-MM-DD. */
const localDay = (page, iso) =>
  page.evaluate((iso) => {
    const d = iso ? new Date(iso) : new Date();
    const pad = (n) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  }, iso);

async function openTasksTab(page, accountId) {
  await page.goto(`/accounts/${accountId}`);
  await page.click('[data-test="tasks-tab"]');
  const tab = page.locator('[data-test="tasks"]');
  await tab.waitFor();
  return tab;
}

export async function taskSteps({ harness, browser, base, password }) {
  let accountId = 0;
  let taskId = 0;
  const title = `端到端待办${String(Date.now()).slice(-5)}：回电确认报价`;

  await harness.step('an account manager adds a task due today and marks it done from the dashboard', async () => {
    const { context, page } = await signIn(browser, base, harness, 'am1', password);
    try {
      const me = await get(page, '/api/me');
      const mine = await get(page, `/api/accounts?where=owner_id=${me.id}&limit=50`);
      check(mine.items.length > 0, 'am1 owns no account');
      // An account with nothing open from before yesterday (a key account's plan has overdue
      // actions), so that the task made overdue below is the first listed.
      const dayAgo = new Date(Date.now() - 2 * 86_400_000).toISOString();
      accountId = 0;
      for (const a of mine.items) {
        const tasks = await get(page, `/api/tasks?where=account_id=${a.id}&limit=500`);
        if (!tasks.items.some((t) => !t.done && t.due_at < dayAgo)) {
          accountId = a.id;
          break;
        }
      }
      check(accountId > 0, 'every account of am1 has an old open task');
      const tab = await openTasksTab(page, accountId);
      await tab.locator('[data-test="task-new"]').click();
      const dialog = page.locator('[data-test="task-dialog"]');
      const item = (field) => dialog.locator('.el-form-item').filter({ has: page.locator(`[name="${field}"]`) });
      await dialog.locator('textarea[name="notes"]').waitFor({ state: 'visible' });
      const today = await localDay(page);
      check(
        (await dialog.locator('input[name="due_at"]').inputValue()).startsWith(today),
        'a new task is not due today by default',
      );
      await dialog.locator('textarea[name="notes"]').fill('客户要求本周内给出含税报价');

      // No title: refused, and said under the title field in Chinese.
      harness.expectHttp(400, '/api/tasks');
      await dialog.locator('[data-test="task-save"]').click();
      const error = item('title').locator('.el-form-item__error');
      await error.waitFor();
      const said = await error.innerText();
      check(said.includes('请填写事项'), `the title error says: ${said}`);
      check((await item('notes').locator('.el-form-item__error').count()) === 0, 'the notes are marked wrong too');
      await page.waitForTimeout(300); // the error's fade-in, for a readable screenshot
      await harness.screenshot(page, '30-task-title-error');

      // With a title: saved as am1's, open, due today, listed on the tab.
      await dialog.locator('input[name="title"]').fill(title);
      await dialog.locator('[data-test="task-save"]').click();
      await dialog.waitFor({ state: 'hidden' });
      const listed = await get(page, `/api/tasks?where=account_id=${accountId}&limit=500`);
      const saved = listed.items.find((task) => task.title === title);
      check(
        saved && saved.owner_id === me.id && saved.done === false && saved.done_at === null && saved.notes,
        `the task was saved as ${JSON.stringify(saved)}`,
      );
      check((await localDay(page, saved.due_at)) === today, `the task is due ${saved.due_at}, not today`);
      taskId = saved.id;
      const row = tab.locator(`tr.task-${taskId}`);
      await row.locator('[data-test="task-title"]').filter({ hasText: title }).waitFor();
      check(!(await row.getAttribute('class')).includes('is-done'), 'the new task is listed done');

      // Changed in the form: only the changed field is saved, over the version read.
      await row.locator('[data-test="task-edit"]').click();
      await dialog.locator('textarea[name="notes"]').fill('客户要求周五前给出含税报价');
      await dialog.locator('[data-test="task-save"]').click();
      await dialog.waitFor({ state: 'hidden' });
      const edited = await get(page, `/api/tasks/${taskId}`);
      check(
        edited.version === saved.version + 1 && edited.notes === '客户要求周五前给出含税报价' && edited.title === title,
        `the task was changed to ${JSON.stringify(edited)}`,
      );

      // One overdue since yesterday: listed first, its due time in red.
      const overdue = await page.evaluate(
        async ({ accountId, title }) => {
          const me = await (await fetch('/api/me')).json();
          const yesterday = new Date(Date.now() - 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
          const res = await fetch('/api/tasks', {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf_token },
            body: JSON.stringify({ account_id: accountId, title, due_at: yesterday }),
          });
          return res.json();
        },
        { accountId, title: `${title}（逾期）` },
      );
      check(overdue.id > 0, `the overdue task was not created: ${JSON.stringify(overdue)}`);
      await page.reload();
      await page.click('[data-test="tasks-tab"]');
      const late = tab.locator(`tr.task-${overdue.id}`);
      await late.locator('[data-test="task-overdue"]').waitFor();
      const color = await late.locator('[data-test="task-overdue"]').evaluate((e) => getComputedStyle(e).color);
      check(color === 'rgb(245, 108, 108)', `the overdue due time is ${color}, not red`);
      check(
        (await tab.locator('tr.task-row').first().getAttribute('class')).includes(`task-${overdue.id}`),
        'the overdue task is not listed first',
      );
      // Its due time is shown: plain before 18:00 (a new task's default), in red once the suite
      // runs later in the day and it is already past.
      await row.locator('[data-test="task-due"], [data-test="task-overdue"]').waitFor();
      await page.waitForTimeout(300); // the tab bar's slide, for a readable screenshot
      await harness.screenshot(page, '31-task-open-on-account');

      // 我的待办 on the dashboard lists it, linked to its account; one click marks it done.
      await page.goto('/dashboard');
      const card = page.locator('[data-test="my-tasks-card"]');
      const entry = card.locator(`[data-test="my-task"][data-task="${taskId}"]`);
      await entry.waitFor();
      check((await entry.locator('[data-test="my-task-title"]').innerText()) === title, 'my tasks shows another title');
      const link = await entry.locator('[data-test="my-task-account"]').getAttribute('href');
      check(link === `/accounts/${accountId}`, `the task links to ${link}`);
      // The same list from the API: am1's open tasks due before tomorrow, in the browser's day.
      const tomorrow = await page.evaluate(() => {
        const now = new Date();
        return new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1).toISOString().replace(/\.\d{3}Z$/, 'Z');
      });
      const due = await get(
        page,
        `/api/tasks?where=owner_id=${me.id}&where=done=false&where=${encodeURIComponent(`due_at<${tomorrow}`)}&limit=500`,
      );
      check(due.items.some((task) => task.id === taskId), 'the API does not list the open task as due');
      check(
        (await card.locator('[data-test="my-task"]').count()) === Math.min(due.items.length, 50), // the card shows 50
        'my tasks shows another number of tasks than the API',
      );
      await card.locator('.el-loading-mask').waitFor({ state: 'hidden' });
      await harness.screenshot(page, '32-my-tasks-dashboard');
      await entry.locator('[data-test="my-task-done"]').click();
      await entry.waitFor({ state: 'detached' });
      const done = await get(page, `/api/tasks/${taskId}`);
      check(
        done.done === true && done.done_at !== null && done.version === edited.version + 1,
        `the task was marked done as ${JSON.stringify(done)}`,
      );
      await card.locator('.el-loading-mask').waitFor({ state: 'hidden' });
      await harness.screenshot(page, '33-my-tasks-after-done');

      // The account page shows it done, with when.
      const back = await openTasksTab(page, accountId);
      const doneRow = back.locator(`tr.task-${taskId}.is-done`);
      await doneRow.waitFor();
      check(await doneRow.locator('[data-test="task-done"] input').isChecked(), 'the done task is not ticked');
      check((await doneRow.locator('[data-test="task-done-at"]').innerText()).trim() !== '', 'no done time shown');
      await page.waitForTimeout(300); // the tab bar's slide, for a readable screenshot
      await harness.screenshot(page, '34-task-done-on-account');

      // Deleted, then back by the undo in the message.
      await doneRow.locator('[data-test="task-delete"]').click();
      await doneRow.waitFor({ state: 'detached' });
      await page.locator('[data-test="task-undo"]').click();
      await back.locator(`tr.task-${taskId}.is-done`).waitFor();
      const restored = await get(page, `/api/tasks/${taskId}`);
      check(restored.deleted_at === null && restored.done === true, `the task is ${JSON.stringify(restored)}`);
    } finally {
      await context.close();
    }
  });

  await harness.step('the analyst sees an account’s tasks and cannot change them', async () => {
    const { context, page } = await signIn(browser, base, harness, 'analyst', password);
    try {
      const tab = await openTasksTab(page, accountId);
      const row = tab.locator(`tr.task-${taskId}`);
      await row.locator('[data-test="task-title"]').filter({ hasText: title }).waitFor();
      await row.locator('[data-test="task-done-tag"]').waitFor();
      for (const control of ['task-new', 'task-edit', 'task-delete', 'task-done'])
        check((await tab.locator(`[data-test="${control}"]`).count()) === 0, `the analyst is offered ${control}`);
      await page.waitForTimeout(300); // the tab bar's slide, for a readable screenshot
      await harness.screenshot(page, '35-tasks-analyst');
    } finally {
      await context.close();
    }
  });
}
