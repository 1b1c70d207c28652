import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { openPostgresTarget, openSqliteTarget, type EngineTarget } from './engine-targets.js';
import { NOTES_MARKER } from './results-markdown.js';
import { runEngine, type EngineRun, type LoadMode } from './scale/engine-run.js';
import { measureGenerator } from './scale/generator-stats.js';
import { scaleSettings } from './scale/scale-items.js';
import { renderScaleSection } from './scale/scale-results.js';
import { sizeLabel, type ScaleRunInfo } from './scale/scale-run-info.js';

/**
 * Issue 8's benchmark at a real customer's size: `node dist/bench/scale-bench.js --items 1000000
 * --engines sqlite,postgres`. Generates the scale tenant (50 agents, 365 days), loads it over HTTP
 * (or in bulk), then times the durability job, GET /v1/kpis against a direct scan, and the dashboard
 * overview's calls on each engine, and writes its section of bench/RESULTS.md (one per size).
 */

const Options = z.object({
  items: z.coerce.number().int().positive(),
  engines: z
    .string()
    .transform((s) => s.split(',').map((e) => z.enum(['sqlite', 'postgres']).parse(e.trim()))),
  load: z.enum(['http', 'bulk']).optional(),
  reps: z.coerce.number().int().positive(),
  'query-budget-s': z.coerce.number().positive().optional(),
  'overview-reps': z.coerce.number().int().positive(),
  seed: z.coerce.number().int(),
  now: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date, YYYY-MM-DD'),
  batch: z.coerce.number().int().positive().max(10_000),
  'dry-run': z.boolean(),
});

const PG_SERVER = (process.env.WORKLEDGER_BENCH_PG_SERVER ?? 'postgres://postgres@127.0.0.1:5432').replace(
  /\/+$/,
  '',
);
const RESULTS_FILE = new URL('../../bench/RESULTS.md', import.meta.url);

function readOptions() {
  const { values } = parseArgs({
    options: {
      items: { type: 'string', default: '1000000' },
      engines: { type: 'string', default: 'sqlite,postgres' },
      load: { type: 'string' },
      reps: { type: 'string', default: '10' },
      'query-budget-s': { type: 'string' },
      'overview-reps': { type: 'string', default: '5' },
      seed: { type: 'string', default: '42' },
      now: { type: 'string', default: '2026-11-22' },
      batch: { type: 'string', default: '5000' },
      'dry-run': { type: 'boolean', default: false },
    },
  });
  return Options.parse(values);
}

/** The commit measured, or what WORKLEDGER_BENCH_TREE says when the tree is not a git checkout. */
function describeTree(): string {
  if (process.env.WORKLEDGER_BENCH_TREE) return process.env.WORKLEDGER_BENCH_TREE;
  try {
    const git = (...args: string[]) => execFileSync('git', args, { encoding: 'utf8' }).trim();
    const dirty = git('status', '--porcelain', '--untracked-files=no') !== '';
    return `commit ${git('rev-parse', '--short', 'HEAD')}${dirty ? ' with uncommitted changes in the tree' : ''}`;
  } catch {
    return 'an unknown commit';
  }
}

function methodLines(load: LoadMode, reps: number, budgetS: number | undefined, batch: number): string[] {
  const loading =
    load === 'http'
      ? [
          `- Loading: \`POST /v1/items\` with JSON bodies of ${batch.toLocaleString('en-US')} records, one request at a time over loopback; each`,
          '  followed by its inference costs (`POST /v1/costs`, timed apart). Records/s = records ÷ the sum of the items',
          "  requests' times (from sending to the whole answer; bodies are generated and serialised between requests).",
          '  Baseline: the rows stored, read back and inserted into a fresh `items_copy` with the same keys and indexes',
          `  (bench/engine-targets.ts: one transaction per ${batch.toLocaleString('en-US')} rows; SQLite a prepared INSERT per row,`,
          '  PostgreSQL `INSERT … SELECT * FROM unnest(…)`), after all other phases, on the same database.',
        ]
      : [
          `- Loading (bulk): chunks of ${batch.toLocaleString('en-US')} records converted as POST /v1/items converts them (ItemInput, toItemRecord,`,
          "  the ingestion core's row, checked against `acceptItemRecords` on the first 20,000 records) and upserted with",
          "  the store's own `upsertItems`/`replaceItemLinks`, no audit entries; costs through `acceptCostRecords`;",
          '  then `rebuildRollups`.',
        ];
  return [
    '- Server: as named under Server above, on `@hono/node-server` at 127.0.0.1 in this process; the clients',
    '  (`node:http`, a fresh connection per request) run in the same process.',
    '  A worker thread samples the process RSS every 20 ms (server, clients and generator together) and, where a',
    '  /healthz column shows, sends GET /healthz one after another; the main thread keeps a 10 ms `setInterval`',
    '  heartbeat (longest gap − 10 ms = longest stall) and `monitorEventLoopDelay`.',
    '  RSS rarely shrinks within a process, so each peak also carries what earlier phases left (under',
    '  `--expose-gc`, as the npm scripts run it, the heap is collected before each phase).',
    ...loading,
    '- Durability: the durability job where the server runs it (`runJob` on the job thread) as of 30 days before now',
    '  (most of the year), alone; then as of now',
    '  (the last month) at the same time as GET /v1/kpis for the year by agent × week.',
    `- KPIs: GET /v1/kpis for 1, 30 and 365 whole days ending at now, as of the server's clock (it starts at now and`,
    `  runs), one warm-up (shown as the first read: it fills what the server keeps of settled periods), then ${reps} repetitions`,
    `  ${budgetS === undefined ? '' : `(or fewer once a case has used ${budgetS} s) `}each; the direct scan in the same process on the same database: one`,
    '  GROUP BY over `items` with CASE sums (handled, open, resolved, first contact, escalated, failed, reopened,',
    '  durable, reversed, provisional, state checked), means (csat, resolution and first-response time), and latency',
    '  p50/p90/p95 (PostgreSQL `percentile_cont`; SQLite fetches the latencies and interpolates). The scan computes',
    '  no costs, rework, intervals or baselines, which the API does: it does less work.',
  ];
}

