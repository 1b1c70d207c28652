import { z } from 'zod';
import { WorkledgerError } from '../../domain/errors.js';
import type { KpiSet } from '../../domain/kpis/kpi-value.js';
import { buildWeeklyReportModel } from '../../domain/report/build-weekly-report.js';
import { planComparison, windowAsOf } from '../../domain/maturity.js';
import { DAY_MS, wallClockToEpoch } from '../../domain/time.js';
import {
  isoWeekWindow,
  lastSettledIsoWeek,
  previousIsoWeek,
  type IsoWeekWindow,
} from '../../domain/report/iso-week.js';
import { ReportThresholds } from '../../domain/report/report-thresholds.js';
import type { WeekKpis, WeeklyReport } from '../../domain/report/weekly-report-model.js';
import { resolutionTime } from '../../domain/verification.js';
import { countReversals, listResolutionTimes } from '../../store/queries/report-outcomes.js';
import { reader, requirePermission, type Ctx, type Verb } from '../context.js';
import { getKpis } from '../kpis/get-kpis.js';
import { weekAgainstBaseline } from './report-baseline.js';
import { parseInput } from '../parse-input.js';
import { getTenantSettings } from '../config/tenant-settings.js';

/**
 * Which week to report (default: the most recent settled ISO week in the tenant's zone; a later one is
 * reported as provisional) and the rule's thresholds.
 */
export const WeeklyReportRequest = z.strictObject({
  week: z.string().optional(),
  thresholds: ReportThresholds.partial().optional(),
});
export type WeeklyReportRequest = z.infer<typeof WeeklyReportRequest>;

/**
 * The weekly report of an ISO week: its KPIs as of now beside the previous week's, compared settled
 * with settled or at equal maturity (planComparison), judged by the pure report builder.
 */
export async function buildWeeklyReport({ ctx, input }: Verb<WeeklyReportRequest>): Promise<WeeklyReport> {
  requirePermission(ctx, 'read');
  const request = parseInput(WeeklyReportRequest, input);
  const tenant = await getTenantSettings(ctx);
  const asOf = ctx.now();
  const window = tenant.durability_window_ms;
  const week = request.week ?? lastSettledIsoWeek(asOf, tenant.time_zone, window);
  const current = isoWeekWindow(week, tenant.time_zone);
  if (current.from > asOf)
    throw new WorkledgerError('VALIDATION', `week: ${current.week} has not started yet`, 'week');
  const previous = isoWeekWindow(previousIsoWeek(current.week), tenant.time_zone);
  const plan = planComparison(current, previous, asOf, window);
  const [currentKpis, previousKpis] = [
    await weekKpis(ctx, current, plan.current.asOf),
    await weekKpis(ctx, previous, plan.previous.asOf),
  ];
  const daily = await getKpis({
    ctx,
    input: { filter: { from: previous.from, to: current.to }, groupBy: ['day'], asOf },
  });
  const reversals = await countReversals(reader(ctx), ctx.tenantId, current.from, current.to);
  const agents = currentKpis.agents.map((a) => a.agent);
  const baseline = await weekAgainstBaseline(ctx, current, agents, asOf);
  return buildWeeklyReportModel({
    tenant: { id: tenant.id, name: tenant.name, timeZone: tenant.time_zone, currency: tenant.currency },
    current: currentKpis,
    previous: previousKpis,
    daily: daily.groups.map((g) => ({
      day: String(g.key.day),
      // the local midnight that ends the day (keys are YYYY-MM-DD in the tenant's zone)
      to: wallClockToEpoch(tenant.time_zone, Date.parse(`${String(g.key.day)}T00:00:00Z`) + DAY_MS),
      kpis: g.kpis,
    })),
    reversals: reversals.map((r) => ({ reason: r.reason, handledBy: r.handled_by, count: r.count })),
    baseline,
    thresholds: ReportThresholds.parse(request.thresholds ?? {}),
    generatedAt: asOf,
    durabilityWindowMs: window,
    basis: plan.basis,
  });
}

/** One week's KPIs through getKpis (all agents, and per agent) and its resolution times. */
async function weekKpis(ctx: Ctx, window: IsoWeekWindow, asOf: number): Promise<WeekKpis> {
  const filter = { from: window.from, to: window.to };
  const seen = windowAsOf(window, asOf);
  const overall = await getKpis({ ctx, input: { filter, groupBy: [], asOf } });
  const byAgent = await getKpis({ ctx, input: { filter, groupBy: ['agent'], asOf } });
  const all: number[] = [];
  const latencies = new Map<string, number[]>();
  for (const row of await listResolutionTimes(reader(ctx), ctx.tenantId, seen.from, seen.to)) {
    const resolved = resolutionTime({ resolvedAt: row.resolved_at, closedAt: row.closed_at });
    if (resolved === null || resolved > asOf) continue; // not resolved yet as of then
    const seconds = (resolved - row.opened_at) / 1000;
    all.push(seconds);
    const agent = latencies.get(row.handled_by);
    if (agent) agent.push(seconds);
    else latencies.set(row.handled_by, [seconds]);
  }
  return {
    ...window,
    asOf,
    overall: onlyGroup(overall.groups),
    agents: byAgent.groups.map((g) => ({ agent: String(g.key.agent), kpis: g.kpis })),
    latencies: { overall: all, byAgent: latencies },
  };
}

function onlyGroup(groups: readonly { kpis: KpiSet }[]): KpiSet {
  const group = groups[0];
  if (!group) throw new Error('getKpis answers one group when nothing is grouped');
  return group.kpis;
}
