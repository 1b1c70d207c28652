import { createRoute, z } from '@hono/zod-openapi';
import { KPI_NAMES, type KpiName } from '../../domain/kpis/kpi-value.js';
import {
  BASELINE_BESIDE_NAMES,
  BASELINE_WEIGHTS,
  type BaselineBesideName,
} from '../../domain/value/baseline-beside.js';
import { COMPARISON_BASES } from '../../domain/maturity.js';
import { CHANGE_TESTS, VERDICTS } from '../../domain/report/week-over-week.js';
import { BaselineKpis } from '../../domain/baseline/baseline.js';
import { GROUP_DIMENSIONS } from '../../services/kpis/get-kpis.js';
import { json } from './declare.js';

/** One KPI: its value (null with a reason when it cannot be computed), its 95% interval and its n. */
export const KpiValue = z
  .strictObject({
    value: z.number().nullable(),
    ci: z.tuple([z.number(), z.number()]).nullable(),
    n: z.number(),
    low_n: z.boolean().optional(),
    reason: z.string().optional(),
  })
  .openapi('KpiValue');

function everyKpi<S extends z.ZodType>(schema: S) {
  return z.strictObject(Object.fromEntries(KPI_NAMES.map((name) => [name, schema])) as Record<KpiName, S>);
}

/** Every KPI of the definitions, by name. */
export const KpiSet = everyKpi(KpiValue).openapi('KpiSet');

/** A group's key: one value per grouped dimension (null where the items have none). */
export const GroupKey = z.record(z.string(), z.union([z.string(), z.number(), z.null()])).openapi('GroupKey');

/** The baseline figure beside one agent KPI, re-weighted to the group's cohort mix. */
export const BaselineFigure = z
  .strictObject({
    baseline_kpi: BaselineKpis.keyof(),
    value: z.number().nullable(),
    weights: z.enum(BASELINE_WEIGHTS),
    n: z.number(),
    cohorts: z.number(),
    method: z.literal('weighted mean of cohort values'),
    reason: z.string().optional(),
  })
  .openapi('BaselineFigure');

export const KpiGroup = z
  .strictObject({
    key: GroupKey,
    kpis: KpiSet,
    baseline: z
      .strictObject({
        version: z.number(),
        kpis: z.strictObject(
          Object.fromEntries(BASELINE_BESIDE_NAMES.map((name) => [name, BaselineFigure])) as Record<
            BaselineBesideName,
            typeof BaselineFigure
          >,
        ),
      })
      .optional(),
  })
  .openapi('KpiGroup');

/** One KPI of a period beside the earlier period it is compared with. */
export const KpiChange = z
  .strictObject({
    previous: KpiValue,
    verdict: z.enum(VERDICTS),
    delta: z.number().nullable(),
    test: z.enum(CHANGE_TESTS).nullable(),
    p: z.number().nullable(),
    p_adjusted: z.number().nullable().optional(),
  })
  .openapi('KpiChange');

export const KpiAnswer = z
  .strictObject({
    from: z.string(),
    to: z.string(),
    as_of: z.string(),
    currency: z.string(),
    baseline_version: z.number().nullable(),
    filters: z.record(z.string(), z.array(z.union([z.string(), z.number()]))),
    group_by: z.array(z.enum(GROUP_DIMENSIONS)),
    maturity: z.strictObject({ settled: z.boolean(), settles_at: z.string() }),
    groups: z.array(KpiGroup),
    comparison: z
      .strictObject({
        basis: z.enum(COMPARISON_BASES),
        previous: z.strictObject({ from: z.string(), to: z.string(), as_of: z.string() }),
        multiple_comparisons: z.string(),
        groups: z.array(z.strictObject({ key: GroupKey, kpis: everyKpi(KpiChange) })),
      })
      .optional(),
  })
  .openapi('KpiAnswer');

/** A list parameter: repeated (`agent=a&agent=b`) or comma-separated (`agent=a,b`). */
export const ListParam = z.union([z.string(), z.array(z.string())]);

/** The window and filters of every analytical read. */
export const FilterQuery = {
  from: z
    .string()
    .openapi({ description: 'start, inclusive (ISO-8601 time or date, in the tenant time zone)' }),
  to: z.string().openapi({ description: 'end, exclusive' }),
  agent: ListParam.optional(),
  workflow: ListParam.optional(),
  category: ListParam.optional(),
  priority: ListParam.optional().openapi({ description: 'priorities 1..5' }),
  channel: ListParam.optional(),
};

export const getKpisRoute = createRoute({
  method: 'get',
  path: '/v1/kpis',
  summary: 'Every KPI over the items opened in [from, to), grouped as asked',
  request: {
    query: z.object({
      ...FilterQuery,
      group_by: ListParam.optional().openapi({ description: `any of ${GROUP_DIMENSIONS.join(', ')}` }),
      as_of: z.string().optional().openapi({ description: 'verification states as of this time' }),
      compare: z.enum(['previous']).optional(),
    }),
  },
  responses: { 200: json(KpiAnswer, 'the KPIs of each group') },
});
