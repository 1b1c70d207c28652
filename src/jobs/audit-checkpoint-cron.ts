import { Cron } from 'croner';
import type { Logger } from 'pino';
import type { InstanceKey } from '../domain/audit/instance-key.js';
import type { Store } from '../services/runtime.js';
import { sealDueCheckpoints } from '../services/audit/seal-due-checkpoints.js';
import type { WebhookPoster } from '../services/audit/send-checkpoint.js';

/** Hourly, on the hour: each tenant's chain is sealed when it grew, and the checkpoint posted. */
export const AUDIT_CHECKPOINT_SCHEDULE = '0 * * * *';

/** Start sealing checkpoints with the instance key; a tenant that cannot be sealed is logged as an error. */
export function startAuditCheckpoints(
  store: Store,
  logger: Logger,
  now: () => number,
  setup: { key: InstanceKey; post: WebhookPoster | null },
): { stop(): void } {
  const cron = new Cron(
    AUDIT_CHECKPOINT_SCHEDULE,
    { protect: true, name: 'audit-checkpoint', timezone: 'UTC' },
    async () => {
      try {
        const runs = await sealDueCheckpoints(store, setup, now);
        for (const run of runs) {
          if (run.error) logger.error({ job: 'audit-checkpoint', run }, 'checkpoint not sealed');
          else if (run.delivery && !run.delivery.delivered)
            logger.warn({ job: 'audit-checkpoint', run }, 'checkpoint not delivered');
        }
        logger.info({ job: 'audit-checkpoint', sealed: runs.filter((r) => r.sealed).length }, 'job finished');
      } catch (error) {
        logger.error({ job: 'audit-checkpoint', err: error }, 'job failed');
      }
    },
  );
  return { stop: () => cron.stop() };
}
