// Sales targets (业绩目标): the director opens the page from the menu and sets this quarter's
// revenue target of manager1's team by clicks and typing; manager1 sees the team's target,
// actual and attainment; am1 (a member of that team) sees their own figures and their rank in
// the team, and nothing of the other teams.
import { check } from '../lib/harness.mjs';
import { signIn, get } from '../lib/session.mjs';

async function openTargets(page) {
  await page.locator('.el-menu-item', { hasText: '业绩目标' }).click();
  await page.waitForURL((url) => url.pathname === '/targets');
  await page.locator('[data-test="targets-table"] .el-table__row').first().waitFor();
}

// The table's row of a team or person (data-test targets-row-team-ID / targets-row-user-ID).
const rowOf = (page, key) =>
  page.locator('[data-test="targets-table"] .el-table__row', { has: page.locator(`[data-test="targets-row-${key}"]`) });

// The page from its top, with the trend chart's bars grown to their height.
async function settle(page) {
  await page.locator('[data-test="target-trend"] svg').first().waitFor();
  await page.evaluate(() => document.querySelector('.el-main')?.scrollTo(0, 0));
  await page.waitForTimeout(1500);
}

const yuanText = (yuan) => `¥${new Intl.NumberFormat('zh-CN').format(Math.trunc(Number(yuan)))}.${yuan.split('.')[1] ?? '00'}`;

