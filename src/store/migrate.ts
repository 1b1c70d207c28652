import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import * as initial from './migrations/001-initial.js';
import * as importWatermarks from './migrations/002-import-watermarks.js';
import * as webhookSecrets from './migrations/003-webhook-secrets.js';
import * as baselines from './migrations/004-baselines.js';
import * as users from './migrations/005-users.js';
import * as reportDeliveries from './migrations/006-report-deliveries.js';
import * as auditCheckpoints from './migrations/007-audit-checkpoints.js';
import * as itemHandoff from './migrations/008-item-handoff.js';
import * as itemEvents from './migrations/009-item-events.js';
import * as rollups from './migrations/010-rollups.js';
import * as rollupCounts from './migrations/011-rollup-counts.js';
import * as costsKind from './migrations/012-costs-kind.js';
import * as rollupPeriods from './migrations/013-rollup-periods.js';
import * as accessLifecycle from './migrations/014-access-lifecycle.js';

const migrations: Record<string, Migration> = {
  '001-initial': initial,
  '002-import-watermarks': importWatermarks,
  '003-webhook-secrets': webhookSecrets,
  '004-baselines': baselines,
  '005-users': users,
  '006-report-deliveries': reportDeliveries,
  '007-audit-checkpoints': auditCheckpoints,
  '008-item-handoff': itemHandoff,
  '009-item-events': itemEvents,
  '010-rollups': rollups,
  '011-rollup-counts': rollupCounts,
  '012-costs-kind': costsKind,
  '013-rollup-periods': rollupPeriods,
  '014-access-lifecycle': accessLifecycle,
};

class InCodeMigrations implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return migrations;
  }
}

/** Apply every pending migration; returns the names applied now. */
export async function migrateToLatest<T>(db: Kysely<T>): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: new InCodeMigrations(),
    migrationTableName: 'workledger_migrations',
    migrationLockTableName: 'workledger_migrations_lock',
    // Migrations are numbered by feature and may land in any order; each is independent of the others.
    allowUnorderedMigrations: true,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(`migration failed: ${String(error)}`);
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
