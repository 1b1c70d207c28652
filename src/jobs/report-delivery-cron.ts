import { Cron } from 'croner';
import type { Logger } from 'pino';
import type { Store } from '../services/runtime.js';
import { deliverQueuedReports } from '../services/report/report-delivery.js';
import type { ReportTransports } from '../services/report/report-transports.js';

/** Every minute: queued report deliveries go out (the Monday job only queues them, inside its transaction). */
export const REPORT_DELIVERY_SCHEDULE = '* * * * *';

/** Start draining the report delivery queue; failures are logged per target and retried. */
export function startReportDelivery(
  store: Store,
  logger: Logger,
  now: () => number,
  transports: ReportTransports,
): { stop(): void } {
  const cron = new Cron(
    REPORT_DELIVERY_SCHEDULE,
    { protect: true, name: 'report-delivery', timezone: 'UTC' },
    async () => {
      try {
        const results = await deliverQueuedReports(store, transports, now);
        if (results.length) logger.info({ job: 'report-delivery', results }, 'reports delivered');
        for (const r of results.filter((x) => x.status !== 'sent'))
          logger.warn({ job: 'report-delivery', delivery: r }, 'report delivery not sent');
      } catch (error) {
        logger.error({ job: 'report-delivery', err: error }, 'report delivery failed');
      }
    },
  );
  return { stop: () => cron.stop() };
}
