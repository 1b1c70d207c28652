import { OpenAPIHono } from '@hono/zod-openapi';
import type { Hono } from 'hono';
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

export function registerConfigRoutes(app: Hono<AppEnv>): void {
  app.put('/v1/workflows/:id', async (c) =>
    c.json(
      await putWorkflow({ ctx: c.get('ctx'), input: { id: c.req.param('id'), body: await readJson(c) } }),
    ),
  );
  app.get('/v1/workflows/:id', async (c) =>
    c.json(await getWorkflowById({ ctx: c.get('ctx'), input: { id: c.req.param('id') } })),
  );
  app.get('/v1/workflows', async (c) => c.json({ workflows: await listAllWorkflows(c.get('ctx')) }));

  app.put('/v1/agents/:id', async (c) =>
    c.json(await putAgent({ ctx: c.get('ctx'), input: { id: c.req.param('id'), body: await readJson(c) } })),
  );
  app.get('/v1/agents/:id', async (c) =>
    c.json(await getAgentById({ ctx: c.get('ctx'), input: { id: c.req.param('id') } })),
  );
  app.get('/v1/agents', async (c) => c.json({ agents: await listAllAgents(c.get('ctx')) }));

  app.put('/v1/model-prices/:model', async (c) =>
    c.json(
      await putModelPrice({
        ctx: c.get('ctx'),
        input: { model: c.req.param('model'), body: await readJson(c) },
      }),
    ),
  );
  app.get('/v1/model-prices', async (c) => c.json({ model_prices: await listAllModelPrices(c.get('ctx')) }));
}

/** The routes of this file as a sub-app (being moved onto declared routes, see src/http/contract). */
export function configRoutes() {
  const app = new OpenAPIHono<AppEnv>();
  registerConfigRoutes(app);
  return app;
}
