import { describe, expect, it } from 'vitest';
import { accountFieldKey, accountValue } from '@/lib/history';

describe('an account’s audit trail as a person reads it', () => {
  it('names a field by its label key, the owner by the owner’s', () => {
    expect(accountFieldKey('credit_code')).toBe('fields.account.credit_code');
    expect(accountFieldKey('owner_id')).toBe('fields.account.owner');
  });

  it('shows codes by their enumeration, owners as people, flags as yes or no', () => {
    expect(accountValue('status', 'dormant')).toEqual({ kind: 'enum', key: 'enum.accountStatus.dormant', raw: 'dormant' });
    expect(accountValue('churn_reason', 'moved')).toEqual({ kind: 'enum', key: 'enum.churnReason.moved', raw: 'moved' });
    expect(accountValue('owner_id', '12')).toEqual({ kind: 'user', id: 12 });
    expect(accountValue('listed', 'true')).toEqual({ kind: 'flag', on: true });
    expect(accountValue('listed', '0')).toEqual({ kind: 'flag', on: false });
  });

  it('keeps other values as stored, and an empty one as empty', () => {
    expect(accountValue('name', '华为技术有限公司')).toEqual({ kind: 'text', text: '华为技术有限公司' });
    expect(accountValue('owner_id', 'x1')).toEqual({ kind: 'text', text: 'x1' });
    expect(accountValue('notes', null)).toEqual({ kind: 'empty' });
    expect(accountValue('status', '')).toEqual({ kind: 'empty' });
  });
});
