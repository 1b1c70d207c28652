import type { KpiName, KpiValue } from '../../../src/domain/kpis/kpi-value.js';
import type { Permission, Role } from '../../../src/domain/roles.js';

export type { KpiName, KpiValue, Permission, Role };
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

/** GET /v1/kpis. */
export interface KpiAnswer {
  from: string;
  to: string;
  as_of: string;
  currency: string;
  filters: Record<string, unknown>;
  group_by: string[];
  groups: { key: GroupKey; kpis: KpiSet }[];
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

export interface ItemPage {
  items: Item[];
  next_cursor: string | null;
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

/** GET /v1/dashboard/costs. */
export interface CostsAnswer {
  currency: string;
  kinds: { kind: string; amount: number }[];
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

/** GET /v1/roi: the parts the overview shows (read defensively; see docs/api.md). */
export interface RoiAnswer {
  currency?: string;
  since_go_live?: string | null;
  roi_cumulative?: KpiValue | null;
  projection?: { year_one_roi?: KpiValue; year_three_roi?: KpiValue; observed_months?: number } | null;
  significance?: {
    kpi: string;
    agent: number | null;
    baseline: number | null;
    verdict: string;
    test?: string;
    p: number | null;
    reason?: string;
  }[];
}
