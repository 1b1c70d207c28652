import { WorkledgerError } from '../../domain/errors.js';
import {
  getLatestAuditCheckpoint,
  setAuditCheckpointDelivery,
} from '../../store/queries/audit-checkpoints.js';
import { checkpointView } from './checkpoint-view.js';
import { getCheckpointTarget } from './checkpoint-webhook.js';
import type { Ctx } from '../context.js';
import type { ReportTransports } from '../report/report-transports.js';

/** Posts one webhook (the weekly report's transport, reused: same HMAC-SHA256 signature headers). */
export type WebhookPoster = ReportTransports['postWebhook'];

/** How posting the latest checkpoint to the tenant's webhook went. */
export interface CheckpointDelivery {
  url: string;
  seq: number;
  delivered: boolean;
  response_status: number | null;
  error: string | null;
}

/**
 * Post the tenant's latest checkpoint to its webhook unless it was delivered already, after the seal
 * commits, and record the outcome on the checkpoint; null when no webhook or no checkpoint is set.
 */
export async function sendLatestCheckpoint(
  ctx: Ctx,
  post: WebhookPoster,
): Promise<CheckpointDelivery | null> {
  if (ctx.tx) throw new WorkledgerError('INTERNAL', 'a checkpoint is posted after its transaction commits');
  const target = await getCheckpointTarget(ctx);
  const latest = await getLatestAuditCheckpoint(ctx.store.db, ctx.tenantId);
  if (!target || !latest || latest.delivered_at !== null) return null;
  const body = JSON.stringify({ event: 'audit_checkpoint', checkpoint: checkpointView(latest) });
  let status: number | null = null;
  let error: string | null = null;
  try {
    status = (await post({ url: target.url, secret: target.secret, body, event: 'audit_checkpoint' })).status;
    if (status < 200 || status >= 300) error = `HTTP ${status}`;
  } catch (failure) {
    error = failure instanceof Error ? failure.message : String(failure);
  }
  await setAuditCheckpointDelivery(ctx.store.db, ctx.tenantId, latest.seq, {
    delivered_at: error === null ? ctx.now() : null,
    delivery_error: error,
  });
  return { url: target.url, seq: latest.seq, delivered: error === null, response_status: status, error };
}
