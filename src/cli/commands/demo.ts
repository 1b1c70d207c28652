import { existsSync, rmSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { createApiKey } from '../../services/access/api-keys.js';
import { ensureDemoUser } from './users.js';
import { createTenant } from '../../services/config/create-tenant.js';
import { listTenants } from '../../services/config/tenant-settings.js';
import type { Ctx } from '../../services/context.js';
import { loadDemo } from '../../ingest/load-demo.js';
import { DAY_MS } from '../../domain/time.js';
import { WorkledgerError } from '../../domain/errors.js';
import { DEFAULT_DB, DEMO_CONNECTION_FILE, openFromFlags, type DbFlags } from '../connection.js';
import { printJson, type Io } from '../output.js';
import { withDbFlags } from '../flags.js';
import { checkPortFree, portOf } from './serve.js';
import { serveUntilSignal, startServer } from '../start-server.js';
import { openInstanceKey, withAuditKeyFlag, type AuditKeyFlags } from '../audit-key.js';

const DEMO_TENANT = 'Demo Co';

interface DemoFlags extends DbFlags, AuditKeyFlags {
  port?: string;
  host: string;
  seed: string;
  scale: string;
  reset?: boolean;
  serve: boolean;
  json?: boolean;
}

export function registerDemo(program: Command, io: Io): void {
  withAuditKeyFlag(
    withDbFlags(
      program
        .command('demo')
        .description(
          'create a tenant with a seeded synthetic history (60 days human, 90 days agents), print a key, and serve it',
        ),
    ),
  )
    .option('--port <n>', 'port (0 picks a free one; default PORT, else 8080)')
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--seed <n>', 'random seed of the history', '42')
    .option('--scale <x>', 'volume multiplier (1 ≈ 29,000 items)', '1')
    .option('--reset', 'delete the SQLite file first and build the demo anew')
    .option('--no-serve', 'load the demo and exit')
    .option('--json', 'print JSON')
    .action(async (flags: DemoFlags) => {
      const port = portOf(flags.port, io.env);
      // a taken port fails now, before the history is loaded and a key is made
      if (flags.serve) await checkPortFree(port, flags.host);
      const seed = Number(flags.seed);
      const scale = Number(flags.scale);
      if (!Number.isInteger(seed)) throw new WorkledgerError('VALIDATION', '--seed: an integer');
      if (flags.reset && !flags.databaseUrl && !io.env.DATABASE_URL) {
        const path = flags.db ?? io.env.WORKLEDGER_DB ?? DEFAULT_DB;
        for (const suffix of ['', '-wal', '-shm']) if (existsSync(path + suffix)) rmSync(path + suffix);
      }
      const store = await openFromFlags(flags, io.env, { create: true });
      const actor = { kind: 'cli' as const, user: io.env.USER ?? 'operator' };
      const existing = (await listTenants(store)).find((t) => t.name === DEMO_TENANT);
      const tenant =
        existing ??
        (await createTenant({ store, actor, now: Date.now, input: { name: DEMO_TENANT, currency: 'USD' } }));
      const ctx: Ctx = { store, tenantId: tenant.id, actor, requestId: 'demo', now: Date.now };
      let loaded = null;
      if (!existing) {
        const bar =
          io.env.CI || flags.json
            ? null
            : new SingleBar(
                { format: ' {phase} [{bar}] {value}/{total}', stream: process.stderr },
                Presets.shades_classic,
              );
        let phase = '';
        // Anchor at the start of today so a re-run the same day regenerates the same history.
        const now = Math.floor(Date.now() / DAY_MS) * DAY_MS;
        loaded = await loadDemo(ctx, { seed, now, scale }, (p, done, total) => {
          if (!bar) return;
          if (p !== phase) {
            if (phase) bar.stop();
            phase = p;
            bar.start(total, 0, { phase: p.padEnd(5) });
          }
          bar.update(done);
        });
        bar?.stop();
      }
      const key = await createApiKey({ ctx, input: { role: 'admin', name: 'demo' } });
      const login = await ensureDemoUser(ctx);
      const summary = {
        tenant: tenant.id,
        key: key.key,
        loaded,
        reused: Boolean(existing),
        database: store.location,
        login,
      };
      if (!flags.serve) {
        if (flags.json) printJson(io, summary);
        else
          io.out(
            `demo tenant ${tenant.id} in ${store.location}; admin key ${key.key}; dashboard sign-in ${login.email} ${login.password}`,
          );
        await store.close();
        return;
      }
      const auditKey = openInstanceKey(flags, io.env, store, { create: true });
      const server = await startServer(store, port, flags.host, true, { smtp: null, auditKey });
      writeFileSync(
        `${io.cwd}/${DEMO_CONNECTION_FILE}`,
        JSON.stringify({ url: server.url, key: key.key, tenant: tenant.id }) + '\n',
        { mode: 0o600 },
      );
      if (flags.json) printJson(io, { ...summary, url: server.url });
      else {
        io.out(
          existing
            ? `Reusing demo tenant ${tenant.id} (pass --reset to rebuild it).`
            : `Loaded ${loaded?.items} items and ${loaded?.costs} costs (go-live ${loaded?.goLive}).`,
        );
        io.out(`Workledger demo at ${server.url}`);
        io.out(`  tenant:  ${tenant.id}`);
        io.out(`  API key: ${key.key}  (admin)`);
        io.out(`  dashboard: ${server.url}/  sign in as ${login.email} / ${login.password}`);
        io.out(
          `  try:     curl -H "Authorization: Bearer ${key.key}" "${server.url}/v1/kpis?from=${new Date(Date.now() - 30 * DAY_MS).toISOString().slice(0, 10)}&to=${new Date(Date.now() + DAY_MS).toISOString().slice(0, 10)}"`,
        );
        io.out(
          `  or:      npx workledger kpis      (this folder's ${DEMO_CONNECTION_FILE} points at the demo)`,
        );
        io.out('Ctrl-C stops it.');
      }
      await serveUntilSignal(server, store);
      rmSync(`${io.cwd}/${DEMO_CONNECTION_FILE}`, { force: true });
    });
}
