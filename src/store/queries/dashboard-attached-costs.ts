import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import { itemFilterWhere, type ItemFilter } from '../item-filter.js';

/** One cost attached to an agent item of the filter, with the item's handler and opening time. */
export interface AttachedCost {
  handled_by: string;
  opened_at: number;
  kind: string;
  amount_micros: number;
  tokens_in: number | null;
  tokens_out: number | null;
}

/** Every cost attached to an agent-handled item of the filter (range costs are allocated elsewhere). */
export async function listAttachedCosts(
  db: Kysely<Database>,
  tenantId: string,
  filter: ItemFilter,
): Promise<AttachedCost[]> {
  const rows = await db
    .selectFrom('items')
    .innerJoin('costs', (join) =>
      join
        .onRef('costs.tenant_id', '=', 'items.tenant_id')
        .onRef('costs.item_source', '=', 'items.source')
        .onRef('costs.item_external_id', '=', 'items.external_id'),
    )
    .select([
      'items.handled_by',
      'items.opened_at',
      'costs.kind',
      'costs.amount_micros',
      'costs.tokens_in',
      'costs.tokens_out',
    ])
    .where((eb) => itemFilterWhere(eb, tenantId, { ...filter, withHumans: false, handledBy: 'agent' }))
    .execute();
  return rows.map((r) => ({
    ...r,
    amount_micros: Number(r.amount_micros),
    tokens_in: r.tokens_in === null ? null : Number(r.tokens_in),
    tokens_out: r.tokens_out === null ? null : Number(r.tokens_out),
  }));
}
