// The end-to-end scenario: a person signs in and works through every main page of the UI
// against a real kam server with demo data. Run by tests/e2e/run, which starts the server
// and passes its address and the demo sign-ins in the environment.
import { createRequire } from 'node:module';
import { Harness, check, until } from './lib/harness.mjs';
import { creditCode, withWrongCheck } from './lib/credit-code.mjs';

// playwright-core is a dev dependency of the web UI: resolve it from there.
const require = createRequire(new URL('../../web/package.json', import.meta.url));
const { chromium } = require('playwright-core');

const BASE = process.env.KAM_URL;
const ADMIN_PASSWORD = process.env.KAM_ADMIN_PASSWORD;
const DEMO_PASSWORD = process.env.KAM_DEMO_PASSWORD;
const artifacts = process.env.KAM_E2E_ARTIFACTS;
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
if (!BASE || !ADMIN_PASSWORD || !DEMO_PASSWORD || !artifacts) {
  console.error('KAM_URL, KAM_ADMIN_PASSWORD, KAM_DEMO_PASSWORD and KAM_E2E_ARTIFACTS must be set (tests/e2e/run sets them)');
  process.exit(2);
}

const harness = new Harness({ artifacts });
await harness.init();

const browser = await chromium.launch({ executablePath, headless: true, args: ['--no-sandbox'] });
// Hangzhou, for the visit's check-in.
const context = await browser.newContext({
  baseURL: BASE,
  viewport: { width: 1440, height: 900 },
  locale: 'zh-CN',
  geolocation: { latitude: 30.27415, longitude: 120.15515, accuracy: 20 },
  permissions: ['geolocation'],
});
context.setDefaultTimeout(15_000);
const page = await context.newPage();
harness.watch(page, 'desktop');

/** Calls the API from inside the signed-in page, as the UI does (cookie and CSRF token). */
async function api(method, path, body, ifMatch) {
  return page.evaluate(
    async ({ method, path, body, ifMatch }) => {
      const me = await (await fetch('/api/me')).json();
      const headers = { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf_token };
      if (ifMatch !== undefined) headers['If-Match'] = `"${ifMatch}"`;
      const response = await fetch(path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : null };
    },
    { method, path, body, ifMatch },
  );
}

async function apiOk(method, path, body, ifMatch) {
  const r = await api(method, path, body, ifMatch);
  check(r.status < 300, `${method} ${path} answered ${r.status}: ${JSON.stringify(r.body)}`);
  return r.body;
}

/** Every record of a list, page by page. */
async function apiAll(path) {
  const items = [];
  let after = null;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const page = await apiOk('GET', `${path}${sep}limit=500${after ? `&after=${encodeURIComponent(after)}` : ''}`);
    items.push(...page.items);
    after = page.next_cursor;
  } while (after);
  return items;
}

/** Yuan strings → fen, exactly (BigInt), and back to the UI's "1,234,567.89". */
const toFen = (yuan) => {
  const [whole, frac = ''] = yuan.split('.');
  return BigInt(whole) * 100n + BigInt(frac.padEnd(2, '0'));
};
const yuanText = (fen) =>
  `${new Intl.NumberFormat('zh-CN').format(fen / 100n)}.${String(fen % 100n).padStart(2, '0')}`;
/** amount × percent / 100, rounded half up to the fen, as the kanban weights a column. */
const weightFen = (fen, percent) => (fen * BigInt(percent) + 50n) / 100n;

/** The forecast card: the API's totals to the fen, and a chart with its months. */
async function checkForecast(on, forecast) {
  const card = on.locator('[data-test="forecast-chart"]');
  for (const [key, field] of [['weighted', 'weighted'], ['commit', 'commit'], ['best-case', 'best_case'], ['closed-won', 'closed_won']]) {
    const shown = card.locator(`[data-test="forecast-total-${key}"]`);
    const expected = `¥${yuanText(toFen(forecast.total[field]))}`;
    await shown.filter({ hasText: expected }).waitFor().catch(async () => {
      throw new Error(`the forecast's ${key} total shows ${await shown.innerText()}, the API says ${expected}`);
    });
  }
  await on.locator('[data-test="forecast-period"]').filter({ hasText: forecast.period }).waitFor();
  if (forecast.rows.length) {
    await card.locator('svg').waitFor();
    const labels = await card.locator('svg text').allTextContents();
    const first = forecast.period.slice(0, 7);
    check(labels.includes(first), `the forecast chart has no axis label ${first}: ${labels.join(' | ')}`);
  }
}

/** The funnel card: its levels' counts, and the leaking stage marked as the API names it. */
async function checkFunnel(on, funnel) {
  const row = funnel.rows[0];
  const card = on.locator('[data-test="funnel"]');
  // The demo gives every viewer opportunities: an empty funnel here would check nothing.
  check(row && row.opportunities > 0, `the funnel has no opportunities to check: ${JSON.stringify(funnel.rows)}`);
  if (!row || !row.opportunities) return;
  await card.locator('svg').waitFor();
  const labels = await card.locator('svg text').allTextContents();
  for (const [i, level] of funnel.funnel.entries()) {
    const reached = String(row.levels[i].reached);
    check(
      labels.some((l) => l.includes(` ${reached}`)),
      `the funnel chart has no label with ${reached} for ${level.code}: ${labels.join(' | ')}`,
    );
  }
  if (row.leak_stage) {
    await card.locator(`[data-test="funnel-leak-stage"][data-stage="${row.leak_stage}"]`).waitFor();
    const leakName = funnel.funnel[row.leak_level].name_zh;
    check(
      labels.some((l) => l.startsWith(leakName) && l.includes('泄漏点')),
      `the funnel chart does not mark ${leakName} as the leak: ${labels.join(' | ')}`,
    );
  }
}

/** Picks an option of an Element Plus select (its dropdown lives at the end of <body>). */
async function choose(select, optionText) {
  await select.click();
  await page
    .locator('.el-select-dropdown:visible .el-select-dropdown__item')
    .filter({ hasText: optionText })
    .first()
    .click();
}

const formItem = (inputName) =>
  page.locator('.el-form-item').filter({ has: page.locator(`[name="${inputName}"]`) });

const suffix = String(Date.now()).slice(-6);
const accountName = `杭州端到端测试${suffix}有限公司`;
let accountId = 0;
let opportunityId = 0;
let companyForecast = null;

