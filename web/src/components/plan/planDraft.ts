import type { ActionBody, ObjectiveBody, SituationBody } from '@/api/plan';
import type { AccountPlan, PlanOption } from '@/api/types';

/** The situation as the form holds it: '' for no choice or no text. */
export interface SituationDraft {
  industry_grade: string;
  value_type: string;
  sensitivity: string;
  competitors: { name: string; position: string }[];
  customer_goals: string;
  customer_pressures: string;
  stance: string;
  stance_reason: string;
}

export const SITUATION_FIELDS = [
  'industry_grade',
  'value_type',
  'sensitivity',
  'competitors',
  'customer_goals',
  'customer_pressures',
  'stance',
  'stance_reason',
] as const;

export function situationDraftOf(plan: AccountPlan): SituationDraft {
  return {
    industry_grade: plan.plan.industry_grade,
    value_type: plan.plan.value_type,
    sensitivity: plan.plan.sensitivity,
    competitors: plan.plan.competitors.map((c) => ({ name: c.name, position: c.position })),
    customer_goals: plan.plan.customer_goals,
    customer_pressures: plan.plan.customer_pressures,
    stance: plan.stance.override ?? '',
    stance_reason: plan.stance.override_reason,
  };
}

const orNull = (text: string) => (text.trim() === '' ? null : text.trim());

/**
 * The body of PUT /plan: empty texts and choices as null, competitor rows left wholly empty
 * dropped (a row with a position but no name is sent, so the server names its missing name),
 * and no stance reason without a stance set by hand.
 */
export function situationBody(draft: SituationDraft, version: number): SituationBody {
  const stance = orNull(draft.stance);
  return {
    version,
    industry_grade: orNull(draft.industry_grade),
    value_type: orNull(draft.value_type),
    sensitivity: orNull(draft.sensitivity),
    competitors: draft.competitors
      .map((c) => ({ name: c.name.trim(), position: c.position.trim() }))
      .filter((c) => c.name !== '' || c.position !== ''),
    customer_goals: orNull(draft.customer_goals),
    customer_pressures: orNull(draft.customer_pressures),
    stance,
    stance_reason: stance ? orNull(draft.stance_reason) : null,
  };
}

/** Whether the draft says something else than `before` (what a save would change). */
export function situationChanged(before: SituationDraft, draft: SituationDraft): boolean {
  return JSON.stringify(situationBody(before, 0)) !== JSON.stringify(situationBody(draft, 0));
}

/** A share in basis points as a percentage with two decimals: 2500 → "25.00%"; null → "". */
export function percentText(bp: number | null | undefined): string {
  if (bp === null || bp === undefined) return '';
  const negative = bp < 0;
  const abs = Math.abs(bp);
  return `${negative ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}%`;
}

/** An option's name in the locale, or the code when the rules no longer list it. */
export function optionName(list: readonly PlanOption[], code: string, locale: string): string {
  const o = list.find((x) => x.code === code);
  if (!o) return code;
  return locale.startsWith('zh') ? o.name_zh : o.name_en;
}

/** The selling approach a choice implies, in the locale; '' without a choice. */
export function optionApproach(list: readonly PlanOption[], code: string, locale: string): string {
  const o = list.find((x) => x.code === code);
  if (!o) return '';
  return locale.startsWith('zh') ? o.approach_zh : o.approach_en;
}

/** The objective form: texts as typed, in the measure's unit (percent, yuan, count). */
export interface ObjectiveDraft {
  title: string;
  measure: string;
  measure_name: string;
  baseline: string;
  target: string;
  current_value: string;
  due_on: string;
}

export const OBJECTIVE_FIELDS = ['title', 'measure', 'measure_name', 'baseline', 'target', 'current_value', 'due_on'] as const;

export function emptyObjective(year: number): ObjectiveDraft {
  return {
    title: '',
    measure: 'share_of_wallet',
    measure_name: '',
    baseline: '',
    target: '',
    current_value: '',
    due_on: `${year}-12-31`,
  };
}

/** The body of POST /objectives: "45%" read as 45, empty texts as null, a free measure's name and value only for it. */
export function objectiveBody(draft: ObjectiveDraft): ObjectiveBody {
  const number = (text: string) => orNull(text.replace(/[%％,，\s]/g, ''));
  const free = draft.measure === 'free';
  return {
    title: draft.title.trim(),
    measure: draft.measure,
    measure_name: free ? orNull(draft.measure_name) : null,
    baseline: number(draft.baseline),
    target: number(draft.target),
    current_value: free ? number(draft.current_value) : null,
    due_on: orNull(draft.due_on),
  };
}

/** The action form. */
export interface ActionDraft {
  objective_id: number | null;
  title: string;
  due_at: string;
  owner_id: number | null;
  contact_id: number | null;
  notes: string;
}

export const ACTION_FIELDS = ['objective_id', 'title', 'due_at', 'owner_id', 'contact_id', 'notes'] as const;

export function actionBody(draft: ActionDraft): ActionBody {
  return {
    objective_id: draft.objective_id,
    title: draft.title.trim(),
    due_at: draft.due_at,
    owner_id: draft.owner_id,
    contact_id: draft.contact_id,
    notes: orNull(draft.notes),
  };
}
