// The server words a field's problem in the language the request asked for ("must not be
// negative, got -5.00", "不能为负数，当前为 -5.00") and names the template it used with a stable
// code ("validator.negative", src/server/messages.json); the orders, returns, contracts, invoices
// and payments forms say the problems they know by that code naming the field, under
// ledger.problems, and pass any other on as the server wrote it.

/** What a field holds, which decides how a problem with it is said. */
export type LedgerFieldKind = 'text' | 'date' | 'money' | 'record';

type Translate = (key: string, values?: Record<string, unknown>) => string;

/** Whether a problem's code says the field must be filled in ("is required", "is required (a date)"). */
export function isRequiredCode(code: string): boolean {
  return code === 'validator.required' || code === 'validator.reference_required' || code === 'date.required';
}

/** A reference to a record the user may not make is refused as one to no record, so as not to tell which. */
const UNAVAILABLE = new Set([
  'access.unknown_reference',
  'record.not_found',
  'record.what_not_found',
  'record.reference_missing',
  'record.reference_missing_db',
  'order.product_missing',
]);

/** "is a contract of another account" and the like. */
const ANOTHER_ACCOUNT = /^reference\.\w+_other_(account|than_opportunity)$/;

/**
 * The problem `message` (with the template ids `codes` of its parts) with `field` in the user's
 * language. `label` names a field (the field itself and, for a date before another, the other
 * one).
 */
export function ledgerProblem(
  field: string,
  kind: LedgerFieldKind,
  message: string,
  codes: readonly string[],
  label: (field: string) => string,
  t: Translate,
): string {
  const name = label(field);
  const has = (test: (code: string) => boolean) => codes.some(test);
  if (has((c) => c === 'validator.date_before')) {
    // "{date} is before {other_field} {other}", "{date} 早于{other_field} {other}": the field
    // is the word before the last value in either language.
    const other = /([a-z_]+) \S+$/.exec(message);
    if (other) return t('ledger.problems.before', { field: name, other: label(other[1]) });
  }
  if (has((c) => c === 'validator.too_long')) {
    // "... at most {max} allowed", "... 最多 {max} 个字符": the last number.
    const max = /(\d+)\D*$/.exec(message);
    if (max) return t('ledger.problems.tooLong', { field: name, n: max[1] });
  }
  if (has((c) => c === 'validator.negative' || c === 'validator.not_negative'))
    return t('ledger.problems.negative', { field: name });
  if (has((c) => c === 'order.return_exceeds')) return t('ledger.problems.exceedsAmount', { field: name });
  if (has((c) => ANOTHER_ACCOUNT.test(c))) return t('ledger.problems.anotherAccount', { field: name });
  if (has((c) => c === 'record.duplicate_field')) return t('ledger.problems.taken', { field: name });
  if (has((c) => UNAVAILABLE.has(c))) return t('ledger.problems.unavailable', { field: name });
  if (kind === 'text' && has(isRequiredCode)) return t('ledger.problems.required', { field: name });
  if (kind === 'date') return t('ledger.problems.date', { field: name });
  if (kind === 'money') return t('ledger.problems.money', { field: name });
  if (kind === 'record' && has(isRequiredCode)) return t('ledger.problems.choose', { field: name });
  return message;
}
