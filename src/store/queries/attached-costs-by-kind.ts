import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import { itemFilterWhere, type ItemFilter } from '../item-filter.js';

/** The sum of one kind of cost attached to one item. */
export interface AttachedCostSum {
  item_id: string;
  kind: string;
  micros: number;
}

/** Costs attached to the agent items of the filter, summed per item and kind (range costs are allocated). */
export async function sumAttachedCostsByKind(
  db: Kysely<Database>,
  tenantId: string,
  filter: ItemFilter,
): Promise<AttachedCostSum[]> {
  const rows = await db
    .selectFrom('items')
    .innerJoin('costs', (join) =>
      join
        .onRef('costs.tenant_id', '=', 'items.tenant_id')
        .onRef('costs.item_source', '=', 'items.source')
        .onRef('costs.item_external_id', '=', 'items.external_id'),
    )
    .select([
      'items.id as item_id',
      'costs.kind',
      (eb) => eb.fn.sum<number>('costs.amount_micros').as('micros'),
    ])
    .where((eb) => itemFilterWhere(eb, tenantId, { ...filter, withHumans: false, handledBy: 'agent' }))
    .groupBy(['items.id', 'costs.kind'])
    .execute();
  return rows.map((r) => ({ item_id: r.item_id, kind: r.kind, micros: Number(r.micros) }));
}

/** When each agent item of these agents was opened in [from, to), whatever its cohort. */
export async function listAgentItemOpenings(
  db: Kysely<Database>,
  tenantId: string,
  agents: readonly string[],
  from: number,
  to: number,
): Promise<{ id: string; handled_by: string; opened_at: number }[]> {
  if (agents.length === 0) return [];
  return db
    .selectFrom('items')
    .select(['id', 'handled_by', 'opened_at'])
    .where('tenant_id', '=', tenantId)
    .where('handled_by', 'in', [...agents])
    .where('opened_at', '>=', from)
    .where('opened_at', '<', to)
    .execute();
}