await harness.step('sign in', async () => {
  // Not signed in yet: the session check answers 401 by design.
  harness.expectHttp(401, '/api/me');
  await page.goto('/');
  await page.waitForURL(/\/login/);
  await harness.screenshot(page, '01-login');
  await page.fill('input[name="login"]', 'admin');
  await page.fill('input[name="password"]', 'wrong-password');
  harness.expectHttp(401, '/api/login');
  await page.click('button[type="submit"]');
  await page.locator('[data-test="login-error"]').waitFor();
  await page.fill('input[name="password"]', ADMIN_PASSWORD);
  await page.click('button[type="submit"]');
  await page.waitForURL((url) => url.pathname === '/dashboard');
});

await harness.step('dashboard pyramid shows the counts of /api/analysis', async () => {
  const analysis = await apiOk('GET', '/api/analysis');
  const table = page.locator('[data-test="pyramid-table"]');
  await table.waitFor();
  for (const level of ['vip', 'major', 'ordinary', 'small']) {
    const shown = (await table.locator(`[data-level="${level}"]`).innerText()).trim();
    check(
      shown === String(analysis.pyramid[level].accounts),
      `pyramid ${level}: the table shows ${shown}, the API says ${analysis.pyramid[level].accounts}`,
    );
  }
  // The chart itself (SVG) labels each level with its count.
  const labels = await page.locator('[data-test="pyramid"] svg text').allTextContents();
  for (const level of ['vip', 'major', 'ordinary', 'small']) {
    const count = String(analysis.pyramid[level].accounts);
    check(
      labels.some((l) => l.trim().endsWith(` ${count}`)),
      `the pyramid chart has no label with ${count} for ${level}: ${labels.join(' | ')}`,
    );
  }
  await page.locator('[data-test="pareto"] svg').waitFor();
  await harness.screenshot(page, '02-dashboard');
});

await harness.step('dashboard forecast and funnel show what /api/reports says', async () => {
  companyForecast = await apiOk('GET', '/api/reports/forecast?by=month');
  await checkForecast(page, companyForecast);
  await checkFunnel(page, await apiOk('GET', '/api/reports/funnel'));
  await page.locator('[data-test="forecast-chart"]').scrollIntoViewIfNeeded();
  await harness.screenshot(page, '02b-dashboard-forecast');
});

/** Whitespace as innerText and the API may differ in it. */
const squash = (text) => text.replace(/\s+/g, ' ').trim();

await harness.step('dashboard churn reasons and key moments show what the API says', async () => {
  const churn = await apiOk('GET', '/api/reports/churn');
  const card = page.locator('[data-test="churn"]');
  await card.waitFor();
  if (churn.lost_accounts) {
    const lost = squash(await card.locator('[data-test="churn-lost-accounts"]').innerText());
    check(lost === String(churn.lost_accounts), `the churn card shows ${lost} lost accounts, the API says ${churn.lost_accounts}`);
    const cost = `¥${yuanText(toFen(churn.churn_cost))}`;
    await card.locator('[data-test="churn-cost"]').filter({ hasText: cost }).waitFor();
    await card.locator('svg').waitFor();
    const labels = await card.locator('svg text').allTextContents();
    for (const reason of churn.reasons)
      check(labels.includes(reason.name_zh), `the churn chart does not name ${reason.name_zh}: ${labels.join(' | ')}`);
  }
  // The administrator sees every account: the panel lists the company's key moments.
  const mine = await apiOk('GET', '/api/alerts?owner=team&limit=200');
  const panel = page.locator('[data-test="key-moments"]');
  await panel.locator('[data-test="alerts-count"]').filter({ hasText: `${mine.items.length} 条` }).waitFor();
  const rows = await panel.locator('[data-test="alert-row"]').count();
  check(rows === mine.items.length, `the key-moments panel shows ${rows} alerts, the API says ${mine.items.length}`);
  await card.scrollIntoViewIfNeeded();
  await harness.screenshot(page, '02c-dashboard-churn');
});

await harness.step('accounts list pages by cursor and searches by pinyin', async () => {
  await page.click('.el-menu-item:has-text("客户")');
  await page.waitForURL((url) => url.pathname === '/accounts');
  const rows = page.locator('[data-test="accounts-table"] .el-table__body-wrapper tbody tr');
  await rows.first().waitFor();
  const firstPage = await rows.first().innerText();
  await page.click('[data-test="next-page"]');
  await page.locator('text=第 2 页').waitFor();
  check((await rows.first().innerText()) !== firstPage, 'the second page shows the first page again');
  const expected = await apiOk('GET', '/api/accounts?q=hz&limit=1');
  await page.fill('input[data-test="account-search"]', 'hz');
  await page.locator('[data-test="accounts-total"]').filter({ hasText: `共 ${expected.total} 个客户` }).waitFor();
  await harness.screenshot(page, '03-accounts');
  await page.fill('input[data-test="account-search"]', '');
});

await harness.step('create an account: an invalid credit code is refused in place, a valid one saves', async () => {
  const valid = creditCode(`E2E${suffix}`);
  await page.click('[data-test="account-new"]');
  const dialog = page.locator('[data-test="account-create"]');
  await dialog.locator('input[name="name"]').fill(accountName);
  await dialog.locator('input[name="city"]').fill('杭州市');
  await dialog.locator('input[name="credit_code"]').fill(withWrongCheck(valid));
  harness.expectHttp(400, '/api/accounts');
  await page.click('[data-test="account-create-submit"]');
  const error = formItem('credit_code').locator('.el-form-item__error');
  await error.waitFor();
  const message = await error.innerText();
  // The page is Chinese, and so is the server's message: the check character it expects.
  check(message.includes(`应为 ${valid[17]}`), `the credit code error says: ${message}`);
  await harness.screenshot(page, '04-account-invalid-credit-code');
  await dialog.locator('input[name="credit_code"]').fill(valid);
  await page.click('[data-test="account-create-submit"]');
  await page.waitForURL((url) => /^\/accounts\/\d+$/.test(url.pathname));
  accountId = Number(new URL(page.url()).pathname.split('/').pop());
  const saved = await apiOk('GET', `/api/accounts/${accountId}`);
  check(saved.credit_code === valid && saved.name === accountName, 'the account was saved wrongly');
  await page.locator('[data-test="account-name"]').filter({ hasText: accountName }).waitFor();
});

