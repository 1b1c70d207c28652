import type { Command } from 'commander';
import { WorkledgerError } from '../../domain/errors.js';
import { createApiKey, listKeys, revokeApiKey } from '../../services/access/api-keys.js';
import { openFromFlags, type DbFlags } from '../connection.js';
import { formatTable, printJson, type Io } from '../output.js';
import { withDbFlags } from '../flags.js';

interface KeyFlags extends DbFlags {
  tenant?: string;
  role?: string;
  name?: string;
  expiresIn?: string;
  id?: string;
  json?: boolean;
}

export function registerKeys(program: Command, io: Io): void {
  const keys = program.command('keys').description('API keys of a tenant');
  withDbFlags(keys.command('create').description('create an API key; the key is printed once'))
    .requiredOption('--tenant <id>', 'tenant id')
    .requiredOption('--role <role>', 'admin | operator | ingest | viewer')
    .option('--name <name>', 'a label for the key')
    .option('--expires-in <lifetime>', 'stop authenticating after this long: days or hours, like 90d or 12h')
    .option('--json', 'print JSON')
    .action(async (flags: KeyFlags) => {
      const store = await openFromFlags(flags, io.env);
      try {
        const ctx = ctxFor(store, flags, io);
        const created = await createApiKey({
          ctx,
          input: {
            role: flags.role ?? '',
            name: flags.name,
            ...(flags.expiresIn === undefined ? {} : { expiresIn: flags.expiresIn }),
          },
        });
        if (flags.json) printJson(io, created);
        else io.out(created.key);
      } finally {
        await store.close();
      }
    });
  withDbFlags(keys.command('list').description('list the API keys of a tenant (never the keys themselves)'))
    .requiredOption('--tenant <id>', 'tenant id')
    .option('--json', 'print JSON')
    .action(async (flags: KeyFlags) => {
      const store = await openFromFlags(flags, io.env);
      try {
        const rows = await listKeys(ctxFor(store, flags, io));
        if (flags.json) printJson(io, { keys: rows });
        else
          io.out(
            formatTable(
              ['id', 'role', 'name', 'status', 'created', 'expires'],
              rows.map((k) => [k.id, k.role, k.name ?? '', k.status, k.created_at, k.expires_at ?? 'never']),
            ),
          );
      } finally {
        await store.close();
      }
    });
  withDbFlags(keys.command('revoke').description('revoke an API key: it stops authenticating at once'))
    .requiredOption('--tenant <id>', 'tenant id')
    .requiredOption('--id <key id>', 'the key (its id, as `keys list` shows it)')
    .option('--json', 'print JSON')
    .action(async (flags: KeyFlags) => {
      const store = await openFromFlags(flags, io.env);
      try {
        const key = await revokeApiKey({ ctx: ctxFor(store, flags, io), input: { id: flags.id ?? '' } });
        if (flags.json) printJson(io, key);
        else
          io.out(
            `revoked ${key.id} (${key.role}${key.name ? `, ${key.name}` : ''}) at ${key.revoked_at ?? ''}`,
          );
      } finally {
        await store.close();
      }
    });
}

function ctxFor(store: Parameters<typeof createApiKey>[0]['ctx']['store'], flags: KeyFlags, io: Io) {
  if (!flags.tenant) throw new WorkledgerError('VALIDATION', '--tenant is required', 'tenant');
  return {
    store,
    tenantId: flags.tenant,
    actor: { kind: 'cli' as const, user: io.env.USER ?? 'operator' },
    requestId: 'cli',
    now: Date.now,
  };
}
