import { createRoute, z } from '@hono/zod-openapi';
import { CohortKeyRef } from './baselines.js';
import { COST_KINDS } from '../../domain/cost-kinds.js';
import { VALUE_KPI_NAMES, type ValueKpiName } from '../../domain/kpis/kpi-value.js';
import { BENCHMARKS } from '../../domain/value/benchmarks.js';
import { json, orNull } from './declare.js';
import { FilterQuery, KpiValue } from './kpis.js';
import { CHANGE_TESTS, VERDICTS } from '../../domain/report/week-over-week.js';

/** A band of an industry benchmark, as a fraction (0.15 = 15%); shown beside the figures, never used. */
export const BenchmarkBand = z
  .strictObject({ low: z.number().nullable(), high: z.number().nullable(), text: z.string() })
  .openapi('BenchmarkBand');

type BenchmarkName = keyof typeof BENCHMARKS;
const BENCHMARK_NAMES = Object.keys(BENCHMARKS) as BenchmarkName[];

/** The benchmark bands of KPIS.md, by name. */
export const Benchmarks = z
  .strictObject(
    Object.fromEntries(BENCHMARK_NAMES.map((name) => [name, BenchmarkBand])) as Record<
      BenchmarkName,
      typeof BenchmarkBand
    >,
  )
  .openapi('Benchmarks');

/** One baseline cohort of the agents' mix: its share of the verified outcomes and what it contributes. */
export const ValueCohort = z
  .strictObject({
    key: CohortKeyRef,
    verified_outcomes: z.number(),
    weight: z
      .number()
      .openapi({ description: "the cohort's share of the verified outcomes the baseline covers" }),
    baseline_cost_per_item: z.number(),
    handle_hours: z.number(),
    labor_hours_displaced: z.number(),
  })
  .openapi('ValueCohort');

/** A verdict against the baseline (too little data to test reads as no significant difference, with a reason). */
const SignificanceVerdict = z.enum(VERDICTS).extract(['better', 'worse', 'no significant difference']);

/** One KPI of the agents against the baseline, with the test behind the verdict. */
export const SignificanceRow = z
  .strictObject({
    kpi: z.string(),
    agent: z.number().nullable(),
    baseline: z.number().nullable(),
    verdict: SignificanceVerdict.openapi({ description: 'after the Holm–Bonferroni correction' }),
    test: z.enum(CHANGE_TESTS),
    p: z
      .number()
      .nullable()
      .openapi({ description: 'two-sided; null when the samples were too small to test' }),
    p_adjusted: z.number().nullable(),
    uncorrected_verdict: SignificanceVerdict.optional(),
    n_agent: z.number(),
    n_baseline: z.number(),
    reason: z.string().optional().openapi({ description: 'why there was no test, when there was none' }),
  })
  .openapi('SignificanceRow');

/** The difference-in-differences of one KPI against the concurrent human control group. */
export const DidRow = z
  .strictObject({
    kpi: z.enum(['mttr_s', 'fcr_rate']),
    agent_post: z.number(),
    control_post: z.number(),
    baseline_pre: z.number(),
    estimate: z
      .number()
      .openapi({ description: '(agent_post − baseline_pre) − (control_post − baseline_pre)' }),
    ci: z.tuple([z.number(), z.number()]),
    p: z.number(),
    n_agent: z.number(),
    n_control: z.number(),
  })
  .openapi('DidRow');

const LinearTrend = z.strictObject({ intercept: z.number(), slope: z.number() }).openapi('LinearTrend');

/** Cumulative ROI projected to the end of year one and year three, beside the benchmark bands. */
export const RoiProjection = z
  .strictObject({
    year_one_roi: KpiValue,
    year_three_roi: KpiValue,
    trend: z.strictObject({ net_savings: LinearTrend, total_cost: LinearTrend }).nullable().openapi({
      description: 'least-squares lines over month 1 … m (micro-units a month); null under 3 months',
    }),
    observed_months: z.number(),
    assumptions: z.array(z.string()).readonly(),
    benchmarks: z.strictObject({
      year_three_cumulative_roi: BenchmarkBand,
      year_one_efficiency_gain: BenchmarkBand,
    }),
  })
  .openapi('RoiProjection');

const COST_COMPONENTS = [...COST_KINDS, 'unallocated'] as const;

/** The one-screen ROI statement (src/services/value/get-roi.ts); its lists are readonly there, so here too. */
export const RoiStatement = z
  .strictObject({
    from: z.string(),
    to: z.string(),
    as_of: z.string(),
    currency: z.string(),
    baseline: z.strictObject({ version: z.number(), from: z.string(), to: z.string() }).nullable(),
    value: z
      .strictObject(
        Object.fromEntries(VALUE_KPI_NAMES.map((name) => [name, KpiValue])) as Record<
          ValueKpiName,
          typeof KpiValue
        >,
      )
      .openapi('ValueKpiSet'),
    costs: z
      .strictObject(
        Object.fromEntries(COST_COMPONENTS.map((kind) => [kind, z.number()])) as Record<
          (typeof COST_COMPONENTS)[number],
          z.ZodNumber
        >,
      )
      .openapi({ description: 'every cost component in currency units; they add up to total_cost' }),
    roi_cumulative: orNull(KpiValue),
    since_go_live: z.string().nullable(),
    cohorts: z.array(ValueCohort).readonly(),
    notes: z.array(z.string()).readonly(),
    significance: z.array(SignificanceRow),
    multiple_comparisons: z.string(),
    difference_in_differences: z.strictObject({ rows: z.array(DidRow), reason: z.string().nullable() }),
    projection: orNull(RoiProjection),
    benchmarks: Benchmarks,
  })
  .openapi('RoiStatement');

/** A workflow × category no agent handles yet, with its projected monthly value. */
export const UseCaseCandidate = z
  .strictObject({
    workflow: z.string().nullable(),
    category: z.string().nullable(),
    monthly_volume: z.number().openapi({ description: 'handled items per average month of the baseline' }),
    baseline_cost_per_item: z.number(),
    projected_monthly_value: z
      .number()
      .openapi({ description: 'monthly_volume × baseline_cost_per_item × automation_rate' }),
  })
  .openapi('UseCaseCandidate');

export const NextUseCases = z
  .strictObject({
    automation_rate: z.number(),
    automation_rate_source: z.enum(['parameter', 'mean agent containment', 'benchmark low end']),
    candidates: z.array(UseCaseCandidate).readonly(),
    baseline_version: z.number(),
  })
  .openapi('NextUseCases');

export const getRoiRoute = createRoute({
  method: 'get',
  path: '/v1/roi',
  summary: 'The one-screen ROI statement of the items opened in [from, to)',
  request: {
    query: z.object({
      ...FilterQuery,
      as_of: z.string().optional().openapi({ description: 'verification states as of this time' }),
    }),
  },
  responses: { 200: json(RoiStatement, 'the ROI statement') },
});

export const getNextUseCasesRoute = createRoute({
  method: 'get',
  path: '/v1/next-use-cases',
  summary: 'Workflows and categories no agent handles yet, ranked by projected monthly value',
  request: {
    query: z.object({
      automation_rate: z.string().optional().openapi({
        description: "achievable automation rate in (0, 1] (default: the agents' mean containment)",
      }),
    }),
  },
  responses: { 200: json(NextUseCases, 'the ranking and the automation rate it assumed') },
});
