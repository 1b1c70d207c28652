import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

export type AgentRow = Database['agents'];

export async function saveAgent(db: Kysely<Database>, row: AgentRow): Promise<void> {
  await db
    .insertInto('agents')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['tenant_id', 'id']).doUpdateSet({
        name: row.name,
        vendor: row.vendor,
        version: row.version,
        scope: row.scope,
        updated_at: row.updated_at,
      }),
    )
    .execute();
}

export async function getAgent(
  db: Kysely<Database>,
  tenantId: string,
  id: string,
): Promise<AgentRow | undefined> {
  return db
    .selectFrom('agents')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function listAgents(db: Kysely<Database>, tenantId: string): Promise<AgentRow[]> {
  return db.selectFrom('agents').selectAll().where('tenant_id', '=', tenantId).orderBy('id').execute();
}
