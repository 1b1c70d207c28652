import { createRoute, z } from '@hono/zod-openapi';
import { json } from './declare.js';

export const healthzRoute = createRoute({
  method: 'get',
  path: '/healthz',
  summary: 'Liveness: the process answers, whatever the database does',
  security: [],
  responses: { 200: json(z.strictObject({ ok: z.literal(true) }), 'the process is alive') },
});

export const readyzRoute = createRoute({
  method: 'get',
  path: '/readyz',
  summary: 'Readiness: the database answers (503 with Retry-After while it does not)',
  security: [],
  responses: {
    200: json(
      z.strictObject({ ok: z.literal(true), engine: z.enum(['sqlite', 'postgres']) }),
      'the database answered',
    ),
  },
});
