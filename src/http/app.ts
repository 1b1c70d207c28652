import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import pino, { type Logger } from 'pino';
import { WorkledgerError } from '../domain/errors.js';
import type { AppEnv } from './env.js';
import type { Store } from '../services/runtime.js';
import { authenticateApiKey } from '../services/api-keys.js';
import { errorResponse } from './errors.js';
import { registerItemRoutes } from './routes/items.js';
import { registerConfigRoutes } from './routes/config.js';
import { registerKpiRoutes } from './routes/kpis.js';
import { registerAuditRoutes } from './routes/audit.js';

export interface AppOptions {
  store: Store;
  logger?: Logger;
  now?: () => number;
}

/** The HTTP API: every /v1 route authenticates a Bearer key and runs service verbs in its tenant. */
export function createApp({ store, logger = pino({ level: 'silent' }), now = Date.now }: AppOptions) {
  const app = new Hono<AppEnv>();
  app.use('*', async (c, next) => {
    const requestId = c.req.header('x-request-id') ?? randomUUID();
    c.set('requestId', requestId);
    c.header('x-request-id', requestId);
    const started = performance.now();
    await next();
    logger.info(
      {
        requestId,
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round(performance.now() - started),
      },
      'request',
    );
  });
  app.onError((error, c) => errorResponse(error, c, logger));
  app.notFound((c) =>
    c.json(
      {
        error: {
          code: 'NOT_FOUND',
          message: `no route ${c.req.method} ${c.req.path}`,
          requestId: c.get('requestId'),
        },
      },
      404,
    ),
  );
  app.get('/healthz', (c) => c.json({ ok: true, engine: store.engine }));
  app.use('/v1/*', async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) throw new WorkledgerError('UNAUTHENTICATED', 'send Authorization: Bearer <API key>');
    const key = await authenticateApiKey(store, match[1]);
    c.set('ctx', {
      store,
      tenantId: key.tenantId,
      actor: { kind: 'api_key', keyId: key.keyId, role: key.role },
      requestId: c.get('requestId'),
      now,
    });
    await next();
  });
  registerItemRoutes(app);
  registerConfigRoutes(app);
  registerKpiRoutes(app);
  registerAuditRoutes(app);
  return app;
}

export type App = ReturnType<typeof createApp>;
