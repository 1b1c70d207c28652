import type { KpiPart } from '../../../src/domain/kpis/kpi-members.js';
import type { KpiName, KpiValue, ValueKpiName } from '../../../src/domain/kpis/kpi-value.js';
import type { KpiChange } from '../../../src/domain/kpis/period-change.js';
import type { ComparisonBasis } from '../../../src/domain/maturity.js';
import type { Verdict } from '../../../src/domain/report/week-over-week.js';
import type { Permission, Role } from '../../../src/domain/roles.js';
import type { BaselineBesideName, BaselineFigure } from '../../../src/domain/value/baseline-beside.js';
import type { BENCHMARKS } from '../../../src/domain/value/benchmarks.js';
import type { ConcurrentControlEstimate } from '../../../src/domain/value/concurrent-control.js';
import type { RoiProjection } from '../../../src/domain/value/projection.js';
import type { ValueCohort } from '../../../src/domain/value/value-kpis.js';

export type {
  BaselineBesideName,
  BaselineFigure,
  ComparisonBasis,
  KpiChange,
  KpiName,
  KpiPart,
  KpiValue,
  Permission,
  Role,
  Verdict,
};
export type KpiSet = Partial<Record<KpiName, KpiValue>>;

/** GET /v1/session and POST /v1/session. */
export interface Session {
  user: { id: string; email: string; role: Role };
  tenant: { id: string; name: string; currency: string; time_zone: string };
  permissions: Permission[];
  csrf_token: string;
  expires_at: string;
}

export type GroupKey = Record<string, string | number | null>;

/** One group of GET /v1/kpis: its key, its KPIs and, once a baseline is frozen, the baseline beside them. */
export interface KpiGroup {
  key: GroupKey;
  kpis: KpiSet;
  /** The frozen baseline re-weighted by the server to this group's cohort mix, the weights named. */
  baseline?: { version: number; kpis: Record<BaselineBesideName, BaselineFigure> };
}

/** `comparison` of GET /v1/kpis?compare=previous: the period just before, made comparable by the server. */
export interface KpiComparison {
  basis: ComparisonBasis;
  previous: { from: string; to: string; as_of: string };
  multiple_comparisons: string;
  groups: { key: GroupKey; kpis: Partial<Record<KpiName, KpiChange>> }[];
}

/** GET /v1/kpis. */
export interface KpiAnswer {
  from: string;
  to: string;
  as_of: string;
  currency: string;
  baseline_version: number | null;
  filters: Record<string, unknown>;
  group_by: string[];
  /** Whether the window's figures have settled; until `settles_at` they still move. */
  maturity: { settled: boolean; settles_at: string };
  groups: KpiGroup[];
  /** Only with `compare=previous`. */
  comparison?: KpiComparison;
}

/** GET /v1/baselines/current (404 while none is frozen); read defensively, fields may be added. */
export interface BaselineAnswer {
  id?: string;
  version?: number;
  from?: string | number;
  to?: string | number;
  frozen_at?: string | number;
  cohort_by?: string[];
  cohorts?: { key: GroupKey; kpis: Partial<Record<string, KpiValue>> }[];
  warnings?: string[];
}

/** GET /v1/next-use-cases: a ranking of not-yet-automated cohorts (read defensively). */
export interface NextUseCasesAnswer {
  automation_rate?: number;
  automation_rate_source?: string;
  candidates?: {
    workflow?: string | null;
    category?: string | null;
    monthly_volume?: number;
    baseline_cost_per_item?: number;
    projected_monthly_value?: number;
  }[];
}

export interface Agent {
  id: string;
  name: string;
  vendor: string | null;
  version: string | null;
  scope: { categories?: string[]; priorities?: number[]; channels?: string[] } | null;
  updated_at: string;
}

export interface Workflow {
  id: string;
  name: string;
  department: string | null;
  sla_hours: Record<string, number>;
  updated_at: string;
}

