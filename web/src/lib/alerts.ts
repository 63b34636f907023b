// Key-moment alerts as the lists show them: the server writes each one's sentence and kind
// name in both languages; the UI picks the reader's and colours the severity.
import type { Alert, AlertSeverity } from '@/api/types';
import { addDays, localDate } from './dates';

const SEVERITY_TAG: Record<AlertSeverity, 'info' | 'warning' | 'danger'> = {
  info: 'info',
  warning: 'warning',
  critical: 'danger',
};

/** The Element Plus tag type of a severity: critical red, warning amber, info grey. */
export const severityTag = (severity: AlertSeverity) => SEVERITY_TAG[severity] ?? 'info';

const isEnglish = (locale: string) => locale.toLowerCase().startsWith('en');

/** The alert's kind in the reader's language (the code when the server gave no name). */
export const alertKindName = (alert: Alert, locale: string) =>
  (isEnglish(locale) ? alert.kind_en : alert.kind_zh) || alert.kind;

/** The alert's sentence in the reader's language, else the other one, else the plain text. */
export function alertSentence(alert: Alert, locale: string): string {
  const d = alert.detail ?? {};
  return (isEnglish(locale) ? d.en || d.zh : d.zh || d.en) || d.text || '';
}

/** A snooze's default end: a week after today. */
export const defaultSnooze = (today: string = localDate()) => addDays(today, 7);

export type AlertItem = NonNullable<NonNullable<Alert['detail']>['items']>[number];

/** The records an alert gathers (an account's overdue invoices), oldest first; none for most kinds. */
export const alertItems = (alert: Alert): AlertItem[] => alert.detail?.items ?? [];

/** Whether the alert puts money at stake ("0.00" for courtesy and cadence). */
export const hasStake = (alert: Alert) => !!alert.at_stake && !/^-?0(\.0+)?$/.test(alert.at_stake);

/** Whether the records an alert gathers carry money (invoices do; a plan's actions do not). */
export const itemsHaveAmounts = (alert: Alert) => alertItems(alert).some((i) => !!i.amount && !/^-?0(\.0+)?$/.test(i.amount));
