import { createRoute, z } from '@hono/zod-openapi';
import { BaselineKpis } from '../../domain/baseline/baseline.js';
import { CohortField, CohortKey } from '../../domain/baseline/cohort-key.js';
import { RateCard as RateCardInput } from '../../domain/baseline/rate-card.js';
import { StoredText } from '../../domain/text.js';
import { DeploymentInput } from '../../services/config/deployments.js';
import { json, jsonBody, named } from './declare.js';
import { KpiValue, ListParam } from './kpis.js';

/** An amount of money as it was sent: a JSON number or a decimal string (at most 6 decimals). */
const Amount = z.union([z.number(), z.string()]);

const CohortSelector = {
  workflow: z.string().optional(),
  category: z.string().optional(),
  priority: z.number().int().optional(),
  channel: z.string().optional(),
};

/** A rate card's terms as stored: what PUT /v1/rate-cards/{id} was sent, with every default filled in. */
export const RateCardTerms = z
  .strictObject({
    staff_hourly_rate: Amount,
    contractor_hourly_rate: Amount.optional(),
    contractor_share: z.number(),
    management_overhead: z.number(),
    fte_hours_per_month: z.number(),
    sla_penalty_per_breach: Amount,
    handle_hours: z.strictObject({
      default: z.number(),
      cohorts: z.array(z.strictObject({ ...CohortSelector, hours: z.number() })),
    }),
    amortisation_months: z.number().int(),
    escalation_overhead_minutes: z.strictObject({
      default: z.number(),
      cohorts: z.array(z.strictObject({ ...CohortSelector, minutes: z.number() })),
    }),
  })
  .openapi('RateCardTerms');

export const RateCard = z
  .strictObject({ id: z.string(), rate_card: RateCardTerms, updated_at: z.string() })
  .openapi('RateCard');

/** An agent's go-live on a workflow: the boundary between baseline and rollout. */
export const Deployment = z
  .strictObject({
    agent_id: z.string(),
    workflow: z.string(),
    go_live_at: z.string(),
    updated_at: z.string(),
  })
  .openapi('Deployment');

/** The human-side KPIs of a baseline, named and shaped as the agent side's. */
const BaselineKpiSet = z
  .strictObject(
    Object.fromEntries(BaselineKpis.keyof().options.map((name) => [name, KpiValue])) as Record<
      keyof typeof BaselineKpis.shape,
      typeof KpiValue
    >,
  )
  .openapi('BaselineKpis');

/** A cohort's key: the values of the baseline's cohort fields. */
export const CohortKeyRef = named(CohortKey, 'CohortKey');

export const BaselineCohort = z
  .strictObject({ key: CohortKeyRef, kpis: BaselineKpiSet })
  .openapi('BaselineCohort');

const BaselineFigures = {
  cohort_by: z.array(CohortField),
  cohorts: z.array(BaselineCohort),
  totals: BaselineKpiSet,
  warnings: z.array(z.string()),
};

/** A baseline computed and not stored (its window in epoch milliseconds, as the computation has it). */
export const BaselinePreview = z
  .strictObject({
    from: z.string().openapi({ description: 'start of the window (ISO-8601)' }),
    to: z.string().openapi({ description: 'end of the window, exclusive (ISO-8601)' }),
    ...BaselineFigures,
    rate_card_id: z.string(),
  })
  .openapi('BaselinePreview');

/** A frozen baseline: immutable, versioned, hashed, with the rate card it was computed with. */
export const Baseline = z
  .strictObject({
    id: z.string(),
    version: z.number().int(),
    name: z.string().nullable(),
    from: z.string(),
    to: z.string(),
    ...BaselineFigures,
    rate_card_id: z.string(),
    rate_card: RateCardTerms,
    frozen_at: z.string(),
    frozen_by: z.string(),
    hash: z.string().openapi({ description: 'SHA-256 of the canonical JSON of the baseline and rate card' }),
  })
  .openapi('Baseline');

