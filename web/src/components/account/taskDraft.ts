import type { Task } from '@/api/types';
import { changedTextFields } from '@/lib/drafts';
import { toApiTime } from '@/lib/dates';

/** The task fields the form has inputs for, in the order it shows them. */
export const TASK_FIELDS = ['title', 'due_at', 'owner_id', 'contact_id', 'opportunity_id', 'notes'] as const;

export type TaskField = (typeof TASK_FIELDS)[number];

/**
 * What the inputs hold: '' for an empty text, the due time as the API writes it (UTC), null
 * for no owner (the server makes the creator the owner), contact or opportunity.
 */
export interface TaskDraft {
  title: string;
  due_at: string;
  owner_id: number | null;
  contact_id: number | null;
  opportunity_id: number | null;
  notes: string;
}

export function taskDraftOf(task: Partial<Task>): TaskDraft {
  return {
    title: task.title ?? '',
    due_at: task.due_at ?? '',
    owner_id: task.owner_id ?? null,
    contact_id: task.contact_id ?? null,
    opportunity_id: task.opportunity_id ?? null,
    notes: task.notes ?? '',
  };
}

/** The fields of `draft` that differ from `before`, as the API takes them (empty → null). */
export const changedTaskFields = (before: TaskDraft, draft: TaskDraft) => changedTextFields(TASK_FIELDS, before, draft);

/** Midnight at the start of the reader's next day, as the API writes times: what "due today" is due before. */
export function endOfToday(now: Date = new Date()): string {
  return toApiTime(new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1));
}

/** A new task's due time: the end of the reader's working day (18:00 today). */
export function defaultDueAt(now: Date = new Date()): string {
  return toApiTime(new Date(now.getFullYear(), now.getMonth(), now.getDate(), 18));
}

/** An open task past its due time. */
export const isOverdue = (task: Pick<Task, 'done' | 'due_at'>, now: Date = new Date()) =>
  !task.done && new Date(task.due_at).getTime() < now.getTime();

/** The order the account's list shows: open tasks first, soonest due first; then done ones, latest done first. */
export function inListOrder(tasks: Task[]): Task[] {
  const time = (iso: string | null) => (iso ? new Date(iso).getTime() : 0);
  return [...tasks].sort((a, b) => {
    if (a.done !== b.done) return a.done ? 1 : -1;
    if (!a.done) return time(a.due_at) - time(b.due_at) || a.id - b.id;
    return time(b.done_at) - time(a.done_at) || b.id - a.id;
  });
}
