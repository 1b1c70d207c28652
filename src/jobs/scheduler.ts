import { Cron } from 'croner';
import type { Logger } from 'pino';
import type { Store } from '../services/runtime.js';
import { JOB_NAMES, runJob, type JobName } from '../services/run-job.js';

export interface Scheduler {
  stop(): void;
}

const SCHEDULE: Record<JobName, string> = {
  // Durability windows close continuously; every ten minutes keeps states at most that stale.
  durability: '*/10 * * * *',
};

/** Start the in-process scheduler: each job on its cron pattern, overlapping runs prevented. */
export function startScheduler(store: Store, logger: Logger, now: () => number = Date.now): Scheduler {
  const crons = JOB_NAMES.map(
    (job) =>
      new Cron(SCHEDULE[job], { protect: true, name: job }, async () => {
        try {
          const runs = await runJob(store, job, now);
          logger.info({ job, runs }, 'job finished');
        } catch (error) {
          logger.error({ job, err: error }, 'job failed');
        }
      }),
  );
  return { stop: () => crons.forEach((c) => c.stop()) };
}
