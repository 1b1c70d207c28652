import { createRoute, z } from '@hono/zod-openapi';
import { COST_KINDS } from '../../domain/cost-kinds.js';
import { OUTCOMES } from '../../domain/kpi-item.js';
import { json } from './declare.js';
import { FilterQuery, ListParam } from './kpis.js';

/** The list filters that are set, as GET /v1/kpis echoes them. */
const Filters = z.record(z.string(), z.array(z.union([z.string(), z.number()])));

/** How many of a group's agent items ended each way. */
export const OutcomeCounts = z
  .strictObject(
    Object.fromEntries(OUTCOMES.map((outcome) => [outcome, z.number().int()])) as Record<
      (typeof OUTCOMES)[number],
      z.ZodNumber
    >,
  )
  .openapi('OutcomeCounts');

export const OutcomeMix = z
  .strictObject({
    from: z.string(),
    to: z.string(),
    filters: Filters,
    group_by: z.array(z.literal('agent')),
    groups: z.array(
      z.strictObject({
        key: z
          .record(z.string(), z.string())
          .openapi({ description: '{ agent } when grouped by agent, else empty' }),
        counts: OutcomeCounts,
        total: z.number().int(),
      }),
    ),
  })
  .openapi('OutcomeMix');

export const CostsByKind = z
  .strictObject({
    from: z.string(),
    to: z.string(),
    currency: z.string(),
    filters: Filters,
    kinds: z
      .array(z.strictObject({ kind: z.enum([...COST_KINDS, 'unallocated']), amount: z.number() }))
      .openapi({ description: 'every cost component in the order of KPIS.md (Costs), zero when none' }),
    total: z.number().openapi({ description: "GET /v1/kpis' total_cost of the same filters" }),
  })
  .openapi('CostsByKind');

/** Activity counts (vanity metrics, never KPIs). */
const activityCounts = {
  conversations: z.number().int(),
  messages: z.number(),
  tokens_in: z.number(),
  tokens_out: z.number(),
  model_calls: z.number().int(),
};

export const ActivityCounts = z.strictObject(activityCounts).openapi('ActivityCounts');

export const Activity = z
  .strictObject({
    from: z.string(),
    to: z.string(),
    filters: Filters,
    kind: z.literal('activity'),
    totals: ActivityCounts,
    bucket: z.enum(['day', 'week']).nullable(),
    series: z.array(z.strictObject({ period: z.string(), ...activityCounts })),
  })
  .openapi('Activity');

export const getOutcomeMixRoute = createRoute({
  method: 'get',
  path: '/v1/dashboard/outcomes',
  summary: "How the filter's agent items ended, counted",
  request: {
    query: z.object({
      ...FilterQuery,
      group_by: ListParam.optional().openapi({ description: 'agent' }),
    }),
  },
  responses: { 200: json(OutcomeMix, 'the outcome counts, in total or per agent') },
});

export const getCostsByKindRoute = createRoute({
  method: 'get',
  path: '/v1/dashboard/costs',
  summary: 'The AI cost of the filter split by component',
  request: { query: z.object(FilterQuery) },
  responses: { 200: json(CostsByKind, 'the cost of each component, and the total') },
});

export const getActivityRoute = createRoute({
  method: 'get',
  path: '/v1/dashboard/activity',
  summary: "Conversations, messages, tokens and model calls of the filter's agent items",
  request: {
    query: z.object({
      ...FilterQuery,
      group_by: ListParam.optional().openapi({ description: 'day or week: a series per bucket' }),
    }),
  },
  responses: { 200: json(Activity, 'the activity in total and per bucket') },
});
