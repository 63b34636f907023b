import type { Feedback } from '@/api/types';
import { changedTextFields } from '@/lib/drafts';
import { ENUMS } from '@/lib/enums';

/** The feedback fields the forms have inputs for, in the order they show them. */
export const FEEDBACK_FIELDS = [
  'kind',
  'received_on',
  'contact_id',
  'subject',
  'body',
  'severity',
  'due_on',
  'handler_id',
  'status',
  'resolution',
  'resolved_on',
] as const;

export type FeedbackField = (typeof FEEDBACK_FIELDS)[number];

export const FEEDBACK_KINDS = ENUMS.feedbackKind;
export const FEEDBACK_STATUSES = ENUMS.feedbackStatus;
export const FEEDBACK_SEVERITIES = ENUMS.feedbackSeverity;

/** What the inputs hold: '' for an empty text or date, null for no contact or handler. */
export type FeedbackDraft = { [F in Exclude<FeedbackField, 'contact_id' | 'handler_id'>]: string } & {
  contact_id: number | null;
  handler_id: number | null;
};

export function feedbackDraftOf(feedback: Partial<Feedback>): FeedbackDraft {
  const text = (v: string | null | undefined) => v ?? '';
  return {
    kind: feedback.kind ?? 'complaint',
    received_on: text(feedback.received_on),
    contact_id: feedback.contact_id ?? null,
    subject: text(feedback.subject),
    body: text(feedback.body),
    severity: feedback.severity ?? 'normal',
    due_on: text(feedback.due_on),
    handler_id: feedback.handler_id ?? null,
    status: feedback.status ?? 'open',
    resolution: text(feedback.resolution),
    resolved_on: text(feedback.resolved_on),
  };
}

/** Resolved and closed feedback is done: it has (or may have) a resolved date. */
export const isDone = (status: string) => status === 'resolved' || status === 'closed';

/** Unresolved past its deadline (`today` as YYYY-MM-DD): escalated to the manager. */
export const isOverdue = (f: Pick<Feedback, 'status' | 'due_on'>, today: string) =>
  !isDone(f.status) && !!f.due_on && f.due_on < today;

/** An open complaint waits for someone to handle it. */
export const awaitsHandling = (f: Pick<Feedback, 'kind' | 'status'>) => f.kind === 'complaint' && f.status === 'open';

/** The fields of `draft` that differ from `before`, as the API takes them (empty → null). */
export const changedFeedbackFields = (before: FeedbackDraft, draft: FeedbackDraft) =>
  changedTextFields(FEEDBACK_FIELDS, before, draft);
