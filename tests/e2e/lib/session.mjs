// Signing in as one of the demo's people, shared by the scenario's steps.

// A fresh browser context signed in as `login` through the login page, on the dashboard.
// The one 401 of /api/me before signing in is expected.
export async function signIn(browser, base, harness, login, password) {
  const context = await browser.newContext({ baseURL: base, viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  harness.watch(page, login);
  harness.expectHttp(401, '/api/me');
  await page.goto('/login');
  await page.fill('input[name="login"]', login);
  await page.fill('input[name="password"]', password);
  await page.click('button[type="submit"]');
  await page.waitForURL((url) => url.pathname === '/dashboard');
  return { context, page };
}

// GET `path` as the page's signed-in user, the answer parsed as JSON.
export const get = (page, path) => page.evaluate(async (path) => (await fetch(path)).json(), path);
