import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { isoWeekWindow } from '../src/domain/report/iso-week.js';
import { loadDemo } from '../src/ingest/load-demo.js';
import { createChromiumPdfPrinter } from '../src/jobs/pdf.js';
import type { Ctx } from '../src/services/context.js';
import { createTenant } from '../src/services/config/create-tenant.js';
import { renderReportText } from '../src/services/report/render-report.js';
import { weekAgainstBaseline } from '../src/services/report/report-baseline.js';
import { buildWeeklyReport } from '../src/services/report/report-build.js';
import { openStore, type Store } from '../src/store/connect.js';

/**
 * The weekly report's build time on the full demo history (seed 42, scale 1) on both engines: the
 * report model (every KPI of two weeks, per agent, daily, the baseline comparison), each renderer,
 * and the PDF print by headless Chromium. Writes its section of bench/RESULTS.md.
 */

const NOW = Date.UTC(2026, 10, 25);
const WEEK = '2026-W47';
const REPETITIONS = 5;
const PG_SERVER = (process.env.WORKLEDGER_BENCH_PG_SERVER ?? 'postgres://postgres@127.0.0.1:5432').replace(
  /\/+$/,
  '',
);
const PG_DATABASE = 'workledger_report_bench';
// Run from dist/bench (npm run build) or from the sources (vite-node): RESULTS.md sits in the repository's bench/.
const here = path.dirname(fileURLToPath(import.meta.url));
const REPORT_FILE = path.resolve(
  here,
  here.includes(`${path.sep}dist${path.sep}`) ? '../../bench' : '.',
  'RESULTS.md',
);
const BEGIN = '<!-- report-bench:begin -->';
const END = '<!-- report-bench:end -->';

interface EngineFigures {
  engine: string;
  items: number;
  loadSeconds: number;
  build: number[];
  baseline: number[];
  markdown: number[];
  html: number[];
  json: number[];
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const started = performance.now();
  const value = await fn();
  return [performance.now() - started, value];
}

async function openPostgres(): Promise<Store | null> {
  const admin = new pg.Client({ connectionString: `${PG_SERVER}/postgres`, connectionTimeoutMillis: 3_000 });
  try {
    await admin.connect();
    await admin.query(`drop database if exists ${PG_DATABASE}`);
    await admin.query(`create database ${PG_DATABASE}`);
  } catch (error) {
    console.warn(`PostgreSQL skipped: ${(error as Error).message}`);
    return null;
  } finally {
    await admin.end().catch(() => undefined);
  }
  return openStore({ databaseUrl: `${PG_SERVER}/${PG_DATABASE}` });
}

async function measure(engine: string, store: Store): Promise<EngineFigures> {
  const actor = { kind: 'cli' as const, user: 'bench' };
  const tenant = await createTenant({
    store,
    actor,
    now: () => NOW,
    input: { name: 'Demo Co', currency: 'USD' },
  });
  const ctx: Ctx = { store, tenantId: tenant.id, actor, requestId: 'bench', now: () => NOW };
  const [loadMs, loaded] = await timed(() => loadDemo(ctx, { seed: 42, now: NOW, scale: 1 }));
  const figures: EngineFigures = {
    engine,
    items: loaded.items,
    loadSeconds: loadMs / 1000,
    build: [],
    baseline: [],
    markdown: [],
    html: [],
    json: [],
  };
  const report = await buildWeeklyReport({ ctx, input: { week: WEEK } }); // warm-up: JIT, caches, ECharts import
  await renderReportText(report, 'html');
  const window = isoWeekWindow(WEEK, 'UTC');
  for (let i = 0; i < REPETITIONS; i++) {
    figures.build.push((await timed(() => buildWeeklyReport({ ctx, input: { week: WEEK } })))[0]);
    const agents = report.agents.map((a) => a.agent);
    figures.baseline.push((await timed(() => weekAgainstBaseline(ctx, window, agents, NOW)))[0]);
    figures.markdown.push((await timed(() => renderReportText(report, 'md')))[0]);
    figures.html.push((await timed(() => renderReportText(report, 'html')))[0]);
    figures.json.push((await timed(() => renderReportText(report, 'json')))[0]);
  }
  return figures;
}

