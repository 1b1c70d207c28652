import type { Kysely } from 'kysely';
import { KPI_ITEM_FIELDS } from '../../domain/kpi-item.js';
import type { Database } from '../schema.js';
import { itemFilterWhere, type ItemFilter } from '../item-filter.js';

export type ItemRow = Database['items'];

/** An item row with its attached cost (the sum of the costs sent for it). */
export interface KpiItemRow extends ItemRow {
  item_cost_micros: number | null;
}

/** Items of the filter with their attached cost: the base of KPI and list queries. */
function selectItemsWithCost(db: Kysely<Database>, tenantId: string, filter: ItemFilter) {
  return db
    .selectFrom('items')
    .selectAll('items')
    .select((eb) => [
      eb
        .selectFrom('costs as c')
        .select((sub) => sub.fn.sum<number>('c.amount_micros').as('s'))
        .whereRef('c.tenant_id', '=', 'items.tenant_id')
        .whereRef('c.item_source', '=', 'items.source')
        .whereRef('c.item_external_id', '=', 'items.external_id')
        .as('item_cost_micros'),
    ])
    .where((eb) => itemFilterWhere(eb, tenantId, filter));
}

/** Rows with their attached cost as a number (the store keeps rework on the row, see keepRework). */
function withCostNumber(rows: readonly (ItemRow & { item_cost_micros: unknown })[]): KpiItemRow[] {
  return rows.map((r) => ({
    ...r,
    item_cost_micros: r.item_cost_micros === null ? null : Number(r.item_cost_micros),
  }));
}

/**
 * Every item of the filter with its rework and attached cost, for the KPI engine. Without
 * `attachedCost` the cost is left null: the KPI engine reads attached costs by kind on its own, and the
 * per-row subquery would be paid twice.
 */
export async function listKpiItemRows(
  db: Kysely<Database>,
  tenantId: string,
  filter: ItemFilter,
  { attachedCost = true }: { attachedCost?: boolean } = {},
): Promise<KpiItemRow[]> {
  const rows = attachedCost
    ? await selectItemsWithCost(db, tenantId, filter).execute()
    : await db
        .selectFrom('items')
        .selectAll('items')
        .select((eb) => eb.val<number | null>(null).as('item_cost_micros'))
        .where((eb) => itemFilterWhere(eb, tenantId, filter))
        .execute();
  return withCostNumber(rows);
}

/** The columns the KPI engine reads from an item (toKpiItem): its id, the KPI fields, the marks. */
export const KPI_ITEM_COLUMNS = [
  'id',
  ...KPI_ITEM_FIELDS,
  'reversed_at',
  'disputed_at',
  'rework_opened_at',
] as const satisfies readonly (keyof ItemRow)[];

/** An item row narrowed to the KPI engine's columns. */
export type KpiTallyRow = Pick<ItemRow, (typeof KPI_ITEM_COLUMNS)[number]>;

/**
 * One page of the filter's items in (opened_at, id) order after `cursor`, only the columns the KPI engine
 * reads: a read of many items holds one page of small rows at a time, not every row with its attributes.
 */
export async function listKpiTallyPage(
  db: Kysely<Database>,
  tenantId: string,
  filter: ItemFilter,
  cursor: ItemCursor | null,
  limit: number,
): Promise<KpiTallyRow[]> {
  let query = db
    .selectFrom('items')
    .select(KPI_ITEM_COLUMNS.map((c) => `items.${c}` as const))
    .where((eb) => itemFilterWhere(eb, tenantId, filter));
  // the plain lower bound lets both engines start the index range at the cursor: with the OR alone
  // PostgreSQL read every earlier page again for each page
  if (cursor)
    query = query
      .where('items.opened_at', '>=', cursor.openedAt)
      .where((eb) =>
        eb.or([
          eb('items.opened_at', '>', cursor.openedAt),
          eb.and([eb('items.opened_at', '=', cursor.openedAt), eb('items.id', '>', cursor.id)]),
        ]),
      );
  return query.orderBy('items.opened_at').orderBy('items.id').limit(limit).execute();
}

export async function getItemByKey(
  db: Kysely<Database>,
  tenantId: string,
  source: string,
  externalId: string,
): Promise<ItemRow | undefined> {
  return db
    .selectFrom('items')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('source', '=', source)
    .where('external_id', '=', externalId)
    .executeTakeFirst();
}

/** The attributes (as stored JSON text) of the items of one source with these external ids. */
export async function listItemAttributes(
  db: Kysely<Database>,
  tenantId: string,
  source: string,
  externalIds: readonly string[],
): Promise<{ external_id: string; attributes: string | null }[]> {
  if (externalIds.length === 0) return [];
  return db
    .selectFrom('items')
    .select(['external_id', 'attributes'])
    .where('tenant_id', '=', tenantId)
    .where('source', '=', source)
    .where('external_id', 'in', [...externalIds])
    .execute();
}

export interface ItemCursor {
  openedAt: number;
  id: string;
}

