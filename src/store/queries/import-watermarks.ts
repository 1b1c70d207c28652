import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

/** One row of `import_watermarks` (migration 002): where a tenant's live pull of one instance resumes. */
export interface ImportWatermarkTable {
  tenant_id: string;
  source: string;
  instance: string;
  watermark: string;
  updated_at: number;
}
export type ImportWatermarkRow = ImportWatermarkTable;

// The table is typed here rather than in schema.ts, so this feature's migration and queries stay together.
function withWatermarks(
  db: Kysely<Database>,
): Kysely<Database & { import_watermarks: ImportWatermarkTable }> {
  return db.withTables<{ import_watermarks: ImportWatermarkTable }>();
}

/** The watermark of one tenant, source and instance, if any. */
export async function getImportWatermarkRow(
  db: Kysely<Database>,
  tenantId: string,
  source: string,
  instance: string,
): Promise<ImportWatermarkRow | undefined> {
  return withWatermarks(db)
    .selectFrom('import_watermarks')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('source', '=', source)
    .where('instance', '=', instance)
    .executeTakeFirst();
}

/** Insert or move a watermark. */
export async function saveImportWatermarkRow(db: Kysely<Database>, row: ImportWatermarkRow): Promise<void> {
  await withWatermarks(db)
    .insertInto('import_watermarks')
    .values(row)
    .onConflict((oc) =>
      oc
        .columns(['tenant_id', 'source', 'instance'])
        .doUpdateSet({ watermark: row.watermark, updated_at: row.updated_at }),
    )
    .execute();
}
