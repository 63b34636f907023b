import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { i18n, setLocale } from '@/i18n';
import type { AccountPlan } from '@/api/types';
import PlanSituation from '@/components/plan/PlanSituation.vue';
import PlanStance from '@/components/plan/PlanStance.vue';
import PlanWallet from '@/components/plan/PlanWallet.vue';
import {
  objectiveBody,
  optionApproach,
  percentText,
  situationBody,
  situationChanged,
  situationDraftOf,
} from '@/components/plan/planDraft';
import { planExportUrl } from '@/api/plan';
import { json, serve } from './fakeServer';

afterEach(() => {
  setLocale('zh-CN');
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

const option = (code: string, zh: string, approach: string) => ({
  code,
  name_zh: zh,
  name_en: code,
  approach_zh: approach,
  approach_en: `${code} approach`,
});

const health = {
  objectives: 0,
  objectives_on_track: 0,
  actions: 0,
  actions_overdue: 0,
  last_review: null,
  last_reviewer: null,
  next_review_due: null,
  review_overdue: true,
};

function planOf(over: Partial<AccountPlan['plan']> = {}): AccountPlan {
  return {
    account_id: 7,
    year: 2026,
    period: { from: '2026-01-01', to: '2026-12-06' },
    rules_version: 0,
    plan: {
      version: 2,
      industry_grade: 'key',
      value_type: 'extrinsic',
      sensitivity: '',
      competitors: [{ name: '华东机电', position: '主供应商' }],
      customer_goals: '产能翻番',
      customer_pressures: '',
      updated_at: '2026-12-01T08:00:00Z',
      ...over,
    },
    options: {
      industry_grades: [option('key', '重点行业', '配置专属团队')],
      value_types: [option('intrinsic', '内在价值型', '交易型销售'), option('extrinsic', '外在价值型', '顾问式销售')],
      sensitivities: [option('price', '价格敏感型', '突出总体拥有成本')],
      stages: [{ code: 'nurturing', name_zh: '孕育期', name_en: 'Nurturing' }],
      stances: ['defend', 'expand', 'attack', 'maintain'],
      review_cadence: 'weekly',
      max_objectives: 5,
      min_objectives: 3,
    },
    wallet: { estimates: [], total: null, our_revenue: '0.00', share_of_wallet_bp: null, headroom: null },
    stage: {
      computed: null,
      reason_zh: '尚无钱包估算',
      reason_en: 'no wallet estimate',
      customer_contacts: 0,
      our_staff: 0,
      last_order: null,
      last_activity: null,
      interrupted_after_days: 180,
      override: null,
      effective: null,
    },
    stance: {
      computed: 'expand',
      reason_zh: '增长空间',
      reason_en: 'headroom',
      churn_risk_bp: null,
      basis: 'wallet',
      target_value: null,
      override: null,
      override_reason: '',
      effective: 'expand',
    },
    objectives: [],
    health,
  };
}

describe('the situation draft', () => {
  it('sends empty choices and texts as null and drops wholly empty competitor rows', () => {
    const draft = situationDraftOf(planOf());
    draft.competitors.push({ name: '  ', position: '' }, { name: '', position: '价格最低' });
    draft.customer_goals = '  ';
    expect(situationBody(draft, 2)).toEqual({
      version: 2,
      industry_grade: 'key',
      value_type: 'extrinsic',
      sensitivity: null,
      // The row with a position and no name is sent, so that the server names the missing name.
      competitors: [
        { name: '华东机电', position: '主供应商' },
        { name: '', position: '价格最低' },
      ],
      customer_goals: null,
      customer_pressures: null,
      stance: null,
      stance_reason: null,
    });
  });

  it('keeps a stance reason only with a stance set by hand', () => {
    const draft = situationDraftOf(planOf());
    draft.stance_reason = '客户刚被竞争对手拜访';
    expect(situationBody(draft, 2).stance_reason).toBeNull();
    draft.stance = 'defend';
    expect(situationBody(draft, 2)).toMatchObject({ stance: 'defend', stance_reason: '客户刚被竞争对手拜访' });
  });

  it('counts only a change that a save would send as a change', () => {
    const before = situationDraftOf(planOf());
    const same = situationDraftOf(planOf());
    same.customer_goals = '产能翻番 '; // trailing space: the same text once trimmed
    same.competitors.push({ name: '', position: '' });
    expect(situationChanged(before, same)).toBe(false);
    same.value_type = 'intrinsic';
    expect(situationChanged(before, same)).toBe(true);
  });
});

describe('figures of the plan', () => {
  it('shows basis points as a percentage with two decimals', () => {
    expect(percentText(2500)).toBe('25.00%');
    expect(percentText(4567)).toBe('45.67%');
    expect(percentText(5)).toBe('0.05%');
    expect(percentText(null)).toBe('');
  });

  it('reads an objective typed with a percent sign or thousands separators', () => {
    const body = objectiveBody({
      title: ' 钱包份额提升 ',
      measure: 'share_of_wallet',
      measure_name: '忽略',
      baseline: '25%',
      target: '45 %',
      current_value: '3',
      due_on: '2026-12-31',
    });
    expect(body).toEqual({
      title: '钱包份额提升',
      measure: 'share_of_wallet',
      measure_name: null,
      baseline: '25',
      target: '45',
      current_value: null,
      due_on: '2026-12-31',
    });
    expect(objectiveBody({ ...body, title: 'x', baseline: '', target: '1,200,000', measure: 'revenue', measure_name: '', current_value: '', due_on: '' })).toMatchObject({
      baseline: null,
      target: '1200000',
      due_on: null,
    });
  });

  it('gives the approach of a choice in the reader language', () => {
    const list = planOf().options.value_types;
    expect(optionApproach(list, 'extrinsic', 'zh-CN')).toBe('顾问式销售');
    expect(optionApproach(list, 'extrinsic', 'en')).toBe('extrinsic approach');
    expect(optionApproach(list, '', 'zh-CN')).toBe('');
  });
});

describe('PlanSituation', () => {
  it('shows the approach of each choice and puts the server field error under its field, in Chinese', async () => {
    const calls = serve({
      'PUT /api/accounts/7/plan': () =>
        json(
          {
            title: 'Bad Request',
            status: 400,
            detail: 'invalid',
            errors: [{ field: 'competitors[1].name', message: 'name the competitor' }],
          },
          400,
        ),
    });
    const wrapper = mount(PlanSituation, { props: { plan: planOf(), editable: true }, global: { plugins: [i18n] }, attachTo: document.body });
    expect(wrapper.find('[data-test="plan-approach-value_type"]').text()).toContain('顾问式销售');
    expect(wrapper.find('[data-test="plan-approach-industry_grade"]').text()).toContain('配置专属团队');
    await wrapper.find('[data-test="plan-add-competitor"]').trigger('click');
    await wrapper.find('input[name="competitor-position-1"]').setValue('价格最低');
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    await wrapper.vm.$nextTick();
    expect(calls).toHaveLength(1);
    expect((calls[0].body as { version: number }).version).toBe(2);
    await vi.waitFor(() => expect(wrapper.text()).toContain('请填写竞争对手名称'));
    wrapper.unmount();
  });
});

describe('the one-page export', () => {
  it('asks for the page in the reader\'s language', () => {
    expect(planExportUrl(5, 'zh-CN')).toBe('/api/accounts/5/plan/export');
    expect(planExportUrl(5, 'en')).toBe('/api/accounts/5/plan/export?lang=en');
  });
});

describe('PlanWallet', () => {
  const meta = { created_at: '2026-11-01T08:00:00Z', updated_at: '2026-11-01T08:00:00Z', deleted_at: null };
  const lines = () =>
    json({
      items: [
        { ...meta, id: 3, version: 1, code: 'PL3', name: '工业阀门', segment_action: null },
        { ...meta, id: 4, version: 1, code: 'PL4', name: '智能产线', segment_action: null },
      ],
      total: 2,
      next_cursor: null,
    });

  async function pick(wrapper: ReturnType<typeof mount>, id: number): Promise<void> {
    await wrapper.find('[data-test="plan-wallet-line"] .el-select__wrapper').trigger('click');
    await flushPromises();
    const item = document.body.querySelector<HTMLElement>(`.el-select-dropdown__item[data-test="plan-wallet-line-${id}"]`);
    expect(item?.textContent).toContain(id === 4 ? '智能产线' : '工业阀门');
    item!.click();
    await flushPromises();
  }

  it('offers the product lines by name and sends the chosen line with the estimate', async () => {
    const answered = planOf();
    answered.wallet = {
      estimates: [
        {
          id: 9,
          product_line_id: 4,
          product_line_name: '智能产线',
          amount: '250000.00',
          our_revenue: '0.00',
          share_of_wallet_bp: 0,
          headroom: '250000.00',
          notes: '',
        },
      ],
      total: '250000.00',
      our_revenue: '0.00',
      share_of_wallet_bp: 0,
      headroom: '250000.00',
    };
    const calls = serve({
      'GET /api/product_lines': lines,
      'POST /api/accounts/7/plan/wallet': () => json(answered, 201),
    });
    const wrapper = mount(PlanWallet, { props: { plan: planOf(), editable: true }, global: { plugins: [i18n] }, attachTo: document.body });
    await flushPromises();
    await pick(wrapper, 4);
    await wrapper.find('input[name="wallet_amount"]').setValue('250,000');
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.body).toEqual({ amount: '250000', product_line_id: 4, notes: null });
    expect(wrapper.emitted('changed')?.[0]?.[0]).toEqual(answered);
    wrapper.unmount();
  });

  it('sends no product line for the whole category and shows a refused line under the picker', async () => {
    const bodies: unknown[] = [];
    serve({
      'GET /api/product_lines': lines,
      'POST /api/accounts/7/plan/wallet': (call) => {
        bodies.push(call.body);
        return json(
          { title: 'Bad Request', status: 400, detail: 'invalid', errors: [{ field: 'product_line_id', message: 'is not a product line' }] },
          400,
        );
      },
    });
    const wrapper = mount(PlanWallet, { props: { plan: planOf(), editable: true }, global: { plugins: [i18n] }, attachTo: document.body });
    await flushPromises();
    await wrapper.find('input[name="wallet_amount"]').setValue('1000');
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(bodies[0]).toEqual({ amount: '1000', product_line_id: null, notes: null });
    await pick(wrapper, 3);
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(bodies[1]).toMatchObject({ product_line_id: 3 });
    await vi.waitFor(() => expect(wrapper.find('[data-test="plan-wallet-line"]').element.closest('.el-form-item')?.textContent).toContain('请从列表中选择产品线'));
    wrapper.unmount();
  });

  it('asks for no product lines where the reader may not change the plan', async () => {
    const calls = serve({ 'GET /api/product_lines': lines });
    const wrapper = mount(PlanWallet, { props: { plan: planOf(), editable: false }, global: { plugins: [i18n] } });
    await flushPromises();
    expect(calls).toHaveLength(0);
    expect(wrapper.find('[data-test="plan-wallet-line"]').exists()).toBe(false);
    wrapper.unmount();
  });
});

describe('PlanStance', () => {
  it('says the target-value card decided, with its score, grade and the churn alerts', async () => {
    const plan = planOf();
    plan.stance = {
      computed: 'defend',
      reason_zh: '目标客户价值 63.50 分（B 一般目标）；我方客户（有订单）；有流失信号（未处理预警：消费异常下降）',
      reason_en: 'target value 63.50 (B); our customer (has ordered); churn signal (open alerts: Spend drop)',
      churn_risk_bp: 1200,
      basis: 'target_value',
      target_value: { score: 63.5, grade: 'B', our_customer: true, churn_alerts: [{ kind: 'spend_drop', name_zh: '消费异常下降', name_en: 'Spend drop' }] },
      override: null,
      override_reason: '',
      effective: 'defend',
    };
    const wrapper = mount(PlanStance, { props: { plan, editable: false }, global: { plugins: [i18n] } });
    expect(wrapper.find('[data-test="plan-stance-effective"]').text()).toBe('守');
    expect(wrapper.find('[data-test="plan-stance-basis"]').text()).toContain('依据：目标客户价值卡');
    expect(wrapper.find('[data-test="plan-stance-card"]').text()).toBe('目标客户价值 63.50 分（B）');
    expect(wrapper.find('[data-test="plan-stance-churn-alert"]').text()).toBe('消费异常下降');
    expect(wrapper.find('[data-test="plan-stance-reason"]').text()).toContain('有流失信号');
    setLocale('en');
    await wrapper.vm.$nextTick();
    expect(wrapper.find('[data-test="plan-stance-card"]').text()).toBe('Target value 63.50 (B)');
    expect(wrapper.find('[data-test="plan-stance-reason"]').text()).toContain('open alerts: Spend drop');
    wrapper.unmount();
  });

  it('says when churn risk and headroom decided for want of a card, and names a non-target', async () => {
    const wrapper = mount(PlanStance, { props: { plan: planOf(), editable: false }, global: { plugins: [i18n] } });
    expect(wrapper.find('[data-test="plan-stance-basis"]').text()).toContain('依据：流失风险与增长空间');
    expect(wrapper.find('[data-test="plan-stance-card"]').exists()).toBe(false);
    const plan = planOf();
    plan.stance = { ...plan.stance, computed: 'not_target', effective: 'not_target', basis: 'target_value', target_value: { score: 48, grade: 'C', our_customer: false, churn_alerts: [] } };
    await wrapper.setProps({ plan });
    expect(wrapper.find('[data-test="plan-stance-effective"]').text()).toBe('非目标客户');
    expect(wrapper.text()).toContain('竞争对手的客户');
    wrapper.unmount();
  });
});
