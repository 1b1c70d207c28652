import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { WorkledgerError } from '../../domain/errors.js';
import type { Store } from '../../store/connect.js';
import { getWebhookSecret, saveWebhookSecret } from '../../store/queries/webhook-secrets.js';
import { requirePermission, withTransaction, type Verb } from '../context.js';
import { writtenRowLeaf } from '../audit/audited-tables.js';
import { emitAudit } from '../audit/emit-audit.js';
import { parseInput } from '../parse-input.js';
import { getTenantSettings } from './tenant-settings.js';

/** Senders that authenticate with a webhook secret. */
export const WEBHOOK_SOURCES = ['jira'] as const;
export const WebhookSource = z.enum(WEBHOOK_SOURCES);
export type WebhookSource = z.infer<typeof WebhookSource>;

export interface CreatedWebhookSecret {
  tenant_id: string;
  source: WebhookSource;
  secret: string;
  created_at: string;
  /** The path to give the sender, secret included (keep it out of logs and tickets). */
  webhook_path: string;
  replaced: boolean;
}

function hashSecret(secret: string): Buffer {
  return createHash('sha256').update(secret).digest();
}

/**
 * Create (or rotate) the tenant's shared secret for a webhook source; the secret is returned once,
 * only its SHA-256 hash is stored, and the previous secret stops working at once.
 */
export async function createWebhookSecret({
  ctx,
  input,
}: Verb<{ source: string }>): Promise<CreatedWebhookSecret> {
  requirePermission(ctx, 'manage_keys');
  const source = parseInput(WebhookSource, input.source, 'source');
  await getTenantSettings(ctx);
  const secret = `whs_${randomBytes(32).toString('base64url')}`;
  const now = ctx.now();
  return withTransaction(ctx, async (tx) => {
    const replaced = (await getWebhookSecret(tx, ctx.tenantId, source)) !== undefined;
    await saveWebhookSecret(tx, {
      tenant_id: ctx.tenantId,
      source,
      secret_hash: hashSecret(secret).toString('hex'),
      created_at: now,
    });
    await emitAudit(tx, ctx, {
      action: 'webhook_secret.create',
      subject: `webhook_secret:${source}`,
      detail: { source, replaced },
      leaves: [await writtenRowLeaf(tx, ctx.tenantId, 'webhook_secret', [source])],
    });
    const query = new URLSearchParams({ tenant: ctx.tenantId, secret });
    return {
      tenant_id: ctx.tenantId,
      source,
      secret,
      created_at: new Date(now).toISOString(),
      webhook_path: `/v1/webhooks/${source}?${query.toString()}`,
      replaced,
    };
  });
}

const NO_HASH = Buffer.alloc(32);

/**
 * Check a presented webhook secret against the tenant's stored hash in constant time;
 * UNAUTHENTICATED for a missing tenant or secret, an unknown tenant, or a wrong secret.
 */
export async function authenticateWebhook(
  store: Store,
  input: { tenantId: string | undefined; source: WebhookSource; secret: string | undefined },
): Promise<{ tenantId: string }> {
  const { tenantId, secret } = input;
  if (!tenantId || !secret)
    throw new WorkledgerError(
      'UNAUTHENTICATED',
      'send ?tenant=<tenant id>&secret=<secret>, or ?tenant=<tenant id> and the X-Workledger-Webhook-Secret header',
    );
  const row = await getWebhookSecret(store.db, tenantId, input.source);
  const stored = row ? Buffer.from(row.secret_hash, 'hex') : NO_HASH;
  const presented = hashSecret(secret);
  const equal = stored.length === presented.length && timingSafeEqual(stored, presented);
  if (!row || !equal) throw new WorkledgerError('UNAUTHENTICATED', 'unknown tenant or wrong webhook secret');
  return { tenantId };
}
