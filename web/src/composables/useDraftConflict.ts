import { ref, type Ref } from 'vue';
import { getRecord, type Entity } from '@/api/records';
import { conflictOf, type ConflictRow } from '@/lib/drafts';

/**
 * What an edit form does when its save lost a race (412): read the record again, show every
 * field either side changed, and keep the user's own changes on top of the other person's;
 * then save those (keepMine) or drop them for the latest version (takeTheirs). The form owns
 * `base` (the record as last read) and `draft` (its inputs); `shown` gives a value as the
 * conflict table shows it.
 */
export function useDraftConflict<R extends { id: number }, F extends string, D extends Record<F, unknown>>(spec: {
  entity: Entity;
  fields: readonly F[];
  base: Ref<R | null>;
  draft: Ref<D>;
  draftOf: (record: R) => D;
  changed: (before: D, draft: D) => Partial<Record<F, unknown>>;
  shown: (field: F, value: D[F]) => unknown;
  save: () => Promise<void>;
}) {
  const conflict = ref<ConflictRow[] | null>(null);

  async function showConflict(): Promise<void> {
    const current = spec.base.value!;
    const latest = await getRecord<R>(spec.entity, current.id);
    const before = spec.draftOf(current);
    const mine = spec.changed(before, spec.draft.value);
    const drafts = { before, theirs: spec.draftOf(latest), draft: spec.draft.value };
    const { rows, merged } = conflictOf(spec.fields, drafts, mine, spec.shown);
    conflict.value = rows;
    spec.draft.value = merged;
    spec.base.value = latest;
  }

  function keepMine(): Promise<void> {
    conflict.value = null;
    return spec.save();
  }

  function takeTheirs(): void {
    if (spec.base.value) spec.draft.value = spec.draftOf(spec.base.value);
    conflict.value = null;
  }

  return { conflict, showConflict, keepMine, takeTheirs };
}
