import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { i18n, setLocale } from '@/i18n';
import type { Contact } from '@/api/types';
import ContactDialog from '@/components/account/ContactDialog.vue';

afterEach(() => {
  setLocale('zh-CN');
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

const json = (body: unknown, status: number, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json', ...headers },
  });

const contact: Contact = {
  id: 7,
  version: 3,
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-01T00:00:00Z',
  deleted_at: null,
  account_id: 1,
  name: '王芳',
  title: '采购经理',
  department: '采购部',
  mobile: '13800138000',
  phone: null,
  email: 'wang@example.com',
  wechat: null,
  birthday: '1985-03-12',
  hometown: null,
  preferences: null,
  form_family: null,
  form_occupation: null,
  form_recreation: null,
  form_message: null,
  reports_to_id: null,
};

function setInput(name: string, value: string): void {
  const input = document.body.querySelector<HTMLInputElement>(`[name="${name}"]`)!;
  input.value = value;
  input.dispatchEvent(new Event('input'));
}

const errorUnder = (name: string) =>
  document.body
    .querySelector(`[name="${name}"]`)!
    .closest('.el-form-item')!
    .querySelector('.el-form-item__error')?.textContent ?? '';

function mountDialog(props: { contact: Contact | null }) {
  return mount(ContactDialog, {
    props: { modelValue: true, accountId: 1, contacts: [], ...props },
    global: { plugins: [i18n] },
    attachTo: document.body,
  });
}

describe('ContactDialog', () => {
  it('shows the server’s e-mail problem under the e-mail field, in the user’s language', async () => {
    const fetch = vi.fn().mockImplementation(async () =>
      json(
        {
          title: 'Bad Request',
          status: 400,
          detail: 'invalid input',
          errors: [{ field: 'email', message: 'must contain exactly one @' }],
        },
        400,
      ),
    );
    vi.stubGlobal('fetch', fetch);
    const wrapper = mountDialog({ contact: null });
    await flushPromises();
    setInput('name', '李明');
    setInput('email', 'li.example.com');
    document.body.querySelector<HTMLButtonElement>('[data-test="contact-save"]')!.click();
    await flushPromises();
    const sent = JSON.parse(fetch.mock.calls[0][1].body as string);
    expect(sent).toMatchObject({ account_id: 1, name: '李明', email: 'li.example.com' });
    await vi.waitFor(() => expect(errorUnder('email')).toContain('邮箱格式不正确'), { timeout: 15_000 });
    expect(errorUnder('name')).toBe('');

    setLocale('en');
    document.body.querySelector<HTMLButtonElement>('[data-test="contact-save"]')!.click();
    await flushPromises();
    await vi.waitFor(() => expect(errorUnder('email')).toContain('name@example.com'), { timeout: 15_000 });
    expect(errorUnder('email')).toContain('e-mail');
    wrapper.unmount();
  });

  it('keeps the user’s input when someone else saved first, and saves it over the latest version', async () => {
    const latest = { ...contact, version: 4, department: '供应链部' };
    const fetch = vi
      .fn()
      .mockResolvedValueOnce(json({ title: 'Precondition Failed', status: 412, detail: 'stale' }, 412))
      .mockResolvedValueOnce(json(latest, 200, { ETag: '"4"' }))
      .mockResolvedValueOnce(json({ ...latest, version: 5, title: '采购总监' }, 200, { ETag: '"5"' }));
    vi.stubGlobal('fetch', fetch);
    const wrapper = mountDialog({ contact });
    await flushPromises();
    setInput('title', '采购总监');
    document.body.querySelector<HTMLButtonElement>('[data-test="contact-save"]')!.click();
    await flushPromises();
    await vi.waitFor(() => expect(document.body.querySelector('[data-test="conflict"]')).not.toBeNull(), {
      timeout: 15_000,
    });
    const [, first] = fetch.mock.calls[0];
    expect(first.method).toBe('PATCH');
    expect(first.headers['If-Match']).toBe('"3"');
    expect(JSON.parse(first.body as string)).toEqual({ title: '采购总监' });
    // The user's title stays; the other person's department is taken in.
    expect(document.body.querySelector<HTMLInputElement>('[name="title"]')!.value).toBe('采购总监');
    expect(document.body.querySelector<HTMLInputElement>('[name="department"]')!.value).toBe('供应链部');
    expect(document.body.querySelector('[data-test="conflict"]')!.textContent).toContain('该联系人已被他人修改');

    document.body.querySelector<HTMLButtonElement>('[data-test="keep-mine"]')!.click();
    await flushPromises();
    const [, again] = fetch.mock.calls[2];
    expect(again.headers['If-Match']).toBe('"4"');
    expect(JSON.parse(again.body as string)).toEqual({ title: '采购总监' });
    expect(wrapper.emitted('saved')?.[0]?.[0]).toMatchObject({ version: 5, title: '采购总监' });
    wrapper.unmount();
  });
});
