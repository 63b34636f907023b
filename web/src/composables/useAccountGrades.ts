import { computed, ref } from 'vue';
import { fetchAccountGrades } from '@/api/retention';
import type { AccountGradeCounts, GradeCount } from '@/api/types';
import { levelName } from '@/lib/levels';

// The churn levels and credit grades with their names and how many of the user's accounts
// have each (GET /api/reports/account-grades): the account list's options, labels and the
// figure each of its narrowed totals must equal. Asked once a page, again by reload().
const report = ref<AccountGradeCounts | null>(null);
let asked: Promise<void> | null = null;

export function useAccountGrades() {
  const reload = (): Promise<void> =>
    (asked = fetchAccountGrades().then(
      (r) => {
        report.value = r;
      },
      () => {
        asked = null; // ask again next time
      },
    ));
  if (!asked) void reload();
  const churnLevels = computed<GradeCount[]>(() => report.value?.churn_levels ?? []);
  /** null when the user's role has no financial figures. */
  const creditGrades = computed<GradeCount[] | null>(() => report.value?.credit_grades ?? null);
  function gradeLabel(kind: 'churn_level' | 'credit_grade', code: string, locale: string): string {
    const list = kind === 'churn_level' ? churnLevels.value : (creditGrades.value ?? []);
    const found = list.find((g) => g.code === code);
    return found ? levelName(found, locale) : code;
  }
  return { report, churnLevels, creditGrades, gradeLabel, reload };
}
