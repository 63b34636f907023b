import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { i18n, setLocale } from '@/i18n';
import type { ImportPreview, ImportProgress, ImportReport, MappedColumn } from '@/api/imports';
import {
  MappingFileError,
  duplicateFields,
  formatDuration,
  formatOfFileName,
  formatRate,
  mappingFieldErrors,
  mappingFromJson,
  mappingRows,
  pageOf,
  progressPercent,
  readFileAsBase64,
  toServerMapping,
  type MappingRow,
} from '@/lib/imports';
import ImportReportPanel from '@/components/import/ImportReportPanel.vue';
import ImportProgressBar from '@/components/import/ImportProgressBar.vue';
import MappingTable from '@/components/import/MappingTable.vue';

afterEach(() => {
  setLocale('zh-CN');
  document.body.innerHTML = '';
});

const CONTACT_FIELDS = ['account_id', 'name', 'title', 'mobile', 'birthday'];

describe('readFileAsBase64', () => {
  it('encodes the file’s bytes exactly, whatever they are', async () => {
    const text = '客户,姓名,生日\r\n上海东方贸易有限公司,张伟,1990-02-30\r\n';
    expect(await readFileAsBase64(new Blob([text]))).toBe(Buffer.from(text, 'utf8').toString('base64'));
    // GBK bytes and the zip signature of an XLSX file are not text: they must survive as bytes.
    const bytes = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0xbf, 0xcd, 0xbb, 0xa7, 0x00, 0xff]);
    expect(await readFileAsBase64(new Blob([bytes]))).toBe('UEsDBL/Nu6cA/w==');
    expect(await readFileAsBase64(new Blob([]))).toBe('');
  });

  it('tells the format by the file name, leaving the rest to the server', () => {
    expect(formatOfFileName('客户.XLSX')).toBe('xlsx');
    expect(formatOfFileName('contacts.csv')).toBe('csv');
    expect(formatOfFileName('export')).toBeUndefined();
  });
});

const columns = (...fields: (string | null)[]): MappedColumn[] =>
  fields.map((field, column) => ({ column, header: `H${column + 1}`, field }));

describe('duplicateFields', () => {
  it('flags a field that a later column fills again, naming the first column', () => {
    const found = duplicateFields(columns('name', 'birthday', null, null, 'name', 'name'));
    expect([...found.keys()]).toEqual([4, 5]);
    expect(found.get(4)).toEqual({ field: 'name', firstColumn: 0, firstHeader: 'H1' });
    expect(found.has(0)).toBe(false);
  });

  it('accepts many columns that are not imported and distinct fields', () => {
    expect(duplicateFields(columns('name', null, 'birthday', null)).size).toBe(0);
  });
});

const preview: ImportPreview = {
  description: 'csv (utf-8)',
  headers: ['客户', '姓名', '生日', '备注'],
  sample: [
    { line: 2, cells: ['上海东方', '张伟', '1985-06-01', 'x'] },
    { line: 3, cells: ['上海东方', '李娜'] },
    { line: 4, cells: ['上海东方', '王芳', '', ''] },
  ],
  fields: CONTACT_FIELDS,
  mapping: {
    entity: 'contacts',
    columns: [
      { column: 0, header: '客户', field: 'account_id' },
      { column: 1, header: '姓名', field: 'name' },
      { column: 2, header: '生日', field: 'birthday' },
      { column: 3, header: '备注', field: null },
    ],
  },
};

