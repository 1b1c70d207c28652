import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import pino, { type Logger } from 'pino';
import type { AppEnv } from './env.js';
import type { Store } from '../services/runtime.js';
import { authenticateRequest } from './authenticate.js';
import { errorResponse } from './errors.js';
import { registerItemRoutes } from './routes/items.js';
import { registerConfigRoutes } from './routes/config.js';
import { registerKpiRoutes } from './routes/kpis.js';
import { registerAuditRoutes } from './routes/audit.js';
import { registerSessionRoutes } from './routes/session.js';
import { registerDashboardRoutes } from './routes/dashboard.js';
import { registerStaticRoutes } from './static.js';
import { registerWebhookRoutes } from './routes/webhooks.js';
import { registerBaselineRoutes } from './routes/baselines.js';
import { registerRoiRoutes } from './routes/roi.js';
import { registerReportRoutes } from './routes/reports.js';
import { registerAccessRoutes } from './routes/access.js';
import { checkReadiness } from '../services/readiness.js';
import type { PdfPrinter } from '../services/report/render-report.js';
import type { ReadRunner } from '../services/reads/run-read.js';
import type { AuditSetup } from '../services/audit/audit-setup.js';

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
  // Liveness: the process answers, whatever the database does (restarting it would not help).
  app.get('/healthz', (c) => c.json({ ok: true }));
  // Readiness: the database answers; otherwise UNAVAILABLE, 503 with Retry-After, through onError.
  app.get('/readyz', async (c) => {
    await checkReadiness(store);
    return c.json({ ok: true, engine: store.engine });
  });
  registerWebhookRoutes(app, { store, now });
  app.use('/v1/*', async (c, next) => {
    if (c.req.path.startsWith('/v1/webhooks/')) return next(); // shared-secret auth, see routes/webhooks.ts
    // Signing in is the one /v1 call made before there is a key or a session.
    if (c.req.method === 'POST' && c.req.path === '/v1/session') return next();
    c.set('ctx', await authenticateRequest(c, { store, now, readers }));
    await next();
  });
  registerItemRoutes(app);
  registerConfigRoutes(app);
  registerKpiRoutes(app);
  registerAuditRoutes(app, { audit });
  registerSessionRoutes(app, { store, now });
  registerDashboardRoutes(app);
  registerBaselineRoutes(app);
  registerRoiRoutes(app);
  registerReportRoutes(app, { printPdf });
  registerAccessRoutes(app);
  if (webRoot !== undefined) registerStaticRoutes(app, webRoot);
  return app;
}

export type App = ReturnType<typeof createApp>;
