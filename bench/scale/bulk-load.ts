import { acceptCostRecords } from '../../src/ingest/accept-costs.js';
import { acceptItemRecords } from '../../src/ingest/accept-items.js';
import type { Ctx } from '../../src/services/context.js';
import { createTenant } from '../../src/services/config/create-tenant.js';
import { getTenantSettings } from '../../src/services/config/tenant-settings.js';
import { openStore } from '../../src/store/connect.js';
import { keepRework } from '../../src/services/ingest/rework.js';
import { rebuildRollups } from '../../src/services/rollups/rebuild-rollups.js';
import { itemWriteSettings } from '../../src/services/rollups/rollup-settings.js';
import { getItemsByIds, replaceItemLinks, upsertItems } from '../../src/store/queries/items-write.js';
import { listReworkTargets, REWORK_KINDS } from '../../src/store/queries/rework.js';
import { DAY_MS } from '../../src/domain/time.js';
import { batchesOf, costsOfBatch } from './http-load.js';
import { newestRecords, rowsToWrite } from './item-rows.js';
import type { ScaleCatalog } from './scale-catalog.js';
import { rangeCosts } from './scale-costs.js';
import { scaleItemVersions, type ItemVersion, type ScaleOptions } from './scale-items.js';

/** What the bulk load took. */
export interface BulkLoadFigures {
  records: number;
  items: number;
  itemMs: number;
  costs: number;
  costMs: number;
  /** rebuildRollups' answer, and its time. */
  rebuild: { ms: number; items: number; buckets: number };
  /** Records of the sample on which the bulk rows were checked against the ingestion core. */
  checkedRecords: number;
}

const CHECK_RECORDS = 20_000;
const REWORK_LINK_KINDS: ReadonlySet<string> = new Set(REWORK_KINDS);

/**
 * Write one chunk of records as the ingestion core writes them (its conversion and `toRow`, the same
 * newest-wins upsert, links and rework facts), in one transaction, without its rollups (rebuilt after
 * the load), audit entry and Merkle leaves.
 */
async function writeChunk(ctx: Ctx, raw: readonly unknown[]): Promise<void> {
  const latest = newestRecords(raw, (await getTenantSettings(ctx)).time_zone);
  const { tenantId } = ctx;
  const { maxParameters } = ctx.store.dialect;
  await ctx.store.db.transaction().execute(async (tx) => {
    const stored = new Map((await getItemsByIds(tx, tenantId, [...latest.keys()])).map((r) => [r.id, r]));
    const { durabilityWindowMs } = await itemWriteSettings(tx, tenantId, ctx.now());
    const { rows, links } = rowsToWrite(tenantId, latest, stored, ctx.now(), durabilityWindowMs);
    if (rows.size === 0) return;
    const updated = [...rows.keys()].filter((id) => stored.has(id));
    const oldTargets = updated.length ? await listReworkTargets(tx, tenantId, updated) : [];
    await upsertItems(tx, [...rows.values()], maxParameters);
    await replaceItemLinks(tx, tenantId, [...rows.keys()], links, maxParameters);
    await keepRework(tx, tenantId, durabilityWindowMs, rows, [
      ...oldTargets.map((t) => ({ source: t.to_source, externalId: t.to_external_id })),
      ...links
        .filter((l) => REWORK_LINK_KINDS.has(l.kind))
        .map((l) => ({ source: l.to_source, externalId: l.to_external_id })),
    ]);
  });
}

/**
 * Load the sample through the ingestion core (acceptItemRecords) and through writeChunk into two tenants
 * of a scratch SQLite database, and fail unless every item row and link is the same.
 */
async function checkAgainstIngestion(sample: readonly ItemVersion[], now: number): Promise<void> {
  const store = await openStore({ sqlitePath: ':memory:' });
  try {
    const actor = { kind: 'cli', user: 'bench' } as const;
    const tenants: Ctx[] = [];
    for (const name of ['ingestion core', 'bulk loader']) {
      const tenant = await createTenant({ store, actor, now: () => now, input: { name } });
      tenants.push({ store, tenantId: tenant.id, actor, requestId: 'scale-check', now: () => now });
    }
    const [core, bulk] = tenants;
    if (core === undefined || bulk === undefined) throw new Error('no scratch tenants');
    for (const batch of batchesOf(sample, 5_000)) {
      const answer = await acceptItemRecords(
        core,
        batch.map((v) => v.item),
      );
      if (answer.errors.length > 0) throw new Error(`ingestion refused: ${JSON.stringify(answer.errors[0])}`);
      await writeChunk(
        bulk,
        batch.map((v) => v.item),
      );
    }
    const read = async (ctx: Ctx) => {
      const items = await store.db
        .selectFrom('items')
        .selectAll()
        .where('tenant_id', '=', ctx.tenantId)
        .orderBy('id')
        .execute();
      const links = await store.db
        .selectFrom('item_links')
        .selectAll()
        .where('tenant_id', '=', ctx.tenantId)
        .orderBy('from_item_id')
        .orderBy('to_external_id')
        .execute();
      return JSON.stringify([items, links].map((rows) => rows.map((r) => ({ ...r, tenant_id: '' }))));
    };
    const [expected, actual] = [await read(core), await read(bulk)];
    if (expected !== actual)
      throw new Error(
        'the bulk loader stores different item rows than the ingestion core: bench/scale/item-rows.ts is out of date',
      );
  } finally {
    await store.close();
  }
}

/**
 * Load the scale history straight into the tables in chunks of `chunkSize` records (after checking the
 * conversion on the first 20,000 records), costs through the ingestion core, then rebuild the rollups.
 */
export async function loadInBulk(
  ctx: Ctx,
  settings: Required<ScaleOptions>,
  catalog: ScaleCatalog,
  chunkSize: number,
  progress: (records: number) => void,
): Promise<BulkLoadFigures> {
  const sample: ItemVersion[] = [];
  for (const version of scaleItemVersions(settings)) {
    sample.push(version);
    if (sample.length === CHECK_RECORDS) break;
  }
  await checkAgainstIngestion(sample, settings.now);
  const figures: BulkLoadFigures = {
    records: 0,
    items: 0,
    itemMs: 0,
    costs: 0,
    costMs: 0,
    rebuild: { ms: 0, items: 0, buckets: 0 },
    checkedRecords: sample.length,
  };
  const range = rangeCosts(catalog, settings.now - settings.days * DAY_MS, settings.now);
  await acceptCostRecords(ctx, range);
  figures.costs += range.length;
  for (const batch of batchesOf(scaleItemVersions(settings), chunkSize)) {
    let started = performance.now();
    await writeChunk(
      ctx,
      batch.map((v) => v.item),
    );
    figures.itemMs += performance.now() - started;
    figures.records += batch.length;
    figures.items += batch.filter((v) => v.version === 1).length;
    const costs = costsOfBatch(settings.seed, catalog, batch);
    started = performance.now();
    const answer = await acceptCostRecords(ctx, costs);
    if (answer.errors.length > 0) throw new Error(`costs refused: ${JSON.stringify(answer.errors[0])}`);
    figures.costMs += performance.now() - started;
    figures.costs += costs.length;
    progress(figures.records);
  }
  const started = performance.now();
  const answer = await rebuildRollups(ctx);
  figures.rebuild = { ms: performance.now() - started, ...answer };
  return figures;
}
