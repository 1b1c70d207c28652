import { serve } from '@hono/node-server';
import { createApp } from '../../src/http/app.js';
import { defaultWebRoot } from '../../src/http/static.js';
import { closeDurabilityWindows } from '../../src/services/jobs/close-durability-windows.js';
import { ingest } from '../helpers/ledger.js';
import { steadyLives, versionsAt } from '../report/steady-agent.js';
import { createLogins, newFixtureTenant, type DashboardFixture } from './dashboard-fixture.js';

/**
 * A tenant holding only the steady agent (test/report/steady-agent.ts), its items as the desk knew them
 * on the Monday `now`, served by the API and dashboard with its clock fixed at `now` (so the server
 * judges maturity as of that Monday, however late the test runs).
 */
export async function startSteadyDashboard({ now }: { now: number }): Promise<DashboardFixture> {
  const { ctx, store, remove } = await newFixtureTenant('Steady Co', now);
  // One batch of the latest versions stores what weekly re-sends would: reversals carry the reopen time.
  await ingest(ctx, versionsAt(steadyLives(), now));
  await closeDurabilityWindows(ctx);
  const logins = await createLogins(ctx);
  const app = createApp({ store, now: () => now, webRoot: defaultWebRoot() });
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const started = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(started));
    started.on('error', reject);
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the server has no TCP port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    tenantId: ctx.tenantId,
    ...logins,
    close: async () => {
      await new Promise<void>((done) => server.close(() => done()));
      await remove();
    },
  };
}
