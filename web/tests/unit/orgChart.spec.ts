import { describe, expect, it } from 'vitest';
import type { Attitude, BuyingCenterMember, Contact } from '@/api/types';
import { buildOrgForest, standingsOf, wouldLoop, type OrgNode } from '@/components/account/orgChart';

const contact = (id: number, reports_to_id: number | null = null): Contact => ({
  id,
  version: 1,
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-01T00:00:00Z',
  deleted_at: null,
  account_id: 1,
  name: `联系人${id}`,
  title: null,
  department: null,
  mobile: null,
  phone: null,
  email: null,
  wechat: null,
  birthday: null,
  hometown: null,
  preferences: null,
  form_family: null,
  form_occupation: null,
  form_recreation: null,
  form_message: null,
  reports_to_id,
});

/** The forest as nested ids, e.g. [[1, [[2, []]]]]: easy to compare whole. */
type Shape = [number, Shape[]];
const shape = (nodes: OrgNode[]): Shape[] => nodes.map((n) => [n.contact.id, shape(n.children)]);
const everyone = (nodes: OrgNode[]): number[] => nodes.flatMap((n) => [n.contact.id, ...everyone(n.children)]);

describe('buildOrgForest', () => {
  it('hangs each contact under whom they report to, roots and children in id order', () => {
    const forest = buildOrgForest([contact(4, 1), contact(1), contact(2, 1), contact(3, 2), contact(5)]);
    expect(shape(forest)).toEqual([
      [1, [[2, [[3, []]]], [4, []]]],
      [5, []],
    ]);
  });

  it('makes a root of a contact whose superior is not in the list, or who reports to themselves', () => {
    const forest = buildOrgForest([contact(1, 99), contact(2, 1), contact(3, 3)]);
    expect(shape(forest)).toEqual([
      [1, [[2, []]]],
      [3, []],
    ]);
  });

  it('cuts a stored loop once, showing every contact exactly once', () => {
    // 1 → 2 → 3 → 1 is a loop; 4 reports to 3 and hangs below it.
    const forest = buildOrgForest([contact(1, 3), contact(2, 1), contact(3, 2), contact(4, 3)]);
    expect(everyone(forest).sort()).toEqual([1, 2, 3, 4]);
    expect(forest).toHaveLength(1);
    // The cut is at the loop, not at 4: 4 stays under 3.
    const three = (function find(nodes: OrgNode[]): OrgNode | undefined {
      for (const n of nodes) if (n.contact.id === 3) return n;
      for (const n of nodes) {
        const found = find(n.children);
        if (found) return found;
      }
      return undefined;
    })(forest);
    expect(three?.children.map((n) => n.contact.id)).toContain(4);
  });

  it('handles a two-person loop beside an ordinary tree', () => {
    const forest = buildOrgForest([contact(1), contact(2, 1), contact(3, 4), contact(4, 3)]);
    expect(shape(forest)).toEqual([
      [1, [[2, []]]],
      [3, [[4, []]]],
    ]);
  });
});

describe('wouldLoop', () => {
  const chain = [contact(1), contact(2, 1), contact(3, 2), contact(4)];
  it('is true for oneself or someone below', () => {
    expect(wouldLoop(chain, 1, 1)).toBe(true);
    expect(wouldLoop(chain, 1, 3)).toBe(true);
  });
  it('is false for someone above or beside', () => {
    expect(wouldLoop(chain, 3, 1)).toBe(false);
    expect(wouldLoop(chain, 1, 4)).toBe(false);
  });
  it('ends on a loop already stored', () => {
    expect(wouldLoop([contact(1, 2), contact(2, 1), contact(3)], 3, 1)).toBe(false);
  });
});

describe('standingsOf', () => {
  const member = (
    id: number,
    contact_id: number,
    opportunity_id: number,
    roles: string,
    attitude: Attitude,
    updated_at: string,
  ): BuyingCenterMember => ({
    id,
    version: 1,
    created_at: '2026-01-01T00:00:00Z',
    updated_at,
    deleted_at: null,
    opportunity_id,
    contact_id,
    roles,
    influence: 5,
    attitude,
    notes: null,
  });

  it('joins the roles of every open deal, each once, and takes the attitude changed last', () => {
    const standings = standingsOf(
      [
        member(1, 7, 10, 'decider,user', 'B', '2026-03-01T00:00:00Z'),
        member(2, 7, 11, 'user,champion', 'D', '2026-04-01T00:00:00Z'),
        member(3, 8, 10, 'buyer', 'A', '2026-02-01T00:00:00Z'),
      ],
      new Set([10, 11]),
    );
    expect(standings.get(7)).toEqual({ roles: ['decider', 'user', 'champion'], attitude: 'D' });
    expect(standings.get(8)).toEqual({ roles: ['buyer'], attitude: 'A' });
  });

  it('leaves out closed deals, and breaks a tie in time by the later record', () => {
    const standings = standingsOf(
      [
        member(1, 7, 10, 'decider', 'E', '2026-03-01T00:00:00Z'),
        member(2, 7, 10, 'user', 'C', '2026-03-01T00:00:00Z'),
        member(3, 8, 12, 'buyer', 'A', '2026-05-01T00:00:00Z'),
      ],
      new Set([10]),
    );
    expect(standings.get(7)).toEqual({ roles: ['decider', 'user'], attitude: 'C' });
    expect(standings.has(8)).toBe(false);
  });
});
