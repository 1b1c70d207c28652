import { WorkledgerError } from '../../domain/errors.js';
import type { Command } from 'commander';
import { createTenant } from '../../services/config/create-tenant.js';
import { listTenants } from '../../services/config/tenant-settings.js';
import { openFromFlags, type DbFlags } from '../connection.js';
import { formatTable, printJson, type Io } from '../output.js';
import { withDbFlags } from '../flags.js';

interface CreateFlags extends DbFlags {
  json?: boolean;
  timeZone?: string;
  currency?: string;
  durabilityWindowDays?: string;
}

export function registerTenants(program: Command, io: Io): void {
  const tenants = program.command('tenants').description('create and list tenants');
  withDbFlags(tenants.command('create <name>').description('create a tenant and print its id'))
    .option('--time-zone <tz>', 'IANA time zone for times without a zone', 'UTC')
    .option('--currency <code>', 'ISO 4217 currency', 'USD')
    .option('--durability-window-days <days>', 'days an agent resolution must hold before it is durable', '7')
    .option('--json', 'print JSON')
    .action(async (name: string, flags: CreateFlags) => {
      const store = await openFromFlags(flags, io.env, { create: true });
      try {
        const tenant = await createTenant({
          store,
          actor: { kind: 'cli', user: io.env.USER ?? 'operator' },
          now: Date.now,
          input: {
            name,
            time_zone: flags.timeZone,
            currency: flags.currency,
            durability_window_days: wholeDays(flags.durabilityWindowDays ?? '7'),
          },
        });
        if (flags.json)
          printJson(io, {
            id: tenant.id,
            name: tenant.name,
            time_zone: tenant.time_zone,
            currency: tenant.currency,
          });
        else io.out(tenant.id);
      } finally {
        await store.close();
      }
    });
  withDbFlags(tenants.command('list').description('list tenants'))
    .option('--json', 'print JSON')
    .action(async (flags: DbFlags & { json?: boolean }) => {
      const store = await openFromFlags(flags, io.env);
      try {
        const rows = await listTenants(store);
        const view = rows.map((t) => ({
          id: t.id,
          name: t.name,
          time_zone: t.time_zone,
          currency: t.currency,
          created_at: new Date(t.created_at).toISOString(),
        }));
        if (flags.json) printJson(io, { tenants: view });
        else
          io.out(
            formatTable(
              ['id', 'name', 'time zone', 'currency', 'created'],
              view.map((t) => [t.id, t.name, t.time_zone, t.currency, t.created_at]),
            ),
          );
      } finally {
        await store.close();
      }
    });
}

function wholeDays(text: string): number {
  const days = Number(text);
  if (text.trim() === '' || !Number.isInteger(days))
    throw new WorkledgerError(
      'VALIDATION',
      `--durability-window-days: a whole number of days, like 7 (got '${text}')`,
      'durability_window_days',
    );
  return days;
}
