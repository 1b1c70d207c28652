import { tryJobLock } from '../../store/queries/job-lock.js';
import { listTenants } from '../../store/queries/tenants.js';
import type { Store } from '../../store/connect.js';
import type { AuditSetup } from './audit-setup.js';
import type { Ctx } from '../context.js';
import { sealCheckpoint } from './seal-checkpoint.js';
import { sendLatestCheckpoint, type CheckpointDelivery } from './send-checkpoint.js';

/** What the checkpoint job did for one tenant. */
export interface CheckpointRun {
  tenant: string;
  seq?: number;
  sealed?: boolean;
  skipped?: 'locked';
  delivery?: CheckpointDelivery | null;
  error?: string;
}

/**
 * For every tenant (or one) whose chain grew since its last checkpoint, seal a new one under the job's
 * lock (one replica seals) and post the latest undelivered checkpoint; a tenant that fails is reported.
 */
export async function sealDueCheckpoints(
  store: Store,
  setup: AuditSetup & { key: NonNullable<AuditSetup['key']> },
  now: () => number,
  tenantId?: string,
): Promise<CheckpointRun[]> {
  const runs: CheckpointRun[] = [];
  const tenants = tenantId ? [tenantId] : (await listTenants(store.db)).map((t) => t.id);
  for (const tenant of tenants) {
    const ctx: Ctx = {
      store,
      tenantId: tenant,
      actor: { kind: 'system', job: 'audit-checkpoint' },
      requestId: 'job:audit-checkpoint',
      now,
    };
    try {
      const run: CheckpointRun = await store.db.transaction().execute(async (tx) => {
        if (!(await tryJobLock(tx, `audit-checkpoint:${tenant}`, store.dialect.needsJobLock)))
          return { tenant, skipped: 'locked' as const };
        const { checkpoint, sealed } = await sealCheckpoint({
          ctx: { ...ctx, tx },
          input: { key: setup.key },
        });
        return { tenant, seq: checkpoint.seq, sealed };
      });
      if (!run.skipped && setup.post) run.delivery = await sendLatestCheckpoint(ctx, setup.post);
      runs.push(run);
    } catch (error) {
      runs.push({ tenant, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return runs;
}
