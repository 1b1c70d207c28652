import type { Kysely } from 'kysely';

/** Rate cards, agent deployments (go-live per workflow) and frozen, versioned baselines. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('rate_cards')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('rate_cards_pk', ['tenant_id', 'id'])
    .execute();

  await db.schema
    .createTable('deployments')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('agent_id', 'text', (c) => c.notNull())
    .addColumn('workflow', 'text', (c) => c.notNull())
    .addColumn('go_live_at', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('deployments_pk', ['tenant_id', 'agent_id', 'workflow'])
    .execute();

  await db.schema
    .createTable('baselines')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('window_from', 'bigint', (c) => c.notNull())
    .addColumn('window_to', 'bigint', (c) => c.notNull())
    .addColumn('rate_card_id', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('body_hash', 'text', (c) => c.notNull())
    .addColumn('frozen_at', 'bigint', (c) => c.notNull())
    .addColumn('frozen_by', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('baselines_pk', ['tenant_id', 'version'])
    .addUniqueConstraint('baselines_id', ['tenant_id', 'id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['baselines', 'deployments', 'rate_cards'])
    await db.schema.dropTable(table).ifExists().execute();
}
