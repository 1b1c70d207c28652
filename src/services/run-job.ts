import { tryJobLock } from '../store/queries/job-lock.js';
import { listTenants } from '../store/queries/tenants.js';
import type { Store } from '../store/connect.js';
import type { Ctx } from './context.js';
import { closeDurabilityWindows } from './close-durability-windows.js';
import { queueWeeklyReport } from './report-queue.js';

export const JOB_NAMES = ['durability', 'weekly-report'] as const;
export type JobName = (typeof JOB_NAMES)[number];

export interface JobRun {
  tenant: string;
  job: JobName;
  skipped?: 'locked';
  result?: unknown;
}

/** Run a scheduled job for every tenant (or one), each under its lock so one replica runs it. */
export async function runJob(
  store: Store,
  job: JobName,
  now: () => number,
  tenantId?: string,
): Promise<JobRun[]> {
  const tenants = tenantId ? [tenantId] : (await listTenants(store.db)).map((t) => t.id);
  const runs: JobRun[] = [];
  for (const tenant of tenants) {
    const run = await store.db.transaction().execute(async (tx) => {
      if (!(await tryJobLock(tx, `${job}:${tenant}`, store.dialect.needsJobLock)))
        return { tenant, job, skipped: 'locked' as const };
      const ctx: Ctx = {
        store,
        tenantId: tenant,
        actor: { kind: 'system', job },
        requestId: `job:${job}`,
        now,
        tx,
      };
      switch (job) {
        case 'durability':
          return { tenant, job, result: await closeDurabilityWindows(ctx) };
        case 'weekly-report':
          return { tenant, job, result: await queueWeeklyReport(ctx) };
        default: {
          const unreachable: never = job;
          throw new Error(`unknown job ${String(unreachable)}`);
        }
      }
    });
    runs.push(run);
  }
  return runs;
}
