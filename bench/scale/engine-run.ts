import type { JobRun } from '../../src/services/jobs/run-job.js';
import { getTenantSettings } from '../../src/services/config/tenant-settings.js';
import { DAY_MS } from '../../src/domain/time.js';
import type { EngineTarget } from '../engine-targets.js';
import { startBenchServer } from './bench-server.js';
import { loadInBulk, type BulkLoadFigures } from './bulk-load.js';
import { loadOverHttp, type HttpLoadFigures } from './http-load.js';
import { kpiPath, timedGet, timeKpiMatrix, type KpiTiming } from './kpi-timings.js';
import { timeOverview, type OverviewTiming } from './overview-calls.js';
import { probed, type ProbeReport } from './probes.js';
import { scaleCatalog } from './scale-catalog.js';
import type { ScaleOptions } from './scale-items.js';
import { freezeScaleBaseline, setUpScaleTenant } from './scale-tenant.js';

export type LoadMode = 'http' | 'bulk';

export interface RunOptions {
  settings: Required<ScaleOptions>;
  load: LoadMode;
  batchSize: number;
  reps: number;
  budgetMs: number;
  overviewReps: number;
  log: (line: string) => void;
}

export type LoadResult =
  | { mode: 'http'; figures: HttpLoadFigures; probe: ProbeReport; bulk: { rows: number; ms: number } }
  | { mode: 'bulk'; figures: BulkLoadFigures; probe: ProbeReport };

/** One run of the durability job: as of when, what it closed, and what it did to the process. */
export interface JobFigures {
  asOf: number;
  durable: number;
  reversed: number;
  probe: ProbeReport;
}

/** Everything measured on one engine. */
export interface EngineRun {
  engine: EngineTarget['name'];
  description: string;
  /** How the server under test was put together. */
  server: string;
  load: LoadResult;
  baselineMs: number;
  job: JobFigures;
  /** The year-long query by agent × week and the rest of the job at once, /healthz probed beside them. */
  combined: JobFigures & { queryMs: number; jobMs: number };
  kpis: KpiTiming[];
  overview: OverviewTiming;
  seconds: number;
}

/** Days before `now` the first durability run stops at; the second, beside a query, closes the rest. */
const FIRST_JOB_LAG_DAYS = 30;

function closed(runs: readonly JobRun[]): { durable: number; reversed: number } {
  const result = runs[0]?.result;
  if (typeof result === 'object' && result !== null && 'durable' in result && 'reversed' in result)
    return { durable: Number(result.durable), reversed: Number(result.reversed) };
  throw new Error(`the durability job answered ${JSON.stringify(runs)}`);
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

/**
 * Every phase on one engine, the server in this process (bench-server.ts), on loopback: load, baseline,
 * the durability job alone (as of 30 days before `now`), the rest of the job beside a year-long query,
 * the KPI matrix against the direct scan, the overview's calls, and (HTTP loads) the engine's bulk
 * insert of the rows stored.
 */
export async function runEngine(target: EngineTarget, options: RunOptions): Promise<EngineRun> {
  const started = performance.now();
  const { settings, log } = options;
  const { now } = settings;
  const start = now - settings.days * DAY_MS;
  const catalog = scaleCatalog(settings.seed, settings.agents);
  const tenant = await setUpScaleTenant(target.store, catalog, start, now);
  // The server's clock starts at `now` and runs: the history ends at midnight and the server lives after it.
  const origin = performance.now();
  const clock = () => now + Math.round(performance.now() - origin);
  const server = await startBenchServer(target.store, clock);
  const healthz = `${server.url}/healthz`;
  try {
    const progress = (records: number) => {
      if (records % 100_000 < options.batchSize)
        log(`${target.name}: ${records.toLocaleString('en-US')} records loaded`);
    };
    const load: LoadResult =
      options.load === 'http'
        ? await (async () => {
            const { value, report } = await probed(null, () =>
              loadOverHttp(server.url, tenant.ingestKey, settings, catalog, options.batchSize, progress),
            );
            return { mode: 'http' as const, figures: value, probe: report, bulk: { rows: 0, ms: 0 } };
          })()
        : await (async () => {
            const { value, report } = await probed(null, () =>
              loadInBulk(tenant.ctx, settings, catalog, options.batchSize, progress),
            );
            return { mode: 'bulk' as const, figures: value, probe: report };
          })();
    const baseline = await timed(() => freezeScaleBaseline(tenant, start));
    log(`${target.name}: loaded; baseline frozen in ${Math.round(baseline.ms)} ms`);

    const jobAsOf = now - FIRST_JOB_LAG_DAYS * DAY_MS;
    const first = await probed(healthz, () => server.runJob('durability', jobAsOf, tenant.tenantId));
    const job: JobFigures = { asOf: jobAsOf, ...closed(first.value), probe: first.report };
    log(
      `${target.name}: durability job ${Math.round(job.probe.ms)} ms, stall ${Math.round(job.probe.stallMs)} ms`,
    );

    const yearPath = kpiPath(now, { days: 365, grouping: 'agent,week' });
    const headers = { authorization: `Bearer ${tenant.viewerKey}` };
    const both = await probed(healthz, () =>
      Promise.all([
        timed(() =>
          timedGet(server.url, yearPath, headers).catch((error: unknown) => {
            log(`${target.name}: the year-long query beside the job failed: ${String(error)}`);
            return null;
          }),
        ),
        timed(() => server.runJob('durability', clock(), tenant.tenantId)),
      ]),
    );
    const [query, rest] = both.value;
    const combined = {
      asOf: clock(),
      ...closed(rest.value),
      probe: both.report,
      queryMs: query.value === null ? Number.NaN : query.ms,
      jobMs: rest.ms,
    };
    log(`${target.name}: query + job, /healthz max ${Math.round(both.report.healthz?.maxMs ?? 0)} ms`);

    const { durability_window_ms: durabilityWindowMs } = await getTenantSettings(tenant.ctx);
    const kpis = await timeKpiMatrix(
      server.url,
      tenant.viewerKey,
      target.store,
      { tenantId: tenant.tenantId, durabilityWindowMs, now, clock },
      options.reps,
      options.budgetMs,
      (line) => log(`${target.name}: ${line}`),
    );
    const overview = await timeOverview(server.url, tenant.login, now, options.overviewReps);
    if (load.mode === 'http') {
      const rows = await target.readItemRows(tenant.tenantId);
      load.bulk = { rows: rows.length, ms: await target.timeBulkInsert(rows, options.batchSize) };
      log(`${target.name}: bulk insert of ${rows.length} rows in ${Math.round(load.bulk.ms)} ms`);
    }
    return {
      engine: target.name,
      description: target.description,
      server: server.description,
      load,
      baselineMs: baseline.ms,
      job,
      combined,
      kpis,
      overview,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    await server.close();
  }
}