async function pdfTimes(html: string): Promise<number[]> {
  const printPdf = createChromiumPdfPrinter();
  if (!printPdf) return [];
  const times: number[] = [];
  for (let i = 0; i < 3; i++) times.push((await timed(() => printPdf(html)))[0]);
  return times;
}

function row(f: EngineFigures): string {
  const ms = (values: number[]) => `${Math.round(median(values))} ms`;
  return `| ${f.engine} | ${f.items.toLocaleString('en-US')} | ${ms(f.build)} | ${ms(f.baseline)} | ${ms(f.markdown)} | ${ms(f.html)} | ${ms(f.json)} | ${Math.round(Math.min(...f.build))}–${Math.round(Math.max(...f.build))} ms |`;
}

async function run(): Promise<void> {
  const started = performance.now();
  const results: EngineFigures[] = [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'workledger-report-bench-'));
  const sqlite = await openStore({ sqlitePath: path.join(dir, 'ledger.db') });
  try {
    results.push(await measure('SQLite', sqlite));
  } finally {
    await sqlite.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const postgres = await openPostgres();
  if (postgres)
    try {
      results.push(await measure('PostgreSQL', postgres));
    } finally {
      await postgres.close();
    }
  const store = await openStore({ sqlitePath: ':memory:' });
  const actor = { kind: 'cli' as const, user: 'bench' };
  const tenant = await createTenant({
    store,
    actor,
    now: () => NOW,
    input: { name: 'Demo Co', currency: 'USD' },
  });
  const ctx: Ctx = { store, tenantId: tenant.id, actor, requestId: 'bench', now: () => NOW };
  await loadDemo(ctx, { seed: 42, now: NOW, scale: 0.2 });
  const pdf = await pdfTimes(
    await renderReportText(await buildWeeklyReport({ ctx, input: { week: WEEK } }), 'html'),
  );
  await store.close();
  const cpus = os.cpus();
  const lines = [
    '# Weekly report: build time',
    '',
    `Generated by \`bench/report-bench.ts\` on ${new Date().toISOString()} in ${Math.round((performance.now() - started) / 1000)} s.`,
    '',
    `**Machine.** ${cpus.length} CPUs (${cpus[0]?.model.trim() ?? 'unknown'}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}.`,
    '',
    `**Method.** The demo history (\`loadDemo\`, seed 42, scale 1, now = ${new Date(NOW).toISOString()}) loaded`,
    `through the ingestion core into a fresh database per engine; then \`buildWeeklyReport\` for ${WEEK}, the way`,
    'GET /v1/reports/weekly and the Monday job call it, once to warm up and then',
    `${REPETITIONS} times; medians below. "Report model" is the whole verb: getKpis for both weeks (all agents and`,
    'per agent), the 14 daily buckets, resolution times and reversals, and the comparison with the frozen baseline',
    '(getRoi for all agents and for each agent), which is also timed on its own. Renderers work on the built model;',
    'HTML includes the two ECharts SVG charts. The PDF is printed by Debian Chromium through playwright-core',
    '(a browser launched and closed per print, as in production), from the HTML of a scale-0.2 demo.',
    '',
    '| engine | items | report model | of which baseline comparison | Markdown | HTML + charts | JSON | model min–max |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    ...results.map(row),
    '',
    pdf.length
      ? `PDF print (Chromium launch, render, print, close): median ${Math.round(median(pdf))} ms of ${pdf.length} (${pdf.map((t) => Math.round(t)).join(', ')} ms).`
      : 'PDF print: Chromium not found at /usr/bin/chromium, not measured.',
    '',
    `Demo load time for reference: ${results.map((r) => `${r.engine} ${r.loadSeconds.toFixed(1)} s`).join(', ')}.`,
    '',
  ];
  // Its own section of RESULTS.md, between markers, so the other benches' sections stay as they are.
  const section = [BEGIN, ...lines.map((l) => l.replace(/^# /, '## ')), END].join('\n');
  const text = fs.existsSync(REPORT_FILE) ? fs.readFileSync(REPORT_FILE, 'utf8') : '# Benchmarks\n';
  const start = text.indexOf(BEGIN);
  const end = text.indexOf(END);
  fs.writeFileSync(
    REPORT_FILE,
    start >= 0 && end > start
      ? text.slice(0, start) + section + text.slice(end + END.length)
      : `${text.trimEnd()}\n\n${section}\n`,
  );
  console.log(lines.join('\n'));
}

await run();
