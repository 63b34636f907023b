import { api } from './client';
import type { Level } from './types';

// The relationship stages as the plan rules name them (GET /api/settings/account-plan, which
// anyone signed in reads): the five stages from nurturing up, then the interrupted one. The
// document is typed loosely by the API (RulesDocument); these are the parts read here.
interface PlanRulesStages {
  stage_rules?: { stages?: Level[] };
  interrupted?: Level;
}

/** The stage codes with their names, in the rules' order. */
export async function fetchRelationshipStages(): Promise<Level[]> {
  const rules = await api.get<PlanRulesStages>('/api/settings/account-plan');
  const stages = (rules.stage_rules?.stages ?? []).map(({ code, name_zh, name_en }) => ({ code, name_zh, name_en }));
  if (rules.interrupted) {
    const { code, name_zh, name_en } = rules.interrupted;
    stages.push({ code, name_zh, name_en });
  }
  return stages;
}
