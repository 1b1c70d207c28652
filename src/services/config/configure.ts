import { z } from 'zod';
import {
  AgentInput,
  ModelPriceInput,
  ResourceId,
  WorkflowInput,
  type AgentScope,
} from '../../domain/config-input.js';
import { WorkledgerError } from '../../domain/errors.js';
import { fromMicros, toMicros } from '../../domain/money.js';
import { StoredText } from '../../domain/text.js';
import { getAgent, listAgents, saveAgent, type AgentRow } from '../../store/queries/agents.js';
import { listModelPrices, saveModelPrice, type ModelPriceRow } from '../../store/queries/model-prices.js';
import { getWorkflow, listWorkflows, saveWorkflow, type WorkflowRow } from '../../store/queries/workflows.js';
import { reader, requirePermission, withTransaction, type Ctx, type Verb } from '../context.js';
import { writtenRowLeaf } from '../audit/audited-tables.js';
import { emitAudit } from '../audit/emit-audit.js';
import { markRollupsStale } from '../rollups/rebuild-rollups.js';
import { hasWorkflowItems } from '../../store/queries/items-read.js';
import { getTenantSettings } from './tenant-settings.js';
import { parseInput } from '../parse-input.js';

export interface Workflow {
  id: string;
  name: string;
  department: string | null;
  sla_hours: Record<string, number>;
  updated_at: string;
}

export interface Agent {
  id: string;
  name: string;
  vendor: string | null;
  version: string | null;
  scope: AgentScope | null;
  updated_at: string;
}

function workflowView(row: WorkflowRow): Workflow {
  return {
    id: row.id,
    name: row.name,
    department: row.department,
    sla_hours: z.record(z.string(), z.number()).parse(JSON.parse(row.sla_hours)),
    updated_at: new Date(row.updated_at).toISOString(),
  };
}

function agentView(row: AgentRow): Agent {
  return {
    id: row.id,
    name: row.name,
    vendor: row.vendor,
    version: row.version,
    scope: row.scope === null ? null : (AgentInput.shape.scope.parse(JSON.parse(row.scope)) ?? null),
    updated_at: new Date(row.updated_at).toISOString(),
  };
}

/** Create or replace a workflow and its SLA targets. */
export async function putWorkflow({ ctx, input }: Verb<{ id: string; body: unknown }>): Promise<Workflow> {
  requirePermission(ctx, 'configure');
  const id = parseInput(ResourceId, input.id, 'id');
  const body = parseInput(WorkflowInput, input.body);
  return withTransaction(ctx, async (tx) => {
    const before = await getWorkflow(tx, ctx.tenantId, id);
    const now = ctx.now();
    const row: WorkflowRow = {
      tenant_id: ctx.tenantId,
      id,
      name: body.name,
      department: body.department ?? null,
      sla_hours: JSON.stringify(body.sla_hours),
      created_at: before?.created_at ?? now,
      updated_at: now,
    };
    await saveWorkflow(tx, row);
    // Rollups count SLA verdicts with the targets of their day: new targets for stored items mean a rebuild.
    if ((before?.sla_hours ?? '{}') !== row.sla_hours && (await hasWorkflowItems(tx, ctx.tenantId, id)))
      await markRollupsStale(ctx, tx);
    const after = workflowView(row);
    await emitAudit(tx, ctx, {
      action: 'workflow.put',
      subject: `workflow:${id}`,
      detail: { before: before ? workflowView(before) : null, after },
      leaves: [await writtenRowLeaf(tx, ctx.tenantId, 'workflow', [id])],
    });
    return after;
  });
}

export async function getWorkflowById({ ctx, input }: Verb<{ id: string }>): Promise<Workflow> {
  requirePermission(ctx, 'read');
  const id = parseInput(ResourceId, input.id, 'id');
  const row = await getWorkflow(reader(ctx), ctx.tenantId, id);
  if (!row) throw new WorkledgerError('NOT_FOUND', `workflow ${id} does not exist`, 'id');
  return workflowView(row);
}

