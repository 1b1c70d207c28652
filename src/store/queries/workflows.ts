import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

export type WorkflowRow = Database['workflows'];

export async function saveWorkflow(db: Kysely<Database>, row: WorkflowRow): Promise<void> {
  await db
    .insertInto('workflows')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['tenant_id', 'id']).doUpdateSet({
        name: row.name,
        department: row.department,
        sla_hours: row.sla_hours,
        updated_at: row.updated_at,
      }),
    )
    .execute();
}

export async function getWorkflow(
  db: Kysely<Database>,
  tenantId: string,
  id: string,
): Promise<WorkflowRow | undefined> {
  return db
    .selectFrom('workflows')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function listWorkflows(db: Kysely<Database>, tenantId: string): Promise<WorkflowRow[]> {
  return db.selectFrom('workflows').selectAll().where('tenant_id', '=', tenantId).orderBy('id').execute();
}
