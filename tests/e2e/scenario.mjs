// The end-to-end scenario: a person signs in and works through every main page of the UI
// against a real kam server with demo data. Run by tests/e2e/run, which starts the server
// and passes its address and the demo sign-ins in the environment.
import { createRequire } from 'node:module';
import { Harness, check } from './lib/harness.mjs';
import { creditCode, withWrongCheck } from './lib/credit-code.mjs';

// playwright-core is a dev dependency of the web UI: resolve it from there.
const require = createRequire(new URL('../../web/package.json', import.meta.url));
const { chromium } = require('playwright-core');

const BASE = process.env.KAM_URL;
const ADMIN_PASSWORD = process.env.KAM_ADMIN_PASSWORD;
const artifacts = process.env.KAM_E2E_ARTIFACTS;
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
if (!BASE || !ADMIN_PASSWORD || !artifacts) {
  console.error('KAM_URL, KAM_ADMIN_PASSWORD and KAM_E2E_ARTIFACTS must be set (tests/e2e/run sets them)');
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
  check(message.includes(`expected ${valid[17]}`), `the credit code error says: ${message}`);
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
  for (const tab of ['客户分类', '联系人', '活动记录', '应收账款', '变更历史']) {
    await page.click(`.el-tabs__item:has-text("${tab}")`);
  }
  await page.locator('[data-test="history"] .el-table').waitFor();
  await harness.screenshot(page, '06-account-360');
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
  await page.waitForFunction(() => !document.querySelector('.card.busy'));
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
  await page.waitForFunction(() => !document.querySelector('.card.busy'));
  const moved = await apiOk('GET', `/api/opportunities/${opportunity.id}`);
  check(moved.stage === 'B' && moved.competitors === '某竞争对手', 'the conflict lost a change');
  const weighted = await page.locator('[data-stage="B"] [data-test="column-weighted"]').innerText();
  check(weighted.includes('660,000.00'), `the B column's weighted total shows ${weighted}`);
  await harness.screenshot(page, '09-kanban');

  await card.click();
  const drawer = page.locator('[data-test="opportunity-drawer"]');
  await drawer.locator('[data-attitude="B"]').waitFor();
  check((await drawer.innerText()).includes('王采购'), 'the buying centre does not show its member');
  await harness.screenshot(page, '10-opportunity-drawer');
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

await harness.step('switch the language to English, and it stays after a reload', async () => {
  await page.click('[data-test="user-menu"]');
  await page.click('.el-dropdown-menu__item:has-text("English")');
  await page.locator('.el-menu-item:has-text("Accounts")').first().waitFor();
  await page.reload();
  await page.locator('.el-menu-item:has-text("Pipeline")').first().waitFor();
  check((await page.getAttribute('html', 'lang')) === 'en', 'the page language is not en');
  await page.click('.el-menu-item:has-text("Dashboard")');
  await page.locator('[data-test="pyramid"] svg text').filter({ hasText: 'VIP' }).first().waitFor();
  await harness.screenshot(page, '12-dashboard-en');
});

await harness.step('sign out', async () => {
  await page.click('[data-test="user-menu"]');
  await page.click('.el-dropdown-menu__item:has-text("Sign out")');
  await page.waitForURL((url) => url.pathname === '/login');
});

await browser.close();
process.exit(harness.finish());