await harness.step('profile edit that lost a race shows the conflict and keeps the input', async () => {
  const notes = page.locator('[data-test="profile"] textarea');
  await notes.fill('我的备注');
  // Someone else saves first.
  const current = await apiOk('GET', `/api/accounts/${accountId}`);
  await apiOk('PATCH', `/api/accounts/${accountId}`, { address: '他人填写的地址' }, current.version);
  harness.expectHttp(412, `/api/accounts/${accountId}`);
  await page.click('[data-test="profile-save"]');
  await page.locator('[data-test="conflict"]').waitFor();
  check((await notes.inputValue()) === '我的备注', 'the input was lost on the conflict');
  await harness.screenshot(page, '05-account-conflict');
  await page.click('[data-test="keep-mine"]');
  await page.locator('[data-test="conflict"]').waitFor({ state: 'detached' });
  const after = await apiOk('GET', `/api/accounts/${accountId}`);
  check(after.notes === '我的备注' && after.address === '他人填写的地址', 'one side of the race was lost');
  // The analysis is cached for minutes: an account newer than the cache is not in it yet.
  harness.expectHttp(404, `/api/accounts/${accountId}/analysis`);
  for (const tab of ['客户分类', '联系人', '活动记录', '应收与回款', '变更历史']) {
    await page.click(`.el-tabs__item:has-text("${tab}")`);
  }
  await page.locator('[data-test="history"] .el-table').waitFor();
  // The trail names fields by their labels, as the form does: the notes saved above.
  await page.locator('[data-test="history"] tr').filter({ has: page.locator('[data-test="history-field"]', { hasText: /^备注$/ }) })
    .filter({ has: page.locator('[data-test="history-new"]', { hasText: '我的备注' }) }).first().waitFor();
  check((await page.locator('[data-test="history-field"]', { hasText: /^notes$/ }).count()) === 0, 'the history names a column, not a field');
  await harness.screenshot(page, '06-account-360');
});

await harness.step('an account page shows its lifetime value, key moments and credit ratings', async () => {
  // The account made above has no orders: the model has no figures for it.
  await page.goto(`/accounts/${accountId}`);
  await page.locator('[data-test="lifetime-value"] [data-test="ltv-empty"]').filter({ hasText: '尚未计算该客户的生命周期价值' }).waitFor();
  // The biggest demo account has years of orders: `kam clv` (tests/e2e/run) scored it.
  const top = (await apiOk('GET', '/api/reports/summary')).top[0];
  const { result } = await apiOk('GET', `/api/accounts/${top.id}/lifetime-value`);
  check(result, `account ${top.id} has no lifetime value: did tests/e2e/run run kam clv?`);
  const alerts = await apiOk('GET', `/api/alerts?account=${top.id}&limit=50`);
  await page.goto(`/accounts/${top.id}`);
  const card = page.locator('[data-test="lifetime-value"]');
  const pAlive = `${(result.p_alive_bp / 100).toFixed(1)}%`;
  await card.locator('[data-test="ltv-p-alive"]').filter({ hasText: pAlive }).waitFor().catch(async () => {
    throw new Error(`P(alive) shows ${await card.locator('[data-test="ltv-p-alive"]').innerText()}, the API says ${pAlive}`);
  });
  if (result.clv) await card.locator('[data-test="ltv-clv"]').filter({ hasText: `¥${yuanText(toFen(result.clv))}` }).waitFor();
  await card.locator(`[data-test="ltv-churn"][data-level="${result.churn_level}"]`).waitFor();
  await card.locator('[data-test="ltv-model"]').filter({ hasText: result.calibration_end }).waitFor();
  const panel = page.locator('[data-test="account-alerts"]');
  await panel.locator('[data-test="alerts-count"]').filter({ hasText: `${alerts.items.length} 条` }).waitFor();
  check(
    (await panel.locator('[data-test="alert-row"]').count()) === alerts.items.length,
    `the account's key moments are not the ${alerts.items.length} the API lists`,
  );
  await harness.screenshot(page, '06b-account-lifetime-value');
  await page.click('.el-tabs__item:has-text("信用评级")');
  await page.locator('[data-test="ratings"] .el-table').waitFor();
});

await harness.step('log a visit with check-in on a 390 px wide phone screen', async () => {
  const phone = await browser.newContext({
    baseURL: BASE,
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    storageState: await context.storageState(),
    geolocation: { latitude: 30.27415, longitude: 120.15515, accuracy: 20 },
    permissions: ['geolocation'],
  });
  const mobile = await phone.newPage();
  harness.watch(mobile, 'phone');
  try {
    await mobile.goto(`/visit?account=${accountId}`);
    const form = mobile.locator('[data-test="visit-form"]');
    await form.locator('[data-test="account-picker"]').filter({ hasText: accountName }).waitFor();
    const width = await mobile.evaluate(() => document.documentElement.scrollWidth);
    check(width <= 390, `the visit page is ${width}px wide on a 390px screen`);
    await form.locator('input[name="subject"]').fill('季度回访');
    await form.locator('textarea[name="notes"]').fill('讨论明年采购计划');
    await mobile.tap('[data-test="check-in"]');
    await mobile.locator('[data-test="check-in-position"]').filter({ hasText: '30.27415' }).waitFor();
    await harness.screenshot(mobile, '07-visit-phone');
    await mobile.tap('[data-test="visit-submit"]');
    await mobile.locator('[data-test="visit-saved"]').waitFor();
  } finally {
    await phone.close();
  }
  const visits = await apiOk('GET', `/api/activities?where=account_id=${accountId}`);
  const visit = visits.items.find((a) => a.subject === '季度回访');
  check(visit && visit.kind === 'visit', 'the visit is not stored');
  check(visit.notes.includes('GPS 30.274150,120.155150'), `the check-in is not in the notes: ${visit.notes}`);
});

