import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

export type RateCardRow = Database['rate_cards'];
export type DeploymentRow = Database['deployments'];
export type BaselineRow = Database['baselines'];

export async function saveRateCard(db: Kysely<Database>, row: RateCardRow): Promise<void> {
  await db
    .insertInto('rate_cards')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['tenant_id', 'id']).doUpdateSet({ body: row.body, updated_at: row.updated_at }),
    )
    .execute();
}

export async function getRateCard(
  db: Kysely<Database>,
  tenantId: string,
  id: string,
): Promise<RateCardRow | undefined> {
  return db
    .selectFrom('rate_cards')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function listRateCards(db: Kysely<Database>, tenantId: string): Promise<RateCardRow[]> {
  return db.selectFrom('rate_cards').selectAll().where('tenant_id', '=', tenantId).orderBy('id').execute();
}

export async function saveDeployment(db: Kysely<Database>, row: DeploymentRow): Promise<void> {
  await db
    .insertInto('deployments')
    .values(row)
    .onConflict((oc) =>
      oc
        .columns(['tenant_id', 'agent_id', 'workflow'])
        .doUpdateSet({ go_live_at: row.go_live_at, updated_at: row.updated_at }),
    )
    .execute();
}

export async function listDeployments(db: Kysely<Database>, tenantId: string): Promise<DeploymentRow[]> {
  return db
    .selectFrom('deployments')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .orderBy('go_live_at')
    .orderBy('agent_id')
    .execute();
}

export async function insertBaseline(db: Kysely<Database>, row: BaselineRow): Promise<void> {
  await db.insertInto('baselines').values(row).execute();
}

export async function getLatestBaseline(
  db: Kysely<Database>,
  tenantId: string,
): Promise<BaselineRow | undefined> {
  return db
    .selectFrom('baselines')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function getBaselineByVersion(
  db: Kysely<Database>,
  tenantId: string,
  version: number,
): Promise<BaselineRow | undefined> {
  return db
    .selectFrom('baselines')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('version', '=', version)
    .executeTakeFirst();
}

export async function listBaselineRows(db: Kysely<Database>, tenantId: string): Promise<BaselineRow[]> {
  return db
    .selectFrom('baselines')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .orderBy('version')
    .execute();
}
