import { serve } from '@hono/node-server';
import pino from 'pino';
import { createApp } from '../../src/http/app.js';
import { createJobThread } from '../../src/jobs/job-thread.js';
import { createReadPool } from '../../src/services/reads/read-pool.js';
import type { JobName, JobRun } from '../../src/services/jobs/run-job.js';
import type { Store } from '../../src/store/connect.js';

/** The server under test, listening on loopback, and its job thread. */
export interface BenchServer {
  url: string;
  /** How the server was put together, for RESULTS.md. */
  description: string;
  runJob(job: JobName, asOf: number, tenantId: string): Promise<JobRun[]>;
  close(): Promise<void>;
}

const READER_THREADS = 1;

/**
 * The server as `workledger serve` composes it (src/cli/start-server.ts), on the benchmark's clock and without
 * the scheduler, so nothing runs but what the benchmark asks: one reader thread for the analytical
 * reads, the jobs on their own thread with their own connection.
 */
export async function startBenchServer(store: Store, clock: () => number): Promise<BenchServer> {
  const readers = createReadPool(store.options, READER_THREADS);
  const jobs = createJobThread(store.options);
  // Incidents (5xx) go to stderr with their stack, so a failed answer in RESULTS.md has its cause in the log.
  const logger = pino({ level: 'error' }, pino.destination(2));
  const app = createApp({ store, now: clock, readers, logger });
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        description:
          `\`createApp\` with ${READER_THREADS} reader thread (\`createReadPool\`) and the job thread ` +
          '(`createJobThread`), as src/cli/start-server.ts composes them, without the scheduler',
        runJob: (job, asOf, tenantId) => jobs.run(job, () => asOf, tenantId),
        close: () =>
          new Promise<void>((done) =>
            server.close(() => void Promise.all([readers.close(), jobs.close()]).then(() => done())),
          ),
      }),
    );
  });
}
