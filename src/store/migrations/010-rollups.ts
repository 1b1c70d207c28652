import { sql, type Kysely } from 'kysely';

const COUNT_COLUMNS = [
  'n_items',
  'n_open',
  'n_resolved',
  'n_escalated',
  'n_failed',
  'n_abandoned',
  'n_provisional',
  'n_durable',
  'n_verified',
  'n_reversed',
  'n_disputed',
  'n_fcr',
  'n_reopened',
  'n_reassigned',
  'n_sla_judged',
  'n_sla_met',
  'n_state_checked',
  'n_state_verified',
  'n_csat_on_resolved',
  'n_reworked',
  'n_reworked_or_reversed',
  'n_handoff_unreported',
  'csat_1',
  'csat_2',
  'csat_3',
  'csat_4',
  'csat_5',
] as const;

const COST_COLUMNS = [
  'cost_inference',
  'cost_compute',
  'cost_licensing',
  'cost_integration',
  'cost_outcome_fee',
  'cost_oversight',
] as const;

/**
 * KPI rollups (DESIGN.md, Data flow): per tenant × grain (day, ISO week, month, in the tenant's zone) ×
 * period × handler × cohort (workflow × category × priority × channel; '' and 0 stand for none), the
 * tally of the items opened in it. Items gain `settles_at` (when a pending resolution's window closes:
 * the index the durability job works from) and `rework_opened_at` (kept on write, no longer joined on
 * read). Existing tenants' rollups are rebuilt after the upgrade (rollup_state 'stale').
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  let table = db.schema
    .createTable('rollups')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('grain', 'text', (c) => c.notNull())
    .addColumn('period_start', 'bigint', (c) => c.notNull())
    .addColumn('handler', 'text', (c) => c.notNull())
    .addColumn('workflow', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('priority', 'integer', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull());
  for (const column of COUNT_COLUMNS) table = table.addColumn(column, 'bigint', (c) => c.notNull());
  table = table
    .addColumn('handoff_minutes', 'double precision', (c) => c.notNull())
    .addColumn('latency', 'text', (c) => c.notNull())
    .addColumn('e2e', 'text', (c) => c.notNull())
    .addColumn('first_response', 'text', (c) => c.notNull());
  for (const column of COST_COLUMNS) table = table.addColumn(column, 'bigint', (c) => c.notNull());
  await table
    .addPrimaryKeyConstraint('rollups_pk', [
      'tenant_id',
      'grain',
      'period_start',
      'handler',
      'workflow',
      'category',
      'priority',
      'channel',
    ])
    .execute();

  await db.schema
    .createTable('rollup_state')
    .addColumn('tenant_id', 'text', (c) => c.primaryKey())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('cursor', 'text')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await sql`insert into rollup_state (tenant_id, status, cursor, updated_at)
            select id, 'stale', null, created_at from tenants`.execute(db);

  await db.schema.alterTable('items').addColumn('settles_at', 'bigint').execute();
  await db.schema.alterTable('items').addColumn('rework_opened_at', 'bigint').execute();
  await sql`update items set settles_at = coalesce(resolved_at, closed_at) +
              (select t.durability_window_ms from tenants t where t.id = items.tenant_id)
            where handled_by <> 'human' and outcome = 'resolved' and reversed_at is null
              and disputed_at is null and durable_at is null`.execute(db);
  await sql`update items set rework_opened_at = (
              select min(linker.opened_at) from item_links l
              join items linker on linker.tenant_id = l.tenant_id and linker.id = l.from_item_id
              where l.tenant_id = items.tenant_id and l.to_source = items.source
                and l.to_external_id = items.external_id and l.kind in ('caused_by', 'follow_up_of')
                and linker.opened_at > items.opened_at)`.execute(db);
  await db.schema
    .createIndex('items_settles')
    .on('items')
    .columns(['tenant_id', 'settles_at'])
    .where(sql.ref('settles_at'), 'is not', null)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('items_settles').ifExists().execute();
  await db.schema.alterTable('items').dropColumn('rework_opened_at').execute();
  await db.schema.alterTable('items').dropColumn('settles_at').execute();
  await db.schema.dropTable('rollup_state').ifExists().execute();
  await db.schema.dropTable('rollups').ifExists().execute();
}
