// What the edit forms share: which fields a draft changed, and what a save that lost a race
// (412) shows and keeps.

/** A field of a conflict: its value before, the other person's, and the user's own. */
export interface ConflictRow {
  field: string;
  before: unknown;
  theirs: unknown;
  mine: unknown;
  mineChanged: boolean;
}

type ApiValue = string | number | null;

/** The fields of `draft` that differ from `before`, as the API takes them: text trimmed, '' → null. */
export function changedTextFields<F extends string>(
  fields: readonly F[],
  before: Record<F, ApiValue>,
  draft: Record<F, ApiValue>,
): Partial<Record<F, ApiValue>> {
  const trimmed = (v: ApiValue) => (typeof v === 'string' ? v.trim() : v);
  const out: Partial<Record<F, ApiValue>> = {};
  for (const f of fields) {
    const value = trimmed(draft[f]);
    if (value !== trimmed(before[f])) out[f] = value === '' ? null : value;
  }
  return out;
}

/**
 * After someone else saved first: the rows to show (every field either side changed, each
 * value through `shown`) and the draft to save again, which is their latest version with the
 * user's own changes (`mine`) on top, so that saving keeps what the other person changed.
 */
export function conflictOf<F extends string, D extends Record<F, unknown>>(
  fields: readonly F[],
  drafts: { before: D; theirs: D; draft: D },
  mine: Partial<Record<F, unknown>>,
  shown: (field: F, value: D[F]) => unknown = (_field, value) => value,
): { rows: ConflictRow[]; merged: D } {
  const { before, theirs, draft } = drafts;
  const rows = fields
    .filter((f) => f in mine || JSON.stringify(before[f]) !== JSON.stringify(theirs[f]))
    .map((f) => ({
      field: f,
      before: shown(f, before[f]),
      theirs: shown(f, theirs[f]),
      mine: shown(f, draft[f]),
      mineChanged: f in mine,
    }));
  const merged = { ...theirs };
  for (const f of fields) if (f in mine) merged[f] = draft[f];
  return { rows, merged };
}
