import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import { chunkRows } from '../dialect.js';

/** The link kinds that make a later item rework of an earlier one (KPIS.md, downstream rework). */
export const REWORK_KINDS = ['caused_by', 'follow_up_of'] as const;

/** The (source, external_id) targets of these items' rework links, as stored now. */
export async function listReworkTargets(
  db: Kysely<Database>,
  tenantId: string,
  fromItemIds: readonly string[],
): Promise<{ to_source: string; to_external_id: string }[]> {
  const targets: { to_source: string; to_external_id: string }[] = [];
  for (const chunk of chunkRows(fromItemIds, 1, 5_000)) {
    targets.push(
      ...(await db
        .selectFrom('item_links')
        .select(['to_source', 'to_external_id'])
        .where('tenant_id', '=', tenantId)
        .where('from_item_id', 'in', chunk)
        .where('kind', 'in', [...REWORK_KINDS])
        .execute()),
    );
  }
  return targets;
}

/** For each target item, the earliest opened_at of a later item naming it caused_by/follow_up_of. */
export async function earliestReworkOpenings(
  db: Kysely<Database>,
  tenantId: string,
  targetIds: readonly string[],
): Promise<Map<string, number>> {
  const openings = new Map<string, number>();
  for (const chunk of chunkRows(targetIds, 1, 5_000)) {
    const rows = await db
      .selectFrom('items as t')
      .innerJoin('item_links as l', (join) =>
        join
          .onRef('l.tenant_id', '=', 't.tenant_id')
          .onRef('l.to_source', '=', 't.source')
          .onRef('l.to_external_id', '=', 't.external_id'),
      )
      .innerJoin('items as linker', (join) =>
        join.onRef('linker.tenant_id', '=', 'l.tenant_id').onRef('linker.id', '=', 'l.from_item_id'),
      )
      .select(['t.id as id', (eb) => eb.fn.min<number>('linker.opened_at').as('opened')])
      .where('t.tenant_id', '=', tenantId)
      .where('t.id', 'in', chunk)
      .where('l.kind', 'in', [...REWORK_KINDS])
      .whereRef('linker.opened_at', '>', 't.opened_at')
      .groupBy('t.id')
      .execute();
    for (const row of rows) openings.set(row.id, Number(row.opened));
  }
  return openings;
}

/** The rework facts of one item row, as the ingestion core keeps them. */
export type ItemReworkChange = Pick<
  Database['items'],
  'rework_opened_at' | 'reversed_at' | 'reversal_reason' | 'settles_at'
>;

export async function setItemRework(
  db: Kysely<Database>,
  tenantId: string,
  id: string,
  change: ItemReworkChange,
): Promise<void> {
  await db.updateTable('items').set(change).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}
