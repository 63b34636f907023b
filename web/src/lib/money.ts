// Money arrives as a string in yuan with two decimals ("5000000.50"). Sums are kept in fen as
// BigInt so that totals are exact, as they are on the server.

export function toFen(yuan: string | null | undefined): bigint {
  if (!yuan) return 0n;
  const match = /^(-)?(\d+)(?:\.(\d{1,2}))?$/.exec(yuan.trim());
  if (!match) throw new Error(`not an amount in yuan: ${yuan}`);
  const fen = BigInt(match[2]) * 100n + BigInt((match[3] ?? '').padEnd(2, '0'));
  return match[1] ? -fen : fen;
}

export function fromFen(fen: bigint): string {
  const negative = fen < 0n;
  const abs = negative ? -fen : fen;
  const text = `${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
  return negative ? `-${text}` : text;
}

export function sumYuan(values: readonly (string | null | undefined)[]): string {
  return fromFen(values.reduce((total, v) => total + toFen(v), 0n));
}

/** amount × percent / 100, rounded half up to the fen. */
export function percentOf(yuan: string, percent: number): string {
  const scaled = toFen(yuan) * BigInt(percent);
  const rounded = (scaled + (scaled >= 0n ? 50n : -50n)) / 100n;
  return fromFen(rounded);
}

/** "1234567.50" → "1,234,567.50" (grouping by the locale). */
export function formatYuan(yuan: string | null | undefined, locale: string): string {
  if (yuan === null || yuan === undefined || yuan === '') return '';
  const fen = toFen(yuan);
  const negative = fen < 0n;
  const abs = negative ? -fen : fen;
  const whole = new Intl.NumberFormat(locale).format(abs / 100n);
  return `${negative ? '-' : ''}¥${whole}.${(abs % 100n).toString().padStart(2, '0')}`;
}

/** Large figures for charts and cards: 12,345,678 → 1234.57万 / 12.35M. */
export function formatCompact(yuan: string | number, locale: string): string {
  const value = typeof yuan === 'number' ? yuan : Number(yuan);
  return new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 2 }).format(
    value,
  );
}

/**
 * An amount as a person typed it ("1,200,000.5", "¥1200000"), in the API's form: grouping and
 * the currency sign taken out, two decimals when it is an amount ("1200000.50"). Anything
 * else is passed on as typed (trimmed), for the server to name what is wrong with it.
 */
export function typedYuan(typed: string): string {
  const bare = typed.replace(/[,\s¥，]/g, '');
  try {
    return bare === '' ? '' : fromFen(toFen(bare));
  } catch {
    return bare;
  }
}

/** An amount as typed, shown as formatYuan shows amounts; what is not an amount stays as typed. */
export function formatTyped(typed: string, locale: string): string {
  try {
    return formatYuan(typedYuan(typed), locale);
  } catch {
    return typed;
  }
}
