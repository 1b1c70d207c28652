import { z } from 'zod';
import { WorkledgerError } from '../../domain/errors.js';
import { StoredText } from '../../domain/text.js';
import { toIso } from '../../domain/time.js';
import {
  getReportDeliverySettings,
  saveReportDeliverySettings,
} from '../../store/queries/report-delivery-settings.js';
import { listReportDeliveries, type ReportDeliveryRow } from '../../store/queries/report-deliveries.js';
import { reader, requirePermission, withTransaction, type Ctx, type Verb } from '../context.js';
import { writtenRowLeaf } from '../audit/audited-tables.js';
import { emitAudit } from '../audit/emit-audit.js';
import { parseInput } from '../parse-input.js';

/**
 * Where the weekly report goes. A webhook's `secret` signs each post (HMAC-SHA256); omitted, the secret
 * already stored for that URL is kept; null, posts go unsigned.
 */
export const ReportDeliveriesInput = z.strictObject({
  webhooks: z
    .array(
      z.strictObject({
        url: StoredText.pipe(z.url({ protocol: /^https?$/ }).max(2000)),
        secret: StoredText.min(16).max(256).nullable().optional(),
      }),
    )
    .max(20)
    .default([]),
  emails: z.array(z.email().max(320)).max(50).default([]),
});
export type ReportDeliveriesInput = z.infer<typeof ReportDeliveriesInput>;

/** A stored webhook target; the secret never leaves the server except as signatures. */
export const StoredWebhooks = z.array(z.object({ url: z.string(), secret: z.string().nullable() }));
export type StoredWebhooks = z.infer<typeof StoredWebhooks>;

/** The targets as the API shows them: secrets only as `signed`. */
export interface ReportDeliveries {
  webhooks: { url: string; signed: boolean }[];
  emails: string[];
  updated_at: string | null;
}

/** The tenant's targets with their secrets, for the delivery job; empty when none are set. */
export async function getReportTargets(
  ctx: Ctx,
): Promise<{ webhooks: StoredWebhooks; emails: string[]; updatedAt: number | null }> {
  const row = await getReportDeliverySettings(reader(ctx), ctx.tenantId);
  if (!row) return { webhooks: [], emails: [], updatedAt: null };
  return {
    webhooks: StoredWebhooks.parse(JSON.parse(row.webhooks)),
    emails: z.array(z.string()).parse(JSON.parse(row.emails)),
    updatedAt: row.updated_at,
  };
}

function view(targets: {
  webhooks: StoredWebhooks;
  emails: string[];
  updatedAt: number | null;
}): ReportDeliveries {
  return {
    webhooks: targets.webhooks.map((w) => ({ url: w.url, signed: w.secret !== null })),
    emails: targets.emails,
    updated_at: targets.updatedAt === null ? null : toIso(targets.updatedAt),
  };
}

/** The weekly report's delivery targets (operators: URLs can carry tokens). */
export async function getReportDeliveries(ctx: Ctx): Promise<ReportDeliveries> {
  requirePermission(ctx, 'configure');
  return view(await getReportTargets(ctx));
}

/** Replace the weekly report's delivery targets; audited with before and after (without secrets). */
export async function putReportDeliveries({ ctx, input }: Verb<unknown>): Promise<ReportDeliveries> {
  requirePermission(ctx, 'configure');
  const body = parseInput(ReportDeliveriesInput, input);
  const duplicate = firstDuplicate([
    ...body.webhooks.map((w) => w.url),
    ...body.emails.map((e) => e.toLowerCase()),
  ]);
  if (duplicate !== undefined)
    throw new WorkledgerError('VALIDATION', `${duplicate}: listed twice`, 'webhooks');
  return withTransaction(ctx, async (tx) => {
    const before = await getReportTargets({ ...ctx, tx });
    const now = ctx.now();
    const webhooks: StoredWebhooks = body.webhooks.map((w) => ({
      url: w.url,
      secret:
        w.secret === undefined ? (before.webhooks.find((b) => b.url === w.url)?.secret ?? null) : w.secret,
    }));
    await saveReportDeliverySettings(tx, {
      tenant_id: ctx.tenantId,
      webhooks: JSON.stringify(webhooks),
      emails: JSON.stringify(body.emails),
      updated_at: now,
    });
    const after = view({ webhooks, emails: body.emails, updatedAt: now });
    await emitAudit(tx, ctx, {
      action: 'report_deliveries.put',
      subject: 'report_deliveries',
      detail: { before: before.updatedAt === null ? null : view(before), after },
      leaves: [await writtenRowLeaf(tx, ctx.tenantId, 'report_deliveries', [ctx.tenantId])],
    });
    return after;
  });
}

/** One line of the delivery log. */
export interface ReportDeliveryLogEntry {
  id: string;
  week: string;
  channel: string;
  target: string;
  status: string;
  attempts: number;
  queued_at: string;
  attempted_at: string | null;
  delivered_at: string | null;
  response_status: number | null;
  error: string | null;
}

/** A delivery row as the API and CLI show it (ISO times). */
export function deliveryLogEntry(row: ReportDeliveryRow): ReportDeliveryLogEntry {
  return {
    id: row.id,
    week: row.week,
    channel: row.channel,
    target: row.target,
    status: row.status,
    attempts: row.attempts,
    queued_at: toIso(row.queued_at),
    attempted_at: row.attempted_at === null ? null : toIso(row.attempted_at),
    delivered_at: row.delivered_at === null ? null : toIso(row.delivered_at),
    response_status: row.response_status,
    error: row.error,
  };
}

/** The tenant's delivery log, newest first. */
export async function listReportDeliveryLog({
  ctx,
  input,
}: Verb<{ limit?: number }>): Promise<ReportDeliveryLogEntry[]> {
  requirePermission(ctx, 'configure');
  const limit = parseInput(z.number().int().min(1).max(1000).default(100), input.limit, 'limit');
  return (await listReportDeliveries(reader(ctx), ctx.tenantId, limit)).map(deliveryLogEntry);
}

function firstDuplicate(values: readonly string[]): string | undefined {
  const seen = new Set<string>();
  for (const v of values) {
    if (seen.has(v)) return v;
    seen.add(v);
  }
  return undefined;
}
