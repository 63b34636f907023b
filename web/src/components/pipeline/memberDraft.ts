import type { Attitude, BuyingCenterMember } from '@/api/types';
import { changedTextFields } from '@/lib/drafts';

/** The buying-centre fields the member form has inputs for, in the order it shows them. */
export const MEMBER_FIELDS = ['contact_id', 'roles', 'influence', 'attitude', 'notes'] as const;

export type MemberField = (typeof MEMBER_FIELDS)[number];

/**
 * What the inputs hold. Roles are the API's comma-separated codes, kept as that text so that
 * a change is one comparison; the form edits them as a list (rolesOf / rolesText).
 */
export type MemberDraft = {
  contact_id: number | null;
  roles: string;
  influence: number;
  attitude: Attitude;
  notes: string;
};

export function memberDraftOf(member: Partial<BuyingCenterMember>): MemberDraft {
  return {
    contact_id: member.contact_id ?? null,
    roles: member.roles ?? '',
    influence: member.influence ?? 5,
    attitude: member.attitude ?? 'C',
    notes: member.notes ?? '',
  };
}

export const rolesOf = (roles: string): string[] => roles.split(',').filter(Boolean);
export const rolesText = (roles: readonly string[]): string => roles.join(',');

/** The fields of `draft` that differ from `before`, as the API takes them (empty → null). */
export const changedMemberFields = (before: MemberDraft, draft: MemberDraft) =>
  changedTextFields(MEMBER_FIELDS, before, draft);
