import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CurrentUser, Opportunity } from '@/api/types';
import { session } from '@/session';
import { i18n, setLocale } from '@/i18n';
import { resetPipeline } from '@/composables/usePipeline';
import OpportunityCloseDialog from '@/components/pipeline/OpportunityCloseDialog.vue';
import OpportunityForm from '@/components/pipeline/OpportunityForm.vue';
import { localDate } from '@/lib/dates';
import { changedFields, draftOf } from '@/components/pipeline/opportunityDraft';
import { json, serve } from './fakeServer';

const opportunity: Opportunity = {
  id: 7,
  version: 3,
  created_at: '2026-11-01T08:00:00Z',
  updated_at: '2026-11-01T08:00:00Z',
  deleted_at: null,
  account_id: 12,
  name: '智慧园区一期',
  amount: '880000.00',
  expected_close: '2027-03-31',
  owner_id: 5,
  team_id: 2,
  pipeline: 'default',
  stage: 'C',
  buy_class: null,
  competitors: null,
  closed_on: null,
  close_reason: null,
};

const pipeline = {
  name: 'default',
  version: 1,
  stages: [
    { code: 'C', name_zh: '方案', name_en: 'Proposal', probability: 50, kind: 'open', status: '' },
    { code: 'S', name_zh: '赢单', name_en: 'Won', probability: 100, kind: 'won', status: '' },
    { code: 'L', name_zh: '丢单', name_en: 'Lost', probability: 0, kind: 'lost', status: '' },
  ],
  commit_min_probability: 75,
  status_groups: [],
  funnel: [],
};

const routes = {
  'GET /api/users': () =>
    json({ items: [{ id: 5, version: 1, created_at: '2026-01-05T08:00:00Z', updated_at: '2026-01-05T08:00:00Z', deleted_at: null, login: 'am1', display_name: '张经理', active: true }], total: 1, next_cursor: null }),
  'GET /api/settings/pipelines/default': () => json(pipeline),
};

// An account manager may edit their opportunities.
const signedIn = () => {
  session.user = { id: 5, login: 'am1', display_name: '张经理', role: 'account_manager' } as CurrentUser;
};

