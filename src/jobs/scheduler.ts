import { Cron } from 'croner';
import type { Logger } from 'pino';
import type { Store } from '../services/runtime.js';
import { JOB_NAMES, runJob, type JobName } from '../services/jobs/run-job.js';
import type { ReportTransports } from '../services/report/report-transports.js';
import { startReportDelivery } from './report-delivery-cron.js';
import { startAuditCheckpoints } from './audit-checkpoint-cron.js';
import type { InstanceKey } from '../domain/audit/instance-key.js';
import type { JobThread } from './job-thread.js';

export interface Scheduler {
  stop(): void;
}

export const SCHEDULE: Record<JobName, string> = {
  // Durability windows close continuously; every ten minutes keeps states at most that stale.
  durability: '*/10 * * * *',
  // Mondays 06:00 UTC: last week's report per tenant, queued; startReportDelivery sends it. The 18:00
  // run catches zones up to UTC−12, whose week had not ended at 06:00; a week built already is skipped.
  'weekly-report': '0 6,18 * * 1',
  // Rebuilds only tenants whose rollups are stale; a no-op otherwise (and at start-up, see serve).
  rollups: '*/5 * * * *',
};

/**
 * Start the in-process scheduler: each job on its cron pattern, overlapping runs prevented, on the job
 * thread when given; with the instance key, also the hourly signed checkpoints.
 */
export function startScheduler(
  store: Store,
  logger: Logger,
  now: () => number = Date.now,
  reportTransports?: ReportTransports,
  auditKey?: InstanceKey,
  jobs?: JobThread,
): Scheduler {
  const crons = JOB_NAMES.map(
    (job) =>
      new Cron(SCHEDULE[job], { protect: true, name: job, timezone: 'UTC' }, async () => {
        try {
          const runs = jobs ? await jobs.run(job, now) : await runJob(store, job, now);
          logger.info({ job, runs }, 'job finished');
        } catch (error) {
          logger.error({ job, err: error }, 'job failed');
        }
      }),
  );
  // Stale rollups (after an upgrade) are rebuilt at once rather than at the next five-minute mark.
  void crons[JOB_NAMES.indexOf('rollups')]?.trigger();
  const delivery = reportTransports ? startReportDelivery(store, logger, now, reportTransports) : null;
  const checkpoints = auditKey
    ? startAuditCheckpoints(store, logger, now, {
        key: auditKey,
        post: reportTransports?.postWebhook ?? null,
      })
    : null;
  return {
    stop: () => {
      crons.forEach((c) => c.stop());
      delivery?.stop();
      checkpoints?.stop();
    },
  };
}
