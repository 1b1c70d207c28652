import { sql, type Kysely } from 'kysely';
import type { RowFamily } from '../../domain/audit/leaf-subject.js';
import type { Database } from '../schema.js';
import { chunkRows } from '../dialect.js';
import type { ImportWatermarkTable } from './import-watermarks.js';
import type { WebhookSecretTable } from './webhook-secrets.js';
import './audit-checkpoint-tables.js';

/** Every table whose rows `audit verify` recomputes, typed (two tables are typed beside their queries). */
export type AuditedDatabase = Database & {
  webhook_secrets: WebhookSecretTable;
  import_watermarks: ImportWatermarkTable;
};
export type AuditedTableName = keyof AuditedDatabase;

/** How an audited table is read: which column scopes it to a tenant, and its key after that. */
export interface AuditedTableSpec<T extends AuditedTableName> {
  table: T;
  tenantColumn: keyof AuditedDatabase[T] & string;
  key: readonly (keyof AuditedDatabase[T] & string)[];
}

/** A key as stored: text columns only (every audited table is keyed by text). */
export type RowKey = readonly string[];

function spec<T extends AuditedTableName>(s: AuditedTableSpec<T>): AuditedTableSpec<T> {
  return s;
}

/** Where each row family lives: its table, tenant column and key (the parts of its leaf subject). */
export const AUDITED_TABLES = {
  tenant: spec({ table: 'tenants', tenantColumn: 'id', key: ['id'] }),
  api_key: spec({ table: 'api_keys', tenantColumn: 'tenant_id', key: ['id'] }),
  user: spec({ table: 'users', tenantColumn: 'tenant_id', key: ['id'] }),
  workflow: spec({ table: 'workflows', tenantColumn: 'tenant_id', key: ['id'] }),
  agent: spec({ table: 'agents', tenantColumn: 'tenant_id', key: ['id'] }),
  model_price: spec({ table: 'model_prices', tenantColumn: 'tenant_id', key: ['model'] }),
  rate_card: spec({ table: 'rate_cards', tenantColumn: 'tenant_id', key: ['id'] }),
  deployment: spec({ table: 'deployments', tenantColumn: 'tenant_id', key: ['agent_id', 'workflow'] }),
  baseline: spec({ table: 'baselines', tenantColumn: 'tenant_id', key: ['id'] }),
  webhook_secret: spec({ table: 'webhook_secrets', tenantColumn: 'tenant_id', key: ['source'] }),
  report_deliveries: spec({
    table: 'report_delivery_settings',
    tenantColumn: 'tenant_id',
    key: ['tenant_id'],
  }),
  import_watermark: spec({
    table: 'import_watermarks',
    tenantColumn: 'tenant_id',
    key: ['source', 'instance'],
  }),
  checkpoint_webhook: spec({
    table: 'audit_checkpoint_webhooks',
    tenantColumn: 'tenant_id',
    key: ['tenant_id'],
  }),
  item: spec({ table: 'items', tenantColumn: 'tenant_id', key: ['id'] }),
  cost: spec({ table: 'costs', tenantColumn: 'tenant_id', key: ['id'] }),
} satisfies Record<RowFamily, unknown>;

/** The stored row type of a family. */
export type RowOf<F extends RowFamily> =
  (typeof AUDITED_TABLES)[F] extends AuditedTableSpec<infer T> ? AuditedDatabase[T] : never;

/** A spec with its names as plain text: what the SQL below needs of it. */
interface TableNames {
  table: string;
  tenantColumn: string;
  key: readonly string[];
}

function namesOf(family: RowFamily): TableNames {
  return AUDITED_TABLES[family];
}

function keyTuple(columns: readonly string[]) {
  return sql`(${sql.join(columns.map((c) => sql.ref(c)))})`;
}

/** The key parts of a stored row of `family`, as its leaf subject names them. */
export function keyOfRow(family: RowFamily, row: object): RowKey {
  return namesOf(family).key.map((column) => String(Reflect.get(row, column)));
}

/**
 * The tenant's rows of one family after `after` in key order, at most `limit`: keyset paging, so a
 * scan of a million rows holds one page at a time and never skips a row written meanwhile.
 */
export async function pageAuditedRows<F extends RowFamily>(
  db: Kysely<Database>,
  family: F,
  tenantId: string,
  after: RowKey | null,
  limit: number,
): Promise<RowOf<F>[]> {
  const s = namesOf(family);
  const afterClause = after === null ? sql`1 = 1` : sql`${keyTuple(s.key)} > (${sql.join(after)})`;
  // Identifiers come from AUDITED_TABLES, values are parameters; rows come back as the table stores them.
  const result = await sql<RowOf<F>>`select * from ${sql.table(s.table)}
    where ${sql.ref(s.tenantColumn)} = ${tenantId} and ${afterClause}
    order by ${sql.join(s.key.map((c) => sql.ref(c)))} limit ${limit}`.execute(db);
  return result.rows;
}

/** One row of a family by its key, as stored. */
export async function getAuditedRow<F extends RowFamily>(
  db: Kysely<Database>,
  family: F,
  tenantId: string,
  key: RowKey,
): Promise<RowOf<F> | undefined> {
  const s = namesOf(family);
  const result = await sql<RowOf<F>>`select * from ${sql.table(s.table)}
    where ${sql.ref(s.tenantColumn)} = ${tenantId} and ${keyTuple(s.key)} = (${sql.join(key)})`.execute(db);
  return result.rows[0];
}

/** Which of `keys` exist among the tenant's rows of one family. */
export async function listExistingKeys(
  db: Kysely<Database>,
  family: RowFamily,
  tenantId: string,
  keys: readonly RowKey[],
): Promise<RowKey[]> {
  const s = namesOf(family);
  const [single] = s.key;
  const found: RowKey[] = [];
  for (const chunk of chunkRows(keys, s.key.length, 10_000)) {
    if (chunk.length === 0) continue;
    // PostgreSQL types an IN list from its column; a composite key compares row values from VALUES.
    const wanted =
      s.key.length === 1 && single !== undefined
        ? sql`${sql.ref(single)} in (${sql.join(chunk.map((k) => k[0] ?? ''))})`
        : sql`${keyTuple(s.key)} in (values ${sql.join(chunk.map((k) => sql`(${sql.join(k)})`))})`;
    const result = await sql<Record<string, unknown>>`select ${sql.join(s.key.map((c) => sql.ref(c)))}
      from ${sql.table(s.table)} where ${sql.ref(s.tenantColumn)} = ${tenantId} and ${wanted}`.execute(db);
    for (const row of result.rows) found.push(s.key.map((c) => String(row[c])));
  }
  return found;
}

/** The outgoing links of these items (the item's digest covers them). */
export async function listLinksOfItems(
  db: Kysely<Database>,
  tenantId: string,
  itemIds: readonly string[],
): Promise<Database['item_links'][]> {
  const links: Database['item_links'][] = [];
  for (const chunk of chunkRows(itemIds, 1, 5_000)) {
    if (chunk.length === 0) continue;
    links.push(
      ...(await db
        .selectFrom('item_links')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('from_item_id', 'in', chunk)
        .execute()),
    );
  }
  return links;
}
