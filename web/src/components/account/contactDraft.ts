import type { Contact } from '@/api/types';
import { changedTextFields } from '@/lib/drafts';

/** The contact fields the form has inputs for, in the order it shows them. */
export const CONTACT_FIELDS = [
  'name',
  'title',
  'department',
  'mobile',
  'phone',
  'email',
  'wechat',
  'birthday',
  'hometown',
  'reports_to_id',
  'preferences',
  'form_family',
  'form_occupation',
  'form_recreation',
  'form_message',
] as const;

export type ContactField = (typeof CONTACT_FIELDS)[number];

/** What the inputs hold: '' for an empty text, null for no reports-to. */
export type ContactDraft = { [F in Exclude<ContactField, 'reports_to_id'>]: string } & {
  reports_to_id: number | null;
};

export function contactDraftOf(contact: Partial<Contact>): ContactDraft {
  const text = (v: string | null | undefined) => v ?? '';
  return {
    name: text(contact.name),
    title: text(contact.title),
    department: text(contact.department),
    mobile: text(contact.mobile),
    phone: text(contact.phone),
    email: text(contact.email),
    wechat: text(contact.wechat),
    birthday: text(contact.birthday),
    hometown: text(contact.hometown),
    reports_to_id: contact.reports_to_id ?? null,
    preferences: text(contact.preferences),
    form_family: text(contact.form_family),
    form_occupation: text(contact.form_occupation),
    form_recreation: text(contact.form_recreation),
    form_message: text(contact.form_message),
  };
}

/** The fields of `draft` that differ from `before`, as the API takes them (empty → null). */
export const changedContactFields = (before: ContactDraft, draft: ContactDraft) =>
  changedTextFields(CONTACT_FIELDS, before, draft);