await harness.step('move an opportunity across stages on the kanban, through a conflict', async () => {
  const opportunity = await apiOk('POST', '/api/opportunities', {
    account_id: accountId,
    name: `端到端商机${suffix}`,
    amount: '880000.00',
    expected_close: '2027-03-31',
  });
  const contact = await apiOk('POST', '/api/contacts', { account_id: accountId, name: '王采购', title: '采购经理' });
  await apiOk('POST', '/api/buying_center', {
    opportunity_id: opportunity.id,
    contact_id: contact.id,
    roles: 'buyer,decider',
    influence: 8,
    attitude: 'B',
  });
  // Wide enough for all nine columns: a board that scrolls while the mouse drags would make
  // the drag start on whichever card scrolled under the pointer.
  await page.setViewportSize({ width: 2600, height: 900 });
  await page.click('.el-menu-item:has-text("销售漏斗")');
  const card = page.locator(`[data-opportunity="${opportunity.id}"]`);
  await page.locator('[data-stage="G"]').locator(card).waitFor();
  await card.dragTo(page.locator('[data-stage="C"] .cards'));
  await page.locator('[data-stage="C"]').locator(card).waitFor();
  await page.locator('.card.busy').waitFor({ state: 'detached' });
  check((await apiOk('GET', `/api/opportunities/${opportunity.id}`)).stage === 'C', 'the move to C was not saved');

  // Someone else edits the opportunity; the next move must not silently overwrite or vanish.
  const current = await apiOk('GET', `/api/opportunities/${opportunity.id}`);
  await apiOk('PATCH', `/api/opportunities/${opportunity.id}`, { competitors: '某竞争对手' }, current.version);
  harness.expectHttp(412, `/api/opportunities/${opportunity.id}`);
  await card.dragTo(page.locator('[data-stage="B"] .cards'));
  const box = page.locator('.el-message-box');
  await box.waitFor();
  await harness.screenshot(page, '08-kanban-conflict');
  await box.locator('button.el-button--primary').click();
  await page.locator('[data-stage="B"]').locator(card).waitFor();
  await page.locator('.card.busy').waitFor({ state: 'detached' });
  const moved = await apiOk('GET', `/api/opportunities/${opportunity.id}`);
  check(moved.stage === 'B' && moved.competitors === '某竞争对手', 'the conflict lost a change');
  // The demo data has opportunities in B too: the column weights all of them by B's
  // probability from the pipeline settings.
  const pipeline = await apiOk('GET', '/api/settings/pipelines/default');
  const inB = await apiAll('/api/opportunities?where=pipeline=default&where=stage=B');
  const expected = yuanText(
    weightFen(inB.reduce((sum, o) => sum + toFen(o.amount), 0n), pipeline.stages.find((s) => s.code === 'B').probability),
  );
  const weighted = page.locator('[data-stage="B"] [data-test="column-weighted"]');
  await weighted.filter({ hasText: expected }).waitFor().catch(async () => {
    throw new Error(`the B column's weighted total shows ${await weighted.innerText()}, expected ${expected}`);
  });
  await harness.screenshot(page, '09-kanban');

  await card.click();
  const drawer = page.locator('[data-test="opportunity-drawer"]');
  // The stage history: created in G, moved to C, then to B.
  const stages = (await apiOk('GET', `/api/opportunities/${opportunity.id}/stages`)).items;
  check(stages.map((s) => s.to_stage).join() === 'G,C,B', `the stage history is ${JSON.stringify(stages)}`);
  await drawer.locator('[data-test="stage-history"] [data-to-stage="G"]').waitFor();
  check(
    (await drawer.locator('[data-test="stage-history"] .el-timeline-item').count()) === stages.length,
    'the drawer does not show every stage change',
  );
  await drawer.locator('.el-tabs__item:has-text("采购中心")').click();
  await drawer.locator('[data-attitude="B"]').waitFor();
  check((await drawer.innerText()).includes('王采购'), 'the buying centre does not show its member');
  await harness.screenshot(page, '10-opportunity-drawer');
  await page.keyboard.press('Escape');
  await page.setViewportSize({ width: 1440, height: 900 });
  opportunityId = opportunity.id;
});

// The board pages each column from the server: every open opportunity is in its stage's
// column, counted over all of them, however many closed ones there are.
await harness.step('the board shows every open opportunity in its stage, each column counted by the server', async () => {
  const pipeline = await apiOk('GET', '/api/settings/pipelines/default');
  const board = page.locator('[data-test="kanban"]');
  await board.locator('[data-stage] .card').first().waitFor();
  let paged = null;
  for (const stage of pipeline.stages.filter((s) => s.kind === 'open')) {
    const { total } = await apiOk('GET', `/api/opportunities?where=pipeline=default&where=stage=${stage.code}&limit=1`);
    const column = board.locator(`[data-stage="${stage.code}"]`);
    await column.locator('[data-test="column-count"]').filter({ hasText: new RegExp(`^\\s*${total}\\s*个`) }).waitFor();
    await until(async () => (await column.locator('.card').count()) === Math.min(total, 50),
      `column ${stage.code} shows ${Math.min(total, 50)} of its ${total} cards`);
    if (total > 50 && !paged) paged = { stage, total };
  }
  if (paged) {
    const column = board.locator(`[data-stage="${paged.stage.code}"]`);
    await column.locator('[data-test="column-more"]').click();
    await until(async () => (await column.locator('.card').count()) === Math.min(paged.total, 100),
      `column ${paged.stage.code} shows the next page`);
  }
  await harness.screenshot(page, '12b-board-counted-by-the-server');
});

await harness.step('check a SOP step; it stays checked after a reload', async () => {
  await page.setViewportSize({ width: 2600, height: 900 });
  const drawer = page.locator('[data-test="opportunity-drawer"]');
  const openSop = async () => {
    await page.locator(`[data-opportunity="${opportunityId}"]`).click();
    await drawer.locator('.el-tabs__item:has-text("销售 SOP")').click();
    await drawer.locator('[data-test="sop"] [data-step]').first().waitFor();
  };
  await openSop();
  check((await drawer.locator('[data-test="sop"] [data-step]').count()) === 12, 'the SOP has not 12 steps');
  const step = drawer.locator('[data-step="customer_info"]');
  await step.locator('.el-checkbox').click();
  await drawer.locator('[data-step="customer_info"][data-checked="true"]').waitFor();
  await page.reload();
  await page.locator('[data-test="kanban"]').waitFor();
  await openSop();
  await drawer.locator('[data-step="customer_info"][data-checked="true"] .el-checkbox.is-checked').waitFor();
  await drawer.locator('[data-test="sop-done"]').filter({ hasText: '已完成 1 / 12 步' }).waitFor();
  const sop = await apiOk('GET', `/api/opportunities/${opportunityId}/sop`);
  const checked = sop.steps.filter((s) => s.check).map((s) => s.step);
  check(checked.join() === 'customer_info', `the API has these steps checked: ${checked.join()}`);
  await harness.screenshot(page, '10b-sop');
});

