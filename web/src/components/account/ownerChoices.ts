import { computed } from 'vue';
import { useUsers } from '@/composables/useUsers';
import { session } from '@/session';

/**
 * Whom a record (an order, a contract) may be credited to: an account manager credits only
 * themself; others pick within their scope (the server refuses anyone outside it, under the
 * field). The record's current person stays a choice even when no longer offered.
 */
export function useOwnerChoices(current: () => number | null) {
  const { active, nameOf } = useUsers();
  return computed(() => {
    const own = session.permissions?.visibility === 'own' || session.user?.role === 'account_manager';
    const list = own ? active.value.filter((u) => u.id === session.user?.id) : active.value;
    const options = list.map((u) => ({ id: u.id, label: `${u.display_name} (${u.login})` }));
    const id = current();
    if (id !== null && !options.some((o) => o.id === id)) options.unshift({ id, label: nameOf(id) });
    return options;
  });
}