afterEach(() => {
  session.user = null;
  resetPipeline();
  setLocale('zh-CN');
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

async function typeInto(body: HTMLElement, name: string, value: string): Promise<void> {
  const input = body.querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
  input.value = value;
  input.dispatchEvent(new Event('input'));
  await flushPromises();
}

const errorUnder = (body: HTMLElement, name: string) =>
  body.querySelector(`input[name="${name}"]`)!.closest('.el-form-item')!.querySelector('.el-form-item__error')
    ?.textContent ?? '';

describe('the opportunity draft', () => {
  it('sends only what changed, money without grouping, empty as null', () => {
    const before = draftOf(opportunity);
    expect(changedFields(before, { ...before, amount: '880,000' })).toEqual({});
    expect(changedFields(before, { ...before, amount: '¥1,200,000.50', competitors: '  ' })).toEqual({
      amount: '1200000.50',
    });
    expect(changedFields(before, { ...before, name: ' 园区二期 ', buying_step: 3, expected_close: '' })).toEqual({
      name: '园区二期',
      buying_step: 3,
      expected_close: null,
    });
  });
});

describe('OpportunityForm', () => {
  it('saves the changed fields with If-Match and shows a field error under its field', async () => {
    const calls = serve({
      ...routes,
      'PATCH /api/opportunities/7': (call) => {
        const body = call.body as Record<string, unknown>;
        if (body.amount === '12abc')
          return json(
            {
              title: 'Bad Request',
              status: 400,
              detail: 'invalid input',
              errors: [{ field: 'amount', message: "'12abc' is not an amount of money" }],
            },
            400,
          );
        return json({ ...opportunity, ...body, version: 4 });
      },
    });
    signedIn();
    const wrapper = mount(OpportunityForm, {
      props: { opportunity },
      global: { plugins: [i18n] },
      attachTo: document.body,
    });
    await flushPromises();
    const body = document.body;
    await typeInto(body, 'amount', '12abc');
    body.querySelector<HTMLButtonElement>('[data-test="opportunity-save"]')!.click();
    await vi.waitFor(() => expect(errorUnder(body, 'amount')).toContain('not an amount of money'), {
      timeout: 15_000,
    });
    expect(errorUnder(body, 'name')).toBe('');
    // The input stays as typed; fixed, it saves.
    expect(body.querySelector<HTMLInputElement>('input[name="amount"]')!.value).toBe('12abc');
    await typeInto(body, 'amount', '950,000');
    body.querySelector<HTMLButtonElement>('[data-test="opportunity-save"]')!.click();
    await vi.waitFor(() => expect(wrapper.emitted('saved')).toHaveLength(1), { timeout: 15_000 });
    const patches = calls.filter((c) => c.method === 'PATCH');
    expect(patches.at(-1)!.body).toEqual({ amount: '950000' });
    expect((wrapper.emitted('saved')![0][0] as Opportunity).version).toBe(4);
    expect(errorUnder(body, 'amount')).toBe('');
    wrapper.unmount();
  });

  it('keeps the input after a 412 and shows what the other person changed', async () => {
    const theirs = { ...opportunity, version: 4, competitors: '某竞争对手' };
    serve({
      ...routes,
      'PATCH /api/opportunities/7': () =>
        json({ title: 'Precondition Failed', status: 412, detail: 'the record changed since version 3' }, 412),
      'GET /api/opportunities/7': () => json(theirs),
    });
    signedIn();
    const wrapper = mount(OpportunityForm, {
      props: { opportunity },
      global: { plugins: [i18n] },
      attachTo: document.body,
    });
    await flushPromises();
    const body = document.body;
    await typeInto(body, 'amount', '990000');
    body.querySelector<HTMLButtonElement>('[data-test="opportunity-save"]')!.click();
    await vi.waitFor(() => expect(body.querySelector('[data-test="conflict"]')).not.toBeNull(), { timeout: 15_000 });
    const panel = body.querySelector('[data-test="conflict"]')!.textContent ?? '';
    expect(panel).toContain('该商机已被他人修改');
    expect(panel).toContain('主要竞争对手');
    expect(panel).toContain('某竞争对手');
    expect(body.querySelector<HTMLInputElement>('input[name="amount"]')!.value).toBe('990000');
    expect(body.querySelector<HTMLInputElement>('input[name="competitors"]')!.value).toBe('某竞争对手');
    wrapper.unmount();
  });
});

describe('OpportunityCloseDialog', () => {
  const mountDialog = async (stage: string, errors: Record<string, string> = {}) => {
    serve(routes);
    const wrapper = mount(OpportunityCloseDialog, {
      props: { opportunity: { ...opportunity, competitors: '甲公司' }, stage, saving: false, errors },
      global: { plugins: [i18n] },
      attachTo: document.body,
    });
    await flushPromises();
    return wrapper;
  };
  const confirm = () =>
    document.body.querySelector<HTMLButtonElement>('[data-test="opportunity-close-confirm"]')!.click();

  it('asks a win for the amount won and the day, today unless changed', async () => {
    const wrapper = await mountDialog('S');
    const body = document.body;
    await vi.waitFor(() => expect(body.querySelector('input[name="won_amount"]')).not.toBeNull(), { timeout: 15_000 });
    expect(body.querySelector('textarea[name="close_reason"]')).toBeNull();
    await typeInto(body, 'won_amount', '¥910,000');
    confirm();
    await flushPromises();
    expect(wrapper.emitted('confirm')![0][0]).toEqual({ closed_on: localDate(), amount: '910000' });
    wrapper.unmount();
  });

  it('asks a loss for the reason and who won instead, and shows the save’s field errors', async () => {
    const wrapper = await mountDialog('L', { close_reason: 'is too long' });
    const body = document.body;
    await vi.waitFor(() => expect(body.querySelector('textarea[name="close_reason"]')).not.toBeNull(), {
      timeout: 15_000,
    });
    expect(body.querySelector('input[name="won_amount"]')).toBeNull();
    expect(body.querySelector<HTMLInputElement>('input[name="competitors"]')!.value).toBe('甲公司');
    const reason = body.querySelector<HTMLTextAreaElement>('textarea[name="close_reason"]')!;
    await vi.waitFor(
      () => expect(reason.closest('.el-form-item')!.querySelector('.el-form-item__error')?.textContent ?? '').toContain('is too long'),
      { timeout: 15_000 },
    );
    reason.value = '价格高于对手 8%';
    reason.dispatchEvent(new Event('input'));
    await flushPromises();
    confirm();
    await flushPromises();
    expect(wrapper.emitted('confirm')![0][0]).toEqual({
      closed_on: localDate(),
      close_reason: '价格高于对手 8%',
      competitors: '甲公司',
    });
    wrapper.unmount();
  });
});
