import type { EngineRun, JobFigures } from './engine-run.js';
import type { GeneratorStats } from './generator-stats.js';
import type { KpiTiming } from './kpi-timings.js';
import { OVERVIEW_CALLS } from './overview-calls.js';
import { largest, percentile } from './samples.js';
import { firstAndLast, ms, n, rate } from './scale-figures.js';
import { sizeLabel, type ScaleRunInfo } from './scale-run-info.js';
import { evaluateTargets } from './scale-targets.js';

const median = (xs: readonly number[]) => percentile(xs, 0.5);
const p95 = (xs: readonly number[]) => percentile(xs, 0.95);
const mib = (x: number) => `${n(x)} MiB`;
const share = (x: number) => `${(100 * x).toFixed(1)} %`;

function loadTable(runs: readonly EngineRun[]): string[] {
  const lines: string[] = [];
  for (const run of runs) {
    const { load } = run;
    if (load.mode === 'http') {
      const f = load.figures;
      const httpRate = rate(
        f.records,
        f.batches.reduce((s, b) => s + b.ms, 0),
      );
      const bulkRate = rate(load.bulk.rows, load.bulk.ms);
      const { first, last, span } = firstAndLast(load);
      if (lines.length === 0)
        lines.push(
          `| engine | records (items) | POST /v1/items, records/s | first ${n(span)} | last ${n(span)} | last ÷ first | bulk insert, rows/s | HTTP ÷ bulk | costs/s | peak RSS | longest stall |`,
          '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
        );
      lines.push(
        `| ${run.engine} | ${n(f.records)} (${n(f.items)}) | ${n(httpRate)} | ${n(first)} | ${n(last)} | ${(last / first).toFixed(2)} | ${n(bulkRate)} | ${(httpRate / bulkRate).toFixed(2)} | ${n(rate(f.costs, f.costMs))} | ${mib(load.probe.rssPeakMiB)} | ${ms(load.probe.stallMs)} ms |`,
      );
    } else {
      const f = load.figures;
      const rebuild = `${n(f.rebuild.ms / 1000)} s (${n(f.rebuild.buckets)} buckets)`;
      if (lines.length === 0)
        lines.push(
          '| engine | records (items) | bulk load, records/s | costs through the core, costs/s | rebuildRollups | peak RSS | wall |',
          '|---|--:|--:|--:|---|--:|--:|',
        );
      lines.push(
        `| ${run.engine} | ${n(f.records)} (${n(f.items)}) | ${n(rate(f.records, f.itemMs))} | ${n(rate(f.costs, f.costMs))} | ${rebuild} | ${mib(load.probe.rssPeakMiB)} | ${n(load.probe.ms / 1000)} s |`,
      );
    }
  }
  return lines;
}

function jobRow(engine: string, label: string, job: JobFigures, extra = ''): string {
  const h = job.probe.healthz;
  return `| ${engine} | ${label} | ${n(job.durable)} / ${n(job.reversed)} | ${ms(job.probe.ms)}${extra} | ${ms(job.probe.stallMs)} | ${ms(job.probe.loopDelayMaxMs)} | ${h ? `${ms(h.maxMs)} / ${ms(h.p99Ms)} (${n(h.count)}${h.failures ? `, ${h.failures} failed` : ''})` : '–'} | ${mib(job.probe.rssPeakMiB)} |`;
}

function kpiRow(t: KpiTiming): string {
  if (t.error !== undefined)
    return `| ${t.days} d | ${t.grouping} | failed: ${t.error.replace(/\|/g, '/').slice(0, 160)} | | | ${t.api.length} | ${ms(median(t.scan))} | ${ms(p95(t.scan))} | | ${ms(t.probe.stallMs)} | ${mib(t.probe.rssPeakMiB)} | | |`;
  const ratio = median(t.scan) / median(t.api);
  const agree =
    t.apiHandled === t.scanAnswer.handled ? 'yes' : `no (${n(t.apiHandled)} vs ${n(t.scanAnswer.handled)})`;
  return `| ${t.days} d | ${t.grouping} | ${ms(t.apiFirst)} | ${ms(median(t.api))} | ${ms(p95(t.api))} | ${t.api.length} | ${ms(median(t.scan))} | ${ms(p95(t.scan))} | ${ratio >= 1 ? `${ratio.toFixed(1)}× faster` : `${(1 / ratio).toFixed(1)}× slower`} | ${ms(t.probe.stallMs)} | ${mib(t.probe.rssPeakMiB)} | ${n(t.apiGroups)} / ${n(t.scanAnswer.groups)} | ${agree} |`;
}