export async function listAllWorkflows(ctx: Ctx): Promise<Workflow[]> {
  requirePermission(ctx, 'read');
  return (await listWorkflows(reader(ctx), ctx.tenantId)).map(workflowView);
}

/** Create or replace an agent (name, vendor, version, optional scope). */
export async function putAgent({ ctx, input }: Verb<{ id: string; body: unknown }>): Promise<Agent> {
  requirePermission(ctx, 'configure');
  const id = parseInput(ResourceId, input.id, 'id');
  if (id === 'human')
    throw new WorkledgerError('VALIDATION', "id: 'human' is reserved for human-handled items", 'id');
  const body = parseInput(AgentInput, input.body);
  return withTransaction(ctx, async (tx) => {
    const before = await getAgent(tx, ctx.tenantId, id);
    const now = ctx.now();
    const row: AgentRow = {
      tenant_id: ctx.tenantId,
      id,
      name: body.name,
      vendor: body.vendor ?? null,
      version: body.version ?? null,
      scope: body.scope ? JSON.stringify(body.scope) : null,
      created_at: before?.created_at ?? now,
      updated_at: now,
    };
    await saveAgent(tx, row);
    const after = agentView(row);
    await emitAudit(tx, ctx, {
      action: 'agent.put',
      subject: `agent:${id}`,
      detail: { before: before ? agentView(before) : null, after },
      leaves: [await writtenRowLeaf(tx, ctx.tenantId, 'agent', [id])],
    });
    return after;
  });
}

export async function getAgentById({ ctx, input }: Verb<{ id: string }>): Promise<Agent> {
  requirePermission(ctx, 'read');
  const id = parseInput(ResourceId, input.id, 'id');
  const row = await getAgent(reader(ctx), ctx.tenantId, id);
  if (!row) throw new WorkledgerError('NOT_FOUND', `agent ${id} does not exist`, 'id');
  return agentView(row);
}

export async function listAllAgents(ctx: Ctx): Promise<Agent[]> {
  requirePermission(ctx, 'read');
  return (await listAgents(reader(ctx), ctx.tenantId)).map(agentView);
}

export interface ModelPrice {
  model: string;
  input_per_million: number;
  output_per_million: number;
  currency: string;
  updated_at: string;
}

function priceView(row: ModelPriceRow): ModelPrice {
  return {
    model: row.model,
    input_per_million: fromMicros(row.input_per_million_micros),
    output_per_million: fromMicros(row.output_per_million_micros),
    currency: row.currency,
    updated_at: new Date(row.updated_at).toISOString(),
  };
}

/** Set a model's token prices; costs sent with tokens and no amount are priced from this table. */
export async function putModelPrice({
  ctx,
  input,
}: Verb<{ model: string; body: unknown }>): Promise<ModelPrice> {
  requirePermission(ctx, 'configure');
  const model = parseInput(StoredText.trim().min(1).max(200), input.model, 'model');
  const body = parseInput(ModelPriceInput, input.body);
  const tenant = await getTenantSettings(ctx);
  const currency = body.currency ?? tenant.currency;
  if (currency !== tenant.currency)
    throw new WorkledgerError(
      'VALIDATION',
      `currency: the tenant's currency is ${tenant.currency}`,
      'currency',
    );
  const row: ModelPriceRow = {
    tenant_id: ctx.tenantId,
    model,
    input_per_million_micros: toMicros(body.input_per_million, 'input_per_million'),
    output_per_million_micros: toMicros(body.output_per_million, 'output_per_million'),
    currency,
    updated_at: ctx.now(),
  };
  return withTransaction(ctx, async (tx) => {
    await saveModelPrice(tx, row);
    const after = priceView(row);
    await emitAudit(tx, ctx, {
      action: 'model_price.put',
      subject: `model:${model}`,
      detail: { after },
      leaves: [await writtenRowLeaf(tx, ctx.tenantId, 'model_price', [model])],
    });
    return after;
  });
}

export async function listAllModelPrices(ctx: Ctx): Promise<ModelPrice[]> {
  requirePermission(ctx, 'read');
  return (await listModelPrices(reader(ctx), ctx.tenantId)).map(priceView);
}
