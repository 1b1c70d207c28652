import { DAY_MS } from '../../src/domain/time.js';
import { request } from './http-client.js';
import { timedGet } from './kpi-timings.js';

/** The overview's requests in the order the page makes them (web/src/pages/overview-page.tsx, app.tsx, shell). */
export const OVERVIEW_CALLS = [
  'GET /v1/session',
  'GET /v1/kpis?…&compare=previous',
  'GET /v1/baselines/current',
  'GET /v1/agents',
  'GET /v1/workflows',
  'GET /v1/roi?…',
] as const;
export type OverviewCall = (typeof OVERVIEW_CALLS)[number];

/** Per repetition: each call's ms from its own start, and the whole page's from the first request. */
export interface OverviewTiming {
  calls: Record<OverviewCall, number[]>;
  total: number[];
}

const date = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Sign in as the dashboard does (POST /v1/session) and return the session cookie. */
async function signIn(url: string, login: { email: string; password: string }): Promise<string> {
  const { status, headers } = await request(`${url}/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(login),
  });
  const cookie = headers['set-cookie']?.[0]?.split(';')[0];
  if (status !== 200 || cookie === undefined) throw new Error(`sign-in failed: ${status}`);
  return cookie;
}

/**
 * The overview of the last 30 days, loaded as the browser loads it, `reps` times after one warm-up:
 * the session first; then, at once, the period's KPIs with the previous period, the current baseline,
 * and the filter bar's agents and workflows; the ROI once the KPIs have arrived (the page waits for them).
 */
export async function timeOverview(
  url: string,
  login: { email: string; password: string },
  now: number,
  reps: number,
): Promise<OverviewTiming> {
  const headers = { cookie: await signIn(url, login) };
  const period = `from=${date(now - 30 * DAY_MS)}&to=${date(now)}`;
  const paths: Record<OverviewCall, string> = {
    'GET /v1/session': '/v1/session',
    'GET /v1/kpis?…&compare=previous': `/v1/kpis?${period}&compare=previous`,
    'GET /v1/baselines/current': '/v1/baselines/current',
    'GET /v1/agents': '/v1/agents',
    'GET /v1/workflows': '/v1/workflows',
    'GET /v1/roi?…': `/v1/roi?${period}`,
  };
  const timing: OverviewTiming = {
    calls: {
      'GET /v1/session': [],
      'GET /v1/kpis?…&compare=previous': [],
      'GET /v1/baselines/current': [],
      'GET /v1/agents': [],
      'GET /v1/workflows': [],
      'GET /v1/roi?…': [],
    },
    total: [],
  };
  for (let rep = 0; rep <= reps; rep++) {
    const started = performance.now();
    const ms: Partial<Record<OverviewCall, number>> = {};
    // A failed call is shown as no time (–), and the page as failed, rather than ending the run.
    const get = async (call: OverviewCall) => {
      ms[call] = await timedGet(url, paths[call], headers).then(
        (answer) => answer.ms,
        () => Number.NaN,
      );
    };
    await get('GET /v1/session');
    await Promise.all([
      get('GET /v1/kpis?…&compare=previous').then(() => get('GET /v1/roi?…')),
      get('GET /v1/baselines/current'),
      get('GET /v1/agents'),
      get('GET /v1/workflows'),
    ]);
    if (rep === 0) continue; // warm-up
    const failed = OVERVIEW_CALLS.some((call) => Number.isNaN(ms[call] ?? Number.NaN));
    timing.total.push(failed ? Number.NaN : performance.now() - started);
    for (const call of OVERVIEW_CALLS) timing.calls[call].push(ms[call] ?? Number.NaN);
  }
  return timing;
}
