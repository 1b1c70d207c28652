import { sql, type Kysely } from 'kysely';

/**
 * Rollup rows hold their counts and costs as one text column (`counts`, rollup-row.ts encodeCounts)
 * instead of thirty-four: reading and writing a row column by column cost several times more than the
 * database's own work. The table is recreated empty and every tenant's rollups are marked stale, so the
 * rollups job rebuilds them from the items (reads use the items until it has).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('rollups').execute();
  await createRollups(db, 'counts');
  await sql`update rollup_state set status = 'stale', cursor = null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // The column-per-count layout of 010 is not rebuilt here: its rows come back from a rebuild.
  await db.schema.dropTable('rollups').execute();
  await createRollups(db, 'columns');
  await sql`update rollup_state set status = 'stale', cursor = null`.execute(db);
}

const LEGACY_COUNT_COLUMNS = [
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
  'cost_inference',
  'cost_compute',
  'cost_licensing',
  'cost_integration',
  'cost_outcome_fee',
  'cost_oversight',
] as const;

async function createRollups(db: Kysely<unknown>, layout: 'counts' | 'columns'): Promise<void> {
  let table = db.schema
    .createTable('rollups')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('grain', 'text', (c) => c.notNull())
    .addColumn('period_start', 'bigint', (c) => c.notNull())
    .addColumn('handler', 'text', (c) => c.notNull())
    .addColumn('workflow', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('priority', 'integer', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('n_items', 'bigint', (c) => c.notNull());
  if (layout === 'counts') table = table.addColumn('counts', 'text', (c) => c.notNull());
  else {
    for (const column of LEGACY_COUNT_COLUMNS) table = table.addColumn(column, 'bigint', (c) => c.notNull());
    table = table.addColumn('handoff_minutes', 'double precision', (c) => c.notNull());
  }
  await table
    .addColumn('latency', 'text', (c) => c.notNull())
    .addColumn('e2e', 'text', (c) => c.notNull())
    .addColumn('first_response', 'text', (c) => c.notNull())
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
}
