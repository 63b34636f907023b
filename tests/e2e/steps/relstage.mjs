// The sales director steers by the key-account relationship stage and the funnel: on the
// account list they pick a relationship stage (大客户关系发展五阶段) and the list holds as many
// accounts as the API counts in that stage, each row naming it; one of them shows the same
// stage on its plan page; on the sales reports page a click on a funnel level opens the
// opportunity list with as many opportunities as the funnel counts there. In zh-CN.
import { check } from '../lib/harness.mjs';
import { get, signIn } from '../lib/session.mjs';

/** The number in a list's "共 N 个…" counter. */
async function counter(page, test) {
  const total = page.locator(`[data-test="${test}"]`);
  await total.waitFor();
  return Number((await total.innerText()).replace(/[^0-9]/g, ''));
}

/** Waits for the counter to read `expected` and returns what it reads. */
async function settled(page, test, expected) {
  for (let i = 0; i < 150 && (await counter(page, test)) !== expected; ++i) await page.waitForTimeout(100);
  return counter(page, test);
}

export async function relationshipStageSteps({ harness, browser, base, password }) {
  await harness.step('relationship stage: the director lists the accounts of a stage, as many as the API counts, and the plan page agrees', async () => {
    const { context, page } = await signIn(browser, base, harness, 'director', password);
    try {
      await page.goto('/accounts');
      await counter(page, 'accounts-total');
      // The plan rules' stages and how many accounts each holds (the undetermined aside).
      const rules = await get(page, '/api/settings/account-plan');
      const stages = [...rules.stage_rules.stages, rules.interrupted];
      const counted = [];
      for (const s of stages)
        counted.push({ ...s, total: (await get(page, `/api/accounts?relationship_stage=${s.code}&limit=1`)).total });
      // One of the five stages when the demo has any there (the interrupted one otherwise).
      const five = counted.slice(0, -1).filter((s) => s.total > 0);
      const stage = (five.length ? five : counted).reduce((a, b) => (b.total > a.total ? b : a));
      check(stage.total > 0, `no account of the demo is in a relationship stage: ${JSON.stringify(counted)}`);

      await page.locator('[data-test="stage-filter"]').click();
      // The options come with the plan rules, which the page may still be reading.
      const options = page.locator('.el-select-dropdown__item:visible');
      await options.first().waitFor();
      for (let i = 0; i < 150 && (await options.count()) < stages.length + 1; ++i) await page.waitForTimeout(100);
      const names = await options.allInnerTexts();
      check(
        stages.every((s) => names.includes(s.name_zh)) && names.some((n) => n.startsWith('无法判断')),
        `the stage filter offers ${names.join(' | ')}`,
      );
      await harness.screenshot(page, '61-relstage-options');
      await page.locator(`.el-select-dropdown__item:visible[data-test="stage-option-${stage.code}"]`).click();

      const total = await settled(page, 'accounts-total', stage.total);
      check(total === stage.total, `the API counts ${stage.total} accounts ${stage.code}, the list holds ${total}`);
      // The stage's column comes with the filter and names it on every row.
      const rows = await page.locator('[data-test="accounts-table"] .el-table__body tr').allInnerTexts();
      check(rows.length === Math.min(50, total), `the first page shows ${rows.length} rows of ${total}`);
      check(rows.every((r) => r.includes(stage.name_zh)), `a row is not in the stage ${stage.name_zh}`);
      await harness.screenshot(page, '61b-relstage-accounts');

      // The first account's plan page gives the same stage.
      const link = page.locator('[data-test="accounts-table"] .el-table__body tr a').first();
      const href = await link.getAttribute('href');
      const id = Number(href.replace(/\D+/g, ''));
      await page.goto(`/accounts/${id}/plan`);
      const effective = page.locator('[data-test="plan-stage-effective"]');
      await effective.waitFor();
      const shown = (await effective.innerText()).trim();
      check(shown === stage.name_zh, `account ${id}'s plan page shows the stage "${shown}", the list ${stage.name_zh}`);
      await effective.scrollIntoViewIfNeeded();
      await harness.screenshot(page, '61c-relstage-plan');
    } finally {
      await context.close();
    }
  });

  await harness.step('relationship stage: on the sales reports the director clicks a funnel level and lists as many opportunities', async () => {
    const { context, page } = await signIn(browser, base, harness, 'director', password);
    try {
      await page.goto('/sales-reports');
      const card = page.locator('[data-test="reports-funnel-card"]');
      await card.locator('[data-test="funnel-table"]').waitFor();
      const report = await get(page, '/api/reports/funnel');
      const levels = report.funnel.map((l, i) => ({ ...l, reached: report.rows[0]?.levels[i]?.reached ?? 0 }));
      const level = levels.slice(1).find((l) => l.reached > 0) ?? levels.find((l) => l.reached > 0);
      check(level, 'no funnel level has opportunities in the demo');
      const open = card.locator(`[data-test="funnel-open-${level.code}"]`);
      check(Number((await open.innerText()).trim()) === level.reached, `the reports' funnel does not show ${level.reached} at ${level.code}`);
      await card.scrollIntoViewIfNeeded();
      await harness.screenshot(page, '61d-relstage-reports-funnel');

      await open.click();
      await page.waitForURL(
        (url) => url.pathname === '/pipeline/opportunities' && url.searchParams.get('reached_stage') === level.stage,
      );
      await page.locator('[data-test="opportunities-table"]').waitFor();
      const total = await settled(page, 'opportunities-total', level.reached);
      check(total === level.reached, `the funnel counts ${level.reached} at ${level.name_zh}, the list holds ${total}`);
      const url = new URL(page.url());
      check(url.searchParams.get('period') === report.period, `the list's period ${url.searchParams.get('period')} is not the funnel's ${report.period}`);
      check(url.searchParams.get('pipeline') === report.pipeline, `the list's pipeline is not the funnel's ${report.pipeline}`);
      await harness.screenshot(page, '61e-relstage-opportunities');
    } finally {
      await context.close();
    }
  });
}