function generatorLines(g: GeneratorStats): string[] {
  const mix = Object.entries(g.agentOutcomes)
    .sort((a, b) => b[1] - a[1])
    .map(([o, s]) => `${o} ${share(s)}`)
    .join(', ');
  const [p50 = 0, p90 = 0, p99 = 0] = g.latencyS;
  return [
    `- Data: bench/scale (\`scaleItemVersions\`), ${n(g.items)} items from ${g.agents} agents and the human desk (${share(g.humanShare)}),`,
    `  ${n(g.records)} records with the later versions (reopens and reassignments sent days after the resolution);`,
    `  agent outcomes ${mix}; agent resolution latency p50 ${n(p50)} s, p90 ${n(p90)} s, p99 ${n(p99)} s;`,
    `  rework links on ${share(g.linkShare)} of items, csat on ${share(g.csatShare)} of resolved ones; an inference cost per agent item,`,
    `  licence and compute per agent per month. The generator alone made them in ${(g.ms / 1000).toFixed(1)} s.`,
  ];
}

/** The section of RESULTS.md for one run (one size), between its own markers. */
export function renderScaleSection(
  info: ScaleRunInfo,
  generator: GeneratorStats,
  runs: readonly EngineRun[],
): string {
  const label = sizeLabel(info.items);
  const jobs = runs.flatMap((r) => [
    jobRow(r.engine, `alone, as of now − 30 d`, r.job),
    jobRow(
      r.engine,
      'the rest, beside the year-long query',
      r.combined,
      ` (job ${ms(r.combined.jobMs)}, query ${ms(r.combined.queryMs)})`,
    ),
  ]);
  const overview = runs.map(
    (r) =>
      `| ${r.engine} | ${OVERVIEW_CALLS.map((c) => ms(median(r.overview.calls[c]))).join(' | ')} | **${ms(median(r.overview.total))}** | ${ms(largest(r.overview.total))} |`,
  );
  return [
    `## Scale: ${label} items (issue 8)`,
    '',
    `Run ${info.date.toISOString()} by bench/scale-bench.ts in ${n(info.seconds / 60)} min: \`${info.command}\``,
    `on ${info.tree}.`,
    '',
    `**Machine.** ${info.machine}.`,
    '',
    `**Engines.** ${runs.map((r) => `${r.engine}: ${r.description}`).join('; ') || 'none reachable'}${info.skipped.length ? `; not measured: ${info.skipped.join('; ')}` : ''}.`,
    '',
    `**Server.** ${[...new Set(runs.map((r) => r.server))].join('; ') || '–'}.`,
    '',
    '**Method.**',
    ...generatorLines(generator),
    ...info.method,
    '',
    '### Targets',
    '',
    ...evaluateTargets(info, runs),
    '',
    '### Loading',
    '',
    ...loadTable(runs),
    '',
    '### The durability job',
    '',
    '| engine | run | durable / reversed | wall (ms) | longest stall (ms) | loop delay max (ms) | /healthz max / p99 (n) | peak RSS |',
    '|---|---|--:|--:|--:|--:|--:|--:|',
    ...jobs,
    '',
    '### GET /v1/kpis against the direct scan',
    '',
    ...runs.flatMap((r) => [
      `${r.engine}:`,
      '',
      '| window | group by | API first read (ms) | API p50 (ms) | API p95 (ms) | n | scan p50 (ms) | scan p95 (ms) | API vs scan (medians) | longest stall (ms) | peak RSS | groups API / scan | items_handled API = scan |',
      '|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|',
      ...r.kpis.map(kpiRow),
      '',
    ]),
    '### The dashboard overview (last 30 days), as the browser asks',
    '',
    `| engine | ${OVERVIEW_CALLS.join(' | ')} | whole page (ms) | slowest page (ms) |`,
    `|---|${OVERVIEW_CALLS.map(() => '--:').join('|')}|--:|--:|`,
    ...overview,
    '',
    `Medians of ${info.overviewReps} page loads after one warm-up; each call's time from its own request; the whole page from the first request to the last answer.`,
  ].join('\n');
}
