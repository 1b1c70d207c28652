import { z } from 'zod';
import { ResourceId } from '../../domain/config-input.js';
import { WorkledgerError } from '../../domain/errors.js';
import { StoredText } from '../../domain/text.js';
import { parseIsoTime, toIso } from '../../domain/time.js';
import { getAgent } from '../../store/queries/agents.js';
import { listDeployments, saveDeployment, type DeploymentRow } from '../../store/queries/baselines.js';
import { reader, requirePermission, withTransaction, type Ctx, type Verb } from '../context.js';
import { writtenRowLeaf } from '../audit/audited-tables.js';
import { emitAudit } from '../audit/emit-audit.js';
import { parseInput } from '../parse-input.js';
import { getTenantSettings } from './tenant-settings.js';

export const DeploymentInput = z.strictObject({ go_live_at: StoredText.min(1).max(64) });

export interface Deployment {
  agent_id: string;
  workflow: string;
  go_live_at: string;
  updated_at: string;
}

function view(row: DeploymentRow): Deployment {
  return {
    agent_id: row.agent_id,
    workflow: row.workflow,
    go_live_at: toIso(row.go_live_at),
    updated_at: toIso(row.updated_at),
  };
}

/** Record an agent's go-live date on a workflow: the boundary between baseline and rollout. */
export async function putDeployment({
  ctx,
  input,
}: Verb<{ agentId: string; workflow: string; body: unknown }>): Promise<Deployment> {
  requirePermission(ctx, 'configure');
  const agentId = parseInput(ResourceId, input.agentId, 'agent_id');
  const workflow = parseInput(ResourceId, input.workflow, 'workflow');
  const body = parseInput(DeploymentInput, input.body);
  const tenant = await getTenantSettings(ctx);
  const goLive = parseIsoTime(body.go_live_at, tenant.time_zone);
  if (goLive === null)
    throw new WorkledgerError(
      'VALIDATION',
      `go_live_at: not an ISO-8601 time or date: ${body.go_live_at}`,
      'go_live_at',
    );
  return withTransaction(ctx, async (tx) => {
    if (!(await getAgent(tx, ctx.tenantId, agentId)))
      throw new WorkledgerError(
        'NOT_FOUND',
        `agent ${agentId} does not exist: PUT /v1/agents/${agentId} first`,
        'agent_id',
      );
    const now = ctx.now();
    const row: DeploymentRow = {
      tenant_id: ctx.tenantId,
      agent_id: agentId,
      workflow,
      go_live_at: goLive,
      created_at: now,
      updated_at: now,
    };
    await saveDeployment(tx, row);
    await emitAudit(tx, ctx, {
      action: 'deployment.put',
      subject: `deployment:${agentId}:${workflow}`,
      detail: { after: view(row) },
      leaves: [await writtenRowLeaf(tx, ctx.tenantId, 'deployment', [agentId, workflow])],
    });
    return view(row);
  });
}

export async function listAllDeployments(ctx: Ctx): Promise<Deployment[]> {
  requirePermission(ctx, 'read');
  return (await listDeployments(reader(ctx), ctx.tenantId)).map(view);
}
