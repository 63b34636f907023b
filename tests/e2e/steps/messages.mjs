// The server's messages in the user's language: an account manager types an account whose short
// name is too long and whose credit code is too short, and reads under each field why, in
// Chinese when the page is Chinese and in English when it is English. The messages come from the
// server (the browser lets both values through), in the language the page asked for.
import { check } from '../lib/harness.mjs';
import { signIn } from '../lib/session.mjs';

const HAN = /\p{Script=Han}/u;

const TEXT = {
  'zh-CN': {
    language: '中文',
    accounts: '客户',
    accountNew: '新建客户',
    create: '创建',
    fields: { name: '客户名称', short_name: '简称', credit_code: '统一社会信用代码' },
    tooLong: '长度为 60 个字符，最多 50 个字符',
    shortCode: '须为 18 个字符，当前为 8 个',
    name: (s) => `提示语言测试${s}有限公司`,
  },
  en: {
    language: 'English',
    accounts: 'Accounts',
    accountNew: 'New account',
    create: 'Create',
    fields: { name: 'Name', short_name: 'Short name', credit_code: 'Unified social credit code' },
    tooLong: 'is 60 characters long; at most 50 allowed',
    shortCode: 'must be 18 characters, got 8',
    name: (s) => `Message language test ${s} Ltd`,
  },
};

export async function messageSteps({ harness, browser, base, password }) {
  for (const lang of ['zh-CN', 'en']) {
    const T = TEXT[lang];
    await harness.step(`messages (${lang}): a bad value typed into the account form is explained under its field in ${lang}`, async () => {
      const { context, page } = await signIn(browser, base, harness, 'am1', password);
      try {
        harness.expectHttp(400, '/api/accounts');
        if (lang === 'en') {
          await page.click('[data-test="user-menu"]');
          await page.locator('.el-dropdown-menu__item:visible').filter({ hasText: T.language }).click();
          await page.getByRole('menuitem', { name: T.accounts, exact: true }).waitFor();
        }
        check((await page.getAttribute('html', 'lang')) === lang || lang === 'zh-CN', `the page language is not ${lang}`);
        await page.getByRole('menuitem', { name: T.accounts, exact: true }).click();
        await page.locator('[data-test="accounts-table"] .el-table__body-wrapper tbody tr').first().waitFor();
        await page.getByRole('button', { name: T.accountNew }).click();
        const dialog = page.locator('[data-test="account-create"]');
        await dialog.getByLabel(T.fields.name, { exact: true }).fill(T.name(String(Date.now()).slice(-6)));
        // Typed, key by key, as a person would: sixty characters where fifty fit.
        await dialog.getByLabel(T.fields.short_name, { exact: true }).pressSequentially('长'.repeat(60));
        await dialog.getByLabel(T.fields.credit_code, { exact: true }).pressSequentially('91350100');

        const sent = page.waitForRequest((r) => r.url().endsWith('/api/accounts') && r.method() === 'POST');
        const answered = page.waitForResponse((r) => r.url().endsWith('/api/accounts') && r.request().method() === 'POST');
        await dialog.getByRole('button', { name: T.create, exact: true }).click();
        const request = await sent;
        const response = await answered;
        check(request.headers()['accept-language'] === lang, `the request asked for ${request.headers()['accept-language']}, not ${lang}`);
        check(response.status() === 400, `the server answered ${response.status()}`);
        check(response.headers()['content-language'] === lang, `the server answered in ${response.headers()['content-language']}`);

        const errorUnder = (label) =>
          dialog.locator('.el-form-item').filter({ has: page.getByText(label, { exact: true }) }).locator('.el-form-item__error');
        const shortName = errorUnder(T.fields.short_name);
        const creditCode = errorUnder(T.fields.credit_code);
        await shortName.waitFor();
        await creditCode.waitFor();
        const shortNameText = (await shortName.innerText()).trim();
        const creditCodeText = (await creditCode.innerText()).trim();
        check(shortNameText === T.tooLong, `under the short name: "${shortNameText}", expected "${T.tooLong}"`);
        check(creditCodeText === T.shortCode, `under the credit code: "${creditCodeText}", expected "${T.shortCode}"`);
        if (lang === 'en') check(!HAN.test(shortNameText + creditCodeText), 'the English page shows Chinese under the fields');
        else check(!/[a-z]{3,}/i.test(shortNameText + creditCodeText), 'the Chinese page shows English under the fields');
        await page.waitForTimeout(300);
        await harness.screenshot(page, `70-messages-${lang}`);
      } finally {
        await context.close();
      }
    });
  }
}
