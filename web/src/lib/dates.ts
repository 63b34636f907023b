/** An ISO 8601 UTC time in the reader's time zone and language. */
export function formatDateTime(iso: string, locale: string): string {
  const time = new Date(iso);
  if (Number.isNaN(time.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(time);
}

/** The API takes times as UTC without fractions: 2026-11-24T10:00:00Z. */
export function toApiTime(time: Date): string {
  return time.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The reader's calendar day as the API takes dates: 2026-11-24. */
export function localDate(time: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${time.getFullYear()}-${pad(time.getMonth() + 1)}-${pad(time.getDate())}`;
}

/** The calendar day `days` after `from` (YYYY-MM-DD), counted in whole days. */
export function addDays(from: string, days: number): string {
  const [y, m, d] = from.split('-').map(Number);
  return localDate(new Date(y, m - 1, d + days));
}