export async function targetSteps({ harness, browser, base, password }) {
  let teamId = 0;
  let targetYuan = '';
  let period = '';

  await harness.step('the director sets a quarterly revenue target for a team', async () => {
    const { context, page } = await signIn(browser, base, harness, 'director', password);
    try {
      await openTargets(page);
      const manager = await get(page, '/api/users?where=login=manager1');
      const managerTeam = manager.items?.[0]?.team_id;
      const before = await get(page, '/api/targets/attainment?kind=quarter');
      period = before.period;
      const team = before.teams.find((t) => t.id === managerTeam) ?? before.teams[0];
      teamId = team.id;
      // A round target a little above what the team has reached so far.
      const actual = Number(team.metrics.revenue.actual);
      targetYuan = String(Math.max(100000, Math.ceil((actual * 1.25) / 100000) * 100000));

      const row = rowOf(page, `team-${teamId}`);
      await row.locator('[data-test="targets-edit"]').click();
      const dialog = page.locator('[data-test="target-dialog"]');
      await dialog.waitFor();
      const input = dialog.locator('input[data-test="target-value"]');
      // A value that is not an amount: the server's problem shows under the field.
      harness.expectHttp(400, '/api/targets');
      await input.click();
      await input.pressSequentially('一百万');
      await dialog.locator('[data-test="target-save"]').click();
      const problem = dialog.locator('.el-form-item__error');
      await problem.waitFor();
      check((await problem.innerText()).trim().length > 0, 'no problem shown under the value');
      await input.press('Control+a');
      await input.press('Backspace');
      await input.pressSequentially(targetYuan);
      await dialog.locator('[data-test="target-save"]').click();
      await page.locator('.el-message--success').first().waitFor();
      await dialog.waitFor({ state: 'hidden' });

      const shown = (await row.locator('[data-test="targets-target"]').innerText()).trim();
      check(shown === yuanText(`${targetYuan}.00`), `the team's target shows ${shown}, expected ${yuanText(`${targetYuan}.00`)}`);
      const saved = await get(page, `/api/targets?period=${period}`);
      const target = saved.items.find((t) => t.scope === 'team' && t.scope_id === teamId && t.metric === 'revenue');
      check(target && target.value === `${targetYuan}.00`, `the target was stored as ${JSON.stringify(target)}`);

      // Where the team is headed: its sales so far plus the commit of its open opportunities
      // closing in the quarter, against the target just set.
      const now = await get(page, `/api/targets/attainment?period=${period}`);
      const cell = now.teams.find((t) => t.id === teamId).metrics.revenue;
      const forecast = await get(page, `/api/reports/forecast?by=team&period=${now.start}..${now.end}`);
      const commit = forecast.rows.find((r) => r.group.key === teamId)?.commit ?? '0.00';
      const fen = (yuan) => BigInt(yuan.replace('.', ''));
      const headed = fen(cell.actual) + fen(commit);
      const headedYuan = `${headed / 100n}.${String(headed % 100n).padStart(2, '0')}`;
      const share = Math.round((Number(headed) / Number(fen(cell.target))) * 1000) / 10;
      const commitText = (await row.locator('[data-test="targets-commit"]').innerText()).trim();
      check(commitText === `${yuanText(headedYuan)} (${share}%)`, `the team's actual + commit shows ${commitText}, expected ${yuanText(headedYuan)} (${share}%)`);
      await settle(page);
      await harness.screenshot(page, '50-targets-director-sets');
    } finally {
      await context.close();
    }
  });

  await harness.step("the team's manager sees the team's attainment", async () => {
    const { context, page } = await signIn(browser, base, harness, 'manager1', password);
    try {
      await openTargets(page);
      const me = await get(page, '/api/me');
      check(me.team_id === teamId, `manager1 is of team ${me.team_id}, the target was set for ${teamId}`);
      const data = await get(page, `/api/targets/attainment?period=${period}`);
      check(data.teams.length === 1 && data.teams[0].id === teamId, `manager1 sees teams ${data.teams.map((t) => t.id)}`);
      const cell = data.teams[0].metrics.revenue;
      check(cell.target === `${targetYuan}.00`, `the team's target reads ${cell.target}`);
      const row = rowOf(page, `team-${teamId}`);
      const percent = Math.round(cell.attainment * 1000) / 10;
      const bar = (await row.locator('[data-test="targets-attainment"]').innerText()).trim();
      check(bar === `${percent}%`, `the team's attainment shows ${bar}, the API ${percent}%`);
      const actual = (await row.locator('[data-test="targets-actual"]').innerText()).trim();
      check(actual === yuanText(cell.actual), `the team's actual shows ${actual}, the API ${cell.actual}`);
      check((await page.locator('[data-test="targets-edit"]').count()) > 0, 'the manager has no edit control');
      await settle(page);
      await harness.screenshot(page, '50b-targets-manager-attainment');
    } finally {
      await context.close();
    }
  });

  await harness.step('an account manager of the team sees their own rank', async () => {
    const { context, page } = await signIn(browser, base, harness, 'am1', password);
    try {
      await openTargets(page);
      const me = await get(page, '/api/me');
      const data = await get(page, `/api/targets/attainment?period=${period}`);
      check(data.teams.length === 1 && data.teams[0].id === me.team_id, `am1 sees teams ${data.teams.map((t) => t.id)}`);
      check(data.teams[0].metrics.revenue.actual === null, "am1 sees the team's revenue figure");
      check(data.people.every((p) => p.team_id === me.team_id), 'am1 sees people of another team');
      const mine = data.people.find((p) => p.id === me.id);
      const rank = mine.metrics.revenue.team_rank;
      check(Number.isInteger(rank) && rank >= 1, `am1 has no rank: ${JSON.stringify(mine.metrics.revenue)}`);
      const row = rowOf(page, `user-${me.id}`);
      check((await row.locator('.self-tag').count()) === 1, 'am1 is not marked as themselves');
      const shownRank = (await row.locator('[data-test="targets-team-rank"]').innerText()).trim();
      check(shownRank === String(rank), `am1's rank shows ${shownRank}, the API ${rank}`);
      check((await page.locator('[data-test="targets-edit"]').count()) === 0, 'am1 has an edit control');
      await settle(page);
      await harness.screenshot(page, '50c-targets-am-rank');
    } finally {
      await context.close();
    }
  });
}
