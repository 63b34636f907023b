import { computed, ref } from 'vue';
import { api } from '@/api/client';
import type { Level } from '@/api/types';
import type { ClassKind } from '@/components/accounts/accountFilters';

// The levels of the rules in force, which every signed-in user may read (/api/settings/rules):
// the account list names the classes it filters and shows by them. ABC classes and RFM
// segments are fixed by the method and come with every analysis instead.
interface RulesLevels {
  pyramid: Level[];
  spend_tiers: Level[];
  card_tiers: Level[];
}

const rules = ref<RulesLevels | null>(null);
let asked: Promise<void> | null = null;

export function useClassLevels() {
  asked ??= api.get<RulesLevels>('/api/settings/rules').then(
    (r) => {
      rules.value = r;
    },
    () => {
      asked = null; // ask again next time
    },
  );
  const levels = computed<Partial<Record<ClassKind, Level[]>>>(() => ({
    pyramid: rules.value?.pyramid ?? [],
    spend_tier: rules.value?.spend_tiers ?? [],
    card_tier: rules.value?.card_tiers ?? [],
  }));
  return { levels };
}
