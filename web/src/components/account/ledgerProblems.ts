// The server words a field's problem in the language the request asked for ("must not be
// negative, got -5.00", "不能为负数，当前为 -5.00"); the orders, returns, contracts, invoices
// and payments forms say the problems they know naming the field, under ledger.problems, and
// pass any other on as the server wrote it. Each pattern knows the server's English and its
// Chinese (src/server/messages.json).

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
  const before = /is before (\w+)|早于(\w+)/.exec(message);
  if (before) return t('ledger.problems.before', { field: name, other: label(before[1] ?? before[2]) });
  const long = /at most (\d+) allowed|最多 (\d+) 个字符/.exec(message);
  if (long) return t('ledger.problems.tooLong', { field: name, n: long[1] ?? long[2] });
  if (/must not be negative|不能为负数/.test(message)) return t('ledger.problems.negative', { field: name });
  if (/exceeds the order amount|超过订单金额/.test(message)) return t('ledger.problems.exceedsAmount', { field: name });
  if (/of another account|是另一个客户的/.test(message)) return t('ledger.problems.anotherAccount', { field: name });
  if (/already used|已被另一条记录使用/.test(message)) return t('ledger.problems.taken', { field: name });
  // A reference the user may not make is refused as one to no record, so as not to tell which.
  if (/you may refer to|does not exist|不是你可以引用的|不存在/.test(message)) return t('ledger.problems.unavailable', { field: name });
  if (kind === 'text' && /is required|^必填/.test(message)) return t('ledger.problems.required', { field: name });
  if (kind === 'date') return t('ledger.problems.date', { field: name });
  if (kind === 'money') return t('ledger.problems.money', { field: name });
  if (kind === 'record' && /is required|^必填/.test(message)) return t('ledger.problems.choose', { field: name });
  return message;
}
