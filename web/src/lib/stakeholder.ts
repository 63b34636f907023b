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

/** What a gap explanation needs to be written in the reader's language. */
export interface GapWords {
  /** A buying-centre role's name, from its code. */
  role: (code: string) => string;
  /** Names joined as the language joins a list. */
  list: (names: string[]) => string;
  t: (key: string, values?: Record<string, unknown>) => string;
}

/** Whole days from `from` to `to` (both YYYY-MM-DD). */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * How a gap was found, in the reader's language, with role names rather than their codes: the
 * figures and the rule behind it, read from the map (the person's roles, attitude and last
 * contact; the rules in force). Undefined when the person is not on the map.
 */
export function gapText(gap: Gap, map: StakeholderMap, words: GapWords): string | undefined {
  const person = map.people.find((p) => p.contact_id === gap.contact_id);
  if (!person) return undefined;
  const { rules } = map;
  const roles = (codes: readonly string[]) => words.list(codes.map(words.role));
  const version = words.t('stakeholder.gapText.version', { version: rules.version });
  switch (gap.kind) {
    case 'uncovered_decision_maker':
      return words.t('stakeholder.gapText.uncovered', {
        roles: roles(person.roles.filter((r) => rules.decision_roles.includes(r))),
        rule: roles(rules.decision_roles),
        version,
      });
    case 'opponent_without_plan':
      return words.t('stakeholder.gapText.opponent', {
        attitude: person.attitude ?? '',
        rule: words.list([...rules.opponent_attitudes]),
        version,
      });
    case 'silent_role_holder':
      return person.last_contact
        ? words.t('stakeholder.gapText.silent', {
            roles: roles(person.roles),
            date: person.last_contact,
            days: daysBetween(person.last_contact, map.as_of),
            limit: rules.silence_days,
            version,
          })
        : words.t('stakeholder.gapText.neverMet', { roles: roles(person.roles), limit: rules.silence_days, version });
    default:
      return undefined;
  }
}
