import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.js';
import { chunkRows } from '../dialect.js';

export type CostRow = Database['costs'];

export async function getCostIds(
  db: Kysely<Database>,
  tenantId: string,
  ids: readonly string[],
): Promise<Set<string>> {
  const found = new Set<string>();
  for (const chunk of chunkRows(ids, 1, 5_000)) {
    const rows = await db
      .selectFrom('costs')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('id', 'in', chunk)
      .execute();
    for (const r of rows) found.add(r.id);
  }
  return found;
}

export async function insertCosts(
  db: Kysely<Database>,
  rows: readonly CostRow[],
  maxParameters: number,
): Promise<void> {
  for (const chunk of chunkRows(rows, 14, maxParameters)) {
    await db
      .insertInto('costs')
      .values(chunk)
      .onConflict((oc) => oc.columns(['tenant_id', 'id']).doNothing())
      .execute();
  }
}

/** Costs not attached to an item, of these agents, whose range overlaps [from, to). */
export async function listRangeCosts(
  db: Kysely<Database>,
  tenantId: string,
  from: number,
  to: number,
  agents: readonly string[] | null,
): Promise<CostRow[]> {
  let query = db
    .selectFrom('costs')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('item_source', 'is', null)
    .where('starts_at', '<', to)
    .where((eb) =>
      eb.or([eb('ends_at', '>', from), eb.and([eb('ends_at', 'is', null), eb('starts_at', '>=', from)])]),
    );
  if (agents) query = query.where('agent_id', 'in', agents.length ? [...agents] : ['\u0000']);
  return query.execute();
}

/** Per UTC day (epoch day number), how many items an agent handled that were opened in [from, to). */
export async function countAgentItemsByDay(
  db: Kysely<Database>,
  tenantId: string,
  agentId: string,
  from: number,
  to: number,
): Promise<Map<number, number>> {
  // Integer division of integer columns is floor division on both engines for times after 1970.
  const day = sql<number>`opened_at / 86400000`;
  const rows = await db
    .selectFrom('items')
    .select([day.as('day'), (eb) => eb.fn.countAll<number>().as('n')])
    .where('tenant_id', '=', tenantId)
    .where('handled_by', '=', agentId)
    .where('opened_at', '>=', from)
    .where('opened_at', '<', to)
    .groupBy(day)
    .execute();
  return new Map(rows.map((r) => [Number(r.day), Number(r.n)]));
}

export async function listItemCosts(
  db: Kysely<Database>,
  tenantId: string,
  source: string,
  externalId: string,
): Promise<CostRow[]> {
  return db
    .selectFrom('costs')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('item_source', '=', source)
    .where('item_external_id', '=', externalId)
    .orderBy('starts_at')
    .execute();
}

/** Sum of the one-time (integration) costs of each agent of the tenant, whole amounts, not amortised. */
export async function sumOneTimeCosts(db: Kysely<Database>, tenantId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('costs')
    .select(['agent_id', (eb) => eb.fn.sum<number>('amount_micros').as('total')])
    .where('tenant_id', '=', tenantId)
    .where('kind', '=', 'integration')
    .groupBy('agent_id')
    .execute();
  return new Map(rows.map((r) => [r.agent_id, Number(r.total)]));
}
