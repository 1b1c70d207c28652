import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { largest, percentile } from './samples.js';

/** What one phase did to the process: its memory, its event loop, and a cheap request beside it. */
export interface ProbeReport {
  ms: number;
  /** Peak RSS of the whole process (server and client share it), sampled from a worker thread. */
  rssPeakMiB: number;
  /** Longest gap of a 10 ms setInterval heartbeat, minus its 10 ms: the longest stall. */
  stallMs: number;
  /** Maximum of perf_hooks.monitorEventLoopDelay (10 ms resolution). */
  loopDelayMaxMs: number;
  /** GET /healthz one after another from the worker, when asked for. */
  healthz: { count: number; maxMs: number; p99Ms: number; failures: number } | null;
}

const HEARTBEAT_MS = 10;

/**
 * With `node --expose-gc`, collect the heap before a phase, so its peak carries less of what earlier
 * phases left behind (RSS itself rarely shrinks). `gc` is a global only under that flag.
 */
function collectGarbageIfExposed(): void {
  const { gc } = globalThis as { gc?: () => void };
  gc?.();
}

interface WorkerAnswer {
  rssPeak: number;
  latencies: number[];
  failures: string[];
}

/** The worker's next message; rejects if it fails or exits first, so a dead probe never hangs the run. */
function nextMessage(worker: Worker): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const exited = (code: number) => reject(new Error(`the probe worker exited (${code})`));
    worker.once('error', reject);
    worker.once('exit', exited);
    worker.once('message', (message) => {
      worker.off('error', reject);
      worker.off('exit', exited);
      resolve(message);
    });
  });
}

/** Run `work` while probing the process; with `healthzUrl`, a worker thread asks it over and over. */
export async function probed<T>(
  healthzUrl: string | null,
  work: () => Promise<T>,
): Promise<{ value: T; report: ProbeReport }> {
  collectGarbageIfExposed();
  const worker = new Worker(new URL('./probe-worker.js', import.meta.url), { workerData: { healthzUrl } });
  await nextMessage(worker); // 'ready'
  const delay = monitorEventLoopDelay({ resolution: HEARTBEAT_MS });
  let last = performance.now();
  let longestGap = 0;
  const heartbeat = setInterval(() => {
    const at = performance.now();
    longestGap = Math.max(longestGap, at - last);
    last = at;
  }, HEARTBEAT_MS);
  delay.enable();
  const started = performance.now();
  try {
    const value = await work();
    const ms = performance.now() - started;
    // Let the heartbeat and the delay monitor see the end of a stall that lasted until the work finished.
    await new Promise((resolve) => setTimeout(resolve, 3 * HEARTBEAT_MS));
    return { value, report: await report(worker, ms, longestGap, delay.max / 1e6, healthzUrl !== null) };
  } finally {
    clearInterval(heartbeat);
    delay.disable();
    await worker.terminate();
  }
}

async function report(
  worker: Worker,
  ms: number,
  longestGap: number,
  loopDelayMaxMs: number,
  probing: boolean,
): Promise<ProbeReport> {
  const answer = nextMessage(worker);
  worker.postMessage('stop');
  const { rssPeak, latencies, failures } = (await answer) as WorkerAnswer;
  return {
    ms,
    rssPeakMiB: rssPeak / 2 ** 20,
    stallMs: Math.max(0, longestGap - HEARTBEAT_MS),
    loopDelayMaxMs,
    healthz: probing
      ? {
          count: latencies.length,
          maxMs: largest(latencies),
          p99Ms: percentile(latencies, 0.99),
          failures: failures.length,
        }
      : null,
  };
}
