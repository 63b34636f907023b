import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { i18n, setLocale } from '@/i18n';
import PyramidChart from '@/components/dashboard/PyramidChart.vue';
import AccountCreateDialog from '@/components/accounts/AccountCreateDialog.vue';

// The built-in pyramid as /api/analysis sends it: the levels, then the figures by code.
const levels = [
  { code: 'vip', name_zh: 'VIP客户', name_en: 'VIP' },
  { code: 'major', name_zh: '主要客户', name_en: 'Major' },
  { code: 'ordinary', name_zh: '普通客户', name_en: 'Ordinary' },
  { code: 'small', name_zh: '小客户', name_en: 'Small' },
];
const figures = {
  vip: { accounts: 17, value: '308440085.60' },
  major: { accounts: 68, value: '313101368.15' },
  ordinary: { accounts: 252, value: '318936562.02' },
  small: { accounts: 1347, value: '233480567.35' },
};

afterEach(() => {
  setLocale('zh-CN');
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

describe('PyramidChart', () => {
  it('shows each level with its count, in the chosen language', async () => {
    const wrapper = mount(PyramidChart, { props: { levels, figures }, global: { plugins: [i18n] } });
    await flushPromises();
    const counts = ['vip', 'major', 'ordinary', 'small'].map((level) =>
      wrapper.find(`[data-level="${level}"]`).text(),
    );
    expect(counts).toEqual(['17', '68', '252', '1347']);
    expect(wrapper.text()).toContain('VIP客户');
    // The SVG chart labels the levels too.
    expect(wrapper.findAll('svg text').map((t) => t.text())).toContain('主要客户 68');

    setLocale('en');
    await flushPromises();
    expect(wrapper.text()).toContain('Ordinary');
    wrapper.unmount();
  });
});

describe('AccountCreateDialog', () => {
  it('shows the server’s field error under the field it concerns', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn().mockResolvedValue(
        new Response(
          JSON.stringify({
            title: 'Bad Request',
            status: 400,
            detail: 'invalid input',
            errors: [{ field: 'credit_code', message: 'check character is A, expected 9' }],
          }),
          { status: 400, headers: { 'Content-Type': 'application/problem+json' } },
        ),
      ),
    );
    const wrapper = mount(AccountCreateDialog, {
      props: { modelValue: true },
      global: { plugins: [i18n] },
      attachTo: document.body,
    });
    await flushPromises();
    const body = document.body;
    const name = body.querySelector<HTMLInputElement>('input[name="name"]')!;
    name.value = '测试客户';
    name.dispatchEvent(new Event('input'));
    body.querySelector<HTMLButtonElement>('[data-test="account-create-submit"]')!.click();
    await flushPromises();
    const item = body.querySelector('input[name="credit_code"]')!.closest('.el-form-item')!;
    await vi.waitFor(
      () => expect(item.querySelector('.el-form-item__error')?.textContent ?? '').toContain('expected 9'),
      { timeout: 15_000 },  // vi.waitFor's own default, 1 s, is short on a busy machine
    );
    expect(body.querySelector('input[name="name"]')!.closest('.el-form-item')!.querySelector('.el-form-item__error')).toBeNull();
    wrapper.unmount();
  });
});
