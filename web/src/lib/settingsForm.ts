// A settings document as a form: the unit of each value, read from the conventions the rules
// documents keep (docs/analytics.md, scorecards.md, key-moments.md), and the exact conversion
// between what is stored and what an administrator types.
//
//   *_bp          basis points, 1 = 0.01 %        shown in % with two decimals
//   *_pct, probability                            whole percent, shown in %
//   *_fen         money in fen, 1 = 0.01 元        shown in 元 with two decimals
//   "5000000.00"  money as a yuan string           shown in 元, stored as a string again
//   *_milli       thousandths, 3500 = 3.5          shown with three decimals
//   *_days, days, days_before, idle_days_by_tier   天 / days (months and years alike)
//
// A key without a unit of its own takes its parent's (`reference_bp.bored` is in bp), and a
// scorecard indicator's `unit` ("bp", "fen", "x100", "days" …) is the unit of its rule's
// `value`, `min`, `max`, `from_value` and `to_value`.

export type Unit = 'bp' | 'percent' | 'fen' | 'yuan' | 'milli' | 'x100' | 'days' | 'months' | 'years' | 'none';

/** One step of a path into a document: an object key or an array index. */
export type PathStep = string | number;

/** How a unit is shown: the stored integer is divided by 10^decimals; `suffix` is an i18n key. */
export interface UnitFormat {
  decimals: number;
  suffix: string | null;
}

export const UNIT_FORMATS: Record<Unit, UnitFormat> = {
  bp: { decimals: 2, suffix: 'settings.unit.percent' },
  percent: { decimals: 0, suffix: 'settings.unit.percent' },
  fen: { decimals: 2, suffix: 'settings.unit.yuan' },
  yuan: { decimals: 2, suffix: 'settings.unit.yuan' },
  milli: { decimals: 3, suffix: null },
  x100: { decimals: 2, suffix: null },
  days: { decimals: 0, suffix: 'settings.unit.days' },
  months: { decimals: 0, suffix: 'settings.unit.months' },
  years: { decimals: 0, suffix: 'settings.unit.years' },
  none: { decimals: 0, suffix: null },
};

/** Money as the API writes it: a string in yuan with two decimals. */
const YUAN = /^-?\d+\.\d{2}$/;

/** The unit a key's name declares, or null when its name says nothing. */
export function unitOfKey(key: string): Unit | null {
  if (/(^|_)bp$/.test(key)) return 'bp';
  if (/(^|_)(pct|percent)$/.test(key) || /(^|_)probability$/.test(key)) return 'percent';
  if (/(^|_)fen$/.test(key)) return 'fen';
  if (/(^|_)milli$/.test(key)) return 'milli';
  if (/(^|_)x100$/.test(key)) return 'x100';
  if (/(^|_)days?(_|$)/.test(key)) return 'days';
  if (/(^|_)months?(_|$)/.test(key)) return 'months';
  if (/(^|_)years?(_|$)/.test(key)) return 'years';
  return null;
}

/** A scorecard indicator's declared unit ("bp", "fen" …) as a form unit. */
export function declaredUnit(unit: unknown): Unit | null {
  switch (unit) {
    case 'bp':
    case 'fen':
    case 'x100':
    case 'days':
    case 'years':
      return unit;
    default:
      return null;
  }
}

/** The keys whose values are in a sibling `unit` field's unit (scorecard rules). */
const VALUE_KEYS = new Set(['value', 'min', 'max', 'from_value', 'to_value']);

/**
 * The unit of the value at `path` in a document. `declared` is the unit an enclosing object
 * names in its `unit` field, if any. Only numbers and yuan strings have units.
 */
export function unitOf(path: readonly PathStep[], value: unknown, declared: Unit | null = null): Unit {
  if (typeof value === 'string') return YUAN.test(value) ? 'yuan' : 'none';
  if (typeof value !== 'number' && value !== null) return 'none';
  const keys = path.filter((step): step is string => typeof step === 'string');
  const own = keys.at(-1);
  if (own !== undefined) {
    const unit = unitOfKey(own);
    if (unit) return unit;
    if (declared && VALUE_KEYS.has(own)) return declared;
  }
  // A map's entries (reference_bp.bored) and a list's items (cells[0][1]) take the unit of
  // the key that holds them.
  const last = path.at(-1);
  const holder = typeof last === 'number' ? keys.at(-1) : keys.at(-2);
  return (holder !== undefined && unitOfKey(holder)) || 'none';
}

