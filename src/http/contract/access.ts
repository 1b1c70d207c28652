import { createRoute, z } from '@hono/zod-openapi';
import { ROLES } from '../../domain/roles.js';
import { CreateUserInput } from '../../services/access/users.js';
import { json, jsonBody } from './declare.js';

const Role = z.enum(ROLES);

/** What an operator sees of an API key: never the key itself nor its hash. */
export const ApiKey = z
  .strictObject({
    id: z.string(),
    role: Role,
    name: z.string().nullable(),
    created_at: z.string(),
    expires_at: z.string().nullable(),
    revoked_at: z.string().nullable(),
    status: z
      .enum(['active', 'revoked', 'expired'])
      .openapi({ description: '`active`, or why the key no longer authenticates' }),
  })
  .openapi('ApiKey');

/** A key just created: the key itself is in this answer and nowhere else, ever. */
export const CreatedApiKey = z
  .strictObject({
    id: z.string(),
    key: z.string().openapi({ description: 'the secret, shown once; only its hash is stored' }),
    role: Role,
    tenant_id: z.string(),
    expires_at: z.string().nullable(),
  })
  .openapi('CreatedApiKey');

/** A dashboard user (never their password hash). */
export const User = z
  .strictObject({
    id: z.string(),
    tenant_id: z.string(),
    email: z.string(),
    role: Role,
    created_at: z.string(),
    disabled_at: z
      .string()
      .nullable()
      .openapi({ description: 'when an admin disabled the user; null: active' }),
  })
  .openapi('User');

/** A user just created, with the generated password when none was given (shown once). */
export const CreatedUser = z
  .strictObject({
    ...User.shape,
    password: z.string().optional().openapi({ description: 'the generated password, when none was sent' }),
  })
  .openapi('CreatedUser');

/** POST /v1/keys: the role, an optional name and lifetime (`90d`, `12h`). */
export const CreateKeyBody = z.strictObject({
  role: z.string().openapi({ description: `one of ${ROLES.join(', ')}` }),
  name: z.string().optional(),
  expires_in: z.string().optional().openapi({ description: 'a whole number of days or hours: 90d, 12h' }),
});

const IdParam = z.object({ id: z.string() });

export const listKeysRoute = createRoute({
  method: 'get',
  path: '/v1/keys',
  summary: "The tenant's API keys",
  responses: { 200: json(z.strictObject({ keys: z.array(ApiKey) }), 'the keys') },
});

export const createKeyRoute = createRoute({
  method: 'post',
  path: '/v1/keys',
  summary: 'Create an API key (the key is answered once)',
  request: { body: jsonBody(CreateKeyBody, 'the key to create') },
  responses: { 201: json(CreatedApiKey, 'the key created') },
});

export const revokeKeyRoute = createRoute({
  method: 'post',
  path: '/v1/keys/{id}/revoke',
  summary: 'Revoke an API key, for good (revoking a revoked key changes nothing)',
  request: { params: IdParam },
  responses: { 200: json(ApiKey, 'the key, revoked') },
});

export const listUsersRoute = createRoute({
  method: 'get',
  path: '/v1/users',
  summary: "The tenant's dashboard users",
  responses: { 200: json(z.strictObject({ users: z.array(User) }), 'the users') },
});

export const createUserRoute = createRoute({
  method: 'post',
  path: '/v1/users',
  summary: 'Create a dashboard user (without a password one is generated and answered once)',
  request: { body: jsonBody(CreateUserInput, 'the user to create') },
  responses: { 201: json(CreatedUser, 'the user created') },
});

export const disableUserRoute = createRoute({
  method: 'post',
  path: '/v1/users/{id}/disable',
  summary: 'Disable a user and end their sessions (disabling a disabled user changes nothing)',
  request: { params: IdParam },
  responses: { 200: json(User, 'the user, disabled') },
});
