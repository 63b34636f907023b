import { flushPromises, mount, RouterLinkStub } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Account, Alert, ChurnReport, LifetimeValueResult } from '@/api/types';
import { i18n, setLocale } from '@/i18n';
import { session } from '@/session';
import { alertSentence, defaultSnooze, itemsHaveAmounts, severityTag } from '@/lib/alerts';
import { churnChartData } from '@/lib/churn';
import { addDays } from '@/lib/dates';
import { changedFields, draftOf } from '@/components/account/accountDraft';
import AccountFields from '@/components/account/AccountFields.vue';
import LifetimeValueCard from '@/components/account/LifetimeValueCard.vue';
import RatingHistory from '@/components/account/RatingHistory.vue';
import AlertList from '@/components/alerts/AlertList.vue';
import TeamAlerts from '@/components/alerts/TeamAlerts.vue';
import ChurnReasons from '@/components/dashboard/ChurnReasons.vue';
import { json, serve } from './fakeServer';

// How long a rendering may take on a busy machine: vi.waitFor's own default is 1 s.
const WAIT = { timeout: 15_000 };

const alert = (over: Partial<Alert>): Alert => ({
  id: 1,
  key: 'birthday:1:2026',
  kind: 'birthday',
  kind_zh: '生日',
  kind_en: 'Birthday',
  severity: 'info',
  account_id: 42,
  account_name: '杭州示例有限公司',
  contact_id: 7,
  record_id: null,
  owner_id: 3,
  due_on: '2099-12-01',
  raised_on: '2099-11-24',
  state: 'open',
  snoozed_until: null,
  at_stake: '0.00',
  detail: { text: 'birthday', figures: { days_left: 7 }, zh: '王经理 7 天后生日', en: 'Wang turns a year older in 7 days' },
  ...over,
});

const overdue = alert({
  id: 2,
  key: 'receivable_overdue:42',
  kind: 'receivable_overdue',
  kind_zh: '应收逾期',
  kind_en: 'Receivable overdue',
  severity: 'critical',
  due_on: '2099-11-20',
  detail: { figures: { days_overdue: 45 }, zh: '发票已逾期 45 天', en: 'An invoice is 45 days overdue' },
});

// Transitions render as in the browser: the attributes stay on the element they wrap.
const global = { plugins: [i18n], stubs: { transition: false } };
const mountOptions = { global: { ...global, stubs: { ...global.stubs, RouterLink: RouterLinkStub } } };

