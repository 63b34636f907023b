import { computed, shallowRef } from 'vue';
import { listAll } from '@/api/records';
import type { User } from '@/api/types';

// Users are few and read by every role: one list for the whole page load.
const users = shallowRef<User[]>([]);
let loading: Promise<void> | null = null;

export function useUsers() {
  if (!loading)
    loading = listAll<User>('users', { sort: 'id' })
      .then((list) => {
        users.value = list;
      })
      .catch(() => {
        loading = null; // try again next time someone asks
      });

  const byId = computed(() => new Map(users.value.map((u) => [u.id, u])));
  const nameOf = (id: number | null | undefined) =>
    id === null || id === undefined ? '' : (byId.value.get(id)?.display_name ?? `#${id}`);
  const active = computed(() => users.value.filter((u) => u.active));
  // Records that name their writer by login (audit, plan reviews) show the person's name.
  const byLogin = computed(() => new Map(users.value.map((u) => [u.login, u])));
  const nameOfLogin = (login: string) => byLogin.value.get(login)?.display_name || login;

  return { users, active, nameOf, nameOfLogin };
}
