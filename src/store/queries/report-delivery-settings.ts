import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import type { ReportDeliverySettingsTable } from './report-tables.js';

export type ReportDeliverySettingsRow = ReportDeliverySettingsTable;

/** The tenant's delivery targets, if any were set. */
export async function getReportDeliverySettings(
  db: Kysely<Database>,
  tenantId: string,
): Promise<ReportDeliverySettingsRow | undefined> {
  return db
    .selectFrom('report_delivery_settings')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst();
}

/** Replace the tenant's delivery targets. */
export async function saveReportDeliverySettings(
  db: Kysely<Database>,
  row: ReportDeliverySettingsRow,
): Promise<void> {
  await db
    .insertInto('report_delivery_settings')
    .values(row)
    .onConflict((oc) =>
      oc
        .column('tenant_id')
        .doUpdateSet({ webhooks: row.webhooks, emails: row.emails, updated_at: row.updated_at }),
    )
    .execute();
}