afterEach(() => {
  setLocale('zh-CN');
  session.user = null;
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

describe('alert helpers', () => {
  it('pick the sentence in the reader’s language, falling back to the other one', () => {
    expect(alertSentence(overdue, 'zh-CN')).toBe('发票已逾期 45 天');
    expect(alertSentence(overdue, 'en')).toBe('An invoice is 45 days overdue');
    expect(alertSentence(alert({ detail: { zh: '只有中文' } }), 'en')).toBe('只有中文');
    expect(severityTag('critical')).toBe('danger');
    expect(severityTag('warning')).toBe('warning');
    expect(severityTag('info')).toBe('info');
  });

  it('snooze a week on by default, across a year end', () => {
    expect(defaultSnooze('2026-12-28')).toBe('2027-01-04');
    expect(addDays('2028-02-27', 2)).toBe('2028-02-29');
  });
});

describe('AlertList', () => {
  it('lists the owner’s alerts with severity, kind, account and the sentence in the chosen language', async () => {
    const calls = serve({ 'GET /api/alerts': () => json({ items: [overdue, alert({})], total: 2 }) });
    const wrapper = mount(AlertList, { props: { query: { owner: 'me' } }, ...mountOptions });
    await flushPromises();

    expect(calls[0].url).toBe('/api/alerts?owner=me&limit=50');
    const rows = wrapper.findAll('[data-test="alert-row"]');
    expect(rows.map((r) => r.attributes('data-severity'))).toEqual(['critical', 'info']);
    const critical = rows[0].find('[data-test="alert-severity"]');
    expect(critical.classes()).toContain('el-tag--danger');
    expect(critical.text()).toBe('紧急');
    expect(rows[1].find('[data-test="alert-severity"]').classes()).toContain('el-tag--info');
    expect(rows[0].find('[data-test="alert-kind"]').text()).toBe('应收逾期');
    expect(rows[0].find('[data-test="alert-sentence"]').text()).toBe('发票已逾期 45 天');
    expect(rows[0].findComponent(RouterLinkStub).props('to')).toEqual({ name: 'account', params: { id: 42 } });

    setLocale('en');
    await flushPromises();
    expect(rows[0].find('[data-test="alert-sentence"]').text()).toBe('An invoice is 45 days overdue');
    expect(rows[1].find('[data-test="alert-kind"]').text()).toBe('Birthday');
    expect(rows[0].find('[data-test="alert-severity"]').text()).toBe('Critical');
    wrapper.unmount();
  });

  it('shows the server’s refusal of a snooze under the date, and keeps the alert', async () => {
    session.user = { id: 3, login: 'am1', display_name: '客户经理一', role: 'account_manager', csrf_token: 't', team_id: 1 };
    const calls = serve({
      'GET /api/alerts': () => json({ items: [alert({})], total: 1 }),
      'POST /api/alerts/1/snooze': () =>
        json(
          {
            title: 'Bad Request',
            status: 400,
            detail: 'invalid input',
            errors: [{ field: 'until', message: 'a snooze must end after today' }],
          },
          400,
        ),
    });
    const wrapper = mount(AlertList, { props: { query: { account: 42 } }, ...mountOptions, attachTo: document.body });
    await flushPromises();
    expect(calls[0].url).toBe('/api/alerts?account=42&limit=50');

    await wrapper.find('[data-test="alert-snooze"]').trigger('click');
    await wrapper.find('[data-test="alert-snooze-form"]').trigger('submit');
    await flushPromises();

    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.body).toEqual({ until: defaultSnooze() });
    const form = wrapper.find('[data-test="alert-snooze-form"]');
    await vi.waitFor(
      () => expect(form.find('.el-form-item__error').text()).toContain('a snooze must end after today'),
      WAIT,
    );
    expect(wrapper.findAll('[data-test="alert-row"]')).toHaveLength(1);
    wrapper.unmount();
  });

  it('opens an account’s grouped receivable alert to its invoices by number, with the amount at stake', async () => {
    const grouped = alert({
      id: 5,
      key: 'receivable_overdue:account:42',
      kind: 'receivable_overdue',
      kind_zh: '应收逾期',
      kind_en: 'Receivable overdue',
      severity: 'critical',
      at_stake: '78000.00',
      detail: {
        figures: { invoices: 2, days_overdue: 120, outstanding_fen: 7_800_000 },
        zh: '2张发票逾期，共未收78,000.00元，最长逾期120天：FP100006929、FP100006930',
        en: '2 invoices overdue',
        items: [
          { record_id: 6929, number: 'FP100006929', amount: '50000.00', due_on: '2099-01-01', days_overdue: 120 },
          { record_id: 6930, number: 'FP100006930', amount: '28000.00', due_on: '2099-02-01', days_overdue: 89 },
        ],
      },
    });
    serve({ 'GET /api/alerts': () => json({ items: [grouped, alert({})], total: 7 }) });
    const wrapper = mount(AlertList, { props: { query: { owner: 'me' }, limit: 2 }, ...mountOptions });
    await flushPromises();
    // Two shown of seven: the count says so.
    expect(wrapper.find('[data-test="alerts-count"]').text()).toBe('最需处理的 2 条，共 7 条');
    const row = wrapper.find('[data-alert="5"]');
    expect(row.find('[data-test="alert-stake"]').text()).toBe('涉及 ¥78,000.00');
    expect(wrapper.find('[data-alert="1"] [data-test="alert-stake"]').exists()).toBe(false);
    expect(row.find('[data-test="alert-items"]').exists()).toBe(false);
    await row.find('[data-test="alert-items-toggle"]').trigger('click');
    expect(row.findAll('[data-test="alert-item-number"]').map((c) => c.text())).toEqual(['FP100006929', 'FP100006930']);
    expect(row.find('[data-test="alert-item"]').text()).toContain('¥50,000.00');
    wrapper.unmount();
  });

  it('drops a dismissed alert from the open ones', async () => {
    session.user = { id: 3, login: 'am1', display_name: '客户经理一', role: 'account_manager', csrf_token: 't', team_id: 1 };
    serve({
      'GET /api/alerts': () => json({ items: [overdue, alert({})], total: 2 }),
      'POST /api/alerts/2/dismiss': () => json({ ...overdue, state: 'dismissed' }),
    });
    const wrapper = mount(AlertList, { props: { query: { owner: 'me' } }, ...mountOptions });
    await flushPromises();
    await wrapper.find('[data-alert="2"] [data-test="alert-dismiss"]').trigger('click');
    await flushPromises();
    expect(wrapper.findAll('[data-test="alert-row"]').map((r) => r.attributes('data-alert'))).toEqual(['1']);
    wrapper.unmount();
  });
});

const KINDS = [
  { code: 'birthday', name_zh: '联系人生日', name_en: 'Contact birthday' },
  { code: 'invoice_overdue', name_zh: '发票逾期', name_en: 'Invoice overdue' },
];

describe('TeamAlerts', () => {
  it('narrows the counts and the list to the kind picked, named as the server names it', async () => {
    const calls = serve({
      'GET /api/alerts/owners': () =>
        json({
          items: [{ owner_id: 11, owner_name: '张伟', count: 1, critical: 0, at_stake: '0.00' }],
          total: 1,
          kinds: KINDS,
        }),
      'GET /api/alerts': () => json({ items: [alert({ owner_id: 11 })], total: 1 }),
    });
    const wrapper = mount(TeamAlerts, mountOptions);
    await flushPromises();
    const select = wrapper.findComponent({ name: 'ElSelect' });
    expect(select.exists()).toBe(true);
    const labels = select.findAllComponents({ name: 'ElOption' }).map((o) => o.props('label'));
    expect(labels).toEqual(['联系人生日', '发票逾期']);
    select.vm.$emit('update:modelValue', 'invoice_overdue');
    await flushPromises();
    expect(calls.some((c) => c.url === '/api/alerts/owners?owner=team&kind=invoice_overdue')).toBe(true);
    expect(calls.some((c) => c.url === '/api/alerts?owner=team&kind=invoice_overdue&limit=200')).toBe(true);
    wrapper.unmount();
  });

  it('counts the team’s alerts by owner and narrows the list to the person picked', async () => {
    const calls = serve({
      'GET /api/alerts/owners': () =>
        json({
          items: [
            { owner_id: 11, owner_name: '张伟', count: 3, critical: 1, at_stake: '9000.00' },
            { owner_id: 12, owner_name: '李娜', count: 2, critical: 0, at_stake: '0.00' },
          ],
          total: 5,
          kinds: KINDS,
        }),
      'GET /api/alerts': () => json({ items: [alert({ owner_id: 12 })], total: 1 }),
    });
    const wrapper = mount(TeamAlerts, mountOptions);
    await flushPromises();
    expect(calls.some((c) => c.url === '/api/alerts/owners?owner=team')).toBe(true);
    expect(calls.some((c) => c.url === '/api/alerts?owner=team&limit=200')).toBe(true);
    expect(wrapper.find('[data-test="alert-owner-all"]').text()).toContain('5');
    const chips = wrapper.findAll('[data-test="alert-owner"]');
    expect(chips.map((c) => c.find('[data-test="alert-owner-name"]').text())).toEqual(['张伟', '李娜']);
    await chips[1].trigger('click');
    await flushPromises();
    expect(calls.at(-1)!.url).toBe('/api/alerts?owner=12&limit=200');
    expect(wrapper.find('[data-test="alert-owner"][data-owner="12"]').classes()).toContain('is-checked');
    expect(wrapper.find('[data-test="alert-row"] [data-test="alert-row-owner"]').text()).toBe('李娜');
    wrapper.unmount();
  });
});

const lifetime: LifetimeValueResult = {
  run_id: 3,
  model_version: 'bgnbd-1',
  calibration_end: '2026-11-24',
  time_unit: 'weeks',
  horizon_months: 12,
  computed_at: '2026-11-24T02:00:00Z',
  frequency: 9,
  recency: 80.5,
  age: 104,
  p_alive_bp: 8734,
  expected_purchases: 3.456,
  expected_order_value: '4567.80',
  clv: '12345.67',
  churn_risk_bp: 6250,
  churn_level: 'high',
};

describe('LifetimeValueCard', () => {
  it('says the model has not been run when there is no result', async () => {
    serve({ 'GET /api/accounts/5/lifetime-value': () => json({ account_id: 5, result: null }) });
    const wrapper = mount(LifetimeValueCard, { props: { accountId: 5 }, global });
    await flushPromises();
    expect(wrapper.find('[data-test="ltv-empty"]').text()).toContain('尚未计算该客户的生命周期价值');
    expect(wrapper.find('[data-test="ltv-empty"]').text()).not.toContain('kam ');
    expect(wrapper.find('[data-test="ltv-p-alive"]').exists()).toBe(false);
    wrapper.unmount();
  });

  it('shows P(alive) and the churn risk as percentages, and the money exactly', async () => {
    serve({ 'GET /api/accounts/5/lifetime-value': () => json({ account_id: 5, result: lifetime }) });
    const wrapper = mount(LifetimeValueCard, { props: { accountId: 5 }, global });
    await flushPromises();
    expect(wrapper.find('[data-test="ltv-empty"]').exists()).toBe(false);
    expect(wrapper.find('[data-test="ltv-p-alive"]').text()).toBe('87.3%');
    expect(wrapper.find('[data-test="ltv-expected-purchases"]').text()).toBe('3.46');
    expect(wrapper.find('[data-test="ltv-clv"]').text()).toBe('¥12,345.67');
    expect(wrapper.find('[data-test="ltv-order-value"]').text()).toBe('¥4,567.80');
    const churn = wrapper.find('[data-test="ltv-churn"]');
    expect(churn.text()).toBe('高风险 · 62.5%');
    expect(churn.classes()).toContain('el-tag--danger');
    expect(wrapper.find('[data-test="ltv-model"]').text()).toContain('2026-11-24');
    expect(wrapper.text()).toContain('未来 12 个月预计购买次数');
    wrapper.unmount();
  });
});

describe('RatingHistory', () => {
  it('tells a role without the financial permission so, instead of an error', async () => {
    serve({
      'GET /api/accounts/5/ratings': () =>
        json({ title: 'Forbidden', status: 403, detail: 'scores and credit figures are financial figures' }, 403),
    });
    const wrapper = mount(RatingHistory, { props: { accountId: 5 }, global });
    await flushPromises();
    const note = wrapper.find('[data-test="ratings-not-allowed"]');
    expect(note.text()).toContain('财务数据权限');
    expect(note.classes()).toContain('el-alert--info');
    expect(wrapper.find('.el-alert--error').exists()).toBe(false);
    wrapper.unmount();
  });

  it('lists the stored ratings with score, grade and limit', async () => {
    serve({
      'GET /api/accounts/5/ratings': () =>
        json({
          items: [
            {
              card: 'credit_rating',
              card_version: 2,
              period: '2026Q3',
              score: 81.5,
              grade: 'AA',
              partial: false,
              missing: [],
              credit_limit: '500000.00',
              rated_at: '2026-10-01T01:00:00Z',
              rated_by: 'admin',
            },
          ],
        }),
    });
    const wrapper = mount(RatingHistory, { props: { accountId: 5 }, global });
    await flushPromises();
    expect(wrapper.find('[data-test="rating-score"]').text()).toBe('81.50');
    expect(wrapper.find('[data-test="rating-grade"]').text()).toBe('AA');
    expect(wrapper.text()).toContain('¥500,000.00');
    wrapper.unmount();
  });
});

const churnReport: ChurnReport = {
  reasons: [
    { reason: 'closure', name_zh: '死亡/倒闭', name_en: 'Death or closure', accounts: 1, observed_bp: 333, reference_bp: 100, difference_bp: 233, lost_value: '1000.00' },
    { reason: 'indifference', name_zh: '冷漠对待', name_en: 'Indifference towards them', accounts: 20, observed_bp: 6667, reference_bp: 6800, difference_bp: -133, lost_value: '250000.50' },
    { reason: 'dissatisfied', name_zh: '对产品不满', name_en: 'Dissatisfied with the product', accounts: 9, observed_bp: 3000, reference_bp: 1400, difference_bp: 1600, lost_value: '90000.00' },
  ],
  lost_accounts: 30,
  churn_cost: '341000.50',
  chi_square: 12.345,
  degrees_of_freedom: 6,
  p_value: 0.0547,
  small_sample: true,
  without_reason: 2,
  without_reason_value: '800.00',
};

describe('the churn-reason chart', () => {
  it('maps each reason to its observed and reference share in percent, in the API’s order', () => {
    expect(churnChartData(churnReport, 'zh-CN')).toEqual({
      reasons: ['closure', 'indifference', 'dissatisfied'],
      names: ['死亡/倒闭', '冷漠对待', '对产品不满'],
      observed: [3.33, 66.67, 30],
      reference: [1, 68, 14],
    });
    expect(churnChartData(churnReport, 'en').names[1]).toBe('Indifference towards them');
  });

  it('shows the churn cost and the lost accounts, and names the reasons on the chart', async () => {
    const wrapper = mount(ChurnReasons, { props: { report: churnReport }, global });
    await flushPromises();
    expect(wrapper.find('[data-test="churn-cost"]').text()).toBe('¥341,000.50');
    expect(wrapper.find('[data-test="churn-lost-accounts"]').text()).toBe('30');
    expect(wrapper.find('[data-test="churn-without-reason"]').text()).toContain('2');
    const labels = wrapper.findAll('svg text').map((t) => t.text());
    expect(labels).toContain('对产品不满');
    expect(labels).toContain('66.67%');
    wrapper.unmount();
  });
});

describe('the account form for a lost account', () => {
  const lost = { status: 'lost', churn_reason: 'moved', lost_on: '2026-06-30', name: 'x' } as Partial<Account>;

  it('clears the churn reason and date when the account is no longer lost', () => {
    const before = draftOf(lost);
    expect(changedFields(before, { ...before, status: 'active' })).toEqual({
      status: 'active',
      churn_reason: null,
      lost_on: null,
    });
    expect(changedFields(before, { ...before, churn_reason: 'dissatisfied' })).toEqual({ churn_reason: 'dissatisfied' });
  });

  it('offers the churn reason and date only while the status is lost', async () => {
    const wrapper = mount(AccountFields, {
      props: { modelValue: draftOf({ status: 'active', importance: 'none' }), errors: { lost_on: 'only a lost account has a date it was lost' } },
      global,
    });
    expect(wrapper.find('[data-field="churn_reason"]').exists()).toBe(false);
    await wrapper.setProps({ modelValue: draftOf(lost) });
    expect(wrapper.find('[data-field="churn_reason"]').exists()).toBe(true);
    expect(wrapper.text()).toContain('流失原因');
    await vi.waitFor(
      () => expect(wrapper.find('.el-form-item__error').text()).toContain('only a lost account has a date'),
      WAIT,
    );
    wrapper.unmount();
  });
});

describe('a plan\'s overdue actions', () => {
  const item = (id: number, amount: string) => ({ record_id: id, number: `行动${id}`, amount, due_on: '2026-11-01', days_overdue: 5 });
  it('show no amount column when the records carry no money, as invoices do', () => {
    const actions = alert({ kind: 'plan_action_overdue', detail: { zh: '', en: '', items: [item(1, '0.00'), item(2, '0.00')] } });
    const invoices = alert({ kind: 'receivable_overdue', detail: { zh: '', en: '', items: [item(3, '0.00'), item(4, '120.00')] } });
    expect(itemsHaveAmounts(actions)).toBe(false);
    expect(itemsHaveAmounts(invoices)).toBe(true);
  });
});
