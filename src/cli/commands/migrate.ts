import type { Command } from 'commander';
import { migrateToLatest } from '../../services/runtime.js';
import { openFromFlags, type DbFlags } from '../connection.js';
import { printJson, type Io } from '../output.js';
import { withDbFlags } from '../flags.js';

export function registerMigrate(program: Command, io: Io): void {
  withDbFlags(program.command('migrate').description('apply pending database migrations'))
    .option('--json', 'print JSON')
    .action(async (flags: DbFlags & { json?: boolean }) => {
      const store = await openFromFlags(flags, io.env, { create: true });
      try {
        const applied = await migrateToLatest(store.db);
        if (flags.json) printJson(io, { database: store.location, engine: store.engine, applied });
        else io.out(`${store.engine} ${store.location}: schema is current`);
      } finally {
        await store.close();
      }
    });
}
