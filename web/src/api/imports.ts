// Imports (docs/import.md): the file travels base64-encoded in a JSON body; the preview gives
// its columns, first rows and the guessed mapping, the import (or its dry run) a report of
// every problem by line, column, value and reason.
import { api } from './client';

export const IMPORT_ENTITIES = [
  'accounts',
  'contacts',
  'orders',
  'invoices',
  'payments',
  'activities',
  'opportunities',
] as const;
export type ImportEntity = (typeof IMPORT_ENTITIES)[number];

export const IMPORT_ENCODINGS = ['utf-8', 'gbk', 'gb18030'] as const;
export type ImportEncoding = (typeof IMPORT_ENCODINGS)[number];
export type ImportFormat = 'csv' | 'xlsx';
export type ImportMode = 'all_or_nothing' | 'skip_bad_rows';
export type DuplicatePolicy = 'reject' | 'skip' | 'merge';

/** One file column and the field it fills (null: not imported). `column` counts from 0. */
export interface MappedColumn {
  column: number;
  header: string;
  field: string | null;
}

/** The mapping as the server and `kam import --mapping` read and write it. */
export interface ImportMapping {
  entity: ImportEntity;
  columns: MappedColumn[];
}

/** The file and how to read it: what the preview and the import share. */
export interface ImportFile {
  entity: ImportEntity;
  file_base64: string;
  file_name?: string;
  format?: ImportFormat;
  encoding?: ImportEncoding;
  sheet?: string;
}

export interface ImportPreview {
  description: string;
  headers: string[];
  sample: { line: number; cells: string[] }[];
  fields: string[];
  mapping: ImportMapping;
}

export interface ImportRequest extends ImportFile {
  mapping?: ImportMapping | null;
  dry_run: boolean;
  mode?: ImportMode;
  duplicates?: DuplicatePolicy;
  progress_id?: string;
}

export interface ImportProblem {
  line: number;
  column: string;
  field: string;
  value: string;
  reason: string;
}

export interface ImportReport {
  rows: number;
  imported: number;
  merged: number;
  duplicates_skipped: number;
  rejected: number;
  /** Every problem found; `problems` holds the first ones (the server caps the list). */
  problem_count: number;
  problems: ImportProblem[];
  written: boolean;
  seconds: number;
  dry_run: boolean;
  mapping: ImportMapping;
}

export interface ImportProgress {
  started: boolean; // false until the import has reported under the id
  done: boolean;
  rows_read: number;
  rows_total: number | null;
  seconds: number;
  rows_per_second: number;
  eta_seconds: number | null;
}

export const previewImport = (file: ImportFile) =>
  api.post<ImportPreview>('/api/imports/preview', file);

export const runImport = (request: ImportRequest) => api.post<ImportReport>('/api/imports', request);

/** Reads as not started (started false) until the import has reported once. */
export const fetchImportProgress = (progressId: string) =>
  api.get<ImportProgress>(`/api/imports/progress/${encodeURIComponent(progressId)}`);