/** One page of items in (opened_at, id) order after `cursor`. */
export async function listItemsPage(
  db: Kysely<Database>,
  tenantId: string,
  filter: ItemFilter,
  cursor: ItemCursor | null,
  limit: number,
): Promise<KpiItemRow[]> {
  let query = selectItemsWithCost(db, tenantId, filter);
  if (cursor) {
    query = query.where((eb) =>
      eb.or([
        eb('items.opened_at', '>', cursor.openedAt),
        eb.and([eb('items.opened_at', '=', cursor.openedAt), eb('items.id', '>', cursor.id)]),
      ]),
    );
  }
  const rows = await query.orderBy('items.opened_at').orderBy('items.id').limit(limit).execute();
  return withCostNumber(rows);
}

/** One item by its key, with rework and attached cost. */
export async function getKpiItemRow(
  db: Kysely<Database>,
  tenantId: string,
  source: string,
  externalId: string,
): Promise<KpiItemRow | undefined> {
  const row = await selectItemsWithCost(db, tenantId, { from: -8.64e15, to: 8.64e15 })
    .where('items.source', '=', source)
    .where('items.external_id', '=', externalId)
    .executeTakeFirst();
  return row ? withCostNumber([row])[0] : undefined;
}

/** Links from an item, and links to it from other items (with the linking item's key). */
export async function listItemLinks(db: Kysely<Database>, tenantId: string, item: ItemRow) {
  const outgoing = await db
    .selectFrom('item_links')
    .select(['kind', 'to_source', 'to_external_id'])
    .where('tenant_id', '=', tenantId)
    .where('from_item_id', '=', item.id)
    .orderBy('kind')
    .execute();
  const incoming = await db
    .selectFrom('item_links as l')
    .innerJoin('items as i', (join) =>
      join.onRef('i.tenant_id', '=', 'l.tenant_id').onRef('i.id', '=', 'l.from_item_id'),
    )
    .select(['l.kind', 'i.source', 'i.external_id', 'i.opened_at'])
    .where('l.tenant_id', '=', tenantId)
    .where('l.to_source', '=', item.source)
    .where('l.to_external_id', '=', item.external_id)
    .orderBy('i.opened_at')
    .execute();
  return { outgoing, incoming };
}

/**
 * Pending agent resolutions whose durability window closed by `now`, soonest first: read from the
 * settles_at index, so the job's work is proportional to what is due, never to the whole tenant.
 */
export async function listItemsDueForDurability(
  db: Kysely<Database>,
  tenantId: string,
  now: number,
  limit: number,
): Promise<ItemRow[]> {
  return (
    db
      .selectFrom('items')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('settles_at', 'is not', null)
      .where('settles_at', '<=', now)
      // the index's own order: a second sort key would sort every due item for each chunk
      .orderBy('settles_at')
      .limit(limit)
      .execute()
  );
}

/** The distinct (workflow, category) pairs each agent has handled, ever: what is automated already. */
export async function listAgentCohorts(
  db: Kysely<Database>,
  tenantId: string,
): Promise<{ workflow: string | null; category: string | null; handled_by: string }[]> {
  return db
    .selectFrom('items')
    .select(['workflow', 'category', 'handled_by'])
    .distinct()
    .where('tenant_id', '=', tenantId)
    .where('handled_by', '!=', 'human')
    .execute();
}

/**
 * Pending agent resolutions opened in [from, to) whose window had closed by `asOf` though the durability
 * job has not recorded it yet: rollups still count them provisional, and a read as of then must not.
 */
export async function listSettledPending(
  db: Kysely<Database>,
  tenantId: string,
  filter: ItemFilter,
  asOf: number,
): Promise<Pick<ItemRow, 'handled_by' | 'workflow' | 'category' | 'priority' | 'channel' | 'opened_at'>[]> {
  return db
    .selectFrom('items')
    .select(['handled_by', 'workflow', 'category', 'priority', 'channel', 'opened_at'])
    .where('items.settles_at', 'is not', null)
    .where('items.settles_at', '<=', asOf)
    .where((eb) => itemFilterWhere(eb, tenantId, filter))
    .execute();
}

/**
 * The next `limit` items of a tenant after `after`, in (opened_at, id) order: a rebuild walks them all in
 * chunks, each touching the rollup buckets of a few days only.
 */
export async function getItemsOpenedAfter(
  db: Kysely<Database>,
  tenantId: string,
  after: { openedAt: number; id: string } | null,
  limit: number,
): Promise<ItemRow[]> {
  let query = db.selectFrom('items').selectAll().where('tenant_id', '=', tenantId);
  if (after)
    query = query.where((eb) =>
      eb.or([
        eb('opened_at', '>', after.openedAt),
        eb.and([eb('opened_at', '=', after.openedAt), eb('id', '>', after.id)]),
      ]),
    );
  return query.orderBy('opened_at').orderBy('id').limit(limit).execute();
}

/** Whether any item of the tenant names this workflow. */
export async function hasWorkflowItems(
  db: Kysely<Database>,
  tenantId: string,
  workflow: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('items')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('workflow', '=', workflow)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
