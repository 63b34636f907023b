import type { Attitude, BuyingCenterMember, Contact } from '@/api/types';
import { rolesOf } from '@/components/pipeline/memberDraft';

// The account's org chart (组织架构图): its contacts as a forest by reports_to_id, and what
// each person is in the account's open deals. Pure, so the rules are tested without a page.

/** What the chart needs of a person: who they are and whom they report to. */
export interface OrgPerson {
  id: number;
  reports_to_id: number | null;
}

export interface OrgNode<C extends OrgPerson = Contact> {
  contact: C;
  children: OrgNode<C>[];
}

/**
 * The contacts as trees, by whom each reports to. A root has no superior, or one who is not
 * among `contacts` (deleted, or of another account). Stored data may hold a loop (written by
 * hand or before the server refused loops): each loop is cut at one of its members, who then
 * shows as a root, so that every contact shows exactly once and nothing recurses for ever.
 */
export function buildOrgForest<C extends OrgPerson = Contact>(contacts: readonly C[]): OrgNode<C>[] {
  const byId = new Map(contacts.map((c) => [c.id, c]));
  const sorted = [...contacts].sort((a, b) => a.id - b.id);
  const below = new Map<number, C[]>();
  const superiorOf = (c: C): number | null =>
    c.reports_to_id !== null && c.reports_to_id !== c.id && byId.has(c.reports_to_id) ? c.reports_to_id : null;
  for (const c of sorted) {
    const superior = superiorOf(c);
    if (superior !== null) below.set(superior, [...(below.get(superior) ?? []), c]);
  }
  const placed = new Set<number>();
  // Iterative, with `placed` guarding, so even a long chain or a loop cannot overflow the stack.
  const grow = (root: C): OrgNode<C> => {
    const top: OrgNode<C> = { contact: root, children: [] };
    placed.add(root.id);
    const pending: OrgNode<C>[] = [top];
    while (pending.length) {
      const node = pending.pop()!;
      for (const child of below.get(node.contact.id) ?? []) {
        if (placed.has(child.id)) continue;
        placed.add(child.id);
        const childNode: OrgNode<C> = { contact: child, children: [] };
        node.children.push(childNode);
        pending.push(childNode);
      }
    }
    return top;
  };
  const forest = sorted.filter((c) => superiorOf(c) === null).map(grow);
  // Whoever is left hangs below a loop: climb from them to a member of the loop and cut it there.
  for (const c of sorted) {
    if (placed.has(c.id)) continue;
    const climbed = new Set<number>([c.id]);
    let at = c;
    for (let up = superiorOf(at); up !== null && !climbed.has(up); up = superiorOf(at)) {
      climbed.add(up);
      at = byId.get(up)!;
    }
    const cut = superiorOf(at) !== null ? byId.get(superiorOf(at)!)! : at;
    forest.push(grow(placed.has(cut.id) ? c : cut));
  }
  return forest;
}

/**
 * Whether making `contactId` report to `superiorId` would close a loop: the superior is the
 * contact themselves or someone below them. Bounded by the ids seen, like the server's rule.
 */
export function wouldLoop(contacts: readonly Contact[], contactId: number, superiorId: number): boolean {
  const byId = new Map(contacts.map((c) => [c.id, c]));
  const seen = new Set<number>();
  for (let at: number | null = superiorId; at !== null && !seen.has(at); at = byId.get(at)?.reports_to_id ?? null) {
    if (at === contactId) return true;
    seen.add(at);
  }
  return false;
}

/** What a person is in the account's open deals: every role they hold, and their latest attitude. */
export interface Standing {
  roles: string[];
  attitude: Attitude | null;
}

/**
 * Each contact's standing from buying-centre members, counting only those of `openDeals`
 * (opportunity ids): roles in the order first met, each once; the attitude of the member record
 * changed last (the higher id on a tie), as that is what the account manager learnt most recently.
 */
export function standingsOf(
  members: readonly BuyingCenterMember[],
  openDeals: ReadonlySet<number>,
): Map<number, Standing> {
  const standings = new Map<number, Standing>();
  const latest = new Map<number, BuyingCenterMember>();
  for (const m of members) {
    if (!openDeals.has(m.opportunity_id)) continue;
    const standing = standings.get(m.contact_id) ?? { roles: [], attitude: null };
    for (const role of rolesOf(m.roles)) if (!standing.roles.includes(role)) standing.roles.push(role);
    const before = latest.get(m.contact_id);
    if (!before || m.updated_at > before.updated_at || (m.updated_at === before.updated_at && m.id > before.id)) {
      latest.set(m.contact_id, m);
      standing.attitude = m.attitude;
    }
    standings.set(m.contact_id, standing);
  }
  return standings;
}
