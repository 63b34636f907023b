import { ref } from 'vue';
import { fetchRelationshipStages } from '@/api/planRules';
import type { Level } from '@/api/types';
import { levelName } from '@/lib/levels';

/**
 * The filter code of the accounts without a stage (no wallet estimate for the year): the
 * server's app/relationship_stages.hpp, not a code of the rules.
 */
export const UNDETERMINED_STAGE = 'undetermined';

// The relationship stages of the plan rules, asked once a page: the account list's filter
// options and its column's names.
const stages = ref<Level[]>([]);
let asked: Promise<void> | null = null;

export function useRelationshipStages() {
  if (!asked)
    asked = fetchRelationshipStages().then(
      (s) => {
        stages.value = s;
      },
      () => {
        asked = null; // ask again next time
      },
    );
  /** A stage's name in the locale; the code itself when the rules no longer name it. */
  function stageLabel(code: string, locale: string): string {
    const found = stages.value.find((s) => s.code === code);
    return found ? levelName(found, locale) : code;
  }
  return { stages, stageLabel };
}
