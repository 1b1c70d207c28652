import type { WeeklyReport } from '../../domain/report/weekly-report-model.js';
import type { Store } from '../../store/connect.js';
import {
  claimReportDelivery,
  finishReportDelivery,
  listDueReportDeliveries,
  type ReportDeliveryRow,
} from '../../store/queries/report-deliveries.js';
import { getReportRun } from '../../store/queries/report-runs.js';
import type { Ctx } from '../context.js';
import { emitAudit } from '../audit/emit-audit.js';
import { getReportTargets } from './report-deliveries.js';
import { renderReportHtml } from './render-report-html.js';
import { renderReportMarkdown } from './render-report-markdown.js';
import type { ReportTransports } from './report-transports.js';

/** Attempts per target before a delivery is given up as failed. */
export const MAX_DELIVERY_ATTEMPTS = 3;
/** A failed attempt is retried after this long; a delivery stuck `sending` this long is taken over. */
export const DELIVERY_RETRY_MS = 5 * 60_000;

/** How one delivery attempt ended. */
export interface DeliveryResult {
  tenant: string;
  week: string;
  channel: string;
  target: string;
  status: 'sent' | 'pending' | 'failed' | 'skipped';
  attempts: number;
  response_status: number | null;
  error: string | null;
}

type Attempt =
  | { ok: true; status: number | null; note: string | null }
  | { ok: false; skip: boolean; status: number | null; error: string };

/**
 * Send every due delivery (all tenants, or one): claim it, send it, log the outcome with an audit entry.
 * A failing target is logged and retried later, never fatal to the others.
 */
export async function deliverQueuedReports(
  store: Store,
  transports: ReportTransports,
  now: () => number,
  tenantId?: string,
): Promise<DeliveryResult[]> {
  const due = await listDueReportDeliveries(store.db, now() - DELIVERY_RETRY_MS, 200, tenantId);
  const rendered = new Map<string, { report: WeeklyReport; html: string; text: string }>();
  const results: DeliveryResult[] = [];
  for (const row of due) {
    if (!(await claimReportDelivery(store.db, row, now()))) continue;
    const ctx: Ctx = {
      store,
      tenantId: row.tenant_id,
      actor: { kind: 'system', job: 'weekly-report' },
      requestId: 'job:weekly-report',
      now,
    };
    const attempts = row.attempts + 1;
    let attempt: Attempt;
    try {
      attempt = await send(ctx, row, transports, rendered);
    } catch (error) {
      attempt = {
        ok: false,
        skip: false,
        status: null,
        error: error instanceof Error ? error.message : String(error),
      };
    }
    const status = attempt.ok
      ? 'sent'
      : attempt.skip
        ? 'skipped'
        : attempts >= MAX_DELIVERY_ATTEMPTS
          ? 'failed'
          : 'pending';
    const error = attempt.ok ? attempt.note : attempt.error;
    await store.db.transaction().execute(async (tx) => {
      await finishReportDelivery(tx, row, {
        status,
        delivered_at: attempt.ok ? now() : null,
        response_status: attempt.status,
        error,
      });
      await emitAudit(
        tx,
        { ...ctx, tx },
        {
          action: `report.delivery.${status}`,
          subject: `report:${row.week}`,
          detail: {
            id: row.id,
            channel: row.channel,
            target: row.target,
            attempts,
            response_status: attempt.status,
            error,
          },
        },
      );
    });
    results.push({
      tenant: row.tenant_id,
      week: row.week,
      channel: row.channel,
      target: row.target,
      status,
      attempts,
      response_status: attempt.status,
      error,
    });
  }
  return results;
}

async function send(
  ctx: Ctx,
  row: ReportDeliveryRow,
  transports: ReportTransports,
  rendered: Map<string, { report: WeeklyReport; html: string; text: string }>,
): Promise<Attempt> {
  const key = `${row.tenant_id}\u0000${row.week}`;
  let page = rendered.get(key);
  if (!page) {
    const run = await getReportRun(ctx.store.db, row.tenant_id, row.week);
    if (!run) return { ok: false, skip: true, status: null, error: `no report built for ${row.week}` };
    const report = storedReport(run.report);
    page = { report, html: await renderReportHtml(report), text: renderReportMarkdown(report) };
    rendered.set(key, page);
  }
  const targets = await getReportTargets(ctx);
  if (row.channel === 'webhook') {
    const webhook = targets.webhooks.find((w) => w.url === row.target);
    if (!webhook)
      return { ok: false, skip: true, status: null, error: 'the webhook is no longer configured' };
    const body = JSON.stringify({
      event: 'weekly_report',
      tenant: row.tenant_id,
      week: row.week,
      report: page.report,
      html: page.html,
    });
    const { status } = await transports.postWebhook({ url: webhook.url, secret: webhook.secret, body });
    return status >= 200 && status < 300
      ? { ok: true, status, note: null }
      : { ok: false, skip: false, status, error: `HTTP ${status}` };
  }
  if (!targets.emails.includes(row.target))
    return { ok: false, skip: true, status: null, error: 'the recipient is no longer configured' };
  if (!transports.sendMail)
    return {
      ok: false,
      skip: true,
      status: null,
      error: 'SMTP is not configured (serve --smtp-url or SMTP_URL)',
    };
  let note: string | null = null;
  const attachments = [];
  if (transports.printPdf) {
    try {
      const pdf = await transports.printPdf(page.html);
      attachments.push({
        filename: `workledger-${row.week}.pdf`,
        contentType: 'application/pdf',
        content: pdf,
      });
    } catch (error) {
      note = `sent without the PDF: ${error instanceof Error ? error.message : String(error)}`;
    }
  }
  await transports.sendMail({
    to: row.target,
    subject: `Workledger weekly report ${row.week} — ${page.report.tenant.name}`,
    html: page.html,
    text: page.text,
    attachments,
  });
  return { ok: true, status: null, note };
}

/** The stored report: written by queueWeeklyReport as JSON.stringify of a WeeklyReport, read back as one. */
function storedReport(json: string): WeeklyReport {
  return JSON.parse(json) as WeeklyReport;
}
