import { z } from 'zod';
import { toIso } from '../../domain/time.js';
import {
  getAuditCheckpointWebhook,
  saveAuditCheckpointWebhook,
} from '../../store/queries/audit-checkpoints.js';
import { writtenRowLeaf } from './audited-tables.js';
import { reader, requirePermission, withTransaction, type Ctx, type Verb } from '../context.js';
import { emitAudit } from './emit-audit.js';
import { parseInput } from '../parse-input.js';

/**
 * Where signed checkpoints are copied: a URL (null clears it) and the HMAC-SHA256 secret of the posts
 * (omitted: the one stored for the same URL is kept; null: posts go unsigned).
 */
export const CheckpointWebhookInput = z.strictObject({
  url: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .nullable(),
  secret: z.string().min(16).max(256).nullable().optional(),
});

/** The webhook as the API shows it: the secret only as `signed`. */
export interface CheckpointWebhook {
  url: string | null;
  signed: boolean;
  updated_at: string | null;
}

/** The tenant's checkpoint webhook with its secret, for delivery; null when none is set. */
export async function getCheckpointTarget(ctx: Ctx): Promise<{ url: string; secret: string | null } | null> {
  const row = await getAuditCheckpointWebhook(reader(ctx), ctx.tenantId);
  return row?.url ? { url: row.url, secret: row.secret } : null;
}

function view(row: { url: string | null; secret: string | null; updated_at: number } | undefined) {
  if (!row) return { url: null, signed: false, updated_at: null };
  return { url: row.url, signed: row.url !== null && row.secret !== null, updated_at: toIso(row.updated_at) };
}

/** The tenant's checkpoint webhook (operators: a URL can carry a token). */
export async function getCheckpointWebhook(ctx: Ctx): Promise<CheckpointWebhook> {
  requirePermission(ctx, 'configure');
  return view(await getAuditCheckpointWebhook(reader(ctx), ctx.tenantId));
}

/** Set, replace or clear the checkpoint webhook; audited with before and after (without the secret). */
export async function putCheckpointWebhook({ ctx, input }: Verb<unknown>): Promise<CheckpointWebhook> {
  requirePermission(ctx, 'configure');
  const body = parseInput(CheckpointWebhookInput, input);
  return withTransaction(ctx, async (tx) => {
    const before = await getAuditCheckpointWebhook(tx, ctx.tenantId);
    const kept = before && before.url === body.url ? before.secret : null;
    const row = {
      tenant_id: ctx.tenantId,
      url: body.url,
      secret: body.url === null ? null : body.secret === undefined ? kept : body.secret,
      updated_at: ctx.now(),
    };
    await saveAuditCheckpointWebhook(tx, row);
    const after = view(row);
    await emitAudit(tx, ctx, {
      action: 'audit.checkpoint_webhook.put',
      subject: 'checkpoint_webhook',
      detail: { before: before ? view(before) : null, after },
      leaves: [await writtenRowLeaf(tx, ctx.tenantId, 'checkpoint_webhook', [ctx.tenantId])],
    });
    return after;
  });
}
