// Sales targets from Excel (业绩目标导入): the director keeps next quarter's plan in a
// spreadsheet. LibreOffice Calc saves it as XLSX (the CSV is used where Calc is missing, except
// in CI). The director opens 业绩目标, chooses the file, checks it: a person's name that nobody
// has is refused on its line and nothing is written; the corrected file checks clean and is
// imported, and the team's target shows in the table and the API.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { check } from '../lib/harness.mjs';
import { get, signIn } from '../lib/session.mjs';

// The rows as a workbook Calc saved, or as CSV where there is no Calc outside CI.
function spreadsheet(name, rows) {
  const dir = mkdtempSync(path.join(tmpdir(), 'kam-targets-'));
  const csv = path.join(dir, `${name}.csv`);
  writeFileSync(csv, rows.map((r) => r.join(',')).join('\r\n') + '\r\n', 'utf8');
  try {
    execFileSync(
      'soffice',
      [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--infilter=CSV:44,34,76,1', '--convert-to', 'xlsx', '--outdir', dir, csv],
      { stdio: 'ignore', env: { ...process.env, HOME: dir }, timeout: 180_000 },
    );
  } catch (error) {
    if (process.env.CI === 'true') throw error;
  }
  const xlsx = path.join(dir, `${name}.xlsx`);
  if (existsSync(xlsx)) return { name: `${name}.xlsx`, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: readFileSync(xlsx) };
  return { name: `${name}.csv`, mimeType: 'text/csv', buffer: readFileSync(csv) };
}

// Chooses `file` in the dialog's upload area, as a person does: a click, then the file.
async function choose(page, dialog, file) {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), dialog.locator('[data-test="targets-import-upload"] .el-upload-dragger').click()]);
  await chooser.setFiles(file);
}

export async function targetImportSteps({ harness, browser, base, password }) {
  await harness.step('the director imports next quarter’s targets from an Excel file, a bad line refused first', async () => {
    const { context, page } = await signIn(browser, base, harness, 'director', password);
    try {
      await page.locator('.el-menu-item', { hasText: '业绩目标' }).click();
      await page.waitForURL((url) => url.pathname === '/targets');
      await page.locator('[data-test="targets-table"] .el-table__row').first().waitFor();
      const now = await get(page, '/api/targets/attainment?kind=quarter');
      // The quarter after this one, as the page lists it.
      const [year, quarter] = now.period.split('-Q').map(Number);
      const next = quarter === 4 ? `${year + 1}-Q1` : `${year}-Q${quarter + 1}`;
      const team = now.teams[0];
      const header = ['对象类型', '对象', '周期', '指标', '目标值'];

      await page.locator('[data-test="targets-import"]').click();
      const dialog = page.locator('[data-test="targets-import-dialog"]');
      await dialog.waitFor();
      await choose(page, dialog, spreadsheet('targets-draft', [header, ['团队', team.name, next, '回款', '880000'], ['人员', '查无此人', next, '拜访次数', '30']]));
      await dialog.locator('[data-test="targets-import-check"]').click();
      const problems = dialog.locator('[data-test="targets-import-problems"] .el-table__body tr');
      await problems.first().waitFor();
      check((await problems.count()) === 1, `the check lists ${await problems.count()} problems`);
      const cells = await problems.first().locator('td').allInnerTexts();
      check(cells[0].trim() === '3' && cells[1].trim() === '对象' && cells[2].trim() === '查无此人', `the problem reads ${cells.join(' | ')}`);
      check(/[\u4e00-\u9fff]/.test(cells[3]), `the reason is not in Chinese: ${cells[3]}`);
      check(await dialog.locator('[data-test="targets-import-run"]').isDisabled(), 'a file with a problem can be imported');
      await harness.screenshot(page, '55-targets-import-refused');
      const untouched = await get(page, `/api/targets?period=${next}`);
      check(!untouched.items.some((t) => t.scope === 'team' && t.scope_id === team.id && t.metric === 'collections'), 'the refused file wrote a target');

      await choose(page, dialog, spreadsheet('targets', [header, ['团队', team.name, next, '回款', '880000'], ['人员', 'am2', next, '拜访次数', '30']]));
      await dialog.locator('[data-test="targets-import-check"]').click();
      const ready = dialog.locator('[data-test="targets-import-ready"]');
      await ready.waitFor();
      check((await ready.innerText()).includes('新增 2 个目标'), `the check says: ${await ready.innerText()}`);
      await harness.screenshot(page, '55b-targets-import-ready');
      await dialog.locator('[data-test="targets-import-run"]').click();
      await page.locator('.el-message--success').first().waitFor();
      await dialog.waitFor({ state: 'hidden' });

      // Where the director looks: next quarter's collections, the team's row.
      await page.locator('[data-test="targets-period"]').click();
      await page.locator('.el-select-dropdown__item:visible', { hasText: next }).click();
      await page.locator('[data-test="targets-metric"] label', { hasText: '回款' }).click();
      const row = page.locator('[data-test="targets-table"] .el-table__row', { has: page.locator(`[data-test="targets-row-team-${team.id}"]`) });
      await row.locator('[data-test="targets-target"]', { hasText: '880,000.00' }).waitFor();
      await row.scrollIntoViewIfNeeded();
      await harness.screenshot(page, '55c-targets-imported');
      const stored = await get(page, `/api/targets?period=${next}`);
      const collections = stored.items.find((t) => t.scope === 'team' && t.scope_id === team.id && t.metric === 'collections');
      check(collections?.value === '880000.00', `the team's target was stored as ${JSON.stringify(collections)}`);
      check(stored.items.some((t) => t.scope === 'user' && t.metric === 'visits' && t.value === '30'), 'the person’s visits target was not stored');
    } finally {
      await context.close();
    }
  });
}
