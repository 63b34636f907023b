// Record shapes as the API sends them (docs/api.md, src/server/openapi.json): ids are numbers,
// money is a string in yuan with two decimals, dates and times ISO 8601 strings, enumerations
// by code, empty values null.

import type { components, operations } from './generated';

// Where the OpenAPI document has a shape, the type here is its generated one, so that the UI
// and the server's document cannot drift: a change of src/server/openapi.json regenerates
// generated.ts, and vue-tsc finds every use that no longer fits. The interfaces written out
// below are shapes the document does not give precisely yet (records, whose fields it
// describes generically, and the reports whose schemas it leaves open).

/** The schemas of the OpenAPI document, as generated.ts has them. */
type Schemas = components['schemas'];

/**
 * The JSON body of an operation's 200 answer (by operationId); `unknown` for an operation
 * without one, so that any use of it fails to type-check.
 */
type Answer<Operation extends keyof operations> = operations[Operation]['responses'] extends {
  200: { content: { 'application/json': infer Body } };
}
  ? Body
  : unknown;

export type Money = Schemas['Money'];

export interface RecordMeta {
  id: number;
  version: number;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface Page<T> {
  items: T[];
  total: number;
  next_cursor: string | null;
}

export type Role = Schemas['Role'];
export type CurrentUser = Schemas['CurrentUser'];

export interface User extends RecordMeta {
  login: string;
  display_name: string;
  role: Role;
  team_id: number | null;
  email: string | null;
  mobile: string | null;
  active: boolean;
}

export interface Account extends RecordMeta {
  name: string;
  short_name: string | null;
  credit_code: string | null;
  industry_code: string | null;
  ownership: string | null;
  province: string | null;
  city: string | null;
  address: string | null;
  employees: number | null;
  registered_capital: Money | null;
  annual_revenue: Money | null;
  listed: boolean;
  source: string | null;
  owner_id: number | null;
  team_id: number | null;
  status: string;
  importance: string;
  parent_id: number | null;
  notes: string | null;
  owned_since: string | null;
  pooled_at: string | null;
  /** Only on a lost account (status `lost`): why it went, and the day it did. */
  churn_reason?: string | null;
  lost_on?: string | null;
  /** Only when asked for (`with=classes`): the account's classes over the list's period. */
  classes?: AccountClasses;
  /** Only when asked for (`with=grades`): its churn level, lifetime value and credit grade. */
  grades?: AccountGrades;
  /**
   * Only when asked for (`with=relationship_stage`): its key-account relationship stage as
   * its plan page gives it (a code of the plan rules), null where undetermined.
   */
  relationship_stage?: string | null;
}

export interface Contact extends RecordMeta {
  account_id: number;
  name: string;
  title: string | null;
  department: string | null;
  mobile: string | null;
  phone: string | null;
  email: string | null;
  wechat: string | null;
  birthday: string | null;
  hometown: string | null;
  preferences: string | null;
  /** The FORM profile: family, occupation, recreation, message (recent news). */
  form_family: string | null;
  form_occupation: string | null;
  form_recreation: string | null;
  form_message: string | null;
  reports_to_id: number | null;
}

export interface Activity extends RecordMeta {
  account_id: number;
  contact_id: number | null;
  user_id: number;
  kind: string;
  channel: string;
  occurred_at: string;
  minutes: number;
  subject: string | null;
  notes: string | null;
  outcome: string | null;
}

export interface Order extends RecordMeta {
  account_id: number;
  order_no: string;
  order_date: string;
  amount: Money;
  /** Left out for roles without the financial permission. */
  gross_margin?: Money | null;
  product_line_id: number | null;
  channel: string;
  owner_id: number | null;
  /** The order's lines: sent when one order is read (and by a create or change). */
  lines?: OrderLine[];
}

/** One line of an order (订单明细); `amount` is computed by the server. */
export type OrderLine = Schemas['OrderLine'];
/** A line as an order's create or change sends it. */
export type OrderLineInput = Schemas['OrderLineInput'];

/** A product of the catalogue, of one product line. */
export interface Product extends RecordMeta {
  product_line_id: number;
  sku: string;
  name: string;
  list_price: Money | null;
}

/** Goods returned (退货), taken back against one of the account's orders when known. */
export interface OrderReturn extends RecordMeta {
  account_id: number;
  order_id: number | null;
  return_date: string;
  amount: Money;
  reason: string | null;
}

export interface Invoice extends RecordMeta {
  account_id: number;
  order_id: number | null;
  invoice_no: string;
  invoice_date: string;
  due_date: string;
  amount: Money;
}

export interface Payment extends RecordMeta {
  account_id: number;
  invoice_id: number | null;
  paid_date: string;
  amount: Money;
  method: string | null;
  /** The instalment of a contract's receivable plan (回款计划) it settles, when it names one. */
  instalment_id: number | null;
}

/** One planned instalment of a contract's receivable plan (回款计划), on the contract's account. */
export interface ReceivableInstalment extends RecordMeta {
  account_id: number;
  contract_id: number;
  due_date: string;
  amount: Money;
  notes: string | null;
}

/** An instalment with what the payments naming it add up to (GET /api/accounts/{id}/receivable-plan). */
export type PlannedInstalment = Schemas['PlannedInstalment'];
export type StakeholderMap = Schemas['StakeholderMap'];
export type StakeholderPerson = Schemas['StakeholderPerson'];
export type DepthAssessment = Schemas['DepthAssessment'];
export type Whitespace = Schemas['Whitespace'];
export type WhitespaceCell = Schemas['WhitespaceCell'];

export interface Contract extends RecordMeta {
  account_id: number;
  contract_no: string;
  title: string;
  start_date: string;
  end_date: string;
  value: Money;
  status: string;
  owner_id: number | null;
  /** The won opportunity it was made from, when it was. */
  opportunity_id: number | null;
}

export interface Feedback extends RecordMeta {
  account_id: number;
  contact_id: number | null;
  kind: string;
  received_on: string;
  subject: string;
  body: string | null;
  status: string;
  /** low, normal, high or urgent. */
  severity: string;
  /** The day by which it is to be resolved; set from the severity when not given. */
  due_on: string | null;
  handler_id: number | null;
  resolution: string | null;
  resolved_on: string | null;
}

export interface Task extends RecordMeta {
  account_id: number;
  contact_id: number | null;
  opportunity_id: number | null;
  owner_id: number;
  title: string;
  /** When it is due: ISO 8601 UTC. */
  due_at: string;
  notes: string | null;
  done: boolean;
  /** When it was marked done; kept by the server. */
  done_at: string | null;
  /** The account plan's objective it serves, when it is an action of the plan. */
  objective_id?: number | null;
}

export interface Opportunity extends RecordMeta {
  account_id: number;
  name: string;
  amount: Money;
  expected_close: string;
  owner_id: number | null;
  team_id: number | null;
  pipeline: string;
  stage: string;
  buy_class: string | null;
  /** Where the customer is in its 8-step buying process, 1 … 8. */
  buying_step?: number | null;
  /** The needs ladder (需求六层次), 1 … 6. */
  needs_level?: number | null;
  spin_situation?: string | null;
  spin_problem?: string | null;
  spin_implication?: string | null;
  spin_need_payoff?: string | null;
  competitors: string | null;
  closed_on: string | null;
  close_reason: string | null;
}

export interface BuyingCenterMember extends RecordMeta {
  opportunity_id: number;
  contact_id: number;
  roles: string;
  influence: number;
  attitude: Attitude;
  notes: string | null;
}

export type AuditEntry = Schemas['AuditEntry'];
export type HandoverResult = Schemas['HandoverResult'];

export type YearFigures = Schemas['YearFigures'];
export type Summary = Schemas['CustomerSummary'];

/** A level of a classification as the rules name it (code, name_zh, name_en). */
export type Level = Schemas['Level'];
export type AccountClasses = Schemas['AccountClasses'];
export type AccountGrades = Schemas['AccountGrades'];
/** Each classification's levels in the rules' order, from the top. */
export type ClassificationLevels = Schemas['ClassificationLevels'];
export type ClassFigures = Schemas['ClassFigures'];
export type Analysis = Schemas['Analysis'];
export type SavedQuestions = Schemas['SavedQuestions'];
export type SegmentWorksheet = Schemas['SegmentWorksheet'];
export type Segment = Schemas['Segment'];
export type SegmentAccount = Schemas['SegmentAccount'];
export type SegmentActionSaved = Answer<'setSegmentAction'>;
export type SavedQuestionAccount = Schemas['SavedQuestionAccount'];
export type AccountAnalysis = Schemas['AccountAnalysis'];

// ---- The sales pipeline (docs/api.md, "Sales pipeline") ----

export type StageKind = 'open' | 'won' | 'lost';

export interface PipelineStage {
  code: string;
  name_zh: string;
  name_en: string;
  /** Win probability in percent. */
  probability: number;
  kind: StageKind;
  status?: string;
}

export interface FunnelLevelInfo {
  code: string;
  name_zh: string;
  name_en: string;
  stage: string;
  reference: number;
}

export interface Pipeline {
  name: string;
  version: number;
  stages: PipelineStage[];
  commit_min_probability: number;
  status_groups: { code: string; name_zh: string; name_en: string }[];
  funnel: FunnelLevelInfo[];
}

export type GroupKey = Schemas['GroupKey'];
export type ReportHead = Schemas['ReportHead'];
export type ForecastRow = Schemas['ForecastRow'];
export type ForecastReport = Answer<'getForecast'>;
export type BoardColumn = Schemas['BoardColumn'];
export type BoardReport = Answer<'getBoard'>;
export type SalesStatusReport = Answer<'getSalesStatus'>;
export type AttitudeReport = Answer<'getAttitudeMap'>;
export type ForecastAccuracyReport = Answer<'getForecastAccuracy'>;
export type ForecastSnapshot = Answer<'listForecastSnapshots'>['items'][number];
export type TeamKpis = Answer<'getTeamKpis'>;
export type TeamKpiRow = Schemas['TeamKpiRow'];
export type TeamKpiRate = Schemas['TeamKpiRate'];

export interface FunnelLevelResult {
  reached: number;
  /** Basis points (5000 = 50 %); null where nothing reached the level before. */
  conversion_bp: number | null;
  reference_bp: number;
  attainment_bp: number | null;
}

export interface FunnelRow {
  group: GroupKey;
  opportunities: number;
  reached: number[];
  conversion_bp: (number | null)[];
  levels: FunnelLevelResult[];
  leak_level: number | null;
  leak_stage: string | null;
}

export interface FunnelReport extends ReportHead {
  funnel: FunnelLevelInfo[];
  rows: FunnelRow[];
}

export type Attitude = NonNullable<Schemas['AttitudeCode']>;

export type StageChange = Answer<'getStageHistory'>['items'][number];
export type AttitudeChange = Answer<'getAttitudeHistory'>['items'][number];

export type SopChecklist = Answer<'getSopChecklist'>;
export type SopStep = SopChecklist['steps'][number];
export type SopPhase = SopStep['phase'];

export interface SopCheck extends RecordMeta {
  opportunity_id: number;
  step: string;
  done_on: string;
  note: string | null;
}

export interface VisitReport extends RecordMeta {
  account_id: number;
  opportunity_id: number | null;
  project_no: string | null;
  visit_date: string;
  manager_id: number | null;
  goal: string;
  breakthroughs: string | null;
  next_steps: string | null;
  competitor: string | null;
  /** −5 (far behind) … +5 (all but won). */
  our_progress: number | null;
  competitor_progress: number | null;
  assessment: string | null;
}

export type VisitReportInfluencers = Answer<'getVisitReportInfluencers'>;
export type Influencer = VisitReportInfluencers['items'][number];

// ---- Key moments, lifetime value, churn (docs/key-moments.md, docs/lifetime_value.md) ----

export type Alert = Schemas['Alert'];
export type AlertSeverity = Alert['severity'];
export type AlertState = Alert['state'];
export type AlertDetail = Alert['detail'];

export type LifetimeValueResult = Schemas['LifetimeValue'];
export type ChurnLevel = LifetimeValueResult['churn_level'];
/** `result` is null until `kam clv` (or POST /api/clv-runs) has run. */
export type LifetimeValue = Answer<'getAccountLifetimeValue'>;

export type ChurnReport = Answer<'getChurnReport'>;
export type AccountGradeCounts = Answer<'getAccountGrades'>;
export type GradeCount = AccountGradeCounts['churn_levels'][number];
export type FeedbackReport = Answer<'getFeedbackReport'>;
export type ChurnReasonRow = ChurnReport['reasons'][number];

export interface Rating {
  card: string;
  card_version: number;
  period: string;
  score: number | null;
  grade: string | null;
  partial: boolean;
  missing: string[];
  credit_limit: Money | null;
  rated_at: string;
  rated_by: string;
}

export interface Team extends RecordMeta {
  name: string;
  manager_id: number | null;
  region: string | null;
}

/** The competitive matrix: a product line rated 1–5 on six dimensions, ours (competitor null) and each competitor's. */
export interface CompetitorRating extends RecordMeta {
  product_line_id: number;
  competitor: string | null;
  coverage: number;
  stability: number;
  price: number;
  brand: number;
  service: number;
  operations: number;
  usp: string | null;
}

export interface ProductLine extends RecordMeta {
  code: string;
  name: string;
}

/** A scorecard as the settings list it: its code, version and names. */
export type ScorecardSummary = Answer<'listScorecards'>['items'][number];

/** The key-account plan (客户计划) of one account, as GET /api/accounts/{id}/plan has it. */
export type AccountPlan = Schemas['AccountPlan'];
export type PlanOption = Schemas['PlanOption'];
export type PlanHealth = Schemas['PlanHealth'];
export type PlanObjective = Schemas['PlanObjective'];
export type PlanReview = Schemas['PlanReview'];
export type PlanList = Schemas['PlanList'];
export type PlanCompetitor = Schemas['PlanCompetitor'];

/** Sales targets (业绩目标): GET /api/targets/attainment and /api/targets/trend. */
export type SalesTarget = Schemas['SalesTarget'];
export type TargetMetric = Schemas['TargetMetric'];
export type TargetAttainment = Schemas['TargetAttainment'];
export type TargetImportReport = Answer<'importTargets'>;
export type AttainmentRow = Schemas['AttainmentRow'];
export type TargetCell = Schemas['TargetCell'];
export type TargetTrend = Schemas['TargetTrend'];
