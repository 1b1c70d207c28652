import type { Kysely } from 'kysely';

/** The foundation schema: every table keyed by tenant_id first (DESIGN.md, Shape). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('tenants')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('durability_window_ms', 'bigint', (c) => c.notNull())
    .addColumn('rework_window_ms', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('api_keys')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('key_hash', 'text', (c) => c.notNull().unique())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('revoked_at', 'bigint')
    .addPrimaryKeyConstraint('api_keys_pk', ['tenant_id', 'id'])
    .execute();

  await db.schema
    .createTable('workflows')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('department', 'text')
    .addColumn('sla_hours', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('workflows_pk', ['tenant_id', 'id'])
    .execute();

  await db.schema
    .createTable('agents')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('vendor', 'text')
    .addColumn('version', 'text')
    .addColumn('scope', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('agents_pk', ['tenant_id', 'id'])
    .execute();

  await db.schema
    .createTable('items')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('workflow', 'text')
    .addColumn('category', 'text')
    .addColumn('priority', 'integer')
    .addColumn('channel', 'text')
    .addColumn('opened_at', 'bigint', (c) => c.notNull())
    .addColumn('first_response_at', 'bigint')
    .addColumn('resolved_at', 'bigint')
    .addColumn('closed_at', 'bigint')
    .addColumn('reassignment_count', 'integer', (c) => c.notNull())
    .addColumn('reopen_count', 'integer', (c) => c.notNull())
    .addColumn('handled_by', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('confidence', 'double precision')
    .addColumn('state_change_verified', 'integer')
    .addColumn('csat', 'integer')
    .addColumn('sla_met', 'integer')
    .addColumn('attributes', 'text')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('reversed_at', 'bigint')
    .addColumn('reversal_reason', 'text')
    .addColumn('disputed_at', 'bigint')
    .addColumn('durable_at', 'bigint')
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('ingested_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('items_pk', ['tenant_id', 'id'])
    .addUniqueConstraint('items_source_external_id', ['tenant_id', 'source', 'external_id'])
    .execute();
  await db.schema.createIndex('items_opened').on('items').columns(['tenant_id', 'opened_at']).execute();
  await db.schema
    .createIndex('items_handler_opened')
    .on('items')
    .columns(['tenant_id', 'handled_by', 'opened_at'])
    .execute();

  await db.schema
    .createTable('item_links')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('from_item_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('to_source', 'text', (c) => c.notNull())
    .addColumn('to_external_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('item_links_pk', [
      'tenant_id',
      'from_item_id',
      'kind',
      'to_source',
      'to_external_id',
    ])
    .execute();
  await db.schema
    .createIndex('item_links_target')
    .on('item_links')
    .columns(['tenant_id', 'to_source', 'to_external_id'])
    .execute();

  await db.schema
    .createTable('costs')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('agent_id', 'text', (c) => c.notNull())
    .addColumn('item_source', 'text')
    .addColumn('item_external_id', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('amount_micros', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'bigint', (c) => c.notNull())
    .addColumn('ends_at', 'bigint')
    .addColumn('tokens_in', 'bigint')
    .addColumn('tokens_out', 'bigint')
    .addColumn('model', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('costs_pk', ['tenant_id', 'id'])
    .execute();
  await db.schema
    .createIndex('costs_item')
    .on('costs')
    .columns(['tenant_id', 'item_source', 'item_external_id'])
    .execute();
  await db.schema
    .createIndex('costs_agent_range')
    .on('costs')
    .columns(['tenant_id', 'agent_id', 'starts_at'])
    .execute();

  await db.schema
    .createTable('model_prices')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('input_per_million_micros', 'bigint', (c) => c.notNull())
    .addColumn('output_per_million_micros', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('model_prices_pk', ['tenant_id', 'model'])
    .execute();

  await db.schema
    .createTable('audit_entries')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('merkle_root', 'text')
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('audit_entries_pk', ['tenant_id', 'seq'])
    .execute();

  await db.schema
    .createTable('audit_leaves')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('idx', 'integer', (c) => c.notNull())
    .addColumn('leaf_hash', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('audit_leaves_pk', ['tenant_id', 'seq', 'idx'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'audit_leaves',
    'audit_entries',
    'model_prices',
    'costs',
    'item_links',
    'items',
    'agents',
    'workflows',
    'api_keys',
    'tenants',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
