import type { KpiName, KpiSet, KpiValue } from '../kpis/kpi-value.js';
import type { ComparisonBasis } from '../maturity.js';
import type { IsoWeekWindow } from './iso-week.js';
import type { KpiGroup } from './report-kpis.js';
import type { ReportThresholds } from './report-thresholds.js';
import type { LatencySamples, WeekChange } from './week-over-week.js';

/** One week's KPI answers: all agents together, each agent, and the resolution times behind latency. */
export interface WeekKpis extends IsoWeekWindow {
  /** Verification states are evaluated as of this instant. */
  asOf: number;
  overall: KpiSet;
  agents: readonly { agent: string; kpis: KpiSet }[];
  /** Resolution times (seconds) of the agent-resolved items, all agents and per agent. */
  latencies: { overall: readonly number[]; byAgent: ReadonlyMap<string, readonly number[]> };
}

/** Agent resolutions reversed during the week, by reason and by who holds the item now. */
export interface ReversalCount {
  reason: string;
  handledBy: string;
  count: number;
}

/** This week's KPI against the frozen baseline (compareToBaseline), for all agents or one agent. */
export interface BaselineComparison {
  /** `all agents`, or an agent id. */
  scope: string;
  kpi: KpiName;
  verdict: 'better' | 'worse' | 'no significant difference';
  test: 'two-proportion z-test' | 'Mann-Whitney U' | 'van Elteren (Mann-Whitney within cohorts)';
  /** Null when a side had too few items to test. */
  p: number | null;
  /** The baseline's value of the KPI, re-weighted to the agents' cohorts. */
  baseline: number | null;
}

/** The frozen baseline the week is compared with, and the comparisons; null when none is frozen. */
export interface BaselineInput {
  version: number;
  from: number;
  to: number;
  comparisons: readonly BaselineComparison[];
}

/** Everything the pure report builder needs; the service reads it, the builder only judges it. */
export interface WeeklyReportInput {
  tenant: { id: string; name: string; timeZone: string; currency: string };
  current: WeekKpis;
  previous: WeekKpis;
  /** Per-day KPIs over both weeks, oldest first, for the trend chart. */
  daily: readonly { day: string; to: number; kpis: KpiSet }[];
  reversals: readonly ReversalCount[];
  baseline: BaselineInput | null;
  thresholds: ReportThresholds;
  generatedAt: number;
  /** The durability window, which decides when the week's figures settle (KPIS.md, Maturity). */
  durabilityWindowMs: number;
  /** How the two weeks were made comparable (planComparison). */
  basis: ComparisonBasis;
}

/** One KPI of this week beside last week, with what may be said about the change. */
export interface ReportFigure {
  kpi: KpiName;
  group: KpiGroup;
  label: string;
  current: KpiValue;
  previous: KpiValue;
  /** How it is shown: the number, "insufficient data" (low_n), or unavailable with its reason. */
  shown: 'value' | 'insufficient data' | 'unavailable';
  change: WeekChange;
  /** This week against the frozen baseline (delta = this week − baseline); null when not compared. */
  vs_baseline: (WeekChange & { baseline: number | null }) | null;
}

/** A statistically supported change, for the "what went better / worse" lists. */
export interface NotableChange {
  /** `all agents`, or an agent id. */
  scope: string;
  kpi: KpiName;
  label: string;
  current: number;
  previous: number;
  change: WeekChange;
}

/** The recommendation for an agent; `none` while the week's figures are provisional. */
export type AgentAction = 'expand' | 'restrict' | 'hold' | 'none';

/** An agent's line: its figures, and the expand/restrict/hold recommendation with its reasons. */
export interface AgentReview {
  agent: string;
  action: AgentAction;
  reasons: string[];
  figures: ReportFigure[];
}

/** What an open risk is about. */
export type RiskKind =
  | 'no_baseline'
  | 'value_unavailable'
  | 'insufficient_data'
  | 'error_rate_rising'
  | 'error_rate_above_limit'
  | 'reversals'
  | 'sla_misses'
  | 'provisional';

/** One open risk of the week. */
export interface ReportRisk {
  kind: RiskKind;
  severity: 'high' | 'medium' | 'low';
  /** `all agents`, or an agent id. */
  subject: string;
  message: string;
}

/** One day of the trend chart; a rate is null when missing or on fewer than 30 items (never drawn). */
export interface DailyPoint {
  day: string;
  /** The day has not settled yet: its rates still move. */
  provisional: boolean;
  items_handled: number;
  containment_rate: number | null;
  error_rate: number | null;
}

/** The weekly report: what the JSON format answers, and what the HTML, Markdown and PDF show. */
export interface WeeklyReport {
  report: 'weekly';
  tenant: { id: string; name: string; time_zone: string; currency: string };
  week: string;
  from: string;
  to: string;
  as_of: string;
  /** True when the week has not settled as of `as_of`: its figures still move and nothing is recommended. */
  provisional: boolean;
  /** When the week's figures settle(d): its end plus the durability window. */
  settles_at: string;
  /** `settled`: both weeks compared as they stand; `equal_maturity`: last week as it stood as long after its end. */
  comparison_basis: ComparisonBasis;
  previous: { week: string; from: string; to: string; as_of: string };
  /** The frozen baseline compared with; null when none is frozen. */
  baseline: { version: number; from: string; to: string } | null;
  generated_at: string;
  thresholds: ReportThresholds;
  headline: ReportFigure[];
  better: NotableChange[];
  worse: NotableChange[];
  agents: AgentReview[];
  risks: ReportRisk[];
  daily: DailyPoint[];
  reversals: { total: number; by_reason: Record<string, number> };
  benchmarks: string[];
  method: string[];
}

export type { LatencySamples };
