import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { i18n, setLocale } from '@/i18n';
import { fetchRelationshipStages } from '@/api/planRules';
import type { Account } from '@/api/types';
import RelationshipStageFilter from '@/components/accounts/RelationshipStageFilter.vue';
import { ACCOUNT_COLUMNS, type CellContext } from '@/components/accounts/accountColumns';
import { classParamsOf, emptyFilters, filtersFromQuery, narrowedBeyondFields } from '@/components/accounts/accountFilters';
import { json, serve } from './fakeServer';

// The plan rules' stages as GET /api/settings/account-plan sends them (the built-in ones).
const rules = {
  version: 0,
  industry_grades: [],
  value_types: [],
  sensitivities: [],
  stage_rules: {
    stages: [
      { code: 'nurturing', name_zh: '孕育期', name_en: 'Nurturing', min_share_of_wallet_bp: 0, min_customer_contacts: 0, min_our_staff: 0 },
      { code: 'early', name_zh: '初期', name_en: 'Early', min_share_of_wallet_bp: 1, min_customer_contacts: 1, min_our_staff: 1 },
      { code: 'middle', name_zh: '中期', name_en: 'Middle', min_share_of_wallet_bp: 3000, min_customer_contacts: 3, min_our_staff: 1 },
      { code: 'partnership', name_zh: '高期', name_en: 'Partnership', min_share_of_wallet_bp: 5000, min_customer_contacts: 5, min_our_staff: 2 },
      { code: 'strategic', name_zh: '战略期', name_en: 'Strategic', min_share_of_wallet_bp: 10000, min_customer_contacts: 8, min_our_staff: 3 },
    ],
  },
  interrupted: { code: 'interrupted', name_zh: '间断期', name_en: 'Interrupted', after_days: 180 },
  review_cadence: 'monthly',
  objectives: { min: 1, max: 5 },
};
const stages = [
  { code: 'nurturing', name_zh: '孕育期', name_en: 'Nurturing' },
  { code: 'early', name_zh: '初期', name_en: 'Early' },
  { code: 'middle', name_zh: '中期', name_en: 'Middle' },
  { code: 'partnership', name_zh: '高期', name_en: 'Partnership' },
  { code: 'strategic', name_zh: '战略期', name_en: 'Strategic' },
  { code: 'interrupted', name_zh: '间断期', name_en: 'Interrupted' },
];

afterEach(() => {
  setLocale('zh-CN');
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

describe('the account list by relationship stage', () => {
  it('reads the five stages and the interrupted one from the plan rules, in their order', async () => {
    serve({ 'GET /api/settings/account-plan': () => json(rules) });
    expect(await fetchRelationshipStages()).toEqual(stages);
  });

  it('offers each stage by its name in the reader’s language and the undetermined accounts, and picks a code', async () => {
    const wrapper = mount(RelationshipStageFilter, {
      props: { stages, modelValue: '', 'onUpdate:modelValue': (v: string) => wrapper.setProps({ modelValue: v }) },
      global: { plugins: [i18n] },
      attachTo: document.body,
    });
    await wrapper.find('[data-test="stage-filter"] .el-select__wrapper').trigger('click');
    await flushPromises();
    const texts = () =>
      [...document.body.querySelectorAll<HTMLElement>('.el-select-dropdown__item')].map((i) => i.textContent?.trim());
    expect(texts()).toEqual(['孕育期', '初期', '中期', '高期', '战略期', '间断期', '无法判断（无钱包估算）']);
    document.body.querySelector<HTMLElement>('[data-test="stage-option-middle"]')!.click();
    await flushPromises();
    expect(wrapper.emitted('update:modelValue')?.at(-1)).toEqual(['middle']);
    document.body.querySelector<HTMLElement>('[data-test="stage-option-undetermined"]')!.click();
    await flushPromises();
    expect(wrapper.emitted('update:modelValue')?.at(-1)).toEqual(['undetermined']);

    setLocale('en');
    await flushPromises();
    expect(texts()).toContain('Partnership');
    expect(texts()).toContain('Undetermined (no wallet estimate)');
    wrapper.unmount();
  });

  it('sends the stage as relationship_stage, which exports do not take, and shows and sorts the column', () => {
    const f = filtersFromQuery({ relationship_stage: 'middle' });
    expect(classParamsOf(f)).toEqual({ relationship_stage: 'middle' });
    expect(classParamsOf(emptyFilters())).toEqual({});
    expect(narrowedBeyondFields(f)).toBe(true);
    const column = ACCOUNT_COLUMNS.find((c) => c.key === 'relationship_stage')!;
    expect(column.sortBy).toBe('relationship_stage');
    const context = { stageLabel: (code: string) => `stage ${code}` } as unknown as CellContext;
    expect(column.text({ id: 1, relationship_stage: 'early' } as unknown as Account, context)).toBe('stage early');
    expect(column.text({ id: 2, relationship_stage: null } as unknown as Account, context)).toBe('');
    for (const locale of ['zh-CN', 'en'] as const) {
      expect(i18n.global.te('fields.account.relationship_stage', locale)).toBe(true);
      expect(i18n.global.te('accounts.stage.filter', locale)).toBe(true);
      expect(i18n.global.te('accounts.stage.undetermined', locale)).toBe(true);
    }
  });
});
