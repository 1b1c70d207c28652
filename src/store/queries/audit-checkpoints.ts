import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import type { AuditCheckpointTable, AuditCheckpointWebhookTable } from './audit-checkpoint-tables.js';

export type AuditCheckpointRow = AuditCheckpointTable;
export type AuditCheckpointWebhookRow = AuditCheckpointWebhookTable;

/** Store a sealed checkpoint. */
export async function insertAuditCheckpoint(db: Kysely<Database>, row: AuditCheckpointRow): Promise<void> {
  await db.insertInto('audit_checkpoints').values(row).execute();
}

/** The tenant's newest checkpoint, if any. */
export async function getLatestAuditCheckpoint(
  db: Kysely<Database>,
  tenantId: string,
): Promise<AuditCheckpointRow | undefined> {
  return db
    .selectFrom('audit_checkpoints')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The tenant's checkpoints after `afterSeq`, oldest first, a page at a time. */
export async function listAuditCheckpoints(
  db: Kysely<Database>,
  tenantId: string,
  afterSeq: number,
  limit: number,
): Promise<AuditCheckpointRow[]> {
  return db
    .selectFrom('audit_checkpoints')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();
}

/** Record how sending a checkpoint to the webhook went. */
export async function setAuditCheckpointDelivery(
  db: Kysely<Database>,
  tenantId: string,
  seq: number,
  outcome: { delivered_at: number | null; delivery_error: string | null },
): Promise<void> {
  await db
    .updateTable('audit_checkpoints')
    .set(outcome)
    .where('tenant_id', '=', tenantId)
    .where('seq', '=', seq)
    .execute();
}

/** The tenant's checkpoint webhook, if one is set. */
export async function getAuditCheckpointWebhook(
  db: Kysely<Database>,
  tenantId: string,
): Promise<AuditCheckpointWebhookRow | undefined> {
  return db
    .selectFrom('audit_checkpoint_webhooks')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst();
}

/** Set or replace the tenant's checkpoint webhook. */
export async function saveAuditCheckpointWebhook(
  db: Kysely<Database>,
  row: AuditCheckpointWebhookRow,
): Promise<void> {
  await db
    .insertInto('audit_checkpoint_webhooks')
    .values(row)
    .onConflict((oc) =>
      oc.column('tenant_id').doUpdateSet({ url: row.url, secret: row.secret, updated_at: row.updated_at }),
    )
    .execute();
}
