// The demo's key-account plans: the director opens a plan the demo filled (situation, wallet,
// objectives, actions, a review with a comment) and downloads it as one printed page (XLSX),
// whose text is checked in the downloaded bytes; an account manager whose plan action is past
// due sees it among the account's key moments (计划行动逾期), as the server names the kind.
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { check, until } from '../lib/harness.mjs';
import { get, signIn } from '../lib/session.mjs';

// The text of an XLSX's shared strings (where libxlsxwriter puts every text cell).
function sharedStrings(file) {
  return execFileSync('unzip', ['-p', file, 'xl/sharedStrings.xml'], { encoding: 'utf8', maxBuffer: 1 << 24 })
    .replace(/<[^>]+>/g, '\n')
    .replace(/&amp;/g, '&');
}

export async function planDemoSteps({ harness, browser, base, password }) {
  await harness.step('the director sees a demo plan with content and downloads its one-page export', async () => {
    const { context, page } = await signIn(browser, base, harness, 'director', password);
    try {
      const plans = await get(page, '/api/plans');
      const item = plans.items.find((p) => p.plan_version > 0 && p.last_review && p.last_review.comments.length > 0);
      check(item, `no demo plan with a commented review among ${plans.items.length} key accounts`);
      const plan = await get(page, `/api/accounts/${item.account_id}/plan`);
      check(plan.plan.customer_goals.length > 10 && plan.plan.competitors.length > 0, `the demo plan has no situation: ${JSON.stringify(plan.plan)}`);
      check(plan.objectives.length >= 3 && plan.objectives.length <= 5, `the demo plan has ${plan.objectives.length} objectives`);
      check(plan.wallet.estimates.length > 0, 'the demo plan has no wallet estimate');
      check(plan.health.actions > 0, 'the demo plan has no actions');

      await page.goto(`/accounts/${item.account_id}/plan`);
      await page.locator('[data-test="plan-situation"]').waitFor();
      const goals = await page.locator('textarea[name="customer_goals"]').inputValue();
      check(goals === plan.plan.customer_goals, `the page shows the goals "${goals}"`);
      await until(async () => (await page.locator('[data-test="plan-objective-status"]').count()) === plan.objectives.length, 'the objectives are not all shown');
      const review = page.locator('[data-test="plan-review-item"]').first();
      await review.waitFor();
      const reviewText = await review.innerText();
      check(reviewText.includes(item.last_review.comment), `the review shows "${reviewText}"`);
      check(reviewText.includes(item.last_review.comments[0].body), 'the director\'s comment is not shown');
      await harness.screenshot(page, '60a-demo-plan-top');
      await page.locator('[data-test="plan-action-list"]').scrollIntoViewIfNeeded();
      await harness.screenshot(page, '60b-demo-plan-objectives-actions');

      // The one-page export, as the browser downloads it.
      const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test="plan-export"]').click()]);
      check(download.suggestedFilename() === `account-plan-${item.account_id}.xlsx`, `saved as ${download.suggestedFilename()}`);
      const file = path.join(harness.artifacts, '60-plan-export.xlsx');
      await download.saveAs(file);
      const bytes = await readFile(file);
      check(bytes.length > 2000 && bytes.subarray(0, 2).toString() === 'PK', `the download is not a workbook (${bytes.length} bytes)`);
      const text = sharedStrings(file);
      for (const expected of ['客户计划', item.name, '一、客户状况', '二、关系地图', '三、目标', '四、行动', '五、最近评审',
        plan.plan.competitors[0].name, plan.objectives[0].title, item.last_review.comment, item.last_review.comments[0].body]) {
        check(text.includes(expected), `the export does not say "${expected}"`);
      }
      const sheet = execFileSync('unzip', ['-p', file, 'xl/worksheets/sheet1.xml'], { encoding: 'utf8', maxBuffer: 1 << 24 });
      check(/orientation="landscape"/.test(sheet) && /fitToPage="1"/.test(sheet), 'the export is not landscape, fitted to the page');
      // In English when asked.
      const english = await page.evaluate(async (url) => {
        const res = await fetch(url);
        return { status: res.status, type: res.headers.get('content-type'), size: (await res.arrayBuffer()).byteLength };
      }, `/api/accounts/${item.account_id}/plan/export?lang=en`);
      check(english.status === 200 && english.type.includes('spreadsheetml') && english.size > 2000, `the English export: ${JSON.stringify(english)}`);
    } finally {
      await context.close();
    }
  });

  await harness.step('an account manager sees an overdue plan action as a key moment', async () => {
    // Whose plan action is overdue: the director reads the moments and the people.
    let owner = null;
    let alert = null;
    {
      const { context, page } = await signIn(browser, base, harness, 'director', password);
      try {
        const users = await get(page, '/api/users?limit=500');
        const managers = new Map(users.items.filter((u) => u.role === 'account_manager').map((u) => [u.id, u]));
        const alerts = await get(page, '/api/alerts?kind=plan_action_overdue&limit=500');
        alert = alerts.items.find((a) => managers.has(a.owner_id));
        check(alert, `no account manager has an overdue plan action among ${alerts.items.length} alerts`);
        owner = managers.get(alert.owner_id);
      } finally {
        await context.close();
      }
    }
    const { context, page } = await signIn(browser, base, harness, owner.login, password);
    try {
      const mine = await get(page, `/api/alerts?owner=me&kind=plan_action_overdue&limit=500`);
      const same = mine.items.filter((a) => a.account_id === alert.account_id);
      check(same.length === 1, `${owner.login} has ${same.length} plan-action alerts for account ${alert.account_id}, not one`);
      check(same[0].kind_zh === '计划行动逾期' && same[0].kind_en === 'Plan action overdue', `the kind is named ${same[0].kind_zh} / ${same[0].kind_en}`);
      const items = same[0].detail.items ?? [];
      check(items.length >= 1 && items.every((i) => i.days_overdue > 0), `the alert gathers ${JSON.stringify(items)}`);

      // On the account's page, among its key moments.
      await page.goto(`/accounts/${alert.account_id}`);
      const row = page.locator('[data-test="account-alerts"] [data-test="alert-row"][data-kind="plan_action_overdue"]');
      await row.first().waitFor();
      const kind = await row.first().locator('[data-test="alert-kind"]').innerText();
      check(kind.trim() === '计划行动逾期', `the row names the kind "${kind}"`);
      const text = await row.first().innerText();
      check(text.includes('逾期') && text.includes(items[0].number), `the row says "${text}"`);
      await row.first().scrollIntoViewIfNeeded();
      await harness.screenshot(page, '60c-plan-action-overdue-moment');
    } finally {
      await context.close();
    }
  });
}
