import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

/** Table webhook_secrets (migration 003): the hash of each tenant's secret per webhook source. */
export interface WebhookSecretTable {
  tenant_id: string;
  source: string;
  secret_hash: string;
  created_at: number;
}
export type WebhookSecretRow = WebhookSecretTable;

// The table is typed here rather than in schema.ts; withTables only widens the type, no cast.
function withWebhookSecrets(db: Kysely<Database>) {
  return db.withTables<{ webhook_secrets: WebhookSecretTable }>();
}

/** The secret row of a tenant and source, if any. */
export async function getWebhookSecret(
  db: Kysely<Database>,
  tenantId: string,
  source: string,
): Promise<WebhookSecretRow | undefined> {
  return withWebhookSecrets(db)
    .selectFrom('webhook_secrets')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('source', '=', source)
    .executeTakeFirst();
}

/** Insert or replace the secret of a tenant and source. */
export async function saveWebhookSecret(db: Kysely<Database>, row: WebhookSecretRow): Promise<void> {
  await withWebhookSecrets(db)
    .insertInto('webhook_secrets')
    .values(row)
    .onConflict((oc) =>
      oc
        .columns(['tenant_id', 'source'])
        .doUpdateSet({ secret_hash: row.secret_hash, created_at: row.created_at }),
    )
    .execute();
}
