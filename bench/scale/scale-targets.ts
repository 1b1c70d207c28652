import type { EngineRun } from './engine-run.js';
import { percentile } from './samples.js';
import { firstAndLast, ms } from './scale-figures.js';
import { sizeLabel, type ScaleRunInfo } from './scale-run-info.js';

interface Verdict {
  target: string;
  /** The run size the issue sets the target at; other sizes are said to be indicative. */
  at: number | null;
  measured: string;
  met: boolean;
  /** How far from the target, as a factor (>1 is a miss by that factor). */
  off: number;
}

const RSS_LIMIT_BYTES = 500e6;
const median = (xs: readonly number[]) => percentile(xs, 0.5);

function verdicts(run: EngineRun): Verdict[] {
  const out: Verdict[] = [];
  const year = run.kpis.find((k) => k.days === 365 && k.grouping === 'agent,week');
  if (year?.error !== undefined)
    out.push({
      target: 'year-long GET /v1/kpis by agent × week: p95 < 100 ms',
      at: 10_000_000,
      measured: `failed: ${year.error.slice(0, 80)}`,
      met: false,
      off: Number.POSITIVE_INFINITY,
    });
  else if (year) {
    const p95 = percentile(year.api, 0.95);
    out.push({
      target: 'year-long GET /v1/kpis by agent × week: p95 < 100 ms',
      at: 10_000_000,
      measured: `p95 ${ms(p95)} ms`,
      met: p95 < 100,
      off: p95 / 100,
    });
    const speedup = median(year.scan) / median(year.api);
    out.push({
      target: 'the same, ≥ 10× faster than the direct scan',
      at: 10_000_000,
      measured: `${speedup.toFixed(2)}× (scan ${ms(median(year.scan))} ms ÷ API ${ms(median(year.api))} ms)`,
      met: speedup >= 10,
      off: 10 / speedup,
    });
  }
  const { load } = run;
  if (load.mode === 'http') {
    const records = load.figures.records;
    const http = records / load.figures.batches.reduce((s, b) => s + b.ms, 0);
    const bulk = load.bulk.rows / load.bulk.ms;
    out.push({
      target: 'HTTP ingestion ≥ 0.5× the engine’s bulk insert',
      at: 1_000_000,
      measured: `${(http / bulk).toFixed(2)}×`,
      met: http / bulk >= 0.5,
      off: 0.5 / (http / bulk),
    });
    const { first, last, span } = firstAndLast(load);
    const drift = Math.abs(last / first - 1);
    out.push({
      target: `ingestion flat within 20 % from the first to the last ${span.toLocaleString('en-US')} records`,
      at: 1_000_000,
      measured: `last ÷ first ${(last / first).toFixed(2)}`,
      met: drift <= 0.2,
      off: drift / 0.2,
    });
  }
  const rssIngest = load.probe.rssPeakMiB * 2 ** 20;
  out.push({
    target: 'server RSS < 500 MB during ingestion',
    at: 10_000_000,
    measured: `${Math.round(rssIngest / 1e6)} MB`,
    met: rssIngest < RSS_LIMIT_BYTES,
    off: rssIngest / RSS_LIMIT_BYTES,
  });
  const rssQuery = Math.max(year?.probe.rssPeakMiB ?? 0, run.combined.probe.rssPeakMiB) * 2 ** 20;
  out.push({
    target: 'server RSS < 500 MB during the year-long query',
    at: 10_000_000,
    measured: `${Math.round(rssQuery / 1e6)} MB`,
    met: rssQuery < RSS_LIMIT_BYTES,
    off: rssQuery / RSS_LIMIT_BYTES,
  });
  const stalls: [string, number][] = [
    ['durability job', run.job.probe.stallMs],
    ['job beside the year-long query', run.combined.probe.stallMs],
    ...run.kpis.map((k): [string, number] => [`GET /v1/kpis ${k.days} d by ${k.grouping}`, k.probe.stallMs]),
  ];
  const [worstName, worst] = stalls.reduce((a, b) => (b[1] > a[1] ? b : a));
  out.push({
    target: 'no event-loop stall over 50 ms from any job or query',
    at: null,
    measured: `longest ${ms(worst)} ms (${worstName}); /healthz beside query + job: max ${ms(run.combined.probe.healthz?.maxMs ?? Number.NaN)} ms`,
    met: worst <= 50,
    off: worst / 50,
  });
  const page = median(run.overview.total);
  out.push({
    target: 'dashboard overview complete < 1 s',
    at: 1_000_000,
    measured: `${ms(page)} ms (median)`,
    met: page < 1000,
    off: page / 1000,
  });
  return out;
}

/** The targets, each engine's figure and whether it is met, and by how much it is missed. */
export function evaluateTargets(info: ScaleRunInfo, runs: readonly EngineRun[]): string[] {
  const lines = ['| target (issue 8) | engine | measured | verdict |', '|---|---|---|---|'];
  for (const run of runs)
    for (const v of verdicts(run)) {
      const size =
        v.at !== null && v.at !== info.items
          ? ` (set at ${sizeLabel(v.at)}; this run ${sizeLabel(info.items)})`
          : '';
      const verdict = v.met
        ? 'met'
        : !Number.isFinite(v.off)
          ? '**missed** (no answer)'
          : `**missed**, ${v.off >= 10 ? Math.round(v.off).toLocaleString('en-US') : v.off.toFixed(1)}× off`;
      lines.push(`| ${v.target}${size} | ${run.engine} | ${v.measured} | ${verdict} |`);
    }
  return lines;
}
