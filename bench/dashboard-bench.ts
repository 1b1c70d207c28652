import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { z } from 'zod';
import { startServer } from '../src/cli/start-server.js';
import { defaultWebRoot } from '../src/http/static.js';
import { loadDemo } from '../src/ingest/load-demo.js';
import type { Ctx } from '../src/services/context.js';
import { createApiKey } from '../src/services/access/api-keys.js';
import { createTenant } from '../src/services/config/create-tenant.js';
import { openStore } from '../src/services/runtime.js';
import { createUser } from '../src/services/access/users.js';
import { NOTES_MARKER, median } from './results-markdown.js';

/**
 * Time to first meaningful paint of the dashboard's overview on the full demo (scale 1, seed 42):
 * a real `workledger serve` on SQLite, Debian Chromium driven by playwright-core, a signed-in user
 * opening the overview for the last 30 days. Appends its own section below the notes marker of
 * bench/RESULTS.md (between the dashboard-bench markers, replaced on every run).
 */

const RESULTS_FILE = new URL('../../bench/RESULTS.md', import.meta.url);
const BEGIN = '<!-- dashboard-bench:begin -->';
const END = '<!-- dashboard-bench:end -->';
const NOW = Date.UTC(2026, 10, 22);
const PERIOD = 'from=2026-10-24&to=2026-11-23';
const COLD_RUNS = 7;
/** Must match web/src/pages/overview-page.tsx. */
const VALUE_RENDERED_MARK = 'workledger:overview-value-rendered';

const Run = z.object({
  fcp: z.number(),
  valueRendered: z.number(),
  lcp: z.number(),
  kpisRequestMs: z.number(),
  transferredKiB: z.number(),
});
type Run = z.infer<typeof Run>;

/** Read in the page (browser JavaScript, so it is a string: this file is compiled without the DOM types). */
const MEASURE_IN_PAGE = `(async () => {
  const lcp = await new Promise((resolve) => {
    new PerformanceObserver((list) => {
      const entries = list.getEntries();
      resolve(entries.length ? entries[entries.length - 1].startTime : NaN);
    }).observe({ type: 'largest-contentful-paint', buffered: true });
  });
  const resources = performance.getEntriesByType('resource');
  const kpis = resources.filter((r) => r.name.includes('/v1/kpis?'));
  const navigation = performance.getEntriesByType('navigation')[0];
  const fcp = performance.getEntriesByName('first-contentful-paint')[0];
  const value = performance.getEntriesByName(${JSON.stringify(VALUE_RENDERED_MARK)})[0];
  return {
    fcp: fcp ? fcp.startTime : NaN,
    valueRendered: value ? value.startTime : NaN,
    lcp,
    kpisRequestMs: Math.max(...kpis.map((r) => r.duration)),
    transferredKiB: (resources.reduce((sum, r) => sum + r.transferSize, 0) + (navigation ? navigation.transferSize : 0)) / 1024,
  };
})()`;

async function main(): Promise<void> {
  const started = performance.now();
  if (!fs.existsSync(path.join(defaultWebRoot(), 'index.html')))
    throw new Error('dist/web is not built: run npm run bench:dashboard (it builds first)');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'workledger-dashboard-bench-'));
  const store = await openStore({ sqlitePath: path.join(dir, 'demo.db') });
  const actor = { kind: 'cli', user: 'bench' } as const;
  const now = () => NOW;
  const tenant = await createTenant({ store, actor, now, input: { name: 'Demo Co' } });
  const ctx: Ctx = { store, tenantId: tenant.id, actor, requestId: 'bench', now };
  const loaded = await loadDemo(ctx, { seed: 42, now: NOW, scale: 1 });
  const login = { email: 'bench@demo.example', password: 'dashboard bench passphrase' };
  await createUser({ ctx, input: { ...login, role: 'viewer' } });
  const { key } = await createApiKey({ ctx, input: { role: 'viewer', name: 'bench' } });
  const server = await startServer(store, 0, '127.0.0.1', true);
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const runs: Run[] = [];
  const alone: number[] = [];
  try {
    // One warm-up (server JIT, SQLite page cache), then cold browser contexts: empty HTTP cache each time.
    for (let i = 0; i <= COLD_RUNS; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
      const signedIn = await context.request.post(`${server.url}/v1/session`, { data: login });
      if (!signedIn.ok()) throw new Error(`sign-in failed: ${signedIn.status()}`);
      const page = await context.newPage();
      await page.goto(`${server.url}/?${PERIOD}`);
      await page.waitForFunction(
        (mark) => performance.getEntriesByName(mark).length > 0,
        VALUE_RENDERED_MARK,
        {
          timeout: 60_000,
        },
      );
      const run = Run.parse(await page.evaluate(MEASURE_IN_PAGE));
      if (i > 0) runs.push(run);
      await context.close();
    }
    // The same KPI request alone, nothing else in flight: what the server spends on the period's KPIs.
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      const res = await fetch(`${server.url}/v1/kpis?${PERIOD}`, {
        headers: { authorization: `Bearer ${key}` },
      });
      await res.arrayBuffer();
      alone.push(performance.now() - t0);
    }
  } finally {
    await browser.close();
    await server.close();
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const section = render(runs, alone, loaded.items, (performance.now() - started) / 1000);
  writeSection(section);
  console.log(section);
}

