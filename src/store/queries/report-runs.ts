import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import type { ReportRunTable } from './report-tables.js';

export type ReportRunRow = ReportRunTable;

/** The report built for a week, if the job built one. */
export async function getReportRun(
  db: Kysely<Database>,
  tenantId: string,
  week: string,
): Promise<ReportRunRow | undefined> {
  return db
    .selectFrom('report_runs')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('week', '=', week)
    .executeTakeFirst();
}

/** Store a built report; a second one for the same week violates the primary key. */
export async function saveReportRun(db: Kysely<Database>, row: ReportRunRow): Promise<void> {
  await db.insertInto('report_runs').values(row).execute();
}
