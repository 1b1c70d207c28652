import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import { chunkRows } from '../dialect.js';
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

/** The costs attached to each of these items, by kind (for rollups, when an item arrives or moves). */
export async function sumAttachedCostsOfItems(
  db: Kysely<Database>,
  tenantId: string,
  items: readonly { id: string; source: string; external_id: string }[],
): Promise<Map<string, Map<string, number>>> {
  const byKey = new Map(items.map((i) => [`${i.source}\u0000${i.external_id}`, i.id]));
  const sums = new Map<string, Map<string, number>>();
  for (const chunk of chunkRows(items, 1, 2_000)) {
    const rows = await db
      .selectFrom('costs')
      .select([
        'item_source',
        'item_external_id',
        'kind',
        (eb) => eb.fn.sum<number>('amount_micros').as('micros'),
      ])
      .where('tenant_id', '=', tenantId)
      .where(
        'item_external_id',
        'in',
        chunk.map((i) => i.external_id),
      )
      .where('item_source', 'in', [...new Set(chunk.map((i) => i.source))])
      .groupBy(['item_source', 'item_external_id', 'kind'])
      .execute();
    for (const row of rows) {
      const id = byKey.get(`${row.item_source ?? ''}\u0000${row.item_external_id ?? ''}`);
      if (id === undefined) continue;
      const kinds = sums.get(id) ?? new Map<string, number>();
      kinds.set(row.kind, (kinds.get(row.kind) ?? 0) + Number(row.micros));
      sums.set(id, kinds);
    }
  }
  return sums;
}
