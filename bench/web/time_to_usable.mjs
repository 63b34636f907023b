// How long until the dashboard and the account list are usable, in Chromium against a running
// kam server: from navigation start until the pyramid chart has drawn its levels, and until
// the account list shows its first page and its total. Cold is the first load after the server
// started (the analysis is computed); warm is a reload (the server's analysis cache answers,
// the browser has the bundle cached).
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
results.accountsCold = await timed('accounts list, first load', () => page.goto('/accounts'), accountsReady);
results.accountsWarm = await timed('accounts list, reload', () => page.reload(), accountsReady);
console.log(`total shown: ${(await page.locator('[data-test="accounts-total"]').innerText()).trim()}`);
await browser.close();
