import { ref, shallowRef } from 'vue';
import type { Page } from '@/api/types';

/**
 * Pages through a keyset-paged list: the server gives a cursor to the next page only, so the
 * cursors of the pages already seen are kept to go back.
 */
export function useKeysetPager<T>(fetchPage: (after: string | null) => Promise<Page<T>>) {
  const items = shallowRef<T[]>([]);
  const total = ref(0);
  const pageIndex = ref(0);
  const hasNext = ref(false);
  const loading = ref(false);
  const error = shallowRef<unknown>(null);
  // cursors[i] opens page i; page 0 opens without one.
  let cursors: (string | null)[] = [null];
  let nextCursor: string | null = null;
  let generation = 0;

  async function load(index: number): Promise<void> {
    const mine = ++generation; // a slower earlier answer must not overwrite a newer one
    loading.value = true;
    error.value = null;
    try {
      const page = await fetchPage(cursors[index]);
      if (mine !== generation) return;
      items.value = page.items;
      total.value = page.total;
      pageIndex.value = index;
      nextCursor = page.next_cursor;
      hasNext.value = page.next_cursor !== null;
    } catch (e) {
      if (mine === generation) error.value = e;
    } finally {
      if (mine === generation) loading.value = false;
    }
  }

  /** From the first page again, e.g. after the filters changed. */
  function reset(): Promise<void> {
    cursors = [null];
    return load(0);
  }

  function next(): Promise<void> {
    if (!nextCursor) return Promise.resolve();
    cursors[pageIndex.value + 1] = nextCursor;
    return load(pageIndex.value + 1);
  }

  function previous(): Promise<void> {
    return pageIndex.value > 0 ? load(pageIndex.value - 1) : Promise.resolve();
  }

  const reload = () => load(pageIndex.value);

  return { items, total, pageIndex, hasNext, loading, error, reset, next, previous, reload };
}