await harness.step('write a visit progress report; its key influencers show', async () => {
  const drawer = page.locator('[data-test="opportunity-drawer"]');
  await drawer.locator('.el-tabs__item:has-text("拜访报告")').click();
  await drawer.locator('[data-test="visit-report-new"]').click();
  const form = drawer.locator('[data-test="visit-report-form"]');
  await form.locator('input[name="project_no"]').fill(`XM-E2E-${suffix}`);
  await form.locator('textarea[name="goal"]').fill('确认技术方案，推动商务谈判');
  await form.locator('textarea[name="breakthroughs"]').fill('采购经理认可报价结构');
  await form.locator('textarea[name="next_steps"]').fill('安排高层拜访');
  await form.locator('input[name="competitor"]').fill('某竞争对手');
  // The sliders by keyboard: ours to +3, the competitor's to −2.
  await form.locator('[data-test="our-progress"] .el-slider__button-wrapper').focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  await form.locator('[data-test="competitor-progress"] .el-slider__button-wrapper').focus();
  for (let i = 0; i < 2; i++) await page.keyboard.press('ArrowLeft');
  await form.locator('textarea[name="assessment"]').fill('进展良好');
  await drawer.locator('[data-test="visit-report-submit"]').click();
  const shown = drawer.locator('[data-test="visit-report"]');
  await shown.waitFor();
  const reports = await apiAll(`/api/visit_reports?where=opportunity_id=${opportunityId}`);
  check(reports.length === 1, `${reports.length} visit reports were saved`);
  const report = reports[0];
  check(
    report.goal === '确认技术方案，推动商务谈判' &&
      report.project_no === `XM-E2E-${suffix}` &&
      report.our_progress === 3 &&
      report.competitor_progress === -2 &&
      report.account_id === accountId,
    `the visit report was saved wrongly: ${JSON.stringify(report)}`,
  );
  check((await shown.getAttribute('data-report')) === String(report.id), 'the saved report is not the one shown');
  const influencers = await apiOk('GET', `/api/visit_reports/${report.id}/influencers`);
  const table = drawer.locator('[data-test="influencers"]');
  for (const person of influencers.items) {
    await table.locator('tr').filter({ hasText: person.name }).locator(`[data-influencer-attitude="${person.current_attitude}"]`).waitFor();
  }
  check(influencers.items.some((p) => p.name === '王采购'), 'the influencers lack the buying centre member');
  await harness.screenshot(page, '10c-visit-report');
  await page.keyboard.press('Escape');
  await page.setViewportSize({ width: 1440, height: 900 });
});

await harness.step('hand an account over from the accounts list', async () => {
  const users = await apiOk('GET', '/api/users?where=login=am1');
  const am1 = users.items[0];
  await page.click('.el-menu-item:has-text("客户")');
  await page.fill('input[data-test="account-search"]', accountName);
  const row = page.locator('[data-test="accounts-table"] .el-table__body-wrapper tbody tr').filter({ hasText: accountName });
  await page.locator('[data-test="accounts-total"]').filter({ hasText: '共 1 个客户' }).waitFor();
  await row.locator('.el-checkbox').click();
  await page.click('[data-test="bulk-handover"]');
  const dialog = page.locator('[data-test="handover-dialog"]');
  await choose(dialog.locator('[data-test="handover-to"]'), `${am1.display_name} (am1`);
  await page.click('[data-test="handover-submit"]');
  await dialog.locator('.el-tag--success').waitFor();
  await harness.screenshot(page, '11-handover');
  await dialog.locator('.el-dialog__footer button').first().click();
  const account = await apiOk('GET', `/api/accounts/${accountId}`);
  check(account.owner_id === am1.id, `the owner is ${account.owner_id}, not am1 (${am1.id})`);
  await row.filter({ hasText: am1.display_name }).waitFor();
});

await harness.step('import two contacts: the dry run names the bad row by line, skipping it imports the other', async () => {
  // A demo account whose name no other account shares: the file names it, as a sheet would.
  const candidates = (await apiOk('GET', '/api/accounts?where=status=active&limit=20')).items;
  let account = null;
  for (const a of candidates) {
    const same = await apiOk('GET', `/api/accounts?where=${encodeURIComponent(`name=${a.name}`)}&limit=2`);
    if (same.total === 1) {
      account = a;
      break;
    }
  }
  check(account, 'no demo account with a name of its own');
  const good = `导入联系人${suffix}`;
  const bad = `生日有误${suffix}`;
  const csv =
    '客户名称,姓名,职务,手机,生日\r\n' +
    `${account.name},${good},采购经理,13800138000,1985-06-01\r\n` +
    `${account.name},${bad},财务总监,13800138001,1990-02-30\r\n`;

  await page.click('.el-menu-item:has-text("导入向导")');
  await page.waitForURL((url) => url.pathname === '/import');
  const wizard = page.locator('[data-test="import-wizard"]');
  await choose(wizard.locator('[data-test="import-entity"]'), '联系人');
  await wizard.locator('[data-test="import-upload"] input[type="file"]').setInputFiles({
    name: `contacts-${suffix}.csv`,
    mimeType: 'text/csv',
    buffer: Buffer.from(csv, 'utf8'),
  });
  await page.click('[data-test="import-next"]');

  // The mapping guessed from the headers; a field chosen twice is refused in place.
  const mapping = page.locator('[data-test="import-mapping"]');
  await mapping.waitFor();
  const fieldOf = (column) => mapping.locator(`[data-test="mapping-field"][data-column="${column}"]`);
  const guessed = { 0: '(account_id)', 1: '(name)', 2: '(title)', 3: '(mobile)', 4: '(birthday)' };
  for (const [column, field] of Object.entries(guessed)) {
    const shown = await fieldOf(column).innerText();
    check(shown.includes(field), `column ${column} is mapped to "${shown}", not ${field}`);
  }
  await choose(fieldOf(2), '(name)');
  const duplicate = mapping.locator('[data-test="mapping-error"][data-column="2"]');
  await duplicate.waitFor();
  check((await duplicate.innerText()).includes('已由第 2 列（姓名）导入'), `the duplicate says: ${await duplicate.innerText()}`);
  check(await page.locator('[data-test="mapping-next"]').isDisabled(), 'a field chosen twice can go on to the dry run');
  await page.locator('.el-select-dropdown:visible').waitFor({ state: 'detached' }).catch(() => {});
  await harness.screenshot(page, '11b-import-mapping');
  await choose(fieldOf(2), '(title)');
  await duplicate.waitFor({ state: 'detached' });
  await page.click('[data-test="mapping-next"]');

  // The dry run: one good row, the impossible birthday on line 3 (the header is line 1).
  await page.click('[data-test="import-dry-run"]');
  const report = page.locator('[data-test="import-report"][data-dry-run="true"]');
  await report.waitFor();
  const count = async (key) => (await report.locator(`[data-test="import-count-${key}"]`).innerText()).trim();
  check((await count('imported')) === '1' && (await count('rejected')) === '1', `the dry run counts ${await count('imported')} importable, ${await count('rejected')} rejected`);
  const problem = report.locator('[data-test="import-problems"] .el-table__body tr');
  check((await problem.count()) === 1, `the dry run lists ${await problem.count()} problems`);
  check((await problem.locator('[data-test="problem-line"]').innerText()).trim() === '3', 'the problem is not on line 3');
  check((await problem.locator('[data-test="problem-value"]').innerText()).trim() === '1990-02-30', 'the problem does not show the value');
  check((await problem.locator('[data-test="problem-column"]').innerText()).trim() === '生日', 'the problem does not name the column');
  check((await problem.locator('[data-test="problem-reason"]').innerText()).trim() !== '', 'the problem gives no reason');
  check(!(await apiAll(`/api/contacts?where=account_id=${account.id}`)).some((c) => c.name === good), 'the dry run wrote a contact');
  await harness.screenshot(page, '11c-import-dry-run');

  // Skip the bad row and import; the progress is polled while it runs.
  await page.locator('[data-test="import-mode"] .el-radio').filter({ hasText: '跳过有问题的行' }).click();
  await page.click('[data-test="import-start"]');
  const final = page.locator('[data-test="import-run"] [data-test="import-report"][data-written="true"]');
  await final.waitFor();
  check((await final.locator('[data-test="import-count-imported"]').innerText()).trim() === '1', 'the import did not write one row');
  await page.locator('[data-test="import-progress-rows"]').filter({ hasText: '已读取 2 / 2 行' }).waitFor();
  await final.locator('[data-test="problem-line"]').filter({ hasText: '3' }).waitFor();
  await harness.screenshot(page, '11d-import-report');

  const contacts = await apiAll(`/api/contacts?where=account_id=${account.id}`);
  const imported = contacts.find((c) => c.name === good);
  check(
    imported && imported.title === '采购经理' && imported.mobile === '13800138000' && imported.birthday === '1985-06-01',
    `the imported contact is ${JSON.stringify(imported)}`,
  );
  check(!contacts.some((c) => c.name === bad), 'the row with the impossible birthday was imported');
});

