import { OpenAPIHono } from '@hono/zod-openapi';
import type { Hono } from 'hono';
import { z } from 'zod';
import { createApiKey, listKeys, revokeApiKey } from '../../services/access/api-keys.js';
import { parseInput } from '../../services/parse-input.js';
import { createUser, disableUser, listTenantUsers } from '../../services/access/users.js';
import type { AppEnv } from '../env.js';
import { readJson } from '../read-json.js';

const CreateKeyBody = z.strictObject({
  role: z.string(),
  name: z.string().optional(),
  expires_in: z.string().optional(),
});

const CreateUserBody = z.strictObject({
  email: z.string(),
  role: z.string(),
  password: z.string().optional(),
});

/** API keys and dashboard users of the caller's tenant, for admins (`manage_keys`). */
export function registerAccessRoutes(app: Hono<AppEnv>): void {
  app.get('/v1/keys', async (c) => c.json({ keys: await listKeys(c.get('ctx')) }));
  app.post('/v1/keys', async (c) => {
    const body = parseInput(CreateKeyBody, await readJson(c));
    const created = await createApiKey({
      ctx: c.get('ctx'),
      input: {
        role: body.role,
        ...(body.name === undefined ? {} : { name: body.name }),
        ...(body.expires_in === undefined ? {} : { expiresIn: body.expires_in }),
      },
    });
    return c.json(created, 201);
  });
  app.post('/v1/keys/:id/revoke', async (c) =>
    c.json(await revokeApiKey({ ctx: c.get('ctx'), input: { id: c.req.param('id') } })),
  );
  app.get('/v1/users', async (c) => c.json({ users: await listTenantUsers(c.get('ctx')) }));
  app.post('/v1/users', async (c) => {
    const body = parseInput(CreateUserBody, await readJson(c));
    const { user, password } = await createUser({ ctx: c.get('ctx'), input: body });
    return c.json({ ...user, ...(password === null ? {} : { password }) }, 201);
  });
  app.post('/v1/users/:id/disable', async (c) =>
    c.json(await disableUser({ ctx: c.get('ctx'), input: { id: c.req.param('id') } })),
  );
}

/** The routes of this file as a sub-app (being moved onto declared routes, see src/http/contract). */
export function accessRoutes() {
  const app = new OpenAPIHono<AppEnv>();
  registerAccessRoutes(app);
  return app;
}