describe('mapping ↔ the server’s JSON', () => {
  it('starts from the guessed mapping with two sample values per column', () => {
    const rows = mappingRows(preview);
    expect(rows.map((r) => r.field)).toEqual(['account_id', 'name', 'birthday', null]);
    expect(rows[1].samples).toEqual(['张伟', '李娜']);
    // A short row has nothing under the last columns.
    expect(rows[2].samples).toEqual(['1985-06-01', '']);
  });

  it('writes what the server reads, and reads it back onto the same columns', () => {
    const rows = mappingRows(preview);
    rows[3].field = 'title';
    const mapping = toServerMapping('contacts', rows);
    expect(mapping).toEqual({
      entity: 'contacts',
      columns: [
        { column: 0, header: '客户', field: 'account_id' },
        { column: 1, header: '姓名', field: 'name' },
        { column: 2, header: '生日', field: 'birthday' },
        { column: 3, header: '备注', field: 'title' },
      ],
    });
    const loaded = mappingFromJson(JSON.stringify(mapping), 'contacts', preview.headers, CONTACT_FIELDS);
    expect(loaded).toEqual({ fields: ['account_id', 'name', 'birthday', 'title'], renamed: [] });
  });

  it('leaves the columns a saved mapping does not name unimported, and notes renamed headers', () => {
    const saved = { entity: 'contacts', columns: [{ column: 1, header: 'Name', field: 'name' }] };
    const loaded = mappingFromJson(JSON.stringify(saved), 'contacts', preview.headers, CONTACT_FIELDS);
    expect(loaded.fields).toEqual([null, 'name', null, null]);
    expect(loaded.renamed).toEqual([1]);
  });

  it('refuses a mapping that does not fit the import, saying why', () => {
    const problem = (text: string) => {
      try {
        mappingFromJson(text, 'contacts', preview.headers, CONTACT_FIELDS);
      } catch (e) {
        return e instanceof MappingFileError ? `${e.problem} ${e.detail}` : 'other';
      }
      return 'accepted';
    };
    expect(problem('{not json')).toMatch(/^json /);
    expect(problem('{"entity":"contacts"}')).toBe('json columns');
    expect(problem('{"entity":"orders","columns":[]}')).toBe('entity orders');
    expect(problem('{"entity":"contacts","columns":[{"column":4,"field":"name"}]}')).toBe('column 4');
    expect(problem('{"entity":"contacts","columns":[{"column":0,"field":"amount"}]}')).toBe('field amount');
    expect(problem('{"entity":"contacts","columns":[{"column":0,"field":null}]}')).toBe('accepted');
  });

  it('reads the server’s problems with the mapping by its index', () => {
    const found = mappingFieldErrors({
      'columns[2].field': '"name" is already filled by column 0 ("姓名")',
      'columns[3].column': 'column 1 is listed more than once',
      encoding: 'must be utf-8, gbk or gb18030',
    });
    expect([...found.entries()]).toEqual([
      [2, '"name" is already filled by column 0 ("姓名")'],
      [3, 'column 1 is listed more than once'],
    ]);
  });
});

describe('progress figures', () => {
  const progress = (p: Partial<ImportProgress>): ImportProgress => ({
    started: true,
    done: false,
    rows_read: 0,
    rows_total: null,
    seconds: 0,
    rows_per_second: 0,
    eta_seconds: null,
    ...p,
  });

  it('is a share of the rows when their number is known', () => {
    expect(progressPercent(progress({ rows_read: 1200, rows_total: 5000 }))).toBe(24);
    expect(progressPercent(progress({ rows_read: 4999, rows_total: 5000 }))).toBe(99);
    expect(progressPercent(progress({ rows_read: 1200 }))).toBeNull();
    expect(progressPercent(progress({ rows_read: 10, done: true }))).toBe(100);
    expect(progressPercent(null)).toBeNull();
  });

  it('writes the time left as a clock and the rate as whole rows', () => {
    expect(formatDuration(6.2)).toBe('0:07');
    expect(formatDuration(725)).toBe('12:05');
    expect(formatDuration(3723)).toBe('1:02:03');
    expect(formatDuration(null)).toBe('—');
    expect(formatRate(12345.6, 'en')).toBe('12,346');
    expect(formatRate(Number.NaN, 'en')).toBe('0');
  });

  it('shows rows read of the total, the rate and the time left', async () => {
    const wrapper = mount(ImportProgressBar, {
      props: {
        progress: progress({ rows_read: 1200, rows_total: 5000, rows_per_second: 2500.4, eta_seconds: 1.52 }),
      },
      global: { plugins: [i18n] },
    });
    await flushPromises();
    const text = wrapper.text();
    expect(text).toContain('已读取 1,200 / 5,000 行');
    expect(text).toContain('2,500 行/秒');
    expect(text).toContain('预计剩余 0:02');
    expect(text).toContain('24%');
    wrapper.unmount();
  });
});

