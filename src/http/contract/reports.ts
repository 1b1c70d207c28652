import { createRoute, z } from '@hono/zod-openapi';
import { KPI_NAMES } from '../../domain/kpis/kpi-value.js';
import { ReportThresholds as ReportThresholdsInput } from '../../domain/report/report-thresholds.js';
import { ReportDeliveriesInput } from '../../services/report/report-deliveries.js';
import { REPORT_FORMATS } from '../../services/report/render-report.js';
import { json, jsonBody } from './declare.js';
import { KpiValue } from './kpis.js';
import { COMPARISON_BASES } from '../../domain/maturity.js';
import { CHANGE_TESTS, VERDICTS } from '../../domain/report/week-over-week.js';

const KpiName = z.enum(KPI_NAMES);

/** A scope of the report: `all agents`, or an agent id. */
const Scope = z.string().openapi({ description: '`all agents`, or an agent id' });

/** A KPI's change from last week to this one (or its difference from the baseline). */
export const WeekChange = z
  .strictObject({
    verdict: z.enum(VERDICTS),
    delta: z.number().nullable().openapi({ description: "this week's value minus the other side's" }),
    test: z.enum(CHANGE_TESTS).nullable(),
    p: z.number().nullable().openapi({ description: 'two-sided p-value, when a test ran' }),
    p_adjusted: z
      .number()
      .nullable()
      .optional()
      .openapi({ description: "after Holm–Bonferroni over the statement's tests; the verdict uses it" }),
  })
  .openapi('WeekChange');

/** One KPI of this week beside last week, with what may be said about the change. */
export const ReportFigure = z
  .strictObject({
    kpi: KpiName,
    group: z.enum(['value', 'velocity', 'quality', 'volume']),
    label: z.string(),
    current: KpiValue,
    previous: KpiValue,
    shown: z.enum(['value', 'insufficient data', 'unavailable']),
    change: WeekChange,
    vs_baseline: z
      .strictObject({ ...WeekChange.shape, baseline: z.number().nullable() })
      .nullable()
      .openapi({ description: 'this week against the frozen baseline (delta = this week − baseline)' }),
  })
  .openapi('ReportFigure');

/** A statistically supported change, for the "what went better / worse" lists. */
export const NotableChange = z
  .strictObject({
    scope: Scope,
    kpi: KpiName,
    label: z.string(),
    current: z.number(),
    previous: z.number(),
    change: WeekChange,
  })
  .openapi('NotableChange');

/** An agent's line: its figures, and the expand/restrict/hold recommendation with its reasons. */
export const AgentReview = z
  .strictObject({
    agent: z.string(),
    action: z
      .enum(['expand', 'restrict', 'hold', 'none'])
      .openapi({ description: '`none` while the week is provisional' }),
    reasons: z.array(z.string()),
    figures: z.array(ReportFigure),
  })
  .openapi('AgentReview');

/** One open risk of the week. */
export const ReportRisk = z
  .strictObject({
    kind: z.enum([
      'no_baseline',
      'value_unavailable',
      'insufficient_data',
      'error_rate_rising',
      'error_rate_above_limit',
      'reversals',
      'sla_misses',
      'provisional',
    ]),
    severity: z.enum(['high', 'medium', 'low']),
    subject: Scope,
    message: z.string(),
  })
  .openapi('ReportRisk');

/** One day of the trend chart; a rate is null when missing or on fewer than 30 items. */
export const DailyPoint = z
  .strictObject({
    day: z.string(),
    provisional: z.boolean(),
    items_handled: z.number(),
    containment_rate: z.number().nullable(),
    error_rate: z.number().nullable(),
  })
  .openapi('DailyPoint');

const { max_error_rate, min_sla_adherence } = ReportThresholdsInput.shape;

/** The thresholds the report's judgements used. */
export const ReportThresholds = z
  .strictObject({ max_error_rate: max_error_rate.unwrap(), min_sla_adherence: min_sla_adherence.unwrap() })
  .openapi('ReportThresholds');

/** The week compared with. */
const PreviousWeek = z.strictObject({
  week: z.string(),
  from: z.string(),
  to: z.string(),
  as_of: z.string(),
});

