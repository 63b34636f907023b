// The import wizard's pure parts: the file as base64, the column mapping (checked as the
// server checks it, saved and loaded as the server's JSON), and progress figures.
import type {
  ImportEntity,
  ImportFormat,
  ImportMapping,
  ImportPreview,
  ImportProgress,
  MappedColumn,
} from '@/api/imports';
import { IMPORT_ENTITIES } from '@/api/imports';

/** A file's bytes, base64-encoded as the import routes take them. */
export function readFileAsBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      // "data:<type>;base64,<data>": the data is what follows the first comma.
      const url = String(reader.result ?? '');
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('the file could not be read'));
    reader.readAsDataURL(file);
  });
}

/** The format a file's name says; the server tells XLSX from CSV by content otherwise. */
export function formatOfFileName(name: string): ImportFormat | undefined {
  const extension = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase();
  if (extension === 'xlsx') return 'xlsx';
  if (extension === 'csv' || extension === 'txt') return 'csv';
  return undefined;
}

/** A file column in the mapping step: the server's assignment and the first values under it. */
export interface MappingRow extends MappedColumn {
  samples: string[];
}

/** The preview's columns with up to `sampleCount` values each and the guessed fields. */
export function mappingRows(preview: ImportPreview, sampleCount = 2): MappingRow[] {
  const guessed = new Map(preview.mapping.columns.map((c) => [c.column, c.field]));
  return preview.headers.map((header, column) => ({
    column,
    header,
    field: guessed.get(column) ?? null,
    samples: preview.sample.slice(0, sampleCount).map((row) => row.cells[column] ?? ''),
  }));
}

/** A column whose field an earlier column fills already. */
export interface DuplicateField {
  field: string;
  /** The column (from 0) and header that filled the field first. */
  firstColumn: number;
  firstHeader: string;
}

/**
 * The columns the server would refuse because an earlier column fills the same field (it
 * keeps the first and names it), by column number.
 */
export function duplicateFields(columns: readonly MappedColumn[]): Map<number, DuplicateField> {
  const first = new Map<string, MappedColumn>();
  const duplicates = new Map<number, DuplicateField>();
  for (const c of columns) {
    if (!c.field) continue;
    const earlier = first.get(c.field);
    if (earlier)
      duplicates.set(c.column, {
        field: c.field,
        firstColumn: earlier.column,
        firstHeader: earlier.header,
      });
    else first.set(c.field, c);
  }
  return duplicates;
}

/** The mapping as the server (and `kam import --mapping`) reads it. */
export function toServerMapping(entity: ImportEntity, columns: readonly MappedColumn[]): ImportMapping {
  return {
    entity,
    columns: columns.map((c) => ({ column: c.column, header: c.header, field: c.field })),
  };
}

export type MappingFileProblem = 'json' | 'entity' | 'column' | 'field';

/** A saved mapping that does not fit this import; `detail` names the offending part. */
export class MappingFileError extends Error {
  constructor(
    readonly problem: MappingFileProblem,
    readonly detail: string,
  ) {
    super(`${problem}: ${detail}`);
    this.name = 'MappingFileError';
  }
}

export interface LoadedMapping {
  /** The field of each of the file's columns, by column number. */
  fields: (string | null)[];
  /** Columns (from 0) whose header in the saved mapping is not this file's. */
  renamed: number[];
}

/**
 * A saved mapping (JSON text) applied to this file's columns: it must be for the same
 * entity, name only columns the file has and only fields the entity has. Columns it does not
 * name are not imported.
 */
export function mappingFromJson(
  text: string,
  entity: ImportEntity,
  headers: readonly string[],
  fields: readonly string[],
): LoadedMapping {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new MappingFileError('json', e instanceof Error ? e.message : String(e));
  }
  const root = parsed as Partial<ImportMapping> | null;
  if (!root || typeof root !== 'object' || !Array.isArray(root.columns))
    throw new MappingFileError('json', 'columns');
  if (!(IMPORT_ENTITIES as readonly unknown[]).includes(root.entity) || root.entity !== entity)
    throw new MappingFileError('entity', String(root.entity));
  const out: LoadedMapping = { fields: headers.map(() => null), renamed: [] };
  for (const item of root.columns as unknown[]) {
    const c = item as Partial<MappedColumn> | null;
    const column = c?.column;
    if (typeof column !== 'number' || !Number.isInteger(column) || column < 0 || column >= headers.length)
      throw new MappingFileError('column', String(column));
    const field = c?.field ?? null;
    if (field !== null && (typeof field !== 'string' || !fields.includes(field)))
      throw new MappingFileError('field', String(field));
    out.fields[column] = field;
    if (typeof c?.header === 'string' && c.header !== headers[column]) out.renamed.push(column);
  }
  return out;
}

/** Problem messages of the server's `columns[i].field` errors, by the mapping's index. */
export function mappingFieldErrors(fieldErrors: Record<string, string>): Map<number, string> {
  const out = new Map<number, string>();
  for (const [key, message] of Object.entries(fieldErrors)) {
    const match = /^columns\[(\d+)\]\.(field|column)$/.exec(key);
    if (match) {
      const i = Number(match[1]);
      out.set(i, out.has(i) ? `${out.get(i)}; ${message}` : message);
    }
  }
  return out;
}

/** How far the import has got, 0–100, or null while the number of rows is unknown. */
export function progressPercent(progress: ImportProgress | null): number | null {
  if (!progress) return null;
  if (progress.done) return 100;
  if (!progress.rows_total) return null;
  return Math.min(100, Math.floor((progress.rows_read / progress.rows_total) * 100));
}

/** A duration as a clock: 7 → "0:07", 725 → "12:05", 3723 → "1:02:03"; unknown → "—". */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0)
    return '—';
  const whole = Math.ceil(seconds);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = String(whole % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** Whole rows per second, grouped by the locale: 12345.6 → "12,346". */
export function formatRate(rowsPerSecond: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(
    Number.isFinite(rowsPerSecond) ? rowsPerSecond : 0,
  );
}

/** A fresh id to poll an import's progress under. */
export function newProgressId(): string {
  const random = globalThis.crypto?.randomUUID?.();
  return random ?? `import-${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

/** The slice of `items` on page `page` (from 1) of `size` each. */
export function pageOf<T>(items: readonly T[], page: number, size: number): T[] {
  const start = (Math.max(1, page) - 1) * size;
  return items.slice(start, start + size);
}
