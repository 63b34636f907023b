import { reactive } from 'vue';
import { getRecord, listRecords } from '@/api/records';
import type { Account } from '@/api/types';

// Names of accounts that records point to. The list API has no "id in (…)": unknown ids are
// grouped into runs that fit one page of an id range (`id>=a&id<=b`, at most SPAN ids), a
// run of one or two is read by id, and four requests go at a time. A kanban of hundreds of
// opportunities costs a few requests. Remembered until sign-out.
const names = reactive(new Map<number, string>());
const pending = new Set<number>();
const CONCURRENCY = 4;
const SPAN = 500;
// Bumped on sign-out: work begun for the previous user stops instead of meeting 401s.
let epoch = 0;

/** Another user may see other accounts: forget every name and stop reading. */
export function resetAccountNames(): void {
  epoch++;
  names.clear();
  pending.clear();
}

/** Sorted ids in runs that each span fewer than SPAN ids. */
export function idRuns(ids: readonly number[], span = SPAN): number[][] {
  const runs: number[][] = [];
  for (const id of [...ids].sort((a, b) => a - b)) {
    const run = runs[runs.length - 1];
    if (run && id - run[0] < span) run.push(id);
    else runs.push([id]);
  }
  return runs;
}

async function readRun(run: number[], started: number): Promise<void> {
  const found = new Map<number, string>();
  try {
    if (run.length <= 2) {
      for (const id of run)
        await getRecord<Account>('accounts', id).then(
          (a) => found.set(id, a.name),
          () => undefined,
        );
    } else {
      const accounts = await listRecords<Account>('accounts', {
        where: [`id>=${run[0]}`, `id<=${run[run.length - 1]}`],
        sort: 'id',
        limit: SPAN,
      });
      for (const a of accounts.items) found.set(a.id, a.name);
    }
  } catch {
    // Not one the user may see, or unreachable: shown by number.
  } finally {
    if (epoch === started) for (const id of run) names.set(id, found.get(id) ?? `#${id}`);
    for (const id of run) pending.delete(id);
  }
}

export function useAccountNames() {
  async function ensure(ids: Iterable<number>): Promise<void> {
    const wanted = [...new Set(ids)].filter((id) => !names.has(id) && !pending.has(id));
    if (!wanted.length) return;
    wanted.forEach((id) => pending.add(id));
    const started = epoch;
    const runs = idRuns(wanted);
    const worker = async () => {
      for (let run = runs.shift(); run && epoch === started; run = runs.shift()) await readRun(run, started);
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  }

  return { ensure, nameOf: (id: number) => names.get(id) ?? `#${id}` };
}