/** The text an administrator sees and edits for a stored value. */
export function toDisplay(value: unknown, unit: Unit): string {
  if (value === null || value === undefined) return '';
  if (unit === 'yuan') return String(value);
  if (typeof value !== 'number') return String(value);
  const { decimals } = UNIT_FORMATS[unit];
  if (decimals === 0 || !Number.isInteger(value)) return String(value);
  const negative = value < 0;
  const digits = Math.abs(value).toString().padStart(decimals + 1, '0');
  const text = `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
  return negative ? `-${text}` : text;
}

export type Parsed = { ok: true; value: number | string | null } | { ok: false; decimals: number };

/**
 * The stored value for what was typed, exactly (decimal strings, no floating point): "1.5"
 * in % is 150 bp; "1000" 元 is the string "1000.00". Empty gives null where null was stored.
 * `original` decides between an integer and a decimal where the unit does not.
 */
export function fromDisplay(text: string, unit: Unit, original: unknown): Parsed {
  const typed = text.trim();
  const { decimals } = UNIT_FORMATS[unit];
  if (typed === '' && original === null) return { ok: true, value: null };
  if (unit === 'yuan' || decimals > 0) {
    const match = new RegExp(`^(-)?(\\d+)(?:\\.(\\d{0,${decimals}}))?$`).exec(typed);
    if (!match) return { ok: false, decimals };
    const fraction = (match[3] ?? '').padEnd(decimals, '0');
    if (unit === 'yuan') return { ok: true, value: `${match[1] ?? ''}${BigInt(match[2])}.${fraction}` };
    const scaled = Number(BigInt(match[2]) * 10n ** BigInt(decimals) + BigInt(fraction));
    return { ok: true, value: match[1] && scaled !== 0 ? -scaled : scaled };
  }
  // No scale: whole numbers, or decimals where the stored value was one.
  const pattern = Number.isInteger(original) || original === null ? /^-?\d+$/ : /^-?\d+(\.\d+)?$/;
  if (!pattern.test(typed)) return { ok: false, decimals: Number.isInteger(original) ? 0 : -1 };
  return { ok: true, value: Number(typed) };
}

/** A path as the server names it: `pyramid[0].share_bp`, `reference_bp.bored`. */
export function pathText(path: readonly PathStep[]): string {
  return path.reduce<string>(
    (text, step) => (typeof step === 'number' ? `${text}[${step}]` : text ? `${text}.${step}` : step),
    '',
  );
}

/** Every path in a document, the document's own ('') included. */
export function documentPaths(value: unknown, path: PathStep[] = []): Set<string> {
  const paths = new Set<string>([pathText(path)]);
  const children: [PathStep, unknown][] = Array.isArray(value)
    ? value.map((v, i) => [i, v])
    : value !== null && typeof value === 'object'
      ? Object.entries(value)
      : [];
  for (const [step, child] of children) for (const p of documentPaths(child, [...path, step])) paths.add(p);
  return paths;
}

/** A new row shaped like `example`: the same keys and types, empty values. */
export function blankLike(example: unknown): unknown {
  if (Array.isArray(example)) return [];
  if (example === null) return null;
  if (typeof example === 'object')
    return Object.fromEntries(Object.entries(example as object).map(([k, v]) => [k, blankLike(v)]));
  if (typeof example === 'number') return 0;
  if (typeof example === 'boolean') return false;
  if (typeof example === 'string') return YUAN.test(example) ? '0.00' : '';
  return null;
}

/** Whether every item of a list is an object of scalars, so that it fits a table. */
export function isTable(list: readonly unknown[]): boolean {
  return (
    list.length > 0 &&
    list.every(
      (row) =>
        row !== null &&
        typeof row === 'object' &&
        !Array.isArray(row) &&
        Object.values(row).every((v) => v === null || typeof v !== 'object'),
    )
  );
}

/** The columns of a table: every key of its rows, in the order they first appear. */
export function columnsOf(list: readonly unknown[]): string[] {
  const keys: string[] = [];
  for (const row of list) for (const key of Object.keys(row as object)) if (!keys.includes(key)) keys.push(key);
  return keys;
}
