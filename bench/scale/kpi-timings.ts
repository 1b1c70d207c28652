import type { Store } from '../../src/store/connect.js';
import { DAY_MS } from '../../src/domain/time.js';
import { request } from './http-client.js';
import { directScan, GROUPINGS, type Grouping, type ScanAnswer, type ScanWindow } from './direct-scan.js';
import { probed, type ProbeReport } from './probes.js';

export const WINDOW_DAYS = [1, 30, 365] as const;

/** One KPI request of the matrix: the window's length in whole days ending at `now`, and its grouping. */
export interface KpiCase {
  days: (typeof WINDOW_DAYS)[number];
  grouping: Grouping;
}

/** Times of one case through the API and by the direct scan, and whether the two agree. */
export interface KpiTiming extends KpiCase {
  api: number[];
  /** The warm-up read: the first of its kind since the server started, nothing kept yet. */
  apiFirst: number;
  scan: number[];
  /** Groups of the API's answer and their items_handled added up; the scan's own count beside it. */
  apiGroups: number;
  apiHandled: number;
  scanAnswer: ScanAnswer;
  /** The process while the API repetitions ran (RSS, longest stall). */
  probe: ProbeReport;
  /** Why the API's repetitions stopped early (an error answer), if they did. */
  error?: string;
}

interface KpiAnswerShape {
  groups: { kpis: { items_handled?: { value: number | null } } }[];
}

const date = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The GET /v1/kpis path of a case. */
export function kpiPath(now: number, { days, grouping }: KpiCase, extra = ''): string {
  const group = grouping === 'none' ? '' : `&group_by=${grouping}`;
  return `/v1/kpis?from=${date(now - days * DAY_MS)}&to=${date(now)}${group}${extra}`;
}

/** GET a path; returns the ms until the whole answer was read, and the answer's text (200 or it throws). */
export async function timedGet(
  url: string,
  path: string,
  headers: Record<string, string>,
): Promise<{ ms: number; text: string }> {
  const { status, text, ms } = await request(`${url}${path}`, { headers });
  if (status !== 200) throw new Error(`GET ${path}: ${status} ${text.slice(0, 300)}`);
  return { ms, text };
}

/**
 * Repeat `run` (after one warm-up, timed apart) `reps` times, or until it has used `budgetMs`. The
 * warm-up is the first read of its kind since the server started: the one that fills what is kept.
 */
async function repeat(
  reps: number,
  budgetMs: number,
  run: () => Promise<number>,
): Promise<{ first: number; times: number[] }> {
  const first = await run();
  const times: number[] = [];
  let spent = 0;
  while (times.length < reps && (times.length === 0 || spent < budgetMs)) {
    const ms = await run();
    times.push(ms);
    spent += ms;
  }
  return { first, times };
}

/**
 * Every case of the matrix (1, 30, 365 days × none, agent, agent × week): GET /v1/kpis through the
 * real server, then the direct scan of each window on the same database in the same process. Every
 * API case runs before the first scan, so the memory a scan leaves behind is not counted as the API's.
 */
export async function timeKpiMatrix(
  url: string,
  viewerKey: string,
  store: Store,
  tenant: { tenantId: string; durabilityWindowMs: number; now: number; clock: () => number },
  reps: number,
  budgetMs: number,
  log: (line: string) => void,
): Promise<KpiTiming[]> {
  const headers = { authorization: `Bearer ${viewerKey}` };
  const cases = WINDOW_DAYS.flatMap((days) => GROUPINGS.map((grouping): KpiCase => ({ days, grouping })));
  const apiRuns: {
    api: number[];
    first: number;
    probe: ProbeReport;
    answer: KpiAnswerShape;
    error?: string;
  }[] = [];
  for (const kpiCase of cases) {
    const path = kpiPath(tenant.now, kpiCase);
    let last = '{"groups":[]}';
    const api: number[] = [];
    let first = Number.NaN;
    let error: string | undefined;
    // An error answer is a result, not the end of the run: the case is reported as failed.
    const { report: probe } = await probed(null, () =>
      repeat(reps, budgetMs, async () => {
        const { ms, text } = await timedGet(url, path, headers);
        last = text;
        return ms;
      }).then(
        (run) => {
          first = run.first;
          api.push(...run.times);
        },
        (failure: unknown) => (error = failure instanceof Error ? failure.message : String(failure)),
      ),
    );
    apiRuns.push({
      api,
      first,
      probe,
      answer: JSON.parse(last) as KpiAnswerShape,
      ...(error ? { error } : {}),
    });
    log(
      `GET /v1/kpis ${kpiCase.days} d by ${kpiCase.grouping}: ${error ?? `first ${Math.round(first)}, then ${api.map((t) => Math.round(t)).join('/')} ms`}`,
    );
  }
  const timings: KpiTiming[] = [];
  for (const [index, kpiCase] of cases.entries()) {
    const run = apiRuns[index];
    if (run === undefined) throw new Error('a KPI case was not run');
    const scanWindow: ScanWindow = {
      tenantId: tenant.tenantId,
      durabilityWindowMs: tenant.durabilityWindowMs,
      from: tenant.now - kpiCase.days * DAY_MS,
      to: tenant.now,
      asOf: tenant.clock(), // what the API's as_of defaults to: the server's clock
    };
    let scanAnswer: ScanAnswer = { groups: 0, handled: 0, latencyGroups: 0 };
    const { times: scan } = await repeat(reps, budgetMs, async () => {
      const started = performance.now();
      scanAnswer = await directScan(store, scanWindow, kpiCase.grouping);
      return performance.now() - started;
    });
    const { groups } = run.answer;
    const apiHandled = groups.reduce((sum, g) => sum + (g.kpis.items_handled?.value ?? 0), 0);
    timings.push({
      ...kpiCase,
      api: run.api,
      apiFirst: run.first,
      scan,
      apiGroups: groups.length,
      apiHandled,
      scanAnswer,
      probe: run.probe,
      ...(run.error ? { error: run.error } : {}),
    });
    log(`scan ${kpiCase.days} d by ${kpiCase.grouping}: ${scan.map((t) => Math.round(t)).join('/')} ms`);
  }
  return timings;
}
