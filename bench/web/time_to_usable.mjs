// How long until the dashboard and the account list are usable, in Chromium against a running
// kam server: from navigation start until the pyramid chart has drawn its levels, and until
// the account list shows its first page and its total. Cold is the first load after the server
// started (the analysis is computed, or being computed since the start); warm is a reload (the
// server's caches answer, the browser has the bundle cached); after a write is a reload after
// an account was created, which changes the data version that the company figures are cached
// by.
// Usage: node bench/web/time_to_usable.mjs URL ADMIN_PASSWORD
import { createRequire } from 'node:module';

const require = createRequire(new URL('../../web/package.json', import.meta.url));
const { chromium } = require('playwright-core');

const [base, password] = process.argv.slice(2);
if (!base || !password) {
  console.error('usage: node bench/web/time_to_usable.mjs URL ADMIN_PASSWORD');
  process.exit(2);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox'],
});
const context = await browser.newContext({ baseURL: base, viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
context.setDefaultTimeout(300_000);
const page = await context.newPage();

await page.goto('/login');
await page.fill('input[name="login"]', 'admin');
await page.fill('input[name="password"]', password);
await page.click('button[type="submit"]');
await page.waitForURL((url) => url.pathname === '/dashboard');
// Signed in; leave the dashboard before timing it.
await page.goto('/visit');
await page.waitForLoadState('networkidle');

// Each measurement starts with the server idle: the page's other requests (the summary, the
// forecast) are let finish first, so that one page's slow reports are not counted in the next.
async function timed(label, go, ready) {
  const started = Date.now();
  await go();
  await ready();
  const ms = Date.now() - started;
  await page.waitForLoadState('networkidle');
  const settled = Date.now() - started;
  console.log(`${label.padEnd(32)} ${(ms / 1000).toFixed(2)} s  (every request done: ${(settled / 1000).toFixed(2)} s)`);
  return ms;
}

const dashboardReady = () =>
  page.locator('[data-test="pyramid"] svg text').filter({ hasText: 'VIP' }).first().waitFor();
const accountsReady = async () => {
  await page.locator('[data-test="accounts-table"] .el-table__body-wrapper tbody tr').first().waitFor();
  await page.locator('[data-test="accounts-total"]').filter({ hasText: /\d/ }).waitFor();
};

const results = {};
results.dashboardCold = await timed('dashboard, first load (cold)', () => page.goto('/dashboard'), dashboardReady);
results.dashboardWarm = await timed('dashboard, reload (warm)', () => page.reload(), dashboardReady);
// A write through the API in the same browser context (a session of its own: the page only
// reads from here on), then the dashboard again.
const login = await page.request.post('/api/login', { data: { login: 'admin', password } });
const { csrf_token: csrf } = await login.json();
const created = await page.request.post('/api/accounts', {
  headers: { 'X-CSRF-Token': csrf },
  data: { name: `基准测试写入${Date.now()}`, status: 'active' },
});
if (!created.ok()) throw new Error(`creating an account failed: ${created.status()} ${await created.text()}`);
results.dashboardAfterWrite = await timed('dashboard, after a write', () => page.reload(), dashboardReady);
const shown = await page.locator('[data-test="figures-refreshing"]').count();
console.log(`  figures shown as refreshing: ${shown > 0 ? 'yes' : 'no'}`);
// Let the server finish recomputing before the next measurement.
const settleStarted = Date.now();
for (;;) {
  const [a, s] = await Promise.all([page.request.get('/api/analysis'), page.request.get('/api/reports/summary')]);
  if (!(await a.json()).refreshing && !(await s.json()).refreshing) break;
  await new Promise((resolve) => setTimeout(resolve, 500));
}
console.log(`  new figures computed in the background within ${((Date.now() - settleStarted) / 1000).toFixed(1)} s`);
results.accountsCold = await timed('accounts list, first load', () => page.goto('/accounts'), accountsReady);
results.accountsWarm = await timed('accounts list, reload', () => page.reload(), accountsReady);
console.log(`total shown: ${(await page.locator('[data-test="accounts-total"]').innerText()).trim()}`);
await browser.close();
