import { randomUUID } from 'node:crypto';
import { OpenAPIHono } from '@hono/zod-openapi';
import pino, { type Logger } from 'pino';
import type { AppEnv } from './env.js';
import type { Store } from '../services/runtime.js';
import { authenticateRequest, SESSION_COOKIE } from './authenticate.js';
import { errorBody, errorResponse } from './errors.js';
import { itemRoutes } from './routes/items.js';
import { configRoutes } from './routes/config.js';
import { kpiRoutes } from './routes/kpis.js';
import { auditRoutes } from './routes/audit.js';
import { sessionRoutes } from './routes/session.js';
import { dashboardRoutes } from './routes/dashboard.js';
import { registerStaticRoutes } from './static.js';
import { webhookRoutes } from './routes/webhooks.js';
import { baselineRoutes } from './routes/baselines.js';
import { roiRoutes } from './routes/roi.js';
import { reportRoutes } from './routes/reports.js';
import { accessRoutes } from './routes/access.js';
import { healthRoutes } from './routes/health.js';
import type { PdfPrinter } from '../services/report/render-report.js';
import type { ReadRunner } from '../services/reads/run-read.js';
import type { AuditSetup } from '../services/audit/audit-setup.js';

/** The version of the API's contract (/openapi.json). */
export const API_VERSION = '1.0.0';

export interface AppOptions {
  store: Store;
  logger?: Logger;
  now?: () => number;
  /** Serve the dashboard built into this folder (dist/web) at / when given. */
  webRoot?: string;
  /** Prints the weekly report as PDF (headless Chromium, from the composition root); none: no PDF. */
  printPdf?: PdfPrinter | null;
  /** The instance audit key and the checkpoint webhook transport; none: no checkpoints are signed. */
  audit?: AuditSetup;
  /** Reader threads for the analytical reads (SQLite's long reads must not hold the event loop). */
  readers?: ReadRunner | null;
}

/**
 * The HTTP API: every /v1 route authenticates a Bearer key or a session cookie and runs service verbs
 * in its tenant; with `webRoot`, also the dashboard.
 */
export function createApp({
  store,
  logger = pino({ level: 'silent' }),
  now = Date.now,
  webRoot,
  printPdf = null,
  readers = null,
  audit = { key: null, post: null },
}: AppOptions) {
  const app = new OpenAPIHono<AppEnv>();
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
    c.json(errorBody('NOT_FOUND', `no route ${c.req.method} ${c.req.path}`, c.get('requestId')), 404),
  );
  app.use('/v1/*', async (c, next) => {
    if (c.req.path.startsWith('/v1/webhooks/')) return next(); // shared-secret auth, see routes/webhooks.ts
    // Signing in is the one /v1 call made before there is a key or a session.
    if (c.req.method === 'POST' && c.req.path === '/v1/session') return next();
    c.set('ctx', await authenticateRequest(c, { store, now, readers }));
    await next();
  });
  const api = app
    .route('/', healthRoutes({ store }))
    .route('/', webhookRoutes({ store, now }))
    .route('/', itemRoutes())
    .route('/', configRoutes())
    .route('/', kpiRoutes())
    .route('/', auditRoutes({ audit }))
    .route('/', sessionRoutes({ store, now }))
    .route('/', dashboardRoutes())
    .route('/', baselineRoutes())
    .route('/', roiRoutes())
    .route('/', reportRoutes({ printPdf }))
    .route('/', accessRoutes());
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'an API key (workledger keys create)',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: SESSION_COOKIE,
    description: 'a dashboard session (POST /v1/session); unsafe methods also send X-CSRF-Token',
  });
  // The contract, generated from the routes' declarations; public, like /healthz.
  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Workledger API',
      version: API_VERSION,
      description: 'Measure an AI workforce by its verified business outcomes against the human baseline.',
    },
    security: [{ bearer: [] }, { session: [] }],
  });
  if (webRoot !== undefined) registerStaticRoutes(app, webRoot);
  return api;
}

export type App = ReturnType<typeof createApp>;
