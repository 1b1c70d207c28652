import { z } from 'zod';
import { CohortField, CohortKey } from './cohort-key.js';

/** One KPI of a baseline, in the shape agent KPIs have in the API (`{ value, ci, n }`, low_n, reason). */
export const BaselineKpiValue = z.strictObject({
  value: z.number().nullable(),
  ci: z.tuple([z.number(), z.number()]).nullable(),
  n: z.number().int().nonnegative(),
  low_n: z.boolean().optional(),
  reason: z.string().optional(),
});
export type BaselineKpiValue = z.infer<typeof BaselineKpiValue>;

/** The human-side KPIs of a baseline, named as the agent side names them (KPIS.md, Names in the API). */
export const BaselineKpis = z.strictObject({
  items_handled: BaselineKpiValue,
  latency_p50_s: BaselineKpiValue,
  latency_p90_s: BaselineKpiValue,
  latency_p95_s: BaselineKpiValue,
  mttr_s: BaselineKpiValue,
  fcr_rate: BaselineKpiValue,
  escalation_rate: BaselineKpiValue,
  reopen_rate: BaselineKpiValue,
  sla_adherence: BaselineKpiValue,
  /** Resolved items that missed their SLA ÷ resolved items with an SLA verdict. */
  sla_breach_rate: BaselineKpiValue,
  /** Handle hours × loaded hourly rate × (1 + management overhead), currency units. */
  cost_per_item: BaselineKpiValue,
  /** The rate card's handle hours of the cohort's items (their mean when they differ). */
  handle_hours: BaselineKpiValue,
});
export type BaselineKpis = z.infer<typeof BaselineKpis>;

/** One cohort of a baseline with its KPIs. */
export const BaselineCohort = z.strictObject({ key: CohortKey, kpis: BaselineKpis });
export type BaselineCohort = z.infer<typeof BaselineCohort>;

/** A baseline: the human team's KPIs per cohort over a window before go-live (times in epoch ms). */
export const Baseline = z.strictObject({
  from: z.number().int(),
  to: z.number().int(),
  cohort_by: z.array(CohortField).min(1),
  cohorts: z.array(BaselineCohort),
  totals: BaselineKpis,
  warnings: z.array(z.string()),
});
export type Baseline = z.infer<typeof Baseline>;