const ms = (values: number[]) => `${Math.round(median(values))}`;
const range = (values: number[]) => `${Math.round(Math.min(...values))}–${Math.round(Math.max(...values))}`;

function render(runs: Run[], alone: number[], items: number, seconds: number): string {
  const row = (label: string, values: number[]) => `| ${label} | ${ms(values)} | ${range(values)} |`;
  return [
    BEGIN,
    '## Dashboard: time to first meaningful paint of the overview',
    '',
    `Run ${new Date().toISOString()} by bench/dashboard-bench.ts in ${Math.round(seconds)} s on ${os.availableParallelism()} CPUs`,
    `(${os.cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}, Debian Chromium (headless, playwright-core);`,
    `1-minute load average ${os.loadavg()[0]?.toFixed(1)} at the end (other work on the machine adds noise).`,
    '',
    `**Method.** The full demo (seed 42, scale 1: ${items.toLocaleString('en-US')} items) in a SQLite file, served by`,
    '`startServer` (the same code as `workledger serve`, dist/web built by Vite) on 127.0.0.1. A viewer signs in',
    `(POST /v1/session), then opens \`/?${PERIOD}\` (the overview, last 30 days) in a fresh browser context, so`,
    `the HTTP cache is empty every time: ${COLD_RUNS} runs after one warm-up, 1280×900. Times are from navigation`,
    "start: **first contentful paint** (the browser's `first-contentful-paint`: the first text, the loading state), and **value",
    'numbers rendered**, the mark the overview sets when its value section shows the numbers of GET /v1/kpis',
    '(the meaningful paint). The overview asks GET /v1/session, then GET /v1/kpis for the period (and',
    'GET /v1/baselines/current); the previous period (trends), the cohort mix (baseline lines) and GET /v1/roi',
    "only once the period's KPIs have arrived, so they do not compete with them. ECharts is not loaded by the",
    'overview.',
    '',
    '| measure | median (ms) | range (ms) |',
    '|---|--:|--:|',
    row(
      'first contentful paint',
      runs.map((r) => r.fcp),
    ),
    row(
      'value numbers rendered (first meaningful paint)',
      runs.map((r) => r.valueRendered),
    ),
    row(
      'largest contentful paint',
      runs.map((r) => r.lcp),
    ),
    row(
      'slowest GET /v1/kpis of the page',
      runs.map((r) => r.kpisRequestMs),
    ),
    row('one GET /v1/kpis for the period, alone (from Node, 5 runs)', alone),
    '',
    `Transferred per cold load: ${Math.round(median(runs.map((r) => r.transferredKiB)))} KiB (HTML, JS, CSS and JSON).`,
    END,
  ].join('\n');
}

/** Replace this benchmark's section below the notes marker, or append it; the rest of the file is kept. */
function writeSection(section: string): void {
  const text = fs.existsSync(RESULTS_FILE)
    ? fs.readFileSync(RESULTS_FILE, 'utf8')
    : `# Benchmarks\n\n${NOTES_MARKER}\n`;
  const withMarker = text.includes(NOTES_MARKER) ? text : `${text.trimEnd()}\n\n${NOTES_MARKER}\n`;
  const begin = withMarker.indexOf(BEGIN);
  const end = withMarker.indexOf(END);
  const next =
    begin !== -1 && end > begin
      ? withMarker.slice(0, begin) + section + withMarker.slice(end + END.length)
      : `${withMarker.trimEnd()}\n\n${section}\n`;
  fs.writeFileSync(RESULTS_FILE, next);
}

await main();
