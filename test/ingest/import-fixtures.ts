import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import type { Io } from '../../src/cli/output.js';
import type { Ctx } from '../../src/services/context.js';
import { createTenant } from '../../src/services/config/create-tenant.js';
import { openStore, type Store } from '../../src/services/runtime.js';
import type { Database } from '../../src/store/schema.js';
import { FIXTURE_DATA } from '../helpers/shared-data.js';

/** The real data vendored under test/fixtures/data (its SOURCES.md names each file's origin and licence). */
export const DATA = FIXTURE_DATA;
export const UCI_LOG = join(DATA, 'itsm', 'uci_incident_event_log.csv.gz');
export const UCI_SAMPLE = join(DATA, 'itsm', 'uci_incident_event_log_excel_resaved_sample.csv.gz');
export const BPI_LOG = join(DATA, 'itsm', 'bpi2013_volvo_incidents_ibm.csv.gz');
export const REST_CSV = join(DATA, 'servicenow', 'ibm_pdi_incidents_REST.csv');

/** A real SQLite store in a fresh temp folder. */
export async function tempStore(): Promise<{ store: Store; dir: string; path: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'workledger-import-'));
  const path = join(dir, 'import.db');
  return { store: await openStore({ sqlitePath: path }), dir, path };
}

/** A new tenant (time zone UTC unless given) and a ctx acting in it as the CLI operator. */
export async function tenantCtx(store: Store, timeZone = 'UTC'): Promise<Ctx> {
  const actor = { kind: 'cli', user: 'test' } as const;
  const tenant = await createTenant({
    store,
    actor,
    now: Date.now,
    input: { name: `import test ${Math.random()}`, time_zone: timeZone },
  });
  return { store, tenantId: tenant.id, actor, requestId: 'test', now: Date.now };
}

export type ItemRow = Database['items'];

/** The stored rows of a tenant's items of one source, by external id. */
export async function storedItems(ctx: Ctx, source: string): Promise<Map<string, ItemRow>> {
  const rows = await ctx.store.db
    .selectFrom('items')
    .selectAll()
    .where('tenant_id', '=', ctx.tenantId)
    .where('source', '=', source)
    .execute();
  return new Map(rows.map((r) => [r.external_id, r]));
}

/** One stored row, failing the test when it is missing. */
export function rowOf(rows: Map<string, ItemRow>, externalId: string): ItemRow {
  const row = rows.get(externalId);
  if (!row) throw new Error(`no stored item ${externalId}`);
  return row;
}

/** Epoch ms of a UTC wall clock written as in KPIS.md examples: `utc('2016-02-29 01:16')`. */
export function utc(text: string): number {
  return Date.parse(text.replace(' ', 'T') + (text.length === 16 ? ':00Z' : 'Z'));
}

/** Run the CLI in-process with CI set (no progress bar) and capture what it prints. */
export async function runCli(
  cwd: string,
  ...args: string[]
): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: Io = {
    out: (t) => (out += t + '\n'),
    err: (t) => (err += t + '\n'),
    env: { USER: 'test', CI: '1' },
    cwd,
  };
  const code = await main(['node', 'workledger', ...args], io);
  return { code, out, err };
}
