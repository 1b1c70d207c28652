import type { Command } from 'commander';
import { listTenants } from '../../services/config/tenant-settings.js';
import { rebuildRollups } from '../../services/rollups/rebuild-rollups.js';
import type { Ctx } from '../../services/context.js';
import { openFromFlags, type DbFlags } from '../connection.js';
import { printJson, type Io } from '../output.js';
import { withDbFlags } from '../flags.js';

/** `workledger rollups rebuild`: recount a tenant's KPI rollups from its items, in bounded chunks. */
export function registerRollups(program: Command, io: Io): void {
  const rollups = program.command('rollups').description('the KPI rollups that answer whole-day reads');
  withDbFlags(
    rollups
      .command('rebuild')
      .description(
        'rebuild the rollups from the items (all tenants unless --tenant); reads use items meanwhile',
      ),
  )
    .option('--tenant <id>', 'only this tenant')
    .option('--json', 'print JSON')
    .action(async (flags: DbFlags & { tenant?: string; json?: boolean }) => {
      const store = await openFromFlags(flags, io.env);
      try {
        const tenants = flags.tenant ? [flags.tenant] : (await listTenants(store)).map((t) => t.id);
        const results: { tenant: string; items: number; buckets: number; seconds: number }[] = [];
        for (const tenant of tenants) {
          const ctx: Ctx = {
            store,
            tenantId: tenant,
            actor: { kind: 'cli', user: io.env.USER ?? 'cli' },
            requestId: 'cli:rollups',
            now: Date.now,
          };
          const started = Date.now();
          let shown = 0;
          const done = await rebuildRollups(ctx, (items) => {
            // progress on stderr every 50,000 items, so --json output stays clean
            if (items - shown >= 50_000) {
              shown = items;
              io.err(`${tenant}: ${items.toLocaleString('en')} items counted`);
            }
          });
          results.push({ tenant, ...done, seconds: (Date.now() - started) / 1000 });
        }
        if (flags.json) printJson(io, { rebuilt: results });
        else
          for (const r of results)
            io.out(
              `${r.tenant}: ${r.items} items into ${r.buckets} rollup buckets in ${r.seconds.toFixed(1)} s`,
            );
      } finally {
        await store.close();
      }
    });
}
