// The stakeholder map and whitespace grid of an account plan, shaped for drawing. Pure, so the
// rules are tested without a page.
import type { StakeholderMap, StakeholderPerson, Whitespace, WhitespaceCell } from '@/api/types';
import { buildOrgForest, type OrgNode } from '@/components/account/orgChart';

type Gap = StakeholderMap['gaps'][number];
type Unit = Whitespace['units'][number];
type Line = Whitespace['product_lines'][number];

/** A person as the org chart takes them: by contact id, reporting to another contact. */
export interface MapPerson {
  id: number;
  reports_to_id: number | null;
  person: StakeholderPerson;
}

/** The map's people as an org chart (the contacts tab's forest, loops cut the same way). */
export function stakeholderForest(map: StakeholderMap): OrgNode<MapPerson>[] {
  return buildOrgForest(
    map.people.map((p) => ({ id: p.contact_id, reports_to_id: p.reports_to_id ?? null, person: p })),
  );
}

/** The gaps of each person, in the order the server found them. */
export function gapsByContact(gaps: readonly Gap[]): Map<number, Gap[]> {
  const by = new Map<number, Gap[]>();
  for (const g of gaps) by.set(g.contact_id, [...(by.get(g.contact_id) ?? []), g]);
  return by;
}

/** Colleagues who may still be assigned to a person: those offered, less those already covering them. */
export function assignableTo(
  person: StakeholderPerson,
  colleagues: StakeholderMap['colleagues'],
): StakeholderMap['colleagues'] {
  const covering = new Set(person.coverage.map((c) => c.user_id));
  return colleagues.filter((c) => !covering.has(c.user_id));
}

export interface WhitespaceRow {
  unit: Unit;
  /** One per product line, in the grid's order; undefined where the server sent no cell. */
  cells: (WhitespaceCell | undefined)[];
}

/** The grid as rows of units, each with a cell per product line. */
export function whitespaceRows(grid: Whitespace): WhitespaceRow[] {
  const at = new Map(grid.cells.map((c) => [`${c.account_id}:${c.product_line_id}`, c]));
  return grid.units.map((unit) => ({
    unit,
    cells: grid.product_lines.map((line) => at.get(`${unit.account_id}:${line.id}`)),
  }));
}

/** How many cells of each status the grid has. */
export function statusCounts(grid: Whitespace): Record<WhitespaceCell['status'], number> {
  const counts = { bought: 0, open: 0, lost: 0, gap: 0 };
  for (const c of grid.cells) counts[c.status]++;
  return counts;
}

/** The name a new opportunity for a gap starts with: the line and the unit, e.g. "存储 · 上海分公司". */
export function gapOpportunityName(unit: Unit, line: Line): string {
  return `${line.name} · ${unit.name}`;
}
