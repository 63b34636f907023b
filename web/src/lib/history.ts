// The audit trail as a person reads it: a field by its label, a code by its name, a person by
// their name. Anything the page has no label for shows as stored.

/** The enumeration (under `enum.` in the locale files) each account field's codes come from. */
const ACCOUNT_ENUMS: Record<string, string> = {
  ownership: 'ownership',
  status: 'accountStatus',
  importance: 'importance',
  source: 'source',
  churn_reason: 'churnReason',
};

/** Where an audited account field's label is in the locale files. */
export function accountFieldKey(field: string): string {
  return `fields.account.${field === 'owner_id' ? 'owner' : field}`;
}

/**
 * How to show a stored value of an account field: `enumKey` names the locale key of a code,
 * `userId` the person an id stands for, `yesNo` a flag; otherwise the text as stored.
 */
export type ShownValue =
  | { kind: 'empty' }
  | { kind: 'enum'; key: string; raw: string }
  | { kind: 'user'; id: number }
  | { kind: 'flag'; on: boolean }
  | { kind: 'text'; text: string };

export function accountValue(field: string, value: string | null): ShownValue {
  if (value === null || value === '') return { kind: 'empty' };
  const enumName = ACCOUNT_ENUMS[field];
  if (enumName) return { kind: 'enum', key: `enum.${enumName}.${value}`, raw: value };
  if (field === 'owner_id' && /^\d+$/.test(value)) return { kind: 'user', id: Number(value) };
  if (field === 'listed' && (value === 'true' || value === 'false' || value === '1' || value === '0'))
    return { kind: 'flag', on: value === 'true' || value === '1' };
  return { kind: 'text', text: value };
}
