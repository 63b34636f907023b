// An account manager's whole day in the browser, in one piece, once in Chinese and once in
// English: a new account of their own, two contacts with birthdays (one reporting to the
// other), a visit and a task, an opportunity with a buying centre of three (one attitude
// changed) that is won, its contract and first order with two lines, two planned instalments
// and a payment, a complaint that the team manager resolves, and the credit-rating inputs.
// Everything is typed and clicked; the API is only read, at the end, to check that each thing
// is stored as the pages show it. In English the labels the selectors look for are the English
// ones, and the page's own words (labels, tabs, buttons, titles, table headings) must hold no
// Chinese: a missing translation fails the run.
//
// The credit-rating inputs are the customer's figures: the account manager records them. The
// scores, grades and credit limits computed from them are financial (the access policy gives
// account managers no financial permission): the ratings tab says so in their place, and the
// sales director reads the rating the entries give.
import { check, until } from '../lib/harness.mjs';
import { signIn, get } from '../lib/session.mjs';
import { creditCode } from '../lib/credit-code.mjs';

const TEXT = {
  'zh-CN': {
    language: '中文',
    menu: { accounts: '客户', pipeline: '销售漏斗', dashboard: '经营概览' },
    accountNew: '新建客户',
    create: '创建',
    save: '保存',
    account: { name: '客户名称', city: '城市', credit_code: '统一社会信用代码' },
    tabs: {
      contacts: '联系人',
      opportunities: '商机',
      activities: '活动记录',
      orders: '订单',
      contracts: '合同',
      receivables: '应收与回款',
      feedback: '客户反馈',
      tasks: '待办',
      ratings: '信用评级',
    },
    contactNew: '新建联系人',
    contact: { name: '姓名', title: '职务', birthday: '生日', reports_to_id: '汇报对象' },
    orgChart: '组织架构图',
    logVisit: '记录拜访',
    visit: { subject: '主题', notes: '内容', submit: '保存拜访记录' },
    taskNew: '新建待办',
    task: { title: '事项', notes: '备注' },
    myTasks: '我的待办',
    opportunityNew: '新建商机',
    opportunity: { name: '商机名称', amount: '金额（元）' },
    drawerTabs: { buyingCenter: '采购中心', overview: '概况' },
    memberAdd: '添加成员',
    memberNotes: '原因与备注',
    markWon: '标记赢单',
    startFollowUp: '创建合同和首个订单',
    contractNo: '合同编号',
    orderNo: '订单号',
    lineAdd: '添加明细',
    instalmentNew: '新增回款节点',
    pay: '登记回款',
    feedbackNew: '新建反馈',
    feedback: { subject: '主题', resolution: '处理结果' },
    handle: '处理',
    status: { overdue: '已逾期', outstanding: '待回款', paid: '已回款', open: '待处理', resolved: '已解决' },
    roles: { decider: '决策者', buyer: '采购者', technical_gatekeeper: '技术把关者', champion: '内部支持者' },
    ratingsRefused: '需要财务数据权限',
    scoreHidden: '得分、等级与信用额度仅向有财务数据权限的角色显示',
    scorecardNote: '2026 年三季度财报',
    names: {
      account: (s) => `杭州全天测试${s}有限公司`,
      chief: (s) => `周总${s}`,
      staff: (s) => `吴工${s}`,
      engineer: (s) => `郑技术${s}`,
      visit: '季度回访：明年采购计划',
      visitNotes: '客户计划明年扩大采购，约定下月提交方案',
      task: '回电确认报价',
      opportunity: (s) => `全天测试商机${s}`,
      attitudeReason: '方案演示后认可我方的总成本',
      complaint: '交货延迟一周',
      complaintBody: '上批货晚到一周，影响了生产排期',
      resolution: '补发货物并承诺提前发运，客户认可',
    },
  },
  en: {
    language: 'English',
    menu: { accounts: 'Accounts', pipeline: 'Pipeline', dashboard: 'Dashboard' },
    accountNew: 'New account',
    create: 'Create',
    save: 'Save',
    account: { name: 'Name', city: 'City', credit_code: 'Unified social credit code' },
    tabs: {
      contacts: 'Contacts',
      opportunities: 'Opportunities',
      activities: 'Activities',
      orders: 'Orders',
      contracts: 'Contracts',
      receivables: 'Receivables & payments',
      feedback: 'Feedback',
      tasks: 'Tasks',
      ratings: 'Credit ratings',
    },
    contactNew: 'New contact',
    contact: { name: 'Name', title: 'Title', birthday: 'Birthday', reports_to_id: 'Reports to' },
    orgChart: 'Org chart',
    logVisit: 'Log a visit',
    visit: { subject: 'Subject', notes: 'Notes', submit: 'Save the visit' },
    taskNew: 'New task',
    task: { title: 'Task', notes: 'Notes' },
    myTasks: 'My tasks',
    opportunityNew: 'New opportunity',
    opportunity: { name: 'Name', amount: 'Amount (CNY)' },
    drawerTabs: { buyingCenter: 'Buying centre', overview: 'Overview' },
    memberAdd: 'Add member',
    memberNotes: 'Reason and notes',
    markWon: 'Mark as won',
    startFollowUp: 'Create contract and first order',
    contractNo: 'Contract no.',
    orderNo: 'Order no.',
    lineAdd: 'Add a line',
    instalmentNew: 'Add instalment',
    pay: 'Record payment',
    feedbackNew: 'New feedback',
    feedback: { subject: 'Subject', resolution: 'Resolution' },
    handle: 'Handle',
    status: { overdue: 'Overdue', outstanding: 'Outstanding', paid: 'Paid', open: 'Open', resolved: 'Resolved' },
    roles: { decider: 'Decider', buyer: 'Buyer', technical_gatekeeper: 'Technical gatekeeper', champion: 'Champion' },
    ratingsRefused: 'they need the financial permission',
    scoreHidden: 'Scores, grades and credit limits are shown to roles with the financial permission',
    scorecardNote: 'Q3 2026 accounts',
    names: {
      account: (s) => `Westlake Whole Day ${s} Co., Ltd.`,
      chief: (s) => `Zhou Chief ${s}`,
      staff: (s) => `Wu Staff ${s}`,
      engineer: (s) => `Zheng Engineer ${s}`,
      visit: 'Quarterly visit: next year’s purchasing',
      visitNotes: 'They plan to buy more next year; we send a proposal next month',
      task: 'Call back to confirm the quote',
      opportunity: (s) => `Whole day deal ${s}`,
      attitudeReason: 'Accepted our total cost after the demo',
      complaint: 'Delivery a week late',
      complaintBody: 'The last batch came a week late and upset their production plan',
      resolution: 'Goods resent, next shipments three days earlier; customer agreed',
    },
  },
};

