import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BuyingCenterMember, Contact, CurrentUser } from '@/api/types';
import { i18n, setLocale } from '@/i18n';
import { session } from '@/session';
import BuyingCenter from '@/components/pipeline/BuyingCenter.vue';
import { json, serve } from './fakeServer';

afterEach(() => {
  session.user = null;
  setLocale('zh-CN');
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

const page = (items: unknown[]) => () => json({ items, total: items.length, next_cursor: null });

const contact: Contact = {
  id: 7,
  version: 1,
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-01T00:00:00Z',
  deleted_at: null,
  account_id: 3,
  name: 'Wu Min',
  title: 'Purchasing manager',
  department: null,
  mobile: null,
  phone: null,
  email: null,
  wechat: null,
  birthday: null,
  hometown: null,
  preferences: null,
  form_family: null,
  form_occupation: null,
  form_recreation: null,
  form_message: null,
  reports_to_id: null,
};

const member: BuyingCenterMember = {
  id: 11,
  version: 1,
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-01T00:00:00Z',
  deleted_at: null,
  opportunity_id: 5,
  contact_id: 7,
  roles: 'buyer,champion',
  influence: 6,
  attitude: 'A',
  notes: null,
};

async function mounted() {
  session.user = { id: 2, login: 'am1', display_name: 'Luo', role: 'account_manager' } as CurrentUser;
  serve({
    'GET /api/buying_center': page([member]),
    'GET /api/contacts': page([contact]),
    'GET /api/opportunities/5/attitudes': () => json({ items: [] }),
  });
  const wrapper = mount(BuyingCenter, {
    props: { opportunityId: 5, accountId: 3 },
    global: { plugins: [i18n] },
    attachTo: document.body,
  });
  await flushPromises();
  await vi.waitFor(() => expect(wrapper.findAll('tbody tr').length).toBeGreaterThan(0), { timeout: 15_000 });
  return wrapper;
}

describe('the buying centre in either language', () => {
  it('joins a member’s roles with the language’s own separator', async () => {
    setLocale('en');
    const english = await mounted();
    expect(english.text()).toContain('Buyer, Champion');
    expect(english.text()).not.toContain('、');
    english.unmount();

    setLocale('zh-CN');
    const chinese = await mounted();
    expect(chinese.text()).toContain('采购者、内部支持者');
    chinese.unmount();
  });
});
