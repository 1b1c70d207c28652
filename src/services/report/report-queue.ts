import { randomUUID } from 'node:crypto';
import { lastSettledIsoWeek } from '../../domain/report/iso-week.js';
import { insertReportDeliveries, type ReportDeliveryRow } from '../../store/queries/report-deliveries.js';
import { getReportRun, saveReportRun } from '../../store/queries/report-runs.js';
import { requirePermission, withTransaction, type Ctx } from '../context.js';
import { emitAudit } from '../audit/emit-audit.js';
import { buildWeeklyReport } from './report-build.js';
import { getReportTargets } from './report-deliveries.js';
import { getTenantSettings } from '../config/tenant-settings.js';

/** What the weekly-report job did for one tenant. */
export interface QueuedReport {
  week: string;
  queued: number;
  skipped?: 'already built';
}

/**
 * Build the most recent settled week's report and queue one delivery per configured target, in one
 * transaction (the job's, under its lock); a week already built is skipped, so re-runs send nothing twice.
 * Sending happens after commit (deliverQueuedReports), never while the transaction is open.
 */
export async function queueWeeklyReport(ctx: Ctx): Promise<QueuedReport> {
  requirePermission(ctx, 'configure');
  const tenant = await getTenantSettings(ctx);
  const week = lastSettledIsoWeek(ctx.now(), tenant.time_zone, tenant.durability_window_ms);
  return withTransaction(ctx, async (tx) => {
    const txCtx: Ctx = { ...ctx, tx };
    if (await getReportRun(tx, ctx.tenantId, week))
      return { week, queued: 0, skipped: 'already built' as const };
    const report = await buildWeeklyReport({ ctx: txCtx, input: { week } });
    const now = ctx.now();
    await saveReportRun(tx, { tenant_id: ctx.tenantId, week, built_at: now, report: JSON.stringify(report) });
    const targets = await getReportTargets(txCtx);
    const row = (channel: 'webhook' | 'email', target: string): ReportDeliveryRow => ({
      tenant_id: ctx.tenantId,
      id: randomUUID(),
      week,
      channel,
      target,
      status: 'pending',
      attempts: 0,
      queued_at: now,
      attempted_at: null,
      delivered_at: null,
      response_status: null,
      error: null,
    });
    const rows = [
      ...targets.webhooks.map((w) => row('webhook', w.url)),
      ...targets.emails.map((e) => row('email', e)),
    ];
    await insertReportDeliveries(tx, rows);
    await emitAudit(tx, txCtx, {
      action: 'report.weekly.queue',
      subject: `report:${week}`,
      detail: { deliveries: rows.map((r) => ({ id: r.id, channel: r.channel, target: r.target })) },
    });
    return { week, queued: rows.length };
  });
}