/** A local date `days` from today, as the date pickers take it. */
function dayFromToday(days) {
  const d = new Date();
  d.setDate(d.getDate() + days);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

const toFen = (yuan) => {
  const [whole, frac = ''] = yuan.split('.');
  return BigInt(whole) * 100n + BigInt(frac.padEnd(2, '0'));
};
const money = (fen) => `¥${new Intl.NumberFormat('en-US').format(fen / 100n)}.${String(fen % 100n).padStart(2, '0')}`;
const lineFen = (priceFen, quantity, discount) => (priceFen * BigInt(quantity) * BigInt(100 - discount) + 50n) / 100n;
// Chinese characters, CJK punctuation (、。「」) and full-width forms (（），：).
const HAN = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/;

/** Types a date into a date picker and confirms it. */
async function typeDate(input, day) {
  await input.fill(day);
  await input.press('Enter');
}

/** Picks the option with `text` of the Element Plus select `select` (its list lives at the end of <body>). */
async function choose(page, select, text) {
  await select.click();
  await page.locator('.el-select-dropdown:visible .el-select-dropdown__item').filter({ hasText: text }).first().click();
}

/** Switches the signed-in page's language from the user menu, as a person would. */
async function useLanguage(page, lang, T) {
  if (lang === 'zh-CN') return;
  await page.click('[data-test="user-menu"]');
  await page.locator('.el-dropdown-menu__item:visible').filter({ hasText: T.language }).click();
  await page.getByRole('menuitem', { name: T.menu.accounts, exact: true }).waitFor();
  check((await page.getAttribute('html', 'lang')) === lang, `the page language is not ${lang}`);
}

/**
 * In English, the page's own words hold no Chinese: form labels, tabs, buttons, dialog and card
 * titles, table headings, tags, empty texts. Names of records (people, products) are data and
 * may be Chinese, so `allowed` lists them. Only `scope` is read (a dialog, a tab): what a modal
 * dialog covers is other records' data.
 */
async function checkNoChinese(scope, lang, where, allowed = []) {
  if (lang !== 'en') return;
  const texts = await scope
    .locator(
      [
        '.el-form-item__label:visible',
        '.el-tabs__item:visible',
        'button:visible',
        '.el-dialog__title:visible',
        '.el-drawer__title:visible',
        '.el-card__header:visible',
        '.el-table__header th:visible',
        '.el-tag:visible',
        '.el-empty__description:visible',
        '.el-alert__title:visible',
        '.el-divider__text:visible',
        'input[placeholder]:visible',
        '.el-table__body-wrapper td .cell:visible',
        '.el-select__placeholder:visible',
      ].join(', '),
    )
    .evaluateAll((nodes) =>
      nodes.map((n) => (n.tagName === 'INPUT' ? n.getAttribute('placeholder') : n.innerText).trim()).filter(Boolean),
    );
  const chinese = [...new Set(texts)].filter((t) => {
    let rest = t;
    for (const a of allowed) rest = rest.split(a).join('');
    return HAN.test(rest);
  });
  check(chinese.length === 0, `${where} shows Chinese in English: ${chinese.join(' | ')}`);
}

export async function wholeDaySteps({ harness, browser, base, password, lang }) {
  const T = TEXT[lang];
  const shot = lang === 'en' ? '61-wholeday-en' : '60-wholeday-zh';
  const label = `whole day (${lang})`;
  const suffix = String(Date.now()).slice(-6);
  const names = {
    account: T.names.account(suffix),
    chief: T.names.chief(suffix),
    staff: T.names.staff(suffix),
    engineer: T.names.engineer(suffix),
    opportunity: T.names.opportunity(suffix),
    complaint: `${T.names.complaint} ${suffix}`,
    task: `${T.names.task} ${suffix}`,
    visit: `${T.names.visit} ${suffix}`,
  };
  const contractNo = `HT-DAY-${lang === 'en' ? 'EN' : 'ZH'}-${suffix}`;
  const orderNo = `DD-DAY-${lang === 'en' ? 'EN' : 'ZH'}-${suffix}`;
  const code = creditCode(`DAY${lang === 'en' ? 'E' : 'C'}${suffix.slice(-5)}`);
  const firstDue = dayFromToday(-5);
  const secondDue = dayFromToday(45);
  // What the day made, for the checks at its end.
  const made = { accountId: 0, opportunityId: 0, products: [], lineFen: [] };
  let me = null;
  let allowed = [];

  const { context, page } = await signIn(browser, base, harness, 'am1', password);
  // Hangzhou, for the visit's check-in.
  await context.grantPermissions(['geolocation']);
  await context.setGeolocation({ latitude: 30.27415, longitude: 120.15515, accuracy: 20 });
  const tab = (name) => page.locator('.el-tabs__item').filter({ hasText: name }).first();
  const openTab = async (name) => {
    await tab(name).click();
    await until(async () => (await tab(name).getAttribute('class')).includes('is-active'), `the ${name} tab opens`);
  };
  const gotoAccount = async () => {
    await page.getByRole('menuitem', { name: T.menu.accounts, exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/accounts');
    await page.locator('input[data-test="account-search"]').fill(names.account);
    const row = page.locator('[data-test="accounts-table"] .el-table__body-wrapper tbody tr').filter({ hasText: names.account });
    await row.first().waitFor();
    await row.first().getByText(names.account).click();
    await page.waitForURL((url) => url.pathname === `/accounts/${made.accountId}`);
    await page.locator('[data-test="account-name"]').filter({ hasText: names.account }).waitFor();
  };

  try {
    await harness.step(`${label}: an account manager creates an account and two contacts, one reporting to the other`, async () => {
      me = await get(page, '/api/me');
      const users = (await get(page, '/api/users?limit=500')).items ?? [];
      // People's names are data, shown as they are in any language.
      allowed = [me.display_name, ...users.map((u) => u.display_name)].filter(Boolean);
      await useLanguage(page, lang, T);

      await page.getByRole('menuitem', { name: T.menu.accounts, exact: true }).click();
      await page.locator('[data-test="accounts-table"] .el-table__body-wrapper tbody tr').first().waitFor();
      await harness.screenshot(page, `${shot}-0-accounts`);
      await page.getByRole('button', { name: T.accountNew }).click();
      const dialog = page.locator('[data-test="account-create"]');
      await dialog.getByLabel(T.account.name, { exact: true }).fill(names.account);
      await dialog.getByLabel(T.account.city, { exact: true }).fill(lang === 'en' ? 'Hangzhou' : '杭州市');
      await dialog.getByLabel(T.account.credit_code, { exact: true }).fill(code);
      await page.waitForTimeout(300); // the dialog's fade-in, for a readable screenshot
      await checkNoChinese(dialog, lang, 'the new account form', allowed);
      await harness.screenshot(page, `${shot}-1-account-form`);
      await dialog.getByRole('button', { name: T.create, exact: true }).click();
      await page.waitForURL((url) => /^\/accounts\/\d+$/.test(url.pathname));
      made.accountId = Number(new URL(page.url()).pathname.split('/').pop());
      await page.locator('[data-test="account-name"]').filter({ hasText: names.account }).waitFor();
      // Every tab of the account page is in sight, in either language: none scrolled away.
      await tab(T.tabs.contacts).waitFor();
      const outOfSight = await page.evaluate(() => {
        const wrap = document.querySelector('.tabs > .el-tabs__header .el-tabs__nav-wrap')?.getBoundingClientRect();
        return [...document.querySelectorAll('.tabs > .el-tabs__header .el-tabs__item')]
          .filter((item) => {
            const r = item.getBoundingClientRect();
            return !wrap || r.width === 0 || r.left < wrap.left - 1 || r.right > wrap.right + 1;
          })
          .map((item) => item.textContent.trim());
      });
      check(outOfSight.length === 0, `account tabs out of sight: ${outOfSight.join(', ')}`);

      // Two contacts: the chief, then the staff member who reports to them.
      await openTab(T.tabs.contacts);
      const contacts = page.locator('[data-test="contacts"]');
      const contactDialog = page.locator('[data-test="contact-dialog"]');
      const addContact = async (name, title, birthday, reportsTo) => {
        await contacts.getByRole('button', { name: T.contactNew }).click();
        await contactDialog.getByLabel(T.contact.name, { exact: true }).fill(name);
        await contactDialog.getByLabel(T.contact.title, { exact: true }).fill(title);
        await typeDate(contactDialog.getByLabel(T.contact.birthday, { exact: true }), birthday);
        if (reportsTo) await choose(page, contactDialog.getByLabel(T.contact.reports_to_id, { exact: true }), reportsTo);
        if (reportsTo) {
          await page.waitForTimeout(300);
          await checkNoChinese(contactDialog, lang, 'the contact form', [...allowed, names.chief]);
        }
        await contactDialog.getByRole('button', { name: T.create, exact: true }).click();
        await contactDialog.waitFor({ state: 'hidden' });
        await contacts.locator('.el-table__body-wrapper tbody tr').filter({ hasText: name }).filter({ hasText: birthday }).waitFor();
      };
      await addContact(names.chief, lang === 'en' ? 'General manager' : '总经理', '1975-08-16', null);
      await addContact(names.staff, lang === 'en' ? 'Purchasing manager' : '采购经理', '1988-11-02', names.chief);
      await checkNoChinese(contacts, lang, 'the contacts tab', allowed);
      // The reports-to line is drawn in the org chart.
      await contacts.locator('[data-test="contacts-view-chart"]').filter({ hasText: T.orgChart }).click();
      await contacts.locator('[data-test="org-node"] [data-test="org-node"]').filter({ hasText: names.staff }).waitFor();
      await checkNoChinese(contacts, lang, 'the org chart', allowed);
      await page.waitForTimeout(300); // the view switch's transition, for a readable screenshot
      await harness.screenshot(page, `${shot}-2-contacts-org-chart`);
      await contacts.locator('[data-test="contacts-view-list"]').click();
    });

    await harness.step(`${label}: the account manager logs a visit and adds a task`, async () => {
      check(made.accountId, 'no account was created');
      await page.getByRole('button', { name: T.logVisit }).click();
      await page.waitForURL((url) => url.pathname === '/visit');
      const form = page.locator('[data-test="visit-form"]');
      await form.locator('[data-test="account-picker"]').filter({ hasText: names.account }).waitFor();
      await form.getByLabel(T.visit.subject, { exact: true }).fill(names.visit);
      await form.getByLabel(T.visit.notes, { exact: true }).fill(T.names.visitNotes);
      await form.locator('[data-test="check-in"]').click();
      await form.locator('[data-test="check-in-position"]').waitFor();
      await checkNoChinese(form, lang, 'the visit form', [...allowed, names.account]);
      await form.getByRole('button', { name: T.visit.submit }).click();
      await page.locator('[data-test="visit-saved"]').waitFor();

      await gotoAccount();
      await openTab(T.tabs.tasks);
      const tasks = page.locator('[data-test="tasks"]');
      await tasks.getByRole('button', { name: T.taskNew }).click();
      const dialog = page.locator('[data-test="task-dialog"]');
      await dialog.getByLabel(T.task.title, { exact: true }).fill(names.task);
      await dialog.getByLabel(T.task.notes, { exact: true }).fill(T.names.visitNotes);
      await page.waitForTimeout(300);
      await checkNoChinese(dialog, lang, 'the task form', [...allowed, names.account]);
      await dialog.getByRole('button', { name: T.create, exact: true }).click();
      await dialog.waitFor({ state: 'hidden' });
      await tasks.locator('[data-test="task-title"]').filter({ hasText: names.task }).waitFor();
    });

    await harness.step(`${label}: the account manager creates an opportunity, fills its buying centre and changes an attitude`, async () => {
      check(made.accountId, 'no account was created');
      await page.getByRole('menuitem', { name: T.menu.pipeline, exact: true }).click();
      await page.locator('[data-test="kanban"]').waitFor();
      await page.getByRole('button', { name: T.opportunityNew }).click();
      const dialog = page.locator('[data-test="opportunity-create"]');
      await dialog.locator('[data-test="account-picker"]').click();
      await dialog.locator('[data-test="account-picker"] input').fill(names.account);
      await page.locator('.el-select-dropdown:visible .el-select-dropdown__item').filter({ hasText: names.account }).first().click();
      await dialog.getByLabel(T.opportunity.name, { exact: true }).fill(names.opportunity);
      await dialog.getByLabel(T.opportunity.amount, { exact: true }).fill('640,000');
      await typeDate(dialog.locator('.el-date-editor input'), dayFromToday(90));
      await page.waitForTimeout(300);
      await checkNoChinese(dialog, lang, 'the new opportunity form', [...allowed, names.account]);
      await dialog.getByRole('button', { name: T.create, exact: true }).click();
      await dialog.waitFor({ state: 'hidden' });
      const found = await get(page, `/api/opportunities?where=account_id=${made.accountId}&limit=5`);
      const opportunity = found.items.find((o) => o.name === names.opportunity);
      check(opportunity, `the opportunity ${names.opportunity} is not stored`);
      made.opportunityId = opportunity.id;

      await page.locator(`[data-opportunity="${opportunity.id}"]`).click();
      const drawer = page.locator('[data-test="opportunity-drawer"]');
      await drawer.locator('.el-tabs__item').filter({ hasText: T.drawerTabs.buyingCenter }).click();
      const centre = drawer.locator('[data-test="buying-center"]');
      const member = page.locator('[data-test="member-dialog"]');
      const add = async ({ contact, newName, roles, attitude, influence, notes }) => {
        await centre.getByRole('button', { name: T.memberAdd }).click();
        await member.waitFor();
        if (contact) {
          await choose(page, member.locator('[data-test="member-contact"]'), contact);
        } else {
          await member.locator('[data-test="member-new-contact"]').click();
          const inline = page.locator('[data-test="contact-dialog"]');
          await inline.getByLabel(T.contact.name, { exact: true }).fill(newName);
          await inline.getByLabel(T.contact.title, { exact: true }).fill(lang === 'en' ? 'Technical director' : '技术总监');
          await inline.getByRole('button', { name: T.create, exact: true }).click();
          await inline.waitFor({ state: 'hidden' });
          await member.locator('[data-test="member-contact"]').filter({ hasText: newName }).waitFor();
        }
        await member.locator('[data-test="member-roles"]').click(); // the list stays open
        for (const role of roles) {
          await page.locator(`.el-select-dropdown:visible [data-test="member-role-${role}"]`).filter({ hasText: T.roles[role] }).click();
        }
        await member.locator('.el-dialog__title').click(); // closes it
        await member.locator('[data-test="member-influence"] input').fill(String(influence));
        await member.locator(`[data-test="member-attitude-${attitude}"]`).click();
        await member.getByLabel(T.memberNotes, { exact: true }).fill(notes);
        if (!contact) await checkNoChinese(member, lang, 'the buying-centre member form', [...allowed, names.account]);
        await member.locator('[data-test="member-save"]').click();
        await member.waitFor({ state: 'hidden' });
      };
      await add({ contact: names.chief, roles: ['decider'], attitude: 'C', influence: 9, notes: lang === 'en' ? 'Watches the total cost' : '关注总成本' });
      await add({ contact: names.staff, roles: ['buyer', 'champion'], attitude: 'A', influence: 6, notes: lang === 'en' ? 'Likes our service' : '认可我方服务' });
      await add({ contact: null, newName: names.engineer, roles: ['technical_gatekeeper'], attitude: 'D', influence: 7, notes: lang === 'en' ? 'Prefers a competitor' : '倾向竞争对手的方案' });
      await centre.locator('.el-table__body-wrapper tr').filter({ hasText: names.engineer }).waitFor();

      // The chief comes round: C → B, with the reason.
      const chiefRow = centre.locator('.el-table__body-wrapper tr').filter({ hasText: names.chief });
      await chiefRow.locator('[data-test="member-edit"]').click();
      await member.waitFor();
      await member.locator('[data-test="member-attitude-B"]').click();
      await member.getByLabel(T.memberNotes, { exact: true }).fill(T.names.attitudeReason);
      await member.locator('[data-test="member-save"]').click();
      await member.waitFor({ state: 'hidden' });
      await chiefRow.locator('[data-test="attitude-path"]').filter({ hasText: /C\s*→\s*B/ }).waitFor();
      await page.waitForTimeout(300);
      await checkNoChinese(centre, lang, 'the buying centre', [...allowed, names.account]);
      await harness.screenshot(page, `${shot}-3-buying-centre`);
    });

    await harness.step(`${label}: the account manager wins the deal and creates its contract and an order of two lines`, async () => {
      check(made.opportunityId, 'no opportunity was created');
      const drawer = page.locator('[data-test="opportunity-drawer"]');
      await drawer.locator('.el-tabs__item').filter({ hasText: T.drawerTabs.overview }).click();
      await drawer.getByRole('button', { name: T.markWon }).click();
      const close = page.locator('[data-test="opportunity-close"]');
      await close.waitFor();
      await checkNoChinese(close, lang, 'the won dialog', [...allowed, names.account]);
      await close.locator('[data-test="opportunity-close-confirm"]').click();
      await close.waitFor({ state: 'hidden' });
      const offer = page.locator('.el-message-box').filter({ hasText: names.opportunity });
      await offer.waitFor();
      await checkNoChinese(offer, lang, 'the offer after winning', allowed);
      await offer.getByRole('button', { name: T.startFollowUp }).click();

      const contractDialog = page.locator('[data-test="contract-dialog"]');
      await contractDialog.getByLabel(T.contractNo, { exact: true }).fill(contractNo);
      await page.waitForTimeout(300);
      await checkNoChinese(contractDialog, lang, 'the contract form', [...allowed, names.account]);
      await contractDialog.locator('[data-test="contract-save"]').click();
      await contractDialog.waitFor({ state: 'hidden' });

      // The first order: two lines, each a product picked by its SKU.
      const catalogue = (await get(page, '/api/products?sort=sku&limit=50')).items.filter((p) => p.list_price);
      check(catalogue.length >= 2, 'the demo catalogue has fewer than two priced products');
      made.products = [catalogue[1], catalogue[catalogue.length - 2]];
      const orderDialog = page.locator('[data-test="order-dialog"]');
      await orderDialog.getByLabel(T.orderNo, { exact: true }).fill(orderNo);
      const quantities = [5, 2];
      const discounts = [10, 0];
      for (const [i, product] of made.products.entries()) {
        await orderDialog.getByRole('button', { name: T.lineAdd }).click();
        const select = orderDialog.locator(`[data-test="order-line-product-${i}"]`);
        await select.click();
        await select.locator('input').fill(product.sku);
        const option = page.locator(`[data-test="order-line-product-option-${product.sku}"]:visible`);
        await option.waitFor();
        await option.click();
        await orderDialog.locator(`input[name="lines[${i}].quantity"]`).fill(String(quantities[i]));
        await orderDialog.locator(`input[name="lines[${i}].discount"]`).fill(String(discounts[i]));
        made.lineFen.push(lineFen(toFen(product.list_price), quantities[i], discounts[i]));
      }
      const total = made.lineFen[0] + made.lineFen[1];
      await orderDialog.locator('[data-test="order-lines-total"]').filter({ hasText: money(total) }).waitFor();
      await checkNoChinese(orderDialog, lang, 'the order form', [...allowed, names.account, ...made.products.map((p) => p.name)]);
      await harness.screenshot(page, `${shot}-4-order-lines`);
      await orderDialog.locator('[data-test="order-save"]').click();
      await orderDialog.waitFor({ state: 'hidden' });
      await page.locator('.el-drawer__close-btn:visible').click();
      await drawer.waitFor({ state: 'hidden' });
    });

    await harness.step(`${label}: the account manager plans two instalments and records a payment`, async () => {
      check(made.opportunityId, 'no opportunity was created');
      await gotoAccount();
      await openTab(T.tabs.receivables);
      const plan = page.locator('[data-test="receivable-plan"]');
      const dialog = page.locator('[data-test="instalment-dialog"]');
      for (const [due, amount] of [[firstDue, '200,000'], [secondDue, '440000']]) {
        await plan.getByRole('button', { name: T.instalmentNew }).click();
        await choose(page, dialog.locator('[data-test="instalment-contract"]'), contractNo);
        await typeDate(dialog.locator('input[name="due_date"]'), due);
        await dialog.locator('input[name="amount"]').fill(amount);
        await dialog.locator('[data-test="instalment-save"]').click();
        await dialog.waitFor({ state: 'hidden' });
      }
      const rows = plan.locator('[data-test="instalments"] .el-table__body-wrapper tbody tr').filter({ hasText: contractNo });
      const first = rows.filter({ hasText: firstDue });
      const second = rows.filter({ hasText: secondDue });
      await first.locator('[data-test="instalment-status"][data-status="overdue"]').filter({ hasText: T.status.overdue }).waitFor();
      await second.locator('[data-test="instalment-status"][data-status="outstanding"]').filter({ hasText: T.status.outstanding }).waitFor();

      await first.getByRole('button', { name: T.pay }).click();
      const payment = page.locator('[data-test="payment-dialog"]');
      const amount = payment.locator('input[name="amount"]');
      await until(async () => (await amount.inputValue()) !== '', 'the payment proposes an amount');
      check((await amount.inputValue()) === '200000.00', `the payment proposes ${await amount.inputValue()}`);
      await page.waitForTimeout(300);
      await checkNoChinese(payment, lang, 'the payment form', [...allowed, names.account]);
      await payment.locator('[data-test="payment-save"]').click();
      await payment.waitFor({ state: 'hidden' });
      await first.locator('[data-test="instalment-status"][data-status="paid"]').filter({ hasText: T.status.paid }).waitFor();
      await second.locator('[data-test="instalment-outstanding"]').filter({ hasText: '¥440,000.00' }).waitFor();
      await checkNoChinese(page.locator('.el-tab-pane:visible'), lang, 'the receivables tab', [...allowed, names.account, names.opportunity]);
      await harness.screenshot(page, `${shot}-5-receivables`);
    });

    await harness.step(`${label}: the account manager logs a complaint and enters the credit-rating inputs`, async () => {
      check(made.accountId, 'no account was created');
      await openTab(T.tabs.feedback);
      const feedback = page.locator('[data-test="feedback"]');
      await feedback.getByRole('button', { name: T.feedbackNew }).click();
      const dialog = page.locator('[data-test="feedback-dialog"]');
      await dialog.getByLabel(T.feedback.subject, { exact: true }).fill(names.complaint);
      await dialog.locator('textarea[name="body"]').fill(T.names.complaintBody);
      await page.waitForTimeout(300);
      await checkNoChinese(dialog, lang, 'the feedback form', [...allowed, names.account]);
      await dialog.locator('[data-test="feedback-save"]').click();
      await dialog.waitFor({ state: 'hidden' });
      const row = feedback.locator('.el-table__body-wrapper tbody tr').filter({ hasText: names.complaint });
      await row.locator('[data-test="feedback-awaits"]').filter({ hasText: T.status.open }).waitFor();

      // The credit-rating inputs: typed by the account manager; the score they give is
      // financial, so the tab says who sees it instead (and the rating history why not).
      harness.expectHttp(403, `/api/accounts/${made.accountId}/`);
      await openTab(T.tabs.ratings);
      await page.locator('[data-test="ratings"]').filter({ hasText: T.ratingsRefused }).waitFor();
      const card = page.locator('[data-test="scorecard-card-credit_rating"]');
      await card.waitFor();
      await card.locator('[data-test="scorecard-score-hidden"]').filter({ hasText: T.scoreHidden }).waitFor();
      await card.locator('input[name="scorecard-current_ratio"]').fill('1.62');
      await card.locator('[data-test="scorecard-value-management_quality"] .el-rate__item').nth(2).click();
      await card.locator('input[name="scorecard-note-credit_rating"]').fill(T.scorecardNote);
      await card.locator('[data-test="scorecard-save-credit_rating"]').click();
      await card.locator('[data-test="scorecard-in-force-current_ratio"]').filter({ hasText: '1.62' }).waitFor();
      await card.locator('[data-test="scorecard-in-force-management_quality"]').filter({ hasText: '3 / 5' }).waitFor();
      check((await card.locator('[data-test="scorecard-grade"]').count()) === 0, 'the account manager is shown a grade');
      await page.waitForTimeout(300);
      await checkNoChinese(page.locator('.el-tab-pane:visible'), lang, 'the ratings tab', [...allowed, names.account]);
      await harness.screenshot(page, `${shot}-6-credit-inputs-by-account-manager`);
    });
  } finally {
    await context.close();
  }

  await harness.step(`${label}: the team manager resolves the complaint`, async () => {
    check(made.accountId, 'no account was created');
    const manager = await signIn(browser, base, harness, 'manager1', password);
    try {
      const mp = manager.page;
      await useLanguage(mp, lang, T);
      await mp.getByRole('menuitem', { name: T.menu.accounts, exact: true }).click();
      await mp.locator('input[data-test="account-search"]').fill(names.account);
      await mp.locator('[data-test="accounts-table"] .el-table__body-wrapper tbody tr').getByText(names.account).click();
      await mp.waitForURL((url) => url.pathname === `/accounts/${made.accountId}`);
      await mp.locator('.el-tabs__item').filter({ hasText: T.tabs.feedback }).click();
      const row = mp.locator('[data-test="feedback"] .el-table__body-wrapper tbody tr').filter({ hasText: names.complaint });
      await row.getByRole('button', { name: T.handle, exact: true }).click();
      const dialog = mp.locator('[data-test="feedback-dialog"]');
      await dialog.getByLabel(T.feedback.resolution, { exact: true }).waitFor();
      await dialog.locator('[data-test="feedback-status"]').click();
      await mp.locator('[data-test="feedback-status-resolved"]:visible').click();
      await dialog.getByLabel(T.feedback.resolution, { exact: true }).fill(T.names.resolution);
      await typeDate(dialog.locator('input[name="resolved_on"]'), dayFromToday(0));
      await mp.waitForTimeout(300);
      await checkNoChinese(dialog, lang, 'the manager’s feedback form', [...allowed, names.account]);
      await dialog.locator('[data-test="feedback-save"]').click();
      await dialog.waitFor({ state: 'hidden' });
      await row.locator('[data-test="feedback-status"][data-status="resolved"]').filter({ hasText: T.status.resolved }).waitFor();
    } finally {
      await manager.context.close();
    }
  });

  await harness.step(`${label}: the sales director reads the credit rating the account manager’s inputs give`, async () => {
    check(made.accountId, 'no account was created');
    const director = await signIn(browser, base, harness, 'director', password);
    try {
      const dp = director.page;
      await useLanguage(dp, lang, T);
      await dp.getByRole('menuitem', { name: T.menu.accounts, exact: true }).click();
      await dp.locator('input[data-test="account-search"]').fill(names.account);
      await dp.locator('[data-test="accounts-table"] .el-table__body-wrapper tbody tr').getByText(names.account).click();
      await dp.waitForURL((url) => url.pathname === `/accounts/${made.accountId}`);
      await dp.locator('.el-tabs__item').filter({ hasText: T.tabs.ratings }).click();
      const card = dp.locator('[data-test="scorecard-card-credit_rating"]');
      await card.waitFor();
      await card.locator('[data-test="scorecard-in-force-current_ratio"]').filter({ hasText: '1.62' }).waitFor();
      await card.locator('[data-test="scorecard-in-force-management_quality"]').filter({ hasText: '3 / 5' }).waitFor();
      // The score the director is shown is the one the API computes with those entries.
      const figure = card.locator('[data-test="scorecard-score-credit_rating"] strong');
      await until(async () => (await figure.innerText()).trim() !== '—', 'the director is shown a score');
      const shown = (await figure.innerText()).trim();
      const today = new Date().toISOString().slice(0, 10);
      const from = new Date(Date.now() - 364 * 86400000).toISOString().slice(0, 10);
      const score = (await get(dp, `/api/accounts/${made.accountId}/score?card=credit_rating&period=${from}..${today}`)).score;
      check(!score.missing.includes('current_ratio') && !score.missing.includes('management_quality'), `the score misses the entries: ${score.missing}`);
      check(shown === (score.points_x100 / 100).toFixed(2), `the director is shown ${shown}, the API computes ${score.points_x100 / 100}`);
      await dp.waitForTimeout(300);
      await checkNoChinese(card, lang, 'the scorecard inputs', [...allowed, names.account]);
      await harness.screenshot(dp, `${shot}-6b-credit-rating-for-director`);
    } finally {
      await director.context.close();
    }
  });

  await harness.step(`${label}: each thing shows where the account manager looks for it, and the API agrees`, async () => {
    check(made.accountId && made.opportunityId, 'the day did not get far enough to check');
    const again = await signIn(browser, base, harness, 'am1', password);
    const p = again.page;
    try {
      await useLanguage(p, lang, T);
      const tabOf = (name) => p.locator('.el-tabs__item').filter({ hasText: name }).first();
      // The account: found by its name, theirs.
      await p.getByRole('menuitem', { name: T.menu.accounts, exact: true }).click();
      await p.locator('input[data-test="account-search"]').fill(names.account);
      await p.locator('[data-test="accounts-table"] .el-table__body-wrapper tbody tr').getByText(names.account).click();
      await p.waitForURL((url) => url.pathname === `/accounts/${made.accountId}`);
      const account = await get(p, `/api/accounts/${made.accountId}`);
      check(account.name === names.account && account.owner_id === me.id && account.credit_code === code, `the account is ${JSON.stringify(account)}`);

      // Contacts: both, with birthdays; the staff member drawn below the chief.
      await tabOf(T.tabs.contacts).click();
      const contacts = (await get(p, `/api/contacts?where=account_id=${made.accountId}&limit=50`)).items;
      const chief = contacts.find((c) => c.name === names.chief);
      const staff = contacts.find((c) => c.name === names.staff);
      check(chief && chief.birthday === '1975-08-16' && chief.reports_to_id === null, `the chief is ${JSON.stringify(chief)}`);
      check(staff && staff.birthday === '1988-11-02' && staff.reports_to_id === chief.id, `the staff member is ${JSON.stringify(staff)}`);
      await p.locator('[data-test="contacts"] .el-table__body-wrapper tbody tr').filter({ hasText: names.staff }).filter({ hasText: '1988-11-02' }).waitFor();
      await p.locator('[data-test="contacts-view-chart"]').filter({ hasText: T.orgChart }).click();
      const chart = p.locator('[data-test="org-chart"]');
      await chart
        .locator(`[data-test="org-node"][data-contact-id="${chief.id}"] [data-test="org-node"][data-contact-id="${staff.id}"]`)
        .waitFor();
      await checkNoChinese(p.locator('.el-tab-pane:visible'), lang, 'the org chart', [...allowed, names.account]);

      // The visit, in the account's activities.
      const visits = (await get(p, `/api/activities?where=account_id=${made.accountId}&limit=50`)).items;
      const visit = visits.find((a) => a.kind === 'visit');
      check(visit && visit.notes.includes(T.names.visitNotes) && visit.notes.includes('GPS'), `the visit is ${JSON.stringify(visit)}`);
      await tabOf(T.tabs.activities).click();
      await p.locator('[data-test="timeline"], .el-timeline').first().filter({ hasText: visit.subject }).waitFor();

      // The task: on the account, and in My tasks on the dashboard (it is due today).
      const task = (await get(p, `/api/tasks?where=account_id=${made.accountId}&limit=50`)).items.find((x) => x.title === names.task);
      check(task && task.owner_id === me.id && !task.done, `the task is ${JSON.stringify(task)}`);
      await tabOf(T.tabs.tasks).click();
      await p.locator(`[data-test="tasks"] tr.task-${task.id} [data-test="task-title"]`).filter({ hasText: names.task }).waitFor();

      // The won opportunity in the account's opportunities; its buying centre and attitude change.
      const won = (await get(p, '/api/settings/pipelines/default')).stages.find((s) => s.kind === 'won');
      const opportunity = await get(p, `/api/opportunities/${made.opportunityId}`);
      check(opportunity.stage === won.code && opportunity.owner_id === me.id, `the opportunity is ${JSON.stringify(opportunity)}`);
      await tabOf(T.tabs.opportunities).click();
      await p.locator('.el-table__body-wrapper tbody tr').filter({ hasText: names.opportunity }).filter({ hasText: won.code }).first().waitFor();
      const members = (await get(p, `/api/buying_center?where=opportunity_id=${made.opportunityId}&limit=10`)).items;
      check(members.length === 3, `the buying centre holds ${members.length} members`);
      const decider = members.find((m) => m.contact_id === chief.id);
      check(decider && decider.roles === 'decider' && decider.attitude === 'B', `the chief is stored as ${JSON.stringify(decider)}`);
      const changes = (await get(p, `/api/opportunities/${made.opportunityId}/attitudes`)).items.filter((c) => c.member_id === decider.id);
      check(changes.some((c) => c.from_attitude === 'C' && c.to_attitude === 'B' && c.changed_by === 'am1'), `the attitude changes are ${JSON.stringify(changes)}`);

      // The contract and its order of two lines.
      const contract = (await get(p, `/api/contracts?where=account_id=${made.accountId}&where=contract_no=${contractNo}`)).items[0];
      check(contract && contract.opportunity_id === made.opportunityId && contract.value === '640000.00', `the contract is ${JSON.stringify(contract)}`);
      await tabOf(T.tabs.contracts).click();
      await p.locator('[data-test="contracts"] .el-table__body-wrapper tbody tr').filter({ hasText: contractNo }).waitFor();
      const order = (await get(p, `/api/orders?where=account_id=${made.accountId}&where=order_no=${orderNo}`)).items[0];
      check(order, `the order ${orderNo} is not stored`);
      const read = await get(p, `/api/orders/${order.id}`);
      const total = made.lineFen[0] + made.lineFen[1];
      check(
        read.lines.length === 2 && read.lines[0].product_id === made.products[0].id && read.lines[1].product_id === made.products[1].id &&
          toFen(read.amount) === total,
        `the order reads ${JSON.stringify(read)}`,
      );
      await tabOf(T.tabs.orders).click();
      await p.locator('[data-test="orders"] .el-table__body-wrapper tbody tr').filter({ hasText: orderNo }).filter({ hasText: money(total) }).waitFor();

      // The plan: the first instalment paid, the second outstanding; the payment listed.
      const planned = (await get(p, `/api/accounts/${made.accountId}/receivable-plan?contract_id=${contract.id}`)).items;
      check(
        planned.length === 2 && planned[0].due_date === firstDue && planned[0].outstanding === '0.00' &&
          planned[1].due_date === secondDue && planned[1].outstanding === '440000.00',
        `the plan is ${JSON.stringify(planned)}`,
      );
      const payments = (await get(p, `/api/payments?where=instalment_id=${planned[0].id}`)).items;
      check(payments.length === 1 && payments[0].amount === '200000.00', `the payments are ${JSON.stringify(payments)}`);
      await tabOf(T.tabs.receivables).click();
      await p.locator('[data-test="payments"] .el-table__body-wrapper tbody tr').filter({ hasText: '¥200,000.00' }).filter({ hasText: contractNo }).waitFor();

      // The complaint, resolved by the manager.
      const complaint = (await get(p, `/api/feedback?where=account_id=${made.accountId}&where=kind=complaint&limit=50`)).items.find(
        (f) => f.subject === names.complaint,
      );
      check(complaint && complaint.status === 'resolved' && complaint.resolved_on === dayFromToday(0) && complaint.resolution === T.names.resolution,
        `the complaint is ${JSON.stringify(complaint)}`);
      await tabOf(T.tabs.feedback).click();
      await p.locator('[data-test="feedback"] .el-table__body-wrapper tbody tr').filter({ hasText: names.complaint })
        .locator('[data-test="feedback-status"][data-status="resolved"]').filter({ hasText: T.status.resolved }).waitFor();
      await checkNoChinese(p.locator('.el-tab-pane:visible'), lang, 'the feedback tab', [...allowed, names.account]);

      // The credit inputs: stored as the account manager entered them; the score is not theirs.
      const inputs = (await get(p, `/api/accounts/${made.accountId}/inputs`)).items;
      const ratio = inputs.find((i) => i.indicator === 'current_ratio');
      const quality = inputs.find((i) => i.indicator === 'management_quality');
      check(ratio && ratio.value === 162 && ratio.card === 'credit_rating' && ratio.note === T.scorecardNote && ratio.entered_by === 'am1', `the ratio is ${JSON.stringify(ratio)}`);
      check(quality && quality.value === 3, `the management quality is ${JSON.stringify(quality)}`);
      harness.expectHttp(403, `/api/accounts/${made.accountId}/`);
      const score = await p.evaluate(async (path) => (await fetch(path)).status, `/api/accounts/${made.accountId}/score`);
      check(score === 403, `the account manager reads the credit score (${score})`);

      // My tasks on the dashboard.
      await p.getByRole('menuitem', { name: T.menu.dashboard, exact: true }).click();
      const mine = p.locator('[data-test="my-tasks-card"]');
      await mine.locator('.el-card__header').filter({ hasText: T.myTasks }).waitFor();
      await mine.locator(`[data-test="my-task"][data-task="${task.id}"]`).waitFor();
      await mine.locator('.el-loading-mask').waitFor({ state: 'hidden' });
      await checkNoChinese(p.locator('.el-menu').first(), lang, 'the menu', allowed);
      await checkNoChinese(mine, lang, 'my tasks', [...allowed, names.account]);
      await harness.screenshot(p, `${shot}-7-dashboard-my-tasks`);
    } finally {
      await again.context.close();
    }
  });
}
