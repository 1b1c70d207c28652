import { CompiledQuery, type Kysely } from 'kysely';
import type { ItemFilter } from '../../domain/item-filter.js';
import { bulkInsert, usesNumberedParameters } from '../bulk-write.js';
import { chunkRows } from '../dialect.js';
import type { Database } from '../schema.js';
import {
  ROLLUP_KEY_COLUMNS,
  ROLLUP_VALUE_COLUMNS,
  keyColumns,
  keyOfRow,
  rollupKeyId,
  type RollupGrain,
  type RollupKey,
  type RollupRow,
} from './rollup-row.js';

/**
 * The stored rows of these keys (absent keys have none), looked up key by key: the keys are a VALUES
 * list joined to the table's primary key, so a write reads only the rows it changes, never every row of
 * its periods and handlers.
 */
export async function getRollupRows(
  db: Kysely<Database>,
  tenantId: string,
  keys: readonly RollupKey[],
): Promise<Map<string, RollupRow>> {
  const found = new Map<string, RollupRow>();
  const numbered = usesNumberedParameters(db);
  // PostgreSQL types a VALUES list from its first row's literals: parameters need their casts
  const casts = numbered ? ['::text', '::bigint', '::text', '::text', '::text', '::integer', '::text'] : [];
  for (const chunk of chunkRows(keys, 7, 7_000)) {
    const parameters: unknown[] = [tenantId];
    const tuples: string[] = [];
    for (const key of chunk) {
      const columns = keyColumns(tenantId, key);
      const values = [
        columns.grain,
        columns.period_start,
        columns.handler,
        columns.workflow,
        columns.category,
        columns.priority,
        columns.channel,
      ];
      tuples.push(
        '(' +
          values
            .map((value, i) => {
              parameters.push(value);
              return (numbered ? `$${parameters.length}` : '?') + (casts[i] ?? '');
            })
            .join(', ') +
          ')',
      );
    }
    const text =
      `with k (g, p, h, w, c, pr, ch) as (values ${tuples.join(', ')}) ` +
      `select r.* from k cross join rollups r where r.tenant_id = ${numbered ? '$1' : '?'} ` +
      'and r.grain = k.g and r.period_start = k.p and r.handler = k.h and r.workflow = k.w ' +
      'and r.category = k.c and r.priority = k.pr and r.channel = k.ch';
    // the tenant is the first parameter in the text, so it leads the list on both engines
    const ordered = numbered ? parameters : [...parameters.slice(1), parameters[0]];
    const { rows } = await db.executeQuery<RollupRow>(CompiledQuery.raw(text, ordered));
    for (const row of rows) found.set(rollupKeyId(keyOfRow(row)), row);
  }
  return found;
}

const ROLLUP_ROW_COLUMNS = [...ROLLUP_KEY_COLUMNS, ...ROLLUP_VALUE_COLUMNS];
const SAMPLE_COLUMNS: readonly string[] = ['latency', 'e2e', 'first_response'];
const ROLLUP_COUNT_COLUMNS = ROLLUP_ROW_COLUMNS.filter((c) => !SAMPLE_COLUMNS.includes(c));

/**
 * Write rows (insert or replace their values), and drop the rows left without items; the version of every
 * period written is raised in the same transaction (readers that kept a period's figures compare it).
 */
export async function saveRollupRows(
  db: Kysely<Database>,
  tenantId: string,
  rows: readonly RollupRow[],
  maxParameters: number,
): Promise<void> {
  await raisePeriodVersions(db, tenantId, rows);
  const kept = rows.filter((r) => r.n_items !== 0);
  const emptied = rows.filter((r) => r.n_items === 0);
  await bulkInsert(db, 'rollups', [...ROLLUP_KEY_COLUMNS, ...ROLLUP_VALUE_COLUMNS], kept, maxParameters, {
    kind: 'update',
    key: ROLLUP_KEY_COLUMNS,
    columns: ROLLUP_VALUE_COLUMNS,
  });
  for (const row of emptied) {
    await db
      .deleteFrom('rollups')
      .where('tenant_id', '=', tenantId)
      .where('grain', '=', row.grain)
      .where('period_start', '=', row.period_start)
      .where('handler', '=', row.handler)
      .where('workflow', '=', row.workflow)
      .where('category', '=', row.category)
      .where('priority', '=', row.priority)
      .where('channel', '=', row.channel)
      .execute();
  }
}

/**
 * The rows of one grain whose period starts in [from, to), narrowed by the KPI filters; without
 * `samples`, their sample columns read as '' (the empty sample), which a read for counts never needs.
 */
