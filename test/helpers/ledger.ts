import type { z } from 'zod';
import type { CostInput, ItemInput } from '../../src/domain/item-input.js';
import { acceptCostRecords, type AcceptCostsResult } from '../../src/ingest/accept-costs.js';
import { acceptItemRecords, type AcceptResult } from '../../src/ingest/accept-items.js';
import type { Actor, Ctx } from '../../src/services/context.js';
import { createTenant } from '../../src/services/config/create-tenant.js';
import type { Store } from '../../src/store/connect.js';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** The operator at the CLI: holds every permission, and is the only actor that may create tenants. */
export const TEST_ACTOR: Actor = { kind: 'cli', user: 'test' };

/** An item or cost as a writer sends it (snake_case, ISO times). */
export type RawItem = z.input<typeof ItemInput>;
export type RawCost = z.input<typeof CostInput>;

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** A fresh tenant and a ctx acting in it at the fixed clock `now`; every test makes its own. */
export async function newTenant(
  store: Store,
  options: { now: number; durabilityWindowDays?: number; name?: string },
): Promise<Ctx> {
  const now = () => options.now;
  const tenant = await createTenant({
    store,
    actor: TEST_ACTOR,
    now,
    input: {
      name: options.name ?? 'test tenant',
      ...(options.durabilityWindowDays === undefined
        ? {}
        : { durability_window_days: options.durabilityWindowDays }),
    },
  });
  return { store, tenantId: tenant.id, actor: TEST_ACTOR, requestId: 'test', now };
}

/** The same ctx with the clock set to `now`. */
export function at(ctx: Ctx, now: number): Ctx {
  return { ...ctx, now: () => now };
}

/** Ingest raw items through the ingestion core, failing the test if any is rejected. */
export async function ingest(ctx: Ctx, items: readonly RawItem[]): Promise<AcceptResult> {
  const result = await acceptItemRecords(ctx, items);
  if (result.errors.length) throw new Error(`items rejected: ${JSON.stringify(result.errors)}`);
  return result;
}

/** Ingest raw costs; rejections are returned, not thrown (some tests expect them). */
export async function ingestCostRecords(ctx: Ctx, costs: readonly RawCost[]): Promise<AcceptCostsResult> {
  return acceptCostRecords(ctx, costs);
}

/** How many rows of `table` the ctx's tenant has. */
export async function countRows(
  ctx: Ctx,
  table: 'items' | 'item_links' | 'costs' | 'audit_entries',
): Promise<number> {
  const row = await ctx.store.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('tenant_id', '=', ctx.tenantId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
