import { serve } from '@hono/node-server';
import pino from 'pino';
import { createApp } from '../http/app.js';
import { defaultWebRoot } from '../http/static.js';
import { startScheduler } from '../jobs/scheduler.js';
import { createChromiumPdfPrinter } from '../jobs/pdf.js';
import { createReportTransports } from '../jobs/report-transports.js';
import type { SmtpConfig } from '../jobs/smtp-config.js';
import type { Store } from '../services/runtime.js';
import { createReadPool } from '../services/reads/read-pool.js';
import { runJob, type JobName, type JobRun } from '../services/jobs/run-job.js';
import { createJobThread } from '../jobs/job-thread.js';
import type { InstanceKey } from '../domain/audit/instance-key.js';

export interface RunningServer {
  url: string;
  /** Run a scheduled job now, where the scheduler runs it (the job thread). */
  runJob(job: JobName, now?: () => number, tenantId?: string): Promise<JobRun[]>;
  close(): Promise<void>;
}

/**
 * Serve the API and run the scheduled jobs until closed; resolves once the port is listening. With the
 * instance audit key, checkpoints are signed (hourly and on request).
 */
export async function startServer(
  store: Store,
  port: number,
  host: string,
  quiet = false,
  options: { smtp: SmtpConfig | null; auditKey?: InstanceKey | null; readerThreads?: number } = {
    smtp: null,
  },
): Promise<RunningServer> {
  const logger = pino({ level: quiet ? 'warn' : 'info' });
  const printPdf = createChromiumPdfPrinter();
  const transports = createReportTransports({ smtp: options.smtp, printPdf });
  const auditKey = options.auditKey ?? null;
  const audit = { key: auditKey, post: transports.postWebhook };
  // One reader thread by default: the long reads leave the event loop to requests (2 cores here).
  const threads = options.readerThreads ?? 1;
  const inMemory = 'sqlitePath' in store.options && store.options.sqlitePath === ':memory:';
  const readers = threads > 0 && !inMemory ? createReadPool(store.options, threads) : null;
  const app = createApp({ store, logger, webRoot: defaultWebRoot(), printPdf, audit, readers });
  const jobs = inMemory ? null : createJobThread(store.options);
  const scheduler = startScheduler(
    store,
    logger,
    Date.now,
    transports,
    auditKey ?? undefined,
    jobs ?? undefined,
  );
  const runNow = (job: JobName, now: () => number = Date.now, tenantId?: string) =>
    jobs ? jobs.run(job, now, tenantId) : runJob(store, job, now, tenantId);
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port, hostname: host }, (info) => {
      const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${info.port}`;
      resolve({
        url,
        runJob: runNow,
        close: () =>
          new Promise<void>((done) => {
            scheduler.stop();
            server.close(() => {
              void Promise.all([readers?.close(), jobs?.close()]).then(() => done());
            });
          }),
      });
    });
    server.on('error', (error: NodeJS.ErrnoException) => {
      scheduler.stop();
      void readers?.close();
      void jobs?.close();
      reject(
        error.code === 'EADDRINUSE' ? new Error(`port ${port} is in use: pass --port <another>`) : error,
      );
    });
  });
}

/** Keep the process alive until SIGINT/SIGTERM, then close the server and the store. */
export async function serveUntilSignal(server: RunningServer, store: Store): Promise<void> {
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  await store.close();
}