await harness.step('settings: a refused rule is named by its path, a valid one is a new version', async () => {
  await page.click('.el-menu-item:has-text("规则与设置")');
  await page.click('[data-test="document-churn"]');
  await page.click('[data-test="view-json"]');
  const text = page.locator('textarea[data-test="document-text"]');
  // The churn document, not the one shown before it: it is loaded after the click.
  await until(async () => (await text.inputValue()).includes('"default_interval_days"'), 'the churn document is shown');
  const stored = await apiOk('GET', '/api/settings/churn');
  const rules = JSON.parse(await text.inputValue());
  check(!('version' in rules), 'the editor shows the version as a field');
  harness.expectHttp(400, '/api/settings/churn');
  await text.fill(JSON.stringify({ ...rules, no_such_rule: 1 }, null, 2));
  await page.click('[data-test="save-document"]');
  await page.locator('[data-test="problems"]').filter({ hasText: 'no_such_rule' }).waitFor();
  await harness.screenshot(page, '14-settings-refused');
  // A real change: the default interval for accounts with too few orders to have a rhythm.
  check(typeof rules.default_interval_days === 'number', `churn rules are ${JSON.stringify(rules)}`);
  await text.fill(JSON.stringify({ ...rules, default_interval_days: rules.default_interval_days + 1 }, null, 2));
  await page.click('[data-test="save-document"]');
  const next = stored.version + 1;
  await page.locator('[data-test="version"]').filter({ hasText: `v${next}` }).waitFor();
  const saved = await apiOk('GET', '/api/settings/churn');
  check(saved.version === next, 'the stored churn rules are not the next version');
  check(saved.default_interval_days === rules.default_interval_days + 1, 'the change was not stored');
});

// An administrator's names reach charts: markup in one is shown as text, never run.
await harness.step('a funnel level named with markup shows as text in the dashboard tooltip', async () => {
  await page.click('[data-test="document-default"]');
  await page.click('[data-test="view-json"]');
  const text = page.locator('textarea[data-test="document-text"]');
  await until(async () => (await text.inputValue()).includes('"funnel"'), 'the pipeline document is shown');
  const stored = await apiOk('GET', '/api/settings/pipelines/default');
  const pipeline = JSON.parse(await text.inputValue());
  const markup = '<img src=x onerror="window.kamMarkupRan=1">线索';
  pipeline.funnel[0].name_zh = markup;
  await text.fill(JSON.stringify(pipeline, null, 2));
  await page.click('[data-test="save-document"]');
  await page.locator('[data-test="version"]').filter({ hasText: `v${stored.version + 1}` }).waitFor();

  await page.click('.el-menu-item:has-text("经营概览")');
  const card = page.locator('[data-test="funnel"]');
  await card.locator('svg').waitFor();
  await card.scrollIntoViewIfNeeded();
  // ECharts' tooltip: the chart's floating div (the table below also shows the name, as text).
  const tooltip = card.locator('[_echarts_instance_] > div[style*="z-index: 9999999"]');
  // The top level is the funnel's topmost band (levels run top down). The chart may still be
  // animating or drawn again when the dashboard's data arrives, so each try measures the bands
  // afresh, moves the pointer off the chart and back onto the top band, and looks for the tooltip.
  const bands = card.locator('svg path');
  const topBand = async () => {
    let top = null;
    for (let i = 0; i < (await bands.count()); i++) {
      const box = await bands.nth(i).boundingBox().catch(() => null);
      if (box && box.width >= 100 && box.height >= 10 && (!top || box.y < top.box.y)) top = { i, box };
    }
    return top;
  };
  const markupTooltip = tooltip.filter({ hasText: '<img src=x' });
  await until(async () => {
    const top = await topBand();
    if (top === null) return false;
    await page.mouse.move(1, 1);
    await page.mouse.move(top.box.x + top.box.width / 2, top.box.y + top.box.height / 2, { steps: 4 });
    return markupTooltip.waitFor({ timeout: 2000 }).then(() => true, () => false);
  }, 'hovering the funnel\'s top band shows its tooltip', 60_000);
  const shown = (await markupTooltip.innerText()).trim();
  check(shown.startsWith(markup), `the tooltip shows "${shown}", not the name as text`);
  check((await card.locator('img').count()) === 0, 'the name became an <img> element');
  check((await page.evaluate(() => window.kamMarkupRan)) === undefined, 'the name ran as markup');
  // The card as it is, tooltip showing: a full-page screenshot lays the page out again, and
  // the tooltip goes.
  await page.waitForTimeout(600);  // ECharts fades the tooltip in
  const box = await card.boundingBox();
  const left = Math.max(0, box.x - 360);  // the tooltip may stand out of the card's left edge
  await page.screenshot({
    path: `${artifacts}/14b-funnel-tooltip-markup-as-text.png`,
    clip: { x: left, y: box.y, width: box.width + box.x - left, height: Math.min(box.height, 420) },
  });
  // Back to the stored document (the editor leaves out the version and the name, as here).
  const { version: _version, name: _name, ...restore } = stored;
  await apiOk('PUT', '/api/settings/pipelines/default', restore);
  await page.click('.el-menu-item:has-text("规则与设置")');
});