/** A frozen baseline in a list: its cohorts counted, not shown. */
export const BaselineSummary = z
  .strictObject({
    id: z.string(),
    version: z.number().int(),
    name: z.string().nullable(),
    from: z.string(),
    to: z.string(),
    rate_card_id: z.string(),
    cohorts: z.number().int(),
    warnings: z.array(z.string()),
    frozen_at: z.string(),
    hash: z.string(),
  })
  .openapi('BaselineSummary');

/** POST /v1/baselines: the window to freeze (ISO-8601 times or dates in the tenant time zone). */
export const FreezeBody = z.strictObject({
  from: StoredText,
  to: StoredText,
  cohort_by: z.array(CohortField).min(1).optional(),
  rate_card: StoredText.optional(),
  name: StoredText.trim().min(1).max(200).optional(),
});

export const putRateCardRoute = createRoute({
  method: 'put',
  path: '/v1/rate-cards/{id}',
  summary: 'Create or replace a rate card',
  request: { params: z.object({ id: z.string() }), body: jsonBody(RateCardInput, 'the rate card') },
  responses: { 200: json(RateCard, 'the rate card as stored') },
});

export const getRateCardRoute = createRoute({
  method: 'get',
  path: '/v1/rate-cards/{id}',
  summary: 'One rate card',
  request: { params: z.object({ id: z.string() }) },
  responses: { 200: json(RateCard, 'the rate card') },
});

export const listRateCardsRoute = createRoute({
  method: 'get',
  path: '/v1/rate-cards',
  summary: 'Every rate card of the tenant',
  responses: { 200: json(z.strictObject({ rate_cards: z.array(RateCard) }), 'the rate cards') },
});

export const putDeploymentRoute = createRoute({
  method: 'put',
  path: '/v1/deployments/{agent}/{workflow}',
  summary: "Record an agent's go-live date on a workflow",
  request: {
    params: z.object({ agent: z.string(), workflow: z.string() }),
    body: jsonBody(DeploymentInput, 'the go-live time (ISO-8601 time or date, in the tenant time zone)'),
  },
  responses: { 200: json(Deployment, 'the deployment as stored') },
});

export const listDeploymentsRoute = createRoute({
  method: 'get',
  path: '/v1/deployments',
  summary: 'Every deployment of the tenant',
  responses: { 200: json(z.strictObject({ deployments: z.array(Deployment) }), 'the deployments') },
});

export const previewBaselineRoute = createRoute({
  method: 'get',
  path: '/v1/baselines/preview',
  summary: 'Compute (not store) the human baseline of a window',
  request: {
    query: z.object({
      from: z
        .string()
        .openapi({ description: 'start, inclusive (ISO-8601 time or date, in the tenant time zone)' }),
      to: z.string().openapi({ description: 'end, exclusive' }),
      cohort_by: ListParam.optional().openapi({ description: `any of ${CohortField.options.join(', ')}` }),
      rate_card: z.string().optional().openapi({ description: 'the rate card to price with (default)' }),
    }),
  },
  responses: { 200: json(BaselinePreview, 'the baseline of the window') },
});

export const freezeBaselineRoute = createRoute({
  method: 'post',
  path: '/v1/baselines',
  summary: 'Compute and freeze a baseline as the next version',
  request: { body: jsonBody(FreezeBody, 'the window and cohorts to freeze') },
  responses: { 201: json(Baseline, 'the frozen baseline') },
});

export const listBaselinesRoute = createRoute({
  method: 'get',
  path: '/v1/baselines',
  summary: 'Every frozen baseline, newest last, without its cohorts',
  responses: { 200: json(z.strictObject({ baselines: z.array(BaselineSummary) }), 'the baselines') },
});

export const currentBaselineRoute = createRoute({
  method: 'get',
  path: '/v1/baselines/current',
  summary: 'The latest frozen baseline',
  responses: { 200: json(Baseline, 'the latest frozen baseline') },
});

export const getBaselineRoute = createRoute({
  method: 'get',
  path: '/v1/baselines/{version}',
  summary: 'A frozen baseline by version',
  request: { params: z.object({ version: z.string().openapi({ description: 'a positive integer' }) }) },
  responses: { 200: json(Baseline, 'the frozen baseline') },
});