const report = (problems: number, over: Partial<ImportReport> = {}): ImportReport => ({
  rows: 3,
  imported: 2,
  merged: 0,
  duplicates_skipped: 0,
  rejected: 1,
  problem_count: problems,
  problems: Array.from({ length: problems }, (_, i) => ({
    line: i + 2,
    column: '生日',
    field: 'birthday',
    value: `1990-02-${30 + i}`,
    reason: `'1990-02-${30 + i}' is not a date`,
  })),
  written: false,
  seconds: 0.01,
  dry_run: true,
  mapping: { entity: 'contacts', columns: [] },
  ...over,
});

describe('ImportReportPanel', () => {
  it('lists each problem with its line, column, value and reason', async () => {
    const wrapper = mount(ImportReportPanel, { props: { report: report(1) }, global: { plugins: [i18n] } });
    await flushPromises();
    expect(wrapper.find('[data-test="problem-line"]').text()).toBe('2');
    expect(wrapper.find('[data-test="problem-column"]').text()).toBe('生日');
    expect(wrapper.find('[data-test="problem-value"]').text()).toBe('1990-02-30');
    expect(wrapper.find('[data-test="problem-reason"]').text()).toBe("'1990-02-30' is not a date");
    expect(wrapper.find('[data-test="import-count-imported"]').text()).toBe('2');
    expect(wrapper.find('[data-test="import-count-rejected"]').text()).toBe('1');
    // A dry run counts the importable rows and says nothing was written.
    expect(wrapper.text()).toContain('可导入');
    expect(wrapper.text()).toContain('试导入：没有写入任何数据');
    wrapper.unmount();
  });

  it('pages through many problems and says when the server listed only the first ones', async () => {
    const many = report(45, { problem_count: 1500, rows: 2000, rejected: 1500 });
    const wrapper = mount(ImportReportPanel, { props: { report: many }, global: { plugins: [i18n] } });
    await flushPromises();
    const lines = () => wrapper.findAll('[data-test="problem-line"]').map((l) => l.text());
    expect(lines()).toHaveLength(20);
    expect(lines()[0]).toBe('2');
    expect(wrapper.find('[data-test="import-problems-truncated"]').text()).toContain('共 1,500 个');
    await wrapper.find('[data-test="import-problems-pager"] .number:last-child').trigger('click');
    await flushPromises();
    expect(lines()).toEqual(['42', '43', '44', '45', '46']);
    expect(pageOf([1, 2, 3, 4, 5], 2, 2)).toEqual([3, 4]);
    wrapper.unmount();
  });

  it('says an import wrote its rows', async () => {
    const wrapper = mount(ImportReportPanel, {
      props: { report: report(0, { dry_run: false, written: true, rejected: 0 }) },
      global: { plugins: [i18n] },
    });
    await flushPromises();
    expect(wrapper.text()).toContain('已导入');
    expect(wrapper.text()).toContain('导入完成，数据已写入');
    expect(wrapper.find('[data-test="import-no-problems"]').exists()).toBe(true);
    wrapper.unmount();
  });
});

describe('MappingTable', () => {
  it('marks the later of two columns filling one field, in place', async () => {
    const rows: MappingRow[] = mappingRows(preview);
    rows[3].field = 'name';
    const wrapper = mount(MappingTable, {
      props: { modelValue: rows, fields: CONTACT_FIELDS },
      global: { plugins: [i18n] },
    });
    await flushPromises();
    const errors = wrapper.findAll('[data-test="mapping-error"]');
    expect(errors).toHaveLength(1);
    expect(errors[0].attributes('data-column')).toBe('3');
    expect(errors[0].text()).toContain('已由第 2 列（姓名）导入');
    await wrapper.setProps({ modelValue: mappingRows(preview) });
    expect(wrapper.findAll('[data-test="mapping-error"]')).toHaveLength(0);
    wrapper.unmount();
  });
});
