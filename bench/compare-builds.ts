import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Regression check of one build against another in the same process (these machines are noisy, so only
 * same-run ratios mean anything): `node dist/bench/compare-builds.js --base /path/to/other/dist`. Both
 * builds load the same seeded demo into fresh SQLite files; the script times ingestion of the demo's
 * items through the ingestion core and GET /v1/kpis' service for a few windows, alternating the builds,
 * and prints medians and ratios (this build ÷ base) as Markdown.
 */

interface Build {
  label: string;
  acceptItemRecords: (ctx: unknown, raw: readonly unknown[]) => Promise<{ errors: unknown[] }>;
  getKpis: (verb: { ctx: unknown; input: unknown }) => Promise<unknown>;
  loadDemo: (ctx: unknown, options: unknown) => Promise<unknown>;
  createTenant: (input: unknown) => Promise<{ id: string }>;
  openStore: (options: unknown) => Promise<{ close(): Promise<void> }>;
}

const NOW = Date.UTC(2026, 10, 22);
const DAY = 86_400_000;
const ROUNDS = 5;

async function importBuild(root: string, label: string): Promise<Build> {
  // a module at the first of its paths that the build has (services moved into folders by capability)
  const load = async (...files: string[]): Promise<Record<string, unknown>> => {
    const file = files.find((f) => fs.existsSync(path.join(root, f))) ?? files[0] ?? '';
    return (await import(pathToFileURL(path.join(root, file)).href)) as Record<string, unknown>;
  };
  const [accept, kpis, demo, tenant, runtime] = await Promise.all([
    load('src/ingest/accept-items.js'),
    load('src/services/kpis/get-kpis.js', 'src/services/get-kpis.js'),
    load('src/ingest/load-demo.js'),
    load('src/services/config/create-tenant.js', 'src/services/create-tenant.js'),
    load('src/store/connect.js'),
  ]);
  // Safe: both builds export these functions with these shapes (the script fails loudly otherwise).
  return {
    label,
    acceptItemRecords: accept.acceptItemRecords as Build['acceptItemRecords'],
    getKpis: kpis.getKpis as Build['getKpis'],
    loadDemo: demo.loadDemo as Build['loadDemo'],
    createTenant: tenant.createTenant as Build['createTenant'],
    openStore: runtime.openStore as Build['openStore'],
  };
}

async function freshCtx(build: Build): Promise<{ ctx: unknown; close(): Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'workledger-compare-'));
  const store = await build.openStore({ sqlitePath: path.join(dir, 'ledger.db') });
  const actor = { kind: 'cli', user: 'bench' };
  const now = () => NOW;
  const tenant = await build.createTenant({ store, actor, now, input: { name: 'bench' } });
  return {
    ctx: { store, tenantId: tenant.id, actor, requestId: 'bench', now },
    close: async () => {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

const QUERIES = [
  { name: 'GET /v1/kpis, 30 days', filter: { from: NOW - 30 * DAY, to: NOW }, groupBy: [] },
  { name: 'GET /v1/kpis, 30 days by agent', filter: { from: NOW - 30 * DAY, to: NOW }, groupBy: ['agent'] },
  {
    name: 'GET /v1/kpis, 90 days by agent × week',
    filter: { from: NOW - 90 * DAY, to: NOW },
    groupBy: ['agent', 'week'],
  },
];

async function main(): Promise<void> {
  const baseIndex = process.argv.indexOf('--base');
  const baseRoot = baseIndex > 0 ? process.argv[baseIndex + 1] : undefined;
  if (!baseRoot) throw new Error('usage: node dist/bench/compare-builds.js --base /path/to/other/dist');
  const here = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
  const mine = await importBuild(here, 'this build');
  const builds = [await importBuild(path.resolve(baseRoot), 'base'), mine];
  const { generateDemoHistory } = (await import(
    pathToFileURL(path.join(here, 'src/domain/demo/generate-demo.js')).href
  )) as { generateDemoHistory: (o: unknown) => { items: unknown[] } };
  const items = generateDemoHistory({ seed: 42, now: NOW }).items;
  const ingest = new Map<string, number[]>(builds.map((b) => [b.label, []]));
  // This build once more with rollup maintenance off (its tenant's rollups marked stale, so writes
  // leave them to a rebuild): what keeping rollups in the writing transaction costs, in the same run.
  const withoutRollups: number[] = [];
  const reads = new Map<string, number[]>(
    builds.flatMap((b) => QUERIES.map((q) => [`${b.label}|${q.name}`, []])),
  );
  const loaded = await Promise.all(
    builds.map(async (b) => {
      const target = await freshCtx(b);
      await b.loadDemo(target.ctx, { seed: 42, now: NOW });
      return { build: b, target };
    }),
  );
  for (let round = 0; round < ROUNDS; round++) {
    for (const build of round % 2 ? [...builds].reverse() : builds) {
      const target = await freshCtx(build);
      ingest.get(build.label)?.push(
        await time(async () => {
          for (let i = 0; i < items.length; i += 5_000) {
            const result = await build.acceptItemRecords(target.ctx, items.slice(i, i + 5_000));
            if (result.errors.length) throw new Error(`${build.label}: items rejected`);
          }
        }),
      );
      await target.close();
    }
    const bare = await freshCtx(mine);
    await markRollupsStale(bare.ctx);
    withoutRollups.push(
      await time(async () => {
        for (let i = 0; i < items.length; i += 5_000)
          await mine.acceptItemRecords(bare.ctx, items.slice(i, i + 5_000));
      }),
    );
    await bare.close();
    for (const { build, target } of round % 2 ? [...loaded].reverse() : loaded)
      for (const q of QUERIES)
        reads
          .get(`${build.label}|${q.name}`)
          ?.push(
            await time(() =>
              build.getKpis({ ctx: target.ctx, input: { filter: q.filter, groupBy: q.groupBy } }),
            ),
          );
  }
  for (const { target } of loaded) await target.close();
  const row = (name: string, base: number[], mine: number[]) =>
    `| ${name} | ${median(base).toFixed(0)} | ${median(mine).toFixed(0)} | ${(median(mine) / median(base)).toFixed(2)} |`;
  const lines = [
    `Run ${new Date().toISOString()}: ${items.length.toLocaleString('en')} demo items, SQLite, ${ROUNDS} alternating rounds, medians in ms.`,
    '',
    '| what | base (ms) | this build (ms) | this ÷ base |',
    '|---|--:|--:|--:|',
    row(
      `ingest ${items.length.toLocaleString('en')} items (acceptItemRecords, 5,000 a batch)`,
      ingest.get('base') ?? [],
      ingest.get('this build') ?? [],
    ),
    row('the same ingest, rollup maintenance off (rollups stale)', ingest.get('base') ?? [], withoutRollups),
    ...QUERIES.map((q) =>
      row(q.name, reads.get(`base|${q.name}`) ?? [], reads.get(`this build|${q.name}`) ?? []),
    ),
  ];
  console.log(lines.join('\n'));
}

/** Mark the context's tenant's rollups stale: its writes then leave them to a rebuild. */
async function markRollupsStale(ctx: unknown): Promise<void> {
  // Safe: freshCtx built this context around this build's store, whose db is a Kysely instance.
  const { store, tenantId } = ctx as {
    store: {
      db: {
        updateTable(t: string): {
          set(v: object): { where(c: string, op: string, v: string): { execute(): Promise<unknown> } };
        };
      };
    };
    tenantId: string;
  };
  await store.db
    .updateTable('rollup_state')
    .set({ status: 'stale' })
    .where('tenant_id', '=', tenantId)
    .execute();
}

await main();
