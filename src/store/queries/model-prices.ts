import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

export type ModelPriceRow = Database['model_prices'];

export async function saveModelPrice(db: Kysely<Database>, row: ModelPriceRow): Promise<void> {
  await db
    .insertInto('model_prices')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['tenant_id', 'model']).doUpdateSet({
        input_per_million_micros: row.input_per_million_micros,
        output_per_million_micros: row.output_per_million_micros,
        currency: row.currency,
        updated_at: row.updated_at,
      }),
    )
    .execute();
}

export async function listModelPrices(db: Kysely<Database>, tenantId: string): Promise<ModelPriceRow[]> {
  return db
    .selectFrom('model_prices')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .orderBy('model')
    .execute();
}