export async function listRollupRows(
  db: Kysely<Database>,
  tenantId: string,
  grain: RollupGrain,
  from: number,
  to: number,
  filter: Pick<ItemFilter, 'agent' | 'withHumans' | 'workflow' | 'category' | 'priority' | 'channel'>,
  samples = true,
): Promise<RollupRow[]> {
  let query = db
    .selectFrom('rollups')
    .select(samples ? ROLLUP_ROW_COLUMNS : ROLLUP_COUNT_COLUMNS)
    .where('tenant_id', '=', tenantId)
    .where('grain', '=', grain)
    .where('period_start', '>=', from)
    .where('period_start', '<', to);
  if (filter.agent?.length)
    query = query.where('handler', 'in', filter.withHumans ? [...filter.agent, 'human'] : [...filter.agent]);
  if (filter.workflow?.length) query = query.where('workflow', 'in', [...filter.workflow]);
  if (filter.category?.length) query = query.where('category', 'in', [...filter.category]);
  if (filter.priority?.length) query = query.where('priority', 'in', [...filter.priority]);
  if (filter.channel?.length) query = query.where('channel', 'in', [...filter.channel]);
  const rows = await query.execute();
  if (samples) return rows as RollupRow[];
  return rows.map((row) => ({ ...row, latency: '', e2e: '', first_response: '' }) as RollupRow);
}

/** Drop every rollup row of a tenant (a rebuild starts from nothing); every period's version is raised. */
export async function deleteTenantRollups(db: Kysely<Database>, tenantId: string): Promise<void> {
  await db.deleteFrom('rollups').where('tenant_id', '=', tenantId).execute();
  await db
    .updateTable('rollup_periods')
    .set((eb) => ({ version: eb('version', '+', 1) }))
    .where('tenant_id', '=', tenantId)
    .execute();
}

/** Raise the version of each period these rows belong to (a period seen first starts at 1). */
async function raisePeriodVersions(
  db: Kysely<Database>,
  tenantId: string,
  rows: readonly RollupRow[],
): Promise<void> {
  const periods = new Map<string, { grain: string; period_start: number }>();
  for (const row of rows) {
    const start = Number(row.period_start);
    periods.set(`${row.grain}|${start}`, { grain: row.grain, period_start: start });
  }
  if (periods.size === 0) return;
  // a batch touches a few days and their weeks and months: one statement, well under any parameter limit
  for (const chunk of chunkRows([...periods.values()], 4, 4_000))
    await db
      .insertInto('rollup_periods')
      .values(
        chunk.map((p) => ({ tenant_id: tenantId, grain: p.grain, period_start: p.period_start, version: 1 })),
      )
      .onConflict((oc) =>
        oc
          .columns(['tenant_id', 'grain', 'period_start'])
          .doUpdateSet((eb) => ({ version: eb('rollup_periods.version', '+', 1) })),
      )
      .execute();
}

/** The version of each period of a grain starting in [from, to) that has one (none: never written). */
export async function listRollupPeriodVersions(
  db: Kysely<Database>,
  tenantId: string,
  grain: RollupGrain,
  from: number,
  to: number,
): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('rollup_periods')
    .select(['period_start', 'version'])
    .where('tenant_id', '=', tenantId)
    .where('grain', '=', grain)
    .where('period_start', '>=', from)
    .where('period_start', '<', to)
    .execute();
  return new Map(rows.map((r) => [Number(r.period_start), Number(r.version)]));
}

export type RollupStateRow = Database['rollup_state'];

export async function getRollupState(
  db: Kysely<Database>,
  tenantId: string,
): Promise<RollupStateRow | undefined> {
  return db.selectFrom('rollup_state').selectAll().where('tenant_id', '=', tenantId).executeTakeFirst();
}

export async function saveRollupState(db: Kysely<Database>, row: RollupStateRow): Promise<void> {
  await db
    .insertInto('rollup_state')
    .values(row)
    .onConflict((oc) =>
      oc
        .column('tenant_id')
        .doUpdateSet({ status: row.status, cursor: row.cursor, updated_at: row.updated_at }),
    )
    .execute();
}

/** Record that the rollups hold every write up to `now` (reads as of an earlier moment use items). */
export async function markRollupsWritten(db: Kysely<Database>, tenantId: string, now: number): Promise<void> {
  await db
    .updateTable('rollup_state')
    .set({ updated_at: now })
    .where('tenant_id', '=', tenantId)
    .where('updated_at', '<', now)
    .execute();
}
