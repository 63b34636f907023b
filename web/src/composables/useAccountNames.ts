import { reactive } from 'vue';
import { getRecord } from '@/api/records';
import type { Account } from '@/api/types';

// Names of accounts that records point to. The list API cannot ask for many ids at once, so
// each unknown account is read once (a few at a time) and remembered for the page load.
const names = reactive(new Map<number, string>());
const pending = new Set<number>();
const CONCURRENCY = 4;

export function useAccountNames() {
  async function ensure(ids: Iterable<number>): Promise<void> {
    const wanted = [...new Set(ids)].filter((id) => !names.has(id) && !pending.has(id));
    wanted.forEach((id) => pending.add(id));
    const worker = async () => {
      for (let id = wanted.shift(); id !== undefined; id = wanted.shift()) {
        try {
          names.set(id, (await getRecord<Account>('accounts', id)).name);
        } catch {
          names.set(id, `#${id}`);
        } finally {
          pending.delete(id);
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  }

  return { ensure, nameOf: (id: number) => names.get(id) ?? `#${id}` };
}
