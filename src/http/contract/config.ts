import { createRoute, z } from '@hono/zod-openapi';
import { AgentInput, AgentScope, ModelPriceInput, WorkflowInput } from '../../domain/config-input.js';
import { json, jsonBody, named, orNull } from './declare.js';

/** A workflow and its SLA targets (hours per priority "1".."5"). */
export const Workflow = z
  .strictObject({
    id: z.string(),
    name: z.string(),
    department: z.string().nullable(),
    sla_hours: z.record(z.string(), z.number()).openapi({ description: 'SLA hours by priority "1".."5"' }),
    updated_at: z.string(),
  })
  .openapi('Workflow');

/** An AI agent: who makes it, which version, and the items it may handle (null: any). */
export const Agent = z
  .strictObject({
    id: z.string(),
    name: z.string(),
    vendor: z.string().nullable(),
    version: z.string().nullable(),
    scope: orNull(named(AgentScope, 'AgentScope')),
    updated_at: z.string(),
  })
  .openapi('Agent');

/** A model's token prices per million tokens, in the tenant's currency. */
export const ModelPrice = z
  .strictObject({
    model: z.string(),
    input_per_million: z.number(),
    output_per_million: z.number(),
    currency: z.string(),
    updated_at: z.string(),
  })
  .openapi('ModelPrice');

const IdParam = z.object({ id: z.string() });

export const putWorkflowRoute = createRoute({
  method: 'put',
  path: '/v1/workflows/{id}',
  summary: 'Create or replace a workflow and its SLA targets',
  request: { params: IdParam, body: jsonBody(WorkflowInput, 'the workflow') },
  responses: { 200: json(Workflow, 'the workflow as stored') },
});

export const getWorkflowRoute = createRoute({
  method: 'get',
  path: '/v1/workflows/{id}',
  summary: 'One workflow',
  request: { params: IdParam },
  responses: { 200: json(Workflow, 'the workflow') },
});

export const listWorkflowsRoute = createRoute({
  method: 'get',
  path: '/v1/workflows',
  summary: 'Every workflow of the tenant',
  responses: { 200: json(z.strictObject({ workflows: z.array(Workflow) }), 'the workflows') },
});

export const putAgentRoute = createRoute({
  method: 'put',
  path: '/v1/agents/{id}',
  summary: 'Create or replace an agent',
  request: { params: IdParam, body: jsonBody(AgentInput, 'the agent') },
  responses: { 200: json(Agent, 'the agent as stored') },
});

export const getAgentRoute = createRoute({
  method: 'get',
  path: '/v1/agents/{id}',
  summary: 'One agent',
  request: { params: IdParam },
  responses: { 200: json(Agent, 'the agent') },
});

export const listAgentsRoute = createRoute({
  method: 'get',
  path: '/v1/agents',
  summary: 'Every agent of the tenant',
  responses: { 200: json(z.strictObject({ agents: z.array(Agent) }), 'the agents') },
});

export const putModelPriceRoute = createRoute({
  method: 'put',
  path: '/v1/model-prices/{model}',
  summary: "Set a model's token prices (costs sent with tokens and no amount are priced from them)",
  request: { params: z.object({ model: z.string() }), body: jsonBody(ModelPriceInput, 'the prices') },
  responses: { 200: json(ModelPrice, 'the prices as stored') },
});

export const listModelPricesRoute = createRoute({
  method: 'get',
  path: '/v1/model-prices',
  summary: 'Every model price of the tenant',
  responses: { 200: json(z.strictObject({ model_prices: z.array(ModelPrice) }), 'the model prices') },
});