await harness.step('users: a new user, refused then saved, gets a one-time password that signs in', async () => {
  await page.click('.el-menu-item:has-text("用户与团队")');
  await page.click('[data-test="new-user"]');
  await page.fill('[data-test="user-login"]', 'e2e_rep');
  await page.fill('[data-test="user-name"]', '端到端 客户经理');
  await page.fill('[data-test="user-mobile"]', '12345');
  harness.expectHttp(400, '/api/users');
  await page.click('[data-test="save-user"]');
  await page.locator('.el-form-item__error').filter({ hasText: /mobile|手机|digits|位/ }).first().waitFor();
  await page.fill('[data-test="user-mobile"]', '13900001111');
  await page.click('[data-test="save-user"]');
  const shown = page.locator('input[data-test="issued-password"]');
  await shown.waitFor();
  await until(async () => (await shown.inputValue()).length >= 10, 'the issued password is shown');
  const password = await shown.inputValue();
  await page.waitForTimeout(400); // the dialog's fade-in, for a readable screenshot
  await harness.screenshot(page, '15-users-password');
  await page.locator('.el-dialog__footer button').filter({ hasText: '关闭' }).click();
  await page.locator('[data-test="users-table"] tr').filter({ hasText: 'e2e_rep' }).waitFor();
  const other = await browser.newContext({ baseURL: BASE });
  const signIn = await other.request.post('/api/login', { data: { login: 'e2e_rep', password } });
  check(signIn.status() === 200, `the new user's password does not sign in: ${signIn.status()}`);
  // A reset (a forgotten password, a lost laptop) ends what the old password opened, and the
  // dialog says so: the session just opened elsewhere stops working.
  check((await other.request.get('/api/me')).status() === 200, 'the new user has no session');
  // Asked once more first: cancelling changes nothing; confirming resets.
  await page.click('[data-test="reset-e2e_rep"]');
  const confirmBox = page.locator('.el-message-box').filter({ hasText: 'e2e_rep' });
  await confirmBox.locator('.el-message-box__btns button:not(.el-button--primary)').click();
  await confirmBox.waitFor({ state: 'hidden' });
  check((await other.request.get('/api/me')).status() === 200, 'a cancelled reset ended the session');
  await page.click('[data-test="reset-e2e_rep"]');
  await confirmBox.locator('.el-message-box__btns .el-button--primary').click();
  const ended = page.locator('[data-test="ended-access"]');
  await ended.waitFor();
  const endedText = squash(await ended.innerText());
  check(endedText.includes('1 个登录'), `the reset dialog says "${endedText}", not that 1 sign-in ended`);
  await harness.screenshot(page, '15b-users-reset-ended');
  await page.locator('.el-dialog__footer button').filter({ hasText: '关闭' }).click();
  check((await other.request.get('/api/me')).status() === 401, 'the session survived the reset');
  await other.close();
});

await harness.step('sales analysis: stage velocity, ROI per owner and the competitive matrix show what the API says', async () => {
  const velocity = await apiOk('GET', '/api/reports/velocity?by=all');
  const roi = await apiOk('GET', '/api/reports/sales-roi?by=owner');
  const users = await apiAll('/api/users');
  await page.click('.el-menu-item:has-text("销售分析")');
  const labels = page.locator('[data-test="velocity-chart"] svg text');
  await labels.first().waitFor();
  const stayed = velocity.stages.filter((_, i) => velocity.rows[0].stages[i].samples > 0);
  const texts = await labels.allTextContents();
  for (const st of stayed) {
    check(texts.some((x) => x.trim() === `${st.code} ${st.name_zh}`), `the velocity chart has no ${st.code} ${st.name_zh}`);
  }
  const best = [...roi.rows].sort((a, b) => Number(b.per_hour ?? -1) - Number(a.per_hour ?? -1))[0];
  const bestName = users.find((u) => u.id === best.key)?.display_name;
  const firstRow = page.locator('[data-test="roi-table"] .el-table__body-wrapper tbody tr').first();
  await firstRow.filter({ hasText: bestName }).waitFor();
  await page.locator('[data-test="matrix-chart"] svg text').filter({ hasText: '我方' }).first().waitFor();
  await harness.screenshot(page, '16-sales-analysis');
});

await harness.step('switch the language to English, and it stays after a reload', async () => {
  await page.click('[data-test="user-menu"]');
  await page.click('.el-dropdown-menu__item:has-text("English")');
  await page.locator('.el-menu-item:has-text("Accounts")').first().waitFor();
  await page.reload();
  await page.locator('.el-menu-item:has-text("Pipeline")').first().waitFor();
  check((await page.getAttribute('html', 'lang')) === 'en', 'the page language is not en');
  await page.click('.el-menu-item:has-text("Dashboard")');
  await page.locator('[data-test="pyramid"] svg text').filter({ hasText: 'VIP' }).first().waitFor();
  await page.locator('.el-card__header').filter({ hasText: 'Sales forecast by close month' }).waitFor();
  await page.locator('[data-test="forecast-chart"] svg text').filter({ hasText: 'Weighted' }).first().waitFor();
  await harness.screenshot(page, '12-dashboard-en');
});

await harness.step('the kanban names its columns from the pipeline settings, in English too', async () => {
  const pipeline = await apiOk('GET', '/api/settings/pipelines/default');
  await page.click('.el-menu-item:has-text("Pipeline")');
  const names = page.locator('[data-test="kanban"] [data-test="stage-name"]');
  await names.first().waitFor();
  const shown = (await names.allInnerTexts()).map((n) => n.trim());
  const expected = pipeline.stages.map((s) => `${s.code} ${s.name_en}`);
  check(shown.join('|') === expected.join('|'), `the columns are ${shown.join(', ')}, not ${expected.join(', ')}`);
  await harness.screenshot(page, '13-kanban-en');
});

await harness.step('sign out', async () => {
  await page.click('[data-test="user-menu"]');
  await page.click('.el-dropdown-menu__item:has-text("Sign out")');
  await page.waitForURL((url) => url.pathname === '/login');
});

