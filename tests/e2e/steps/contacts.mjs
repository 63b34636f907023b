// An account manager keeps an account's contacts from its page: a refused e-mail is named
// under its field, the saved contact shows with its birthday, a change of title shows, and a
// deletion is undone from its message. The analyst sees the same list without any of that.
import { check } from '../lib/harness.mjs';
import { signIn, get } from '../lib/session.mjs';

/** Signs `login` in on a new page of its own context; the caller closes the context. */

export async function contactSteps({ harness, browser, base, password }) {
  let accountId = 0;
  const name = `端到端联系人${String(Date.now()).slice(-5)}`;

  await harness.step('an account manager adds, changes, deletes and restores a contact of their account', async () => {
    const { context, page } = await signIn(browser, base, harness, 'am1', password);
    try {
      const me = await get(page, '/api/me');
      const mine = await get(page, `/api/accounts?where=owner_id=${me.id}&limit=1`);
      check(mine.items.length === 1, 'am1 owns no account');
      accountId = mine.items[0].id;
      await page.goto(`/accounts/${accountId}`);
      await page.click('.el-tabs__item:has-text("联系人")');
      const tab = page.locator('[data-test="contacts"]');
      await tab.locator('[data-test="contact-new"]').click();
      const dialog = page.locator('[data-test="contact-dialog"]');
      const item = (field) => dialog.locator('.el-form-item').filter({ has: page.locator(`[name="${field}"]`) });
      await dialog.locator('input[name="name"]').fill(name);
      await dialog.locator('input[name="title"]').fill('采购经理');
      await dialog.locator('input[name="mobile"]').fill('138 0013 8000');
      await dialog.locator('input[name="email"]').fill('wang.example.com');
      await dialog.locator('input[name="birthday"]').fill('1985-03-12');
      await dialog.locator('input[name="birthday"]').press('Enter');
      await dialog.locator('textarea[name="form_recreation"]').fill('周末打羽毛球');

      // A bad e-mail: refused, and said under the e-mail field in Chinese.
      harness.expectHttp(400, '/api/contacts');
      await dialog.locator('[data-test="contact-save"]').click();
      const error = item('email').locator('.el-form-item__error');
      await error.waitFor();
      const said = await error.innerText();
      check(said.includes('邮箱格式不正确'), `the e-mail error says: ${said}`);
      check((await item('name').locator('.el-form-item__error').count()) === 0, 'the name is marked wrong too');
      await page.waitForTimeout(300); // the error's fade-in, for a readable screenshot
      await harness.screenshot(page, '17-contact-email-error');

      // Fixed: saved, and listed with its birthday.
      await dialog.locator('input[name="email"]').fill('wang@example.com');
      await dialog.locator('[data-test="contact-save"]').click();
      await dialog.waitFor({ state: 'hidden' });
      const row = tab.locator('.el-table__body-wrapper tbody tr').filter({ hasText: name });
      await row.filter({ hasText: '1985-03-12' }).waitFor();
      await row.filter({ hasText: 'wang@example.com' }).waitFor();
      const listed = await get(page, `/api/contacts?where=account_id=${accountId}&q=${encodeURIComponent(name)}`);
      const saved = listed.items.find((c) => c.name === name);
      check(
        saved && saved.birthday === '1985-03-12' && saved.form_recreation === '周末打羽毛球' && saved.mobile,
        `the contact was saved as ${JSON.stringify(saved)}`,
      );
      await harness.screenshot(page, '18-contact-saved');

      // A new title: shown in the list.
      await row.locator('[data-test="contact-edit"]').click();
      await dialog.locator('input[name="title"]').waitFor({ state: 'visible' });
      check((await dialog.locator('input[name="email"]').inputValue()) === 'wang@example.com', 'the form was not prefilled');
      await dialog.locator('input[name="title"]').fill('采购总监');
      await dialog.locator('[data-test="contact-save"]').click();
      await dialog.waitFor({ state: 'hidden' });
      await row.filter({ hasText: '采购总监' }).waitFor();

      // Deleted, then back by the undo in the message.
      await row.locator('[data-test="contact-delete"]').click();
      await row.waitFor({ state: 'detached' });
      await page.locator('[data-test="contact-undo"]').click();
      await tab.locator('.el-table__body-wrapper tbody tr').filter({ hasText: name }).filter({ hasText: '采购总监' }).waitFor();
      const back = await get(page, `/api/contacts/${saved.id}`);
      check(back.deleted_at === null && back.title === '采购总监', `the contact is ${JSON.stringify(back)}`);
      await harness.screenshot(page, '19-contact-restored');
    } finally {
      await context.close();
    }
  });

  await harness.step('the analyst sees an account’s contacts and cannot change them', async () => {
    const { context, page } = await signIn(browser, base, harness, 'analyst', password);
    try {
      await page.goto(`/accounts/${accountId}`);
      await page.click('.el-tabs__item:has-text("联系人")');
      const tab = page.locator('[data-test="contacts"]');
      await tab.locator('.el-table__body-wrapper tbody tr').filter({ hasText: name }).waitFor();
      for (const control of ['contact-new', 'contact-edit', 'contact-delete'])
        check((await tab.locator(`[data-test="${control}"]`).count()) === 0, `the analyst is offered ${control}`);
    } finally {
      await context.close();
    }
  });
}
