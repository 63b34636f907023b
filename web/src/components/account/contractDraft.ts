import type { Contract } from '@/api/types';
import { changedTextFields } from '@/lib/drafts';
import { ENUMS } from '@/lib/enums';
import { typedYuan } from '@/lib/money';

/** The contract fields the form has inputs for, in the order it shows them. */
export const CONTRACT_FIELDS = [
  'contract_no',
  'title',
  'start_date',
  'end_date',
  'value',
  'status',
  'owner_id',
] as const;

export type ContractField = (typeof CONTRACT_FIELDS)[number];

/** Fields a new contract always sends (null when empty), so that the server names a missing one. */
const REQUIRED = ['contract_no', 'title', 'start_date', 'end_date', 'value', 'status'] as const;

export const CONTRACT_STATUSES = ENUMS.contractStatus;

/** What the inputs hold: '' for an empty text, date or value (yuan as typed), null for no owner. */
export type ContractDraft = { [F in Exclude<ContractField, 'owner_id'>]: string } & { owner_id: number | null };

export function contractDraftOf(contract: Partial<Contract>): ContractDraft {
  const text = (v: string | null | undefined) => v ?? '';
  return {
    contract_no: text(contract.contract_no),
    title: text(contract.title),
    start_date: text(contract.start_date),
    end_date: text(contract.end_date),
    value: text(contract.value),
    status: contract.status ?? 'active',
    owner_id: contract.owner_id ?? null,
  };
}

/** The value in the API's form, so that "1200" and "1,200.00" are the same. */
// A cleared select holds undefined; the API empties a field with null.
const asSent = (d: ContractDraft): ContractDraft => ({ ...d, value: typedYuan(d.value), owner_id: d.owner_id ?? null });

/** The fields of `draft` that differ from `before`, as the API takes them (empty → null). */
export const changedContractFields = (before: ContractDraft, draft: ContractDraft) =>
  changedTextFields(CONTRACT_FIELDS, asSent(before), asSent(draft));

/** A new contract's fields: the filled ones, and every required one even when empty. */
export function newContractFields(draft: ContractDraft): Partial<Record<ContractField, string | number | null>> {
  const fields: Partial<Record<ContractField, string | number | null>> = changedContractFields(
    contractDraftOf({}),
    draft,
  );
  const sent = asSent(draft);
  for (const f of REQUIRED) fields[f] = sent[f].trim() === '' ? null : sent[f].trim();
  return fields;
}
