import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { i18n, setLocale } from '@/i18n';
import DocumentEditor from '@/components/settings/DocumentEditor.vue';
import {
  blankLike,
  documentPaths,
  fromDisplay,
  pathText,
  toDisplay,
  unitOf,
  unitOfKey,
} from '@/lib/settingsForm';
import { json, serve } from './fakeServer';

afterEach(() => {
  setLocale('zh-CN');
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

describe('units of settings values', () => {
  it('reads the unit from the key, as the rules documents name them', () => {
    expect(unitOfKey('share_bp')).toBe('bp');
    expect(unitOfKey('min_share_of_wallet_bp')).toBe('bp');
    expect(unitOfKey('regular_max_interval_cv_pct')).toBe('percent');
    expect(unitOfKey('commit_min_probability')).toBe('percent');
    expect(unitOfKey('contracted_monthly_fen')).toBe('fen');
    expect(unitOfKey('spend_z_threshold_milli')).toBe('milli');
    expect(unitOfKey('days')).toBe('days');
    expect(unitOfKey('days_before')).toBe('days');
    expect(unitOfKey('idle_days_by_tier')).toBe('days');
    expect(unitOfKey('birthday_lead_days')).toBe('days');
    expect(unitOfKey('spend_window_months')).toBe('months');
    expect(unitOfKey('downgrade_tiers')).toBeNull();
    expect(unitOfKey('bpx')).toBeNull();
  });

  it('finds the unit of a value by its path, its holder and a declared unit', () => {
    expect(unitOf(['pyramid', 0, 'share_bp'], 100)).toBe('bp');
    expect(unitOf(['reference_bp', 'closure'], 100)).toBe('bp');
    expect(unitOf(['idle_days_by_tier', 'vip'], 0)).toBe('days');
    expect(unitOf(['spend_tiers', 0, 'min_annual_spend'], '5000000.00')).toBe('yuan');
    expect(unitOf(['spend_tiers', 0, 'code'], 'diamond')).toBe('none');
    expect(unitOf(['indicators', 0, 'rule', 'steps', 0, 'value'], 500000000, 'fen')).toBe('fen');
    expect(unitOf(['indicators', 0, 'rule', 'bands', 0, 'min'], null, 'bp')).toBe('bp');
    expect(unitOf(['indicators', 0, 'max_points'], 5, 'fen')).toBe('none');
    expect(unitOf(['objectives', 'min'], 3)).toBe('none');
    expect(unitOf(['access', 'write'], true)).toBe('none');
  });

  it('shows basis points and fen with two decimals, and reads them back exactly', () => {
    expect(toDisplay(100, 'bp')).toBe('1.00');
    expect(toDisplay(8000, 'bp')).toBe('80.00');
    expect(toDisplay(5, 'bp')).toBe('0.05');
    expect(toDisplay(-1000, 'bp')).toBe('-10.00');
    expect(toDisplay(3500, 'milli')).toBe('3.500');
    expect(toDisplay(500000000, 'fen')).toBe('5000000.00');
    expect(toDisplay(90, 'days')).toBe('90');
    expect(toDisplay(null, 'bp')).toBe('');
    expect(fromDisplay('1.5', 'bp', 100)).toEqual({ ok: true, value: 150 });
    expect(fromDisplay('0.29', 'bp', 100)).toEqual({ ok: true, value: 29 }); // 0.29 × 100 is 28.999… in floating point
    expect(fromDisplay('-10', 'bp', 0)).toEqual({ ok: true, value: -1000 });
    expect(fromDisplay('1.234', 'bp', 100)).toEqual({ ok: false, decimals: 2 });
    expect(fromDisplay('abc', 'bp', 100)).toEqual({ ok: false, decimals: 2 });
    expect(fromDisplay('3.5', 'milli', 3500)).toEqual({ ok: true, value: 3500 });
    expect(fromDisplay('1000', 'yuan', '5000000.00')).toEqual({ ok: true, value: '1000.00' });
    expect(fromDisplay('0012.5', 'yuan', '0.00')).toEqual({ ok: true, value: '12.50' });
    expect(fromDisplay('19.99', 'fen', 0)).toEqual({ ok: true, value: 1999 });
    expect(fromDisplay('30', 'days', 90)).toEqual({ ok: true, value: 30 });
    expect(fromDisplay('30.5', 'days', 90)).toEqual({ ok: false, decimals: 0 });
    expect(fromDisplay('0.75', 'none', 0.7)).toEqual({ ok: true, value: 0.75 });
    expect(fromDisplay('', 'bp', null)).toEqual({ ok: true, value: null });
  });

  it('names paths as the server does, and shapes new rows like the last', () => {
    expect(pathText(['pyramid', 0, 'share_bp'])).toBe('pyramid[0].share_bp');
    expect(pathText(['cells', 1, 2])).toBe('cells[1][2]');
    expect([...documentPaths({ a: [{ b: 1 }], c: { d: true } })].sort()).toEqual(
      ['', 'a', 'a[0]', 'a[0].b', 'c', 'c.d'].sort(),
    );
    expect(blankLike({ code: 'x', share_bp: 5, on: true, money: '1.00', tags: ['a'], min: null })).toEqual({
      code: '',
      share_bp: 0,
      on: false,
      money: '0.00',
      tags: [],
      min: null,
    });
  });
});

const RULES = {
  name: 'default',
  rank_by: 'revenue',
  pyramid: [
    { code: 'vip', name_zh: 'VIP客户', name_en: 'VIP', share_bp: 100 },
    { code: 'major', name_zh: '主要客户', name_en: 'Major', share_bp: 400 },
    { code: 'ordinary', name_zh: '普通客户', name_en: 'Ordinary', share_bp: 1500 },
    { code: 'small', name_zh: '小客户', name_en: 'Small', share_bp: 8000 },
  ],
  abc_a_bp: 8000,
  abc_b_bp: 1500,
  spend_tiers: [
    { code: 'diamond', name_zh: '钻石', name_en: 'Diamond', min_annual_spend: '5000000.00' },
    { code: 'vip', name_zh: '贵宾', name_en: 'VIP', min_annual_spend: '10000.00' },
  ],
  downgrade_overdue_days: 90,
  cost_per_order: '50.00',
  future_weight: 0.5,
};

describe('the settings form', () => {
  const mountEditor = (editable = true) =>
    mount(DocumentEditor, {
      props: { path: '/api/settings/rules', title: '客户分类规则', editable },
      global: { plugins: [i18n] },
      attachTo: document.body,
    });
  const field = (wrapper: ReturnType<typeof mountEditor>, path: string) =>
    wrapper.get(`[data-test="field-${path}"] input`);

  it('is the default view, with units: a share in %, money in 元, days', async () => {
    serve({ 'GET /api/settings/rules': () => json({ ...RULES, version: 3 }) });
    const wrapper = mountEditor();
    await flushPromises();
    expect(wrapper.find('[data-test="document-text"]').exists()).toBe(false);
    expect((field(wrapper, 'pyramid[0].share_bp').element as HTMLInputElement).value).toBe('1.00');
    expect(wrapper.get('[data-test="field-pyramid[0].share_bp"]').text()).toContain('%');
    expect((field(wrapper, 'spend_tiers[0].min_annual_spend').element as HTMLInputElement).value).toBe('5000000.00');
    expect(wrapper.get('[data-test="field-cost_per_order"]').text()).toContain('元');
    expect(wrapper.get('[data-test="field-downgrade_overdue_days"]').text()).toContain('天');
    expect(wrapper.get('[data-test="section-pyramid"] legend').text()).toBe('客户金字塔');
    // A key without a label is shown as it is.
    expect(wrapper.text()).toContain('future_weight');
  });

  it('saves a share typed in % as basis points, the rest as it was read', async () => {
    const calls = serve({
      'GET /api/settings/rules': () => json({ ...RULES, version: 3 }),
      'PUT /api/settings/rules': (call) => json({ ...(call.body as object), version: 4 }),
    });
    const wrapper = mountEditor();
    await flushPromises();
    await field(wrapper, 'pyramid[0].share_bp').setValue('2.5');
    await field(wrapper, 'pyramid[3].share_bp').setValue('78.5');
    await field(wrapper, 'spend_tiers[1].min_annual_spend').setValue('20000');
    await wrapper.get('[data-test="save-document"]').trigger('click');
    await flushPromises();
    const put = calls.find((c) => c.method === 'PUT')!;
    const expected = structuredClone(RULES);
    expected.pyramid[0].share_bp = 250;
    expected.pyramid[3].share_bp = 7850;
    expected.spend_tiers[1].min_annual_spend = '20000.00';
    expect(JSON.stringify(put.body)).toBe(JSON.stringify(expected));
    expect(wrapper.get('[data-test="version"]').text()).toBe('版本 v4');
    await field(wrapper, 'pyramid[0].share_bp').trigger('blur');
    expect((field(wrapper, 'pyramid[0].share_bp').element as HTMLInputElement).value).toBe('2.50');
  });

  it('keeps an untouched document byte for byte as read, also through typing the same values and moving rows back', async () => {
    const calls = serve({
      'GET /api/settings/rules': () => json({ ...RULES, version: 3 }),
      'PUT /api/settings/rules': (call) => json({ ...(call.body as object), version: 4 }),
    });
    const wrapper = mountEditor();
    await flushPromises();
    const saveDisabled = () => wrapper.get('[data-test="save-document"]').attributes('disabled') !== undefined;
    // The same values typed another way change nothing.
    await field(wrapper, 'pyramid[0].share_bp').setValue('1');
    await field(wrapper, 'cost_per_order').setValue('50');
    expect(saveDisabled()).toBe(true);
    // A row moved down and back up again.
    await wrapper.get('[data-test="row-pyramid[0]"] [data-test="row-down"]').trigger('click');
    expect((field(wrapper, 'pyramid[0].share_bp').element as HTMLInputElement).value).toBe('4.00');
    expect(saveDisabled()).toBe(false);
    await wrapper.get('[data-test="row-pyramid[1]"] [data-test="row-up"]').trigger('click');
    expect(saveDisabled()).toBe(true);
    // Values changed and changed back.
    await field(wrapper, 'downgrade_overdue_days').setValue('91');
    await field(wrapper, 'downgrade_overdue_days').setValue('90');
    await field(wrapper, 'name').setValue('default ');
    await field(wrapper, 'name').setValue('default');
    expect(saveDisabled()).toBe(true);
    // The document the form holds is the one read, to the byte (0.5 a number, money strings).
    await wrapper.get('[data-test="view-json"] input').setValue(true);
    await flushPromises();
    const text = wrapper.get('[data-test="document-text"]').element as HTMLTextAreaElement;
    expect(text.value).toBe(JSON.stringify(RULES, null, 2));
    // The JSON view's edit reaches the form, and the form saves it with the rest untouched.
    await wrapper.get('[data-test="document-text"]').setValue(text.value.replace('"future_weight": 0.5', '"future_weight": 0.25'));
    await wrapper.get('[data-test="view-form"] input').setValue(true);
    await flushPromises();
    expect((field(wrapper, 'future_weight').element as HTMLInputElement).value).toBe('0.25');
    await wrapper.get('[data-test="save-document"]').trigger('click');
    await flushPromises();
    const put = calls.filter((c) => c.method === 'PUT');
    expect(put).toHaveLength(1);
    expect(JSON.stringify(put[0].body)).toBe(JSON.stringify({ ...RULES, future_weight: 0.25 }));
  });

  it('adds and removes rows, shaped like the others', async () => {
    const calls = serve({
      'GET /api/settings/rules': () => json({ ...RULES, version: 3 }),
      'PUT /api/settings/rules': (call) => json({ ...(call.body as object), version: 4 }),
    });
    const wrapper = mountEditor();
    await flushPromises();
    const spend = wrapper.get('[data-test="table-spend_tiers"]').element.parentElement!;
    (spend.querySelector('[data-test="row-add"]') as HTMLElement).click();
    await flushPromises();
    await field(wrapper, 'spend_tiers[2].code').setValue('bronze');
    await field(wrapper, 'spend_tiers[2].min_annual_spend').setValue('100.5');
    await wrapper.get('[data-test="row-pyramid[2]"] [data-test="row-remove"]').trigger('click');
    await wrapper.get('[data-test="save-document"]').trigger('click');
    await flushPromises();
    const body = calls.find((c) => c.method === 'PUT')!.body as typeof RULES;
    expect(body.spend_tiers[2]).toEqual({ code: 'bronze', name_zh: '', name_en: '', min_annual_spend: '100.50' });
    expect(body.pyramid.map((l) => l.code)).toEqual(['vip', 'major', 'small']);
  });

  it('shows a problem the server names by path under its field, and says what cannot be a number', async () => {
    const calls = serve({
      'GET /api/settings/rules': () => json({ ...RULES, version: 3 }),
      'PUT /api/settings/rules': () =>
        json(
          {
            title: 'Bad Request',
            status: 400,
            detail: 'invalid',
            errors: [
              { field: 'pyramid', message: 'shares add up to 10100 bp; they must add up to 10000 (100%)' },
              { field: 'spend_tiers[0].min_annual_spend', message: 'must be positive' },
              { field: 'no_such_rule', message: 'is not a rule' },
            ],
          },
          400,
        ),
    });
    const wrapper = mountEditor();
    await flushPromises();
    await field(wrapper, 'pyramid[0].share_bp').setValue('x');
    expect(wrapper.get('[data-test="field-hint"]').text()).toBe('请输入数字，最多 2 位小数');
    await field(wrapper, 'pyramid[0].share_bp').setValue('2');
    expect(wrapper.find('[data-test="field-hint"]').exists()).toBe(false);
    await wrapper.get('[data-test="save-document"]').trigger('click');
    await flushPromises();
    expect((calls.find((c) => c.method === 'PUT')!.body as typeof RULES).pyramid[0].share_bp).toBe(200);
    const section = wrapper.get('[data-test="section-pyramid"]');
    expect(section.get('[data-test="field-error-pyramid"]').text()).toBe(
      'shares add up to 10100 bp; they must add up to 10000 (100%)',
    );
    expect(wrapper.get('[data-test="field-error-spend_tiers[0].min_annual_spend"]').text()).toBe('must be positive');
    // A path no field has is listed above the form.
    const problems = wrapper.get('[data-test="problems"]').text();
    expect(problems).toContain('no_such_rule: is not a rule');
    expect(problems).not.toContain('must be positive');
    expect(wrapper.get('[data-test="version"]').text()).toBe('版本 v3');
    // The JSON view lists them all.
    await wrapper.get('[data-test="view-json"] input').setValue(true);
    await flushPromises();
    expect(wrapper.get('[data-test="problems"]').text()).toContain('spend_tiers[0].min_annual_spend: must be positive');
  });

  it('is disabled for those who may not change the rules, in English with English labels', async () => {
    serve({ 'GET /api/settings/rules': () => json({ ...RULES, version: 3 }) });
    setLocale('en');
    const wrapper = mountEditor(false);
    await flushPromises();
    expect(wrapper.find('[data-test="save-document"]').exists()).toBe(false);
    expect(wrapper.find('[data-test="row-add"]').exists()).toBe(false);
    const inputs = wrapper.get('[data-test="document-form"]').findAll('input');
    expect(inputs.length).toBeGreaterThan(10);
    for (const input of inputs) expect((input.element as HTMLInputElement).disabled).toBe(true);
    expect(wrapper.get('[data-test="section-pyramid"] legend').text()).toBe('Customer pyramid');
    expect(wrapper.get('[data-test="field-cost_per_order"]').text()).toContain('CNY');
    expect(wrapper.text()).toContain('Only administrators change the rules');
  });
});
