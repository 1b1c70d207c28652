import { withJobLock } from '../../store/queries/job-lock.js';
import { rebuildStaleRollups } from '../rollups/rebuild-rollups.js';
import { listTenants } from '../../store/queries/tenants.js';
import type { Store } from '../../store/connect.js';
import { atOneInstant, type Ctx } from '../context.js';
import { closeDurabilityWindows } from './close-durability-windows.js';
import { queueWeeklyReport } from '../report/report-queue.js';

export const JOB_NAMES = ['durability', 'weekly-report', 'rollups'] as const;
export type JobName = (typeof JOB_NAMES)[number];

export function isJobName(name: string): name is JobName {
  return (JOB_NAMES as readonly string[]).includes(name);
}

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
    // one instant per tenant's run: what the job reads as of now and what it writes agree
    const ctx: Ctx = atOneInstant({
      store,
      tenantId: tenant,
      actor: { kind: 'system', job },
      requestId: `job:${job}`,
      now,
    });
    const locked = await withJobLock(store.db, `${job}:${tenant}`, store.dialect.needsJobLock, () =>
      runOne(ctx, job),
    );
    runs.push(locked ? { tenant, job, result: locked.result } : { tenant, job, skipped: 'locked' });
  }
  return runs;
}

/** One job for one tenant; each job writes in its own bounded transactions. */
async function runOne(ctx: Ctx, job: JobName): Promise<unknown> {
  switch (job) {
    case 'durability':
      return closeDurabilityWindows(ctx);
    case 'weekly-report':
      return queueWeeklyReport(ctx);
    case 'rollups':
      return rebuildStaleRollups(ctx);
    default: {
      const unreachable: never = job;
      throw new Error(`unknown job ${String(unreachable)}`);
    }
  }
}
