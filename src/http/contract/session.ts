import { createRoute, z } from '@hono/zod-openapi';
import { PERMISSIONS, ROLES } from '../../domain/roles.js';
import { SignInInput } from '../../services/access/sessions.js';
import { json, jsonBody } from './declare.js';

/** Who is signed in, the tenant's display settings, what the role may do, and the CSRF token. */
export const Session = z
  .strictObject({
    user: z.strictObject({ id: z.string(), email: z.string(), role: z.enum(ROLES) }),
    tenant: z.strictObject({ id: z.string(), name: z.string(), currency: z.string(), time_zone: z.string() }),
    permissions: z.array(z.enum(PERMISSIONS)),
    csrf_token: z.string().openapi({ description: 'send it as X-CSRF-Token with every unsafe method' }),
    expires_at: z.string(),
  })
  .openapi('Session');

export const signInRoute = createRoute({
  method: 'post',
  path: '/v1/session',
  summary: 'Sign in: sets the session cookie (HttpOnly, SameSite=Strict)',
  security: [],
  request: { body: jsonBody(SignInInput, 'the email and password (and the tenant, when several match)') },
  responses: { 200: json(Session, 'the session opened') },
});

export const describeSessionRoute = createRoute({
  method: 'get',
  path: '/v1/session',
  summary: 'The session of the cookie: who is signed in and what they may do',
  responses: { 200: json(Session, 'the session') },
});

export const signOutRoute = createRoute({
  method: 'delete',
  path: '/v1/session',
  summary: 'Sign out: ends the session and clears its cookie (signing out twice is not an error)',
  responses: { 204: { description: 'signed out' } },
});
