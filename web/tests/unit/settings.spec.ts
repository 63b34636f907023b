import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { i18n, setLocale } from '@/i18n';
import DocumentEditor from '@/components/settings/DocumentEditor.vue';
import { documentText, lineOfJsonError, parseDocumentText, problemLines } from '@/lib/settings';
import { json, serve } from './fakeServer';

afterEach(() => {
  setLocale('zh-CN');
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

describe('settings documents as text', () => {
  it('shows the fields without the version, indented', () => {
    expect(documentText({ version: 3, abc: { a: 0.8 } })).toBe('{\n  "abc": {\n    "a": 0.8\n  }\n}');
  });

  it('says on which line the text stops being JSON, where the engine tells', () => {
    expect(parseDocumentText('{\n  "a": 1,\n  "b": \n}').ok).toBe(false);
    const text = '{\n  "a": 1,\n  "b": \n}';
    expect(lineOfJsonError('Unexpected token } in JSON at position 20', text)).toBe(4);
    expect(lineOfJsonError("Expected ',' after property value (line 3 column 2)", text)).toBe(3);
    expect(lineOfJsonError('Unexpected end of JSON input', text)).toBeNull();
    expect(parseDocumentText('[1, 2]').ok).toBe(false);
    expect(parseDocumentText('{"a": [1]}')).toEqual({ ok: true, body: { a: [1] } });
  });

  it('lists the server’s problems by JSON path', () => {
    expect(problemLines({ 'pyramid[1].share': 'must be between 0 and 1', abc: 'is required' })).toEqual([
      'abc: is required',
      'pyramid[1].share: must be between 0 and 1',
    ]);
  });
});

describe('DocumentEditor', () => {
  const mountEditor = (editable = true) =>
    mount(DocumentEditor, {
      props: { path: '/api/settings/churn', title: '流失风险', editable },
      global: { plugins: [i18n] },
      attachTo: document.body,
    });

  it('stores the edited document and shows the new version', async () => {
    const calls = serve({
      'GET /api/settings/churn': () => json({ version: 0, high: 0.7 }),
      'PUT /api/settings/churn': (call) => json({ ...(call.body as object), version: 1 }),
    });
    const wrapper = mountEditor();
    await flushPromises();
    expect(wrapper.get('[data-test="version"]').text()).toBe('内置默认（未保存过）');
    await wrapper.get('[data-test="view-json"] input').setValue(true);
    await wrapper.get('[data-test="document-text"]').setValue('{"high": 0.8}');
    await wrapper.get('[data-test="save-document"]').trigger('click');
    await flushPromises();
    expect(calls.at(-1)).toMatchObject({ method: 'PUT', body: { high: 0.8 } });
    expect(wrapper.get('[data-test="version"]').text()).toBe('版本 v1');
  });

  it('shows what the server refused, by path, and sends no broken JSON', async () => {
    const calls = serve({
      'GET /api/settings/churn': () => json({ version: 2, high: 0.7 }),
      'PUT /api/settings/churn': () =>
        json(
          {
            title: 'Bad Request',
            status: 400,
            detail: 'invalid',
            errors: [{ field: 'high', message: 'must be between 0 and 1' }],
          },
          400,
        ),
    });
    const wrapper = mountEditor();
    await flushPromises();
    await wrapper.get('[data-test="view-json"] input').setValue(true);
    await wrapper.get('[data-test="document-text"]').setValue('{"high": 7');
    await wrapper.get('[data-test="save-document"]').trigger('click');
    await flushPromises();
    expect(calls.filter((c) => c.method === 'PUT')).toHaveLength(0);
    expect(wrapper.get('[data-test="problems"]').text()).toContain('JSON');
    // Text that is not JSON keeps the JSON view: the form cannot show it.
    await wrapper.get('[data-test="view-form"] input').setValue(true);
    expect(wrapper.find('[data-test="document-form"]').exists()).toBe(false);

    await wrapper.get('[data-test="document-text"]').setValue('{"high": 7}');
    await wrapper.get('[data-test="save-document"]').trigger('click');
    await flushPromises();
    expect(wrapper.get('[data-test="problems"]').text()).toContain('high: must be between 0 and 1');
    expect(wrapper.get('[data-test="version"]').text()).toBe('版本 v2');
  });

  it('is read-only for those who may not change the rules', async () => {
    serve({ 'GET /api/settings/churn': () => json({ version: 2, high: 0.7 }) });
    setLocale('en');
    const wrapper = mountEditor(false);
    await flushPromises();
    expect(wrapper.find('[data-test="save-document"]').exists()).toBe(false);
    expect(wrapper.text()).toContain('Only administrators change the rules');
  });
});
