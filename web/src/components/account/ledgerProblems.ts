// The server words a field's problem in English ("must not be negative, got -5.00"); the
// orders, returns, contracts, invoices and payments forms say the problems they know in the
// user's language, under ledger.problems, and pass any other on as the server wrote it.

/** What a field holds, which decides how a problem with it is said. */
export type LedgerFieldKind = 'text' | 'date' | 'money' | 'record';

type Translate = (key: string, values?: Record<string, unknown>) => string;

/**
 * The problem `message` with `field` in the user's language. `label` names a field (the
 * field itself and, for a date before another, the other one).
 */
export function ledgerProblem(
  field: string,
  kind: LedgerFieldKind,
  message: string,
  label: (field: string) => string,
  t: Translate,
): string {
  const name = label(field);
  const before = /is before (\w+)/.exec(message);
  if (before) return t('ledger.problems.before', { field: name, other: label(before[1]) });
  const long = /at most (\d+) allowed/.exec(message);
  if (long) return t('ledger.problems.tooLong', { field: name, n: long[1] });
  if (/must not be negative/.test(message)) return t('ledger.problems.negative', { field: name });
  if (/exceeds the order amount/.test(message)) return t('ledger.problems.exceedsAmount', { field: name });
  if (/of another account/.test(message)) return t('ledger.problems.anotherAccount', { field: name });
  if (/already used/.test(message)) return t('ledger.problems.taken', { field: name });
  // A reference the user may not make is refused as one to no record, so as not to tell which.
  if (/you may refer to|does not exist/.test(message)) return t('ledger.problems.unavailable', { field: name });
  if (kind === 'text' && /is required/.test(message)) return t('ledger.problems.required', { field: name });
  if (kind === 'date') return t('ledger.problems.date', { field: name });
  if (kind === 'money') return t('ledger.problems.money', { field: name });
  if (kind === 'record' && /is required/.test(message)) return t('ledger.problems.choose', { field: name });
  return message;
}