export interface Item {
  id: string;
  source: string;
  external_id: string;
  workflow: string | null;
  category: string | null;
  priority: number | null;
  channel: string | null;
  opened_at: string;
  first_response_at: string | null;
  resolved_at: string | null;
  closed_at: string | null;
  reassignment_count: number;
  reopen_count: number;
  handled_by: string;
  outcome: string;
  confidence: number | null;
  state_change_verified: boolean | null;
  csat: number | null;
  sla_met: boolean | null;
  attributes: Record<string, unknown> | null;
  updated_at: string;
  attached_cost: number;
  verification: {
    state: string | null;
    window_closes_at: string | null;
    reversed_at: string | null;
    reversal_reason: string | null;
  };
}

/** GET /v1/items without `kpi`. */
export interface ItemPage {
  items: Item[];
  next_cursor: string | null;
}

/** GET /v1/items?kpi=NAME&part=…: the items one side of a KPI counts, and how many there are in all. */
export interface KpiItemPage extends ItemPage {
  kpi: KpiName;
  part: KpiPart;
  count: number;
}

export interface ItemDetail extends Item {
  links: { kind: string; source: string; external_id: string }[];
  linked_from: { kind: string; source: string; external_id: string; opened_at: string }[];
  costs: {
    id: string;
    kind: string;
    amount: number;
    currency: string;
    starts_at: string;
    tokens_in: number | null;
    tokens_out: number | null;
    model: string | null;
  }[];
  audit: { seq: number; at: string; actor: string; action: string; hash: string }[];
}

/** GET /v1/dashboard/outcomes. */
export interface OutcomeMixAnswer {
  groups: { key: GroupKey; counts: Record<string, number>; total: number }[];
}

/**
 * A component of the AI cost: a cost kind of POST /v1/costs, or the unallocated range-cost shares
 * (src/domain/item-input.ts COST_KINDS, written out: that module needs Node's types).
 */
export type CostComponent =
  'inference' | 'compute' | 'licensing' | 'integration' | 'outcome_fee' | 'oversight' | 'unallocated';

/** GET /v1/dashboard/costs: every component, zero when none, adding up to `total` (total_cost). */
export interface CostsAnswer {
  from: string;
  to: string;
  currency: string;
  filters: Record<string, (string | number)[]>;
  kinds: { kind: CostComponent; amount: number }[];
  total: number;
}

export interface ActivityCounts {
  conversations: number;
  messages: number;
  tokens_in: number;
  tokens_out: number;
  model_calls: number;
}

/** GET /v1/dashboard/activity. */
export interface ActivityAnswer {
  kind: 'activity';
  totals: ActivityCounts;
  bucket: 'day' | 'week' | null;
  series: ({ period: string } & ActivityCounts)[];
}

/** A row of the ROI statement's significance table: the agents against the baseline, Holm-corrected. */
export interface SignificanceRow {
  kpi: string;
  agent: number | null;
  baseline: number | null;
  /** Already corrected for the statement's several tests (`p_adjusted` under α or no verdict). */
  verdict: 'better' | 'worse' | 'no significant difference';
  test: 'two-proportion z-test' | 'Mann-Whitney U' | 'van Elteren (Mann-Whitney within cohorts)';
  p: number | null;
  p_adjusted: number | null;
  n_agent: number;
  n_baseline: number;
  reason?: string;
}

/** GET /v1/roi (404 on a server without it). */
export interface RoiAnswer {
  from: string;
  to: string;
  as_of: string;
  currency: string;
  baseline: { version: number; from: string; to: string } | null;
  value: Record<ValueKpiName, KpiValue>;
  /** Every cost component side by side, in currency units; they add up to value.total_cost. */
  costs: Record<CostComponent, number>;
  roi_cumulative: KpiValue | null;
  since_go_live: string | null;
  cohorts: readonly ValueCohort[];
  notes: readonly string[];
  significance: SignificanceRow[];
  /** How the verdicts were corrected for testing several KPIs at once. */
  multiple_comparisons: string;
  difference_in_differences: {
    rows: ({ kpi: 'mttr_s' | 'fcr_rate' } & ConcurrentControlEstimate)[];
    reason: string | null;
  };
  projection: RoiProjection | null;
  benchmarks: typeof BENCHMARKS;
}
