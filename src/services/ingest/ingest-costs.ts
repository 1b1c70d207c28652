import type { CostRecord } from '../../domain/cost-record.js';
import { costRowDigest } from '../../domain/audit/row-digest.js';
import { fromMicros, MAX_AMOUNT_MICROS, tokenCostMicros } from '../../domain/money.js';
import { getCostIds, insertCosts, type CostRow } from '../../store/queries/costs.js';
import { listModelPrices } from '../../store/queries/model-prices.js';
import type { Transaction } from 'kysely';
import { COST_KINDS } from '../../domain/item-input.js';
import { itemId } from '../../domain/item-record.js';
import { getItemsByIds } from '../../store/queries/items-write.js';
import type { Database } from '../../store/schema.js';
import { requirePermission, withTransaction, type Ctx, type Verb } from '../context.js';
import { applyAttachedCostRollups } from '../rollups/apply-item-rollups.js';
import { itemWriteSettings } from '../rollups/rollup-settings.js';
import { emitAudit } from '../audit/emit-audit.js';
import { rowLeaf } from '../audit/row-leaf.js';
import { lockTenant } from '../../store/queries/tenants.js';
import { getTenantSettings } from '../config/tenant-settings.js';

export interface IngestCostsResult {
  created: number;
  unchanged: number;
  /** Records that could not be priced or do not fit the tenant, by position in `records`. */
  rejected: { position: number; field: string; message: string }[];
}

/** Store costs idempotently (by id), pricing token counts from the model price table. */
export async function ingestCosts({
  ctx,
  input,
}: Verb<{ records: readonly CostRecord[] }>): Promise<IngestCostsResult> {
  requirePermission(ctx, 'ingest');
  const tenant = await getTenantSettings(ctx);
  return withTransaction(ctx, async (tx) => {
    // Writers of one tenant take turns, so concurrent replays count and audit exactly once.
    await lockTenant(tx, ctx.tenantId, ctx.store.dialect.supportsRowLocks);
    const prices = new Map((await listModelPrices(tx, ctx.tenantId)).map((p) => [p.model, p]));
    const existing = await getCostIds(
      tx,
      ctx.tenantId,
      input.records.map((r) => r.id),
    );
    const rows = new Map<string, CostRow>();
    const rejected: IngestCostsResult['rejected'] = [];
    input.records.forEach((r, position) => {
      if (r.currency !== null && r.currency !== tenant.currency) {
        rejected.push({
          position,
          field: 'currency',
          message: `the tenant's currency is ${tenant.currency}`,
        });
        return;
      }
      let amount = r.amountMicros;
      if (amount === null) {
        const price = r.model === null ? undefined : prices.get(r.model);
        if (!price) {
          rejected.push({
            position,
            field: 'model',
            message: `no price for model ${r.model ?? '(none)'}: PUT /v1/model-prices/{model} first, or send amount`,
          });
          return;
        }
        amount = tokenCostMicros(
          r.tokensIn ?? 0,
          r.tokensOut ?? 0,
          price.input_per_million_micros,
          price.output_per_million_micros,
        );
        if (amount > MAX_AMOUNT_MICROS) {
          rejected.push({
            position,
            field: 'amount',
            message: `the tokens come to ${fromMicros(amount)} at the price of ${r.model ?? ''}, more than one cost may (${fromMicros(MAX_AMOUNT_MICROS)}): split the usage, or send amount`,
          });
          return;
        }
      }
      if (existing.has(r.id) || rows.has(r.id)) return;
      rows.set(r.id, {
        tenant_id: ctx.tenantId,
        id: r.id,
        agent_id: r.agentId,
        item_source: r.item?.source ?? null,
        item_external_id: r.item?.externalId ?? null,
        kind: r.kind,
        amount_micros: amount,
        currency: tenant.currency,
        starts_at: r.startsAt,
        ends_at: r.endsAt,
        tokens_in: r.tokensIn,
        tokens_out: r.tokensOut,
        model: r.model,
        created_at: ctx.now(),
      });
    });
    const created = [...rows.values()];
    const result = {
      created: created.length,
      unchanged: input.records.length - created.length - rejected.length,
      rejected,
    };
    if (created.length === 0) return result;
    await insertCosts(tx, created, ctx.store.dialect.maxParameters);
    await countAttachedCosts(tx, ctx, created);
    await emitAudit(tx, ctx, {
      action: 'costs.ingest',
      subject: 'costs',
      detail: { created: result.created, unchanged: result.unchanged },
      leaves: created.map((row) => rowLeaf('cost', [row.id], costRowDigest(row))),
    });
    return result;
  });
}

/** Costs attached to items that are already stored join their items' rollup buckets (the rest join on arrival). */
async function countAttachedCosts(
  tx: Transaction<Database>,
  ctx: Ctx,
  created: readonly CostRow[],
): Promise<void> {
  const attached = created.filter((c) => c.item_source !== null && c.item_external_id !== null);
  if (attached.length === 0) return;
  const ids = [...new Set(attached.map((c) => itemId(c.item_source ?? '', c.item_external_id ?? '')))];
  const items = new Map((await getItemsByIds(tx, ctx.tenantId, ids)).map((r) => [r.id, r]));
  const costs = attached.flatMap((c) => {
    const item = items.get(itemId(c.item_source ?? '', c.item_external_id ?? ''));
    const kind = COST_KINDS.find((k) => k === c.kind);
    return item && kind ? [{ item, kind, micros: c.amount_micros }] : [];
  });
  await applyAttachedCostRollups(
    tx,
    ctx.tenantId,
    costs,
    await itemWriteSettings(tx, ctx.tenantId, ctx.now()),
    ctx.store.dialect.maxParameters,
  );
}
