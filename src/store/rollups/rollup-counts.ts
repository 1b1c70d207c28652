import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

/** How many rollup rows a tenant has (what a rebuild reports). */
export async function countRollupRows(db: Kysely<Database>, tenantId: string): Promise<number> {
  const row = await db
    .selectFrom('rollups')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('tenant_id', '=', tenantId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