/** The weekly report: what the JSON format answers, and what the HTML, Markdown and PDF show. */
export const WeeklyReport = z
  .strictObject({
    report: z.literal('weekly'),
    tenant: z.strictObject({ id: z.string(), name: z.string(), time_zone: z.string(), currency: z.string() }),
    week: z.string().openapi({ description: 'ISO week, e.g. 2026-W47' }),
    from: z.string(),
    to: z.string(),
    as_of: z.string(),
    provisional: z
      .boolean()
      .openapi({ description: 'the week has not settled as of as_of: its figures still move' }),
    settles_at: z.string(),
    comparison_basis: z.enum(COMPARISON_BASES),
    previous: PreviousWeek,
    baseline: z
      .strictObject({ version: z.number(), from: z.string(), to: z.string() })
      .nullable()
      .openapi({ description: 'the frozen baseline compared with; null when none is frozen' }),
    generated_at: z.string(),
    thresholds: ReportThresholds,
    headline: z.array(ReportFigure),
    better: z.array(NotableChange),
    worse: z.array(NotableChange),
    agents: z.array(AgentReview),
    risks: z.array(ReportRisk),
    daily: z.array(DailyPoint),
    reversals: z.strictObject({ total: z.number(), by_reason: z.record(z.string(), z.number()) }),
    benchmarks: z.array(z.string()),
    method: z.array(z.string()),
  })
  .openapi('WeeklyReport');

export const getWeeklyReportRoute = createRoute({
  method: 'get',
  path: '/v1/reports/weekly',
  summary: 'The weekly report of an ISO week, in JSON, HTML, Markdown or PDF',
  request: {
    query: z.object({
      week: z.string().optional().openapi({
        description: 'ISO week (2026-W47); default: the most recent settled week in the tenant time zone',
      }),
      format: z.enum(REPORT_FORMATS).optional().openapi({ description: 'default json' }),
    }),
  },
  responses: {
    200: {
      description: 'the report, in the format asked (md and pdf inline, named workledger-<week>.<format>)',
      content: {
        'application/json': { schema: WeeklyReport },
        'text/html': { schema: z.string() },
        'text/markdown': { schema: z.string() },
        'application/pdf': { schema: z.string().openapi({ format: 'binary' }) },
      },
    },
  },
});

/** The weekly report's delivery targets as the API shows them: secrets only as `signed`. */
export const ReportDeliveries = z
  .strictObject({
    webhooks: z.array(z.strictObject({ url: z.string(), signed: z.boolean() })),
    emails: z.array(z.string()),
    updated_at: z.string().nullable(),
  })
  .openapi('ReportDeliveries');

/** One line of the delivery log. */
export const ReportDeliveryLogEntry = z
  .strictObject({
    id: z.string(),
    week: z.string(),
    channel: z.string(),
    target: z.string().openapi({ description: 'the webhook URL or the email address' }),
    status: z.string().openapi({ description: 'pending → sending → sent | failed | skipped' }),
    attempts: z.number().int(),
    queued_at: z.string(),
    attempted_at: z.string().nullable(),
    delivered_at: z.string().nullable(),
    response_status: z.number().int().nullable(),
    error: z.string().nullable(),
  })
  .openapi('ReportDeliveryLogEntry');

export const getReportDeliveriesRoute = createRoute({
  method: 'get',
  path: '/v1/report-deliveries',
  summary: "The weekly report's delivery targets",
  responses: { 200: json(ReportDeliveries, 'the webhooks and email addresses') },
});

export const putReportDeliveriesRoute = createRoute({
  method: 'put',
  path: '/v1/report-deliveries',
  summary: "Replace the weekly report's delivery targets",
  request: {
    body: jsonBody(
      ReportDeliveriesInput,
      'the webhooks (a secret signs each post; omitted, the one stored for the URL is kept) and emails',
    ),
  },
  responses: { 200: json(ReportDeliveries, 'the targets as stored') },
});

export const getReportDeliveryLogRoute = createRoute({
  method: 'get',
  path: '/v1/report-deliveries/log',
  summary: "The tenant's delivery log, newest first",
  request: {
    query: z.object({
      limit: z.string().optional().openapi({ description: 'how many lines, 1..1000 (default 100)' }),
    }),
  },
  responses: {
    200: json(z.strictObject({ deliveries: z.array(ReportDeliveryLogEntry) }), 'the newest deliveries'),
  },
});
