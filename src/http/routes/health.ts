import { OpenAPIHono } from '@hono/zod-openapi';
import type { Store } from '../../services/runtime.js';
import { checkReadiness } from '../../services/readiness.js';
import { declared } from '../contract/declare.js';
import { healthzRoute, readyzRoute } from '../contract/health.js';
import type { AppEnv } from '../env.js';

/** Liveness and readiness, for load balancers and orchestrators; no key needed. */
export function healthRoutes({ store }: { store: Store }) {
  const app = new OpenAPIHono<AppEnv>();
  return (
    app
      // Liveness: restarting the process would not help a database that is down.
      .openapi(declared(app, healthzRoute), (c) => c.json({ ok: true as const }, 200))
      // Readiness: otherwise UNAVAILABLE, 503 with Retry-After, through onError.
      .openapi(declared(app, readyzRoute), async (c) => {
        await checkReadiness(store);
        return c.json({ ok: true as const, engine: store.engine }, 200);
      })
  );
}
