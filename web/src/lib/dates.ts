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