async function openTarget(engine: 'sqlite' | 'postgres'): Promise<EngineTarget | string> {
  if (engine === 'sqlite') return openSqliteTarget();
  const target = await openPostgresTarget(PG_SERVER);
  return 'unreachable' in target ? `PostgreSQL at ${PG_SERVER} unreachable: ${target.unreachable}` : target;
}

/** Replace this size's section below the notes marker of RESULTS.md, or append it; the rest is kept. */
function writeSection(label: string, section: string): void {
  const begin = `<!-- scale-bench:${label}:begin -->`;
  const end = `<!-- scale-bench:${label}:end -->`;
  const text = fs.existsSync(RESULTS_FILE)
    ? fs.readFileSync(RESULTS_FILE, 'utf8')
    : `# Benchmarks\n\n${NOTES_MARKER}\n`;
  const withMarker = text.includes(NOTES_MARKER) ? text : `${text.trimEnd()}\n\n${NOTES_MARKER}\n`;
  const from = withMarker.indexOf(begin);
  const to = withMarker.indexOf(end);
  const block = `${begin}\n${section}\n${end}`;
  fs.writeFileSync(
    RESULTS_FILE,
    from !== -1 && to > from
      ? withMarker.slice(0, from) + block + withMarker.slice(to + end.length)
      : `${withMarker.trimEnd()}\n\n${block}\n`,
  );
}

async function main(): Promise<void> {
  const started = performance.now();
  const options = readOptions();
  const load: LoadMode = options.load ?? (options.items > 1_000_000 ? 'bulk' : 'http');
  const settings = scaleSettings({
    items: options.items,
    now: Date.parse(`${options.now}T00:00:00Z`),
    seed: options.seed,
  });
  const log = (line: string) =>
    console.error(`[${((performance.now() - started) / 1000).toFixed(0)} s] ${line}`);
  const generator = measureGenerator(settings);
  log(
    `generated ${generator.items.toLocaleString('en-US')} items (${generator.records.toLocaleString('en-US')} records) in ${Math.round(generator.ms)} ms`,
  );
  const runs: EngineRun[] = [];
  const skipped: string[] = [];
  for (const engine of options.engines) {
    const target = await openTarget(engine);
    if (typeof target === 'string') {
      skipped.push(target);
      log(target);
      continue;
    }
    try {
      runs.push(
        await runEngine(target, {
          settings,
          load,
          batchSize: options.batch,
          reps: options.reps,
          budgetMs: (options['query-budget-s'] ?? Number.POSITIVE_INFINITY) * 1000,
          overviewReps: options['overview-reps'],
          log,
        }),
      );
    } finally {
      await target.close();
    }
  }
  const info: ScaleRunInfo = {
    date: new Date(),
    items: options.items,
    seconds: (performance.now() - started) / 1000,
    command: ['node', ...process.execArgv, 'dist/bench/scale-bench.js', ...process.argv.slice(2)].join(' '),
    tree: describeTree(),
    machine: `${os.availableParallelism()} CPUs (${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.type()} ${os.release()}, Node ${process.version}`,
    method: methodLines(load, options.reps, options['query-budget-s'], options.batch),
    skipped,
    overviewReps: options['overview-reps'],
  };
  const section = renderScaleSection(info, generator, runs);
  if (!options['dry-run']) writeSection(sizeLabel(options.items), section);
  console.log(section);
}

await main();
