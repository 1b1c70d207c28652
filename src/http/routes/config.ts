import { OpenAPIHono } from '@hono/zod-openapi';
import {
  getAgentById,
  getWorkflowById,
  listAllAgents,
  listAllModelPrices,
  listAllWorkflows,
  putAgent,
  putModelPrice,
  putWorkflow,
} from '../../services/config/configure.js';
import type { AppEnv } from '../env.js';
import { readJson } from '../read-json.js';
import { declared } from '../contract/declare.js';
import {
  getAgentRoute,
  getWorkflowRoute,
  listAgentsRoute,
  listModelPricesRoute,
  listWorkflowsRoute,
  putAgentRoute,
  putModelPriceRoute,
  putWorkflowRoute,
} from '../contract/config.js';

/** Workflows, agents and model prices of the caller's tenant. */
export function configRoutes() {
  const app = new OpenAPIHono<AppEnv>();
  return app
    .openapi(declared(app, putWorkflowRoute), async (c) =>
      c.json(
        await putWorkflow({ ctx: c.get('ctx'), input: { id: c.req.param('id'), body: await readJson(c) } }),
        200,
      ),
    )
    .openapi(declared(app, getWorkflowRoute), async (c) =>
      c.json(await getWorkflowById({ ctx: c.get('ctx'), input: { id: c.req.param('id') } }), 200),
    )
    .openapi(declared(app, listWorkflowsRoute), async (c) =>
      c.json({ workflows: await listAllWorkflows(c.get('ctx')) }, 200),
    )
    .openapi(declared(app, putAgentRoute), async (c) =>
      c.json(
        await putAgent({ ctx: c.get('ctx'), input: { id: c.req.param('id'), body: await readJson(c) } }),
        200,
      ),
    )
    .openapi(declared(app, getAgentRoute), async (c) =>
      c.json(await getAgentById({ ctx: c.get('ctx'), input: { id: c.req.param('id') } }), 200),
    )
    .openapi(declared(app, listAgentsRoute), async (c) =>
      c.json({ agents: await listAllAgents(c.get('ctx')) }, 200),
    )
    .openapi(declared(app, putModelPriceRoute), async (c) =>
      c.json(
        await putModelPrice({
          ctx: c.get('ctx'),
          input: { model: c.req.param('model'), body: await readJson(c) },
        }),
        200,
      ),
    )
    .openapi(declared(app, listModelPricesRoute), async (c) =>
      c.json({ model_prices: await listAllModelPrices(c.get('ctx')) }, 200),
    );
}
