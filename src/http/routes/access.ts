import { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { createApiKey, listKeys, revokeApiKey } from '../../services/access/api-keys.js';
import { parseInput } from '../../services/parse-input.js';
import { createUser, disableUser, listTenantUsers } from '../../services/access/users.js';
import type { AppEnv } from '../env.js';
import { readJson } from '../read-json.js';
import { declared } from '../contract/declare.js';
import {
  CreateKeyBody,
  createKeyRoute,
  createUserRoute,
  disableUserRoute,
  listKeysRoute,
  listUsersRoute,
  revokeKeyRoute,
} from '../contract/access.js';

/** The body's fields as createUser takes them; it checks them with CreateUserInput (the declared body). */
const CreateUserBody = z.strictObject({
  email: z.string(),
  role: z.string(),
  password: z.string().optional(),
});

/** API keys and dashboard users of the caller's tenant, for admins (`manage_keys`). */
export function accessRoutes() {
  const app = new OpenAPIHono<AppEnv>();
  return app
    .openapi(declared(app, listKeysRoute), async (c) => c.json({ keys: await listKeys(c.get('ctx')) }, 200))
    .openapi(declared(app, createKeyRoute), async (c) => {
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
    })
    .openapi(declared(app, revokeKeyRoute), async (c) =>
      c.json(await revokeApiKey({ ctx: c.get('ctx'), input: { id: c.req.param('id') } }), 200),
    )
    .openapi(declared(app, listUsersRoute), async (c) =>
      c.json({ users: await listTenantUsers(c.get('ctx')) }, 200),
    )
    .openapi(declared(app, createUserRoute), async (c) => {
      const body = parseInput(CreateUserBody, await readJson(c));
      const { user, password } = await createUser({ ctx: c.get('ctx'), input: body });
      return c.json({ ...user, ...(password === null ? {} : { password }) }, 201);
    })
    .openapi(declared(app, disableUserRoute), async (c) =>
      c.json(await disableUser({ ctx: c.get('ctx'), input: { id: c.req.param('id') } }), 200),
    );
}
