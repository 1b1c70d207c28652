import { parentPort, workerData } from 'node:worker_threads';
import { request } from './http-client.js';

/**
 * Runs beside the server's thread, so its samples do not wait for a blocked event loop: the process's
 * RSS every 20 ms and, when given a URL, one GET /healthz after another (10 ms apart), each timed from
 * sending to the whole answer. Answers `stop` with what it saw.
 */

interface ProbeSetup {
  healthzUrl: string | null;
}

const { healthzUrl } = workerData as ProbeSetup;
let rssPeak = process.memoryUsage.rss();
const latencies: number[] = [];
const failures: string[] = [];
let running = true;

const sampler = setInterval(() => {
  rssPeak = Math.max(rssPeak, process.memoryUsage.rss());
}, 20);

async function probe(url: string): Promise<void> {
  while (running) {
    try {
      const { status, ms } = await request(url);
      if (status === 200) latencies.push(ms);
      else failures.push(`answered ${status}`);
    } catch (error) {
      failures.push(String(error));
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const probing = healthzUrl === null ? Promise.resolve() : probe(healthzUrl);
parentPort?.on('message', (message: unknown) => {
  if (message !== 'stop') return;
  running = false;
  clearInterval(sampler);
  void probing.then(() => parentPort?.postMessage({ rssPeak, latencies, failures }));
});
parentPort?.postMessage('ready');
