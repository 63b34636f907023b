// Team KPIs (团队指标): the director opens the sales reports page, filters the team KPIs to
// one team with a click and reads a person's leaking funnel level, named as the pipeline names
// it, and a person's forecast accuracy; manager1 sees only their own team and its members.
import { check } from '../lib/harness.mjs';
import { get, signIn } from '../lib/session.mjs';

async function openTeamKpis(page) {
  await page.click('.el-menu-item:has-text("销售分析")');
  await page.waitForURL((url) => url.pathname === '/sales-reports');
  const card = page.locator('[data-test="team-kpis-card"]');
  await card.locator('[data-test="team-kpis-people"] .el-table__body tr').first().waitFor();
  await card.scrollIntoViewIfNeeded();
  return card;
}

const namesIn = async (card) =>
  (await card.locator('[data-test="team-kpis-people"] [data-test="team-kpis-name"]').allInnerTexts()).map((n) => n.trim());

export async function teamKpiSteps({ harness, browser, base, password, adminPassword }) {
  await harness.step('the director opens team KPIs, filters to one team and sees where a person leaks', async () => {
    const { context, page } = await signIn(browser, base, harness, 'director', password);
    try {
      const card = await openTeamKpis(page);
      const all = await get(page, '/api/reports/team-kpis');
      check(all.reach === 'all' && all.teams.length >= 2, `the director reads ${all.teams.length} teams, reach ${all.reach}`);
      // A team with a member whose funnel leaks.
      const leaking = all.people.find((p) => p.team_id !== null && p.leak_level !== null);
      check(leaking, 'no one in the demo data has a leaking funnel');
      const team = all.teams.find((t) => t.id === leaking.team_id);
      await card.locator('[data-test="team-kpis-team"]').click();
      await page.locator('.el-select-dropdown:visible .el-select-dropdown__item').filter({ hasText: team.name }).first().click();
      const members = all.people.filter((p) => p.team_id === team.id).map((p) => p.name);
      await page.waitForFunction(
        (count) => document.querySelectorAll('[data-test="team-kpis-people"] .el-table__body tr').length === count,
        members.length,
      );
      const shown = await namesIn(card);
      check(JSON.stringify(shown) === JSON.stringify(members), `team ${team.name} shows ${shown}, its members are ${members}`);
      const teamRows = await card.locator('[data-test="team-kpis-teams"] [data-test="team-kpis-name"]').allInnerTexts();
      check(teamRows.length === 1 && teamRows[0].trim() === team.name, `the team rows are ${teamRows}`);
      const level = all.funnel.find((l) => l.code === leaking.leak_level);
      const row = card.locator('[data-test="team-kpis-people"] .el-table__body tr', {
        has: page.locator('[data-test="team-kpis-name"]', { hasText: leaking.name }),
      });
      const leak = (await row.locator('[data-test="team-kpis-leak"]').first().innerText()).trim();
      check(leak === `${level.name_zh} (${leaking.leak_stage})`, `${leaking.name}'s leak shows "${leak}", the API ${level.name_zh} (${leaking.leak_stage})`);
      // Forecast accuracy: the demo keeps the snapshots of the last year's month-ends, so a
      // member's figure is the API's won / forecast, not "—".
      const forecasting = all.people.filter((p) => p.team_id === team.id && p.forecast.ratio_bp !== null);
      check(forecasting.length > 0, `no one in team ${team.name} has a forecast accuracy`);
      const person = forecasting[0];
      const personRow = card.locator('[data-test="team-kpis-people"] .el-table__body tr', {
        has: page.locator('[data-test="team-kpis-name"]', { hasText: person.name }),
      });
      const accuracy = (await personRow.locator('[data-test="team-kpis-forecast"]').first().innerText()).trim();
      const expected = `${Math.round(person.forecast.ratio_bp / 100)}%`;
      check(accuracy === expected, `${person.name}'s forecast accuracy shows "${accuracy}", the API ${expected}`);
      await page.waitForTimeout(500);
      await harness.screenshot(page, '90-team-kpis-director-team');
    } finally {
      await context.close();
    }
  });

  await harness.step('a manager sees only their own team in team KPIs', async () => {
    const { context, page } = await signIn(browser, base, harness, 'manager1', password);
    try {
      const card = await openTeamKpis(page);
      const mine = await get(page, '/api/reports/team-kpis');
      check(mine.reach === 'team' && mine.teams.length === 1, `manager1 reads ${mine.teams.length} teams, reach ${mine.reach}`);
      const teamId = mine.teams[0].id;
      check(mine.people.every((p) => p.team_id === teamId), 'manager1 reads someone outside their team');
      const shown = await namesIn(card);
      check(JSON.stringify(shown) === JSON.stringify(mine.people.map((p) => p.name)), `manager1 sees ${shown}`);
      check((await card.locator('[data-test="team-kpis-team"]').count()) === 0, 'manager1 is offered a choice of teams');
      // Another team's id is not found, as one that does not exist.
      harness.expectHttp(404, '/api/reports/team-kpis');
      const other = await page.evaluate(async (id) => (await fetch(`/api/reports/team-kpis?team=${id}`)).status, teamId + 1000);
      check(other === 404, `another team answers ${other}`);
      await page.waitForTimeout(500);
      await harness.screenshot(page, '91-team-kpis-manager');
    } finally {
      await context.close();
    }
  });

  await harness.step('an administrator finds the rules of team KPIs among the settings', async () => {
    const { context, page } = await signIn(browser, base, harness, 'admin', adminPassword);
    try {
      const rules = await get(page, '/api/settings/team-kpis');
      await page.click('.el-menu-item:has-text("规则与设置")');
      await page.click('[data-test="document-team-kpis"]');
      const field = page.locator('[data-test="document-form"] [data-test="field-effective_within_days"]');
      await field.waitFor();
      const input = field.locator('input').first();
      const value = (await input.count()) ? await input.inputValue() : (await field.innerText()).trim();
      check(value.includes(String(rules.effective_within_days)), `the window after a visit shows "${value}", the rules ${rules.effective_within_days}`);
      await harness.screenshot(page, '92-team-kpis-rules');
    } finally {
      await context.close();
    }
  });
}