await harness.step('an account manager sees the forecast and funnel of their own opportunities', async () => {
  const amContext = await browser.newContext({ baseURL: BASE, viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  const am = await amContext.newPage();
  harness.watch(am, 'am1');
  try {
    harness.expectHttp(401, '/api/me');
    await am.goto('/login');
    await am.fill('input[name="login"]', 'am1');
    await am.fill('input[name="password"]', DEMO_PASSWORD);
    await am.click('button[type="submit"]');
    await am.waitForURL((url) => url.pathname === '/dashboard');
    // Imports write any account's records: not offered to an account manager.
    await am.locator('.el-menu-item:has-text("拜访记录")').first().waitFor();
    check((await am.locator('.el-menu-item:has-text("导入向导")').count()) === 0, 'an account manager is offered the import wizard');
    const get = (path) => am.evaluate(async (path) => (await fetch(path)).json(), path);
    const forecast = await get('/api/reports/forecast?by=month');
    check(
      forecast.total.count < companyForecast.total.count,
      `am1's forecast covers ${forecast.total.count} opportunities, the company's ${companyForecast.total.count}`,
    );
    await checkForecast(am, forecast);
    await checkFunnel(am, await get('/api/reports/funnel'));
    // Their key moments: the rows the API lists, each with its sentence; one is snoozed.
    const mine = await get('/api/alerts?owner=me&limit=50');
    check(mine.items.length > 0, 'am1 has no key moments: did tests/e2e/run run kam alerts?');
    const panel = am.locator('[data-test="key-moments"]');
    const rows = panel.locator('[data-test="alert-row"]');
    await rows.first().waitFor();
    check((await rows.count()) === mine.items.length, `am1's panel shows ${await rows.count()} alerts, the API ${mine.items.length}`);
    const first = mine.items[0];
    const row = panel.locator(`[data-test="alert-row"][data-alert="${first.id}"]`);
    check((await row.getAttribute('data-severity')) === first.severity, 'the first alert shows another severity');
    const sentence = squash(await row.locator('[data-test="alert-sentence"]').innerText());
    check(sentence === squash(first.detail.zh), `the alert says "${sentence}", the API "${first.detail.zh}"`);
    await harness.screenshot(am, '14a-key-moments-account-manager');
    await row.locator('[data-test="alert-snooze"]').click();
    await row.locator('[data-test="alert-snooze-confirm"]').click();
    await row.waitFor({ state: 'detached' });
    const all = await get('/api/alerts?owner=me&all=true&limit=1000');
    const snoozed = all.items.find((a) => a.id === first.id);
    check(snoozed && snoozed.state === 'snoozed' && snoozed.snoozed_until > first.raised_on, `the alert was not snoozed: ${JSON.stringify(snoozed)}`);
    // Company-wide figures need every account and the financial permission: not asked for.
    await am.locator('[data-test="company-not-allowed"]').waitFor();
    check((await am.locator('[data-test="pyramid"]').count()) === 0, 'an account manager sees the company pyramid');
    await harness.screenshot(am, '14-dashboard-account-manager');
  } finally {
    await amContext.close();
  }
});

await (await import('./steps/opportunities.mjs')).run({ harness, browser, BASE, DEMO_PASSWORD });
await (await import('./steps/contacts.mjs')).contactSteps({ harness, browser, base: BASE, password: DEMO_PASSWORD });
await (await import('./steps/orgchart.mjs')).orgChartSteps({ harness, browser, base: BASE, password: DEMO_PASSWORD });
await (await import('./steps/feedback.mjs')).feedbackSteps({ harness, browser, base: BASE, password: DEMO_PASSWORD, adminPassword: ADMIN_PASSWORD });
await (await import('./steps/ledger.mjs')).ledgerSteps({ harness, browser, base: BASE, password: DEMO_PASSWORD });
await (await import('./steps/receivable.mjs')).receivableSteps({ harness, browser, base: BASE, password: DEMO_PASSWORD });
await (await import('./steps/tasks.mjs')).taskSteps({ harness, browser, base: BASE, password: DEMO_PASSWORD });
await (await import('./steps/drilldown.mjs')).drillDownSteps({ harness, browser, base: BASE, password: DEMO_PASSWORD });
await (await import('./steps/stakeholder.mjs')).stakeholderSteps({ harness, browser, base: BASE, password: DEMO_PASSWORD });
await (await import('./steps/orderlines.mjs')).orderLineSteps({ harness, browser, base: BASE, password: DEMO_PASSWORD });
await (await import('./steps/plan.mjs')).planSteps({ harness, browser, base: BASE, password: DEMO_PASSWORD });
await (await import('./steps/moments.mjs')).momentsSteps({ harness, browser, base: BASE, password: DEMO_PASSWORD });
await (await import('./steps/settingsform.mjs')).settingsFormSteps({ harness, browser, base: BASE, adminPassword: ADMIN_PASSWORD });
await (await import('./steps/questions.mjs')).questionSteps({ harness, browser, base: BASE, password: DEMO_PASSWORD });
await (await import('./steps/reports.mjs')).reportSteps({ harness, browser, base: BASE, password: DEMO_PASSWORD });
await (await import('./steps/wholeday.mjs')).wholeDaySteps({ harness, browser, base: BASE, password: DEMO_PASSWORD, lang: 'zh-CN' });
await (await import('./steps/wholeday.mjs')).wholeDaySteps({ harness, browser, base: BASE, password: DEMO_PASSWORD, lang: 'en' });
await (await import('./steps/targets.mjs')).targetSteps({ harness, browser, base: BASE, password: DEMO_PASSWORD });
await (await import('./steps/targetimport.mjs')).targetImportSteps({ harness, browser, base: BASE, password: DEMO_PASSWORD });
await (await import('./steps/segments.mjs')).segmentSteps({ harness, browser, base: BASE, password: DEMO_PASSWORD });
await (await import('./steps/teamkpi.mjs')).teamKpiSteps({ harness, browser, base: BASE, password: DEMO_PASSWORD, adminPassword: ADMIN_PASSWORD });
await (await import('./steps/messages.mjs')).messageSteps({ harness, browser, base: BASE, password: DEMO_PASSWORD });
await (await import('./steps/messages_rules.mjs')).messageRulesSteps({ harness, browser, base: BASE, adminPassword: ADMIN_PASSWORD });
await (await import('./steps/classlist.mjs')).classListSteps({ harness, browser, base: BASE, password: DEMO_PASSWORD });
await (await import('./steps/plandemo.mjs')).planDemoSteps({ harness, browser, base: BASE, password: DEMO_PASSWORD });
await (await import('./steps/funnel_drill.mjs')).funnelDrillSteps({ harness, browser, base: BASE, password: DEMO_PASSWORD });
await (await import('./steps/relstage.mjs')).relationshipStageSteps({ harness, browser, base: BASE, password: DEMO_PASSWORD });

await browser.close();
process.exit(harness.finish());
