import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import type { ReportDeliveryTable } from './report-tables.js';

export type ReportDeliveryRow = ReportDeliveryTable;

/** Queue deliveries (one row per target). */
export async function insertReportDeliveries(
  db: Kysely<Database>,
  rows: readonly ReportDeliveryRow[],
): Promise<void> {
  if (rows.length)
    await db
      .insertInto('report_deliveries')
      .values([...rows])
      .execute();
}

/**
 * Deliveries due now across tenants, oldest first: pending ones not attempted since `retryBefore`, and
 * ones left `sending` since then (the process stopped mid-delivery).
 */
export async function listDueReportDeliveries(
  db: Kysely<Database>,
  retryBefore: number,
  limit: number,
  tenantId?: string,
): Promise<ReportDeliveryRow[]> {
  let query = db
    .selectFrom('report_deliveries')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb.and([
          eb('status', '=', 'pending'),
          eb.or([eb('attempted_at', 'is', null), eb('attempted_at', '<', retryBefore)]),
        ]),
        eb.and([eb('status', '=', 'sending'), eb('attempted_at', '<', retryBefore)]),
      ]),
    );
  if (tenantId !== undefined) query = query.where('tenant_id', '=', tenantId);
  return query.orderBy('queued_at').orderBy('id').limit(limit).execute();
}

/**
 * Mark a due delivery `sending` and count the attempt; false when another process claimed it first
 * (the row is no longer in the state it was listed in).
 */
export async function claimReportDelivery(
  db: Kysely<Database>,
  row: ReportDeliveryRow,
  now: number,
): Promise<boolean> {
  const result = await db
    .updateTable('report_deliveries')
    .set({ status: 'sending', attempts: row.attempts + 1, attempted_at: now })
    .where('tenant_id', '=', row.tenant_id)
    .where('id', '=', row.id)
    .where('status', '=', row.status)
    .where('attempts', '=', row.attempts)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Record how an attempt ended. */
export async function finishReportDelivery(
  db: Kysely<Database>,
  key: { tenant_id: string; id: string },
  change: Pick<ReportDeliveryRow, 'status' | 'delivered_at' | 'response_status' | 'error'>,
): Promise<void> {
  await db
    .updateTable('report_deliveries')
    .set(change)
    .where('tenant_id', '=', key.tenant_id)
    .where('id', '=', key.id)
    .execute();
}

/** The tenant's delivery log, newest first. */
export async function listReportDeliveries(
  db: Kysely<Database>,
  tenantId: string,
  limit: number,
): Promise<ReportDeliveryRow[]> {
  return db
    .selectFrom('report_deliveries')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .orderBy('queued_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}
