import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/cli/start-server.js';
import { openStore, type Store } from '../../src/services/runtime.js';
import { KPI_NAMES } from '../../src/domain/kpis/kpi-value.js';
import { cliRunner } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'workledger-cli-'));
const db = join(dir, 'cli.db');

const run = cliRunner(dir);

describe('workledger CLI', () => {
  let tenant: string;
  let key: string;

  beforeAll(async () => {
    const demo = await run('demo', '--db', db, '--no-serve', '--scale', '0.05', '--seed', '7', '--json');
    expect(demo.err).toBe('');
    expect(demo.code).toBe(0);
    const summary = JSON.parse(demo.out) as { tenant: string; key: string; loaded: { items: number } };
    tenant = summary.tenant;
    key = summary.key;
    expect(summary.loaded.items).toBeGreaterThan(500);
  });

  it('creates and lists tenants, and prints a new key once', async () => {
    const created = await run('tenants', 'create', 'Acme', '--db', db, '--json');
    expect(created.code).toBe(0);
    const { id } = JSON.parse(created.out) as { id: string };
    expect(id).toMatch(/^ten_/);
    const plain = await run('keys', 'create', '--db', db, '--tenant', id, '--role', 'viewer');
    expect(plain.code).toBe(0);
    expect(plain.out.trim()).toMatch(/^wl_[A-Za-z0-9_-]{43}$/);
    const listed = await run('tenants', 'list', '--db', db, '--json');
    const names = (JSON.parse(listed.out) as { tenants: { name: string }[] }).tenants.map((t) => t.name);
    expect(names).toEqual(['Demo Co', 'Acme']);
    const keys = await run('keys', 'list', '--db', db, '--tenant', id, '--json');
    expect(keys.out).not.toContain('wl_');
  });

  it('exits non-zero with one clear line on bad input', async () => {
    const badRole = await run('keys', 'create', '--db', db, '--tenant', tenant, '--role', 'owner');
    expect(badRole.code).toBe(2);
    expect(badRole.err.trim().split('\n')).toEqual([
      'workledger: role: must be one of admin, operator, ingest, viewer',
    ]);
    const badGroup = await run('kpis', '--db', db, '--tenant', tenant, '--group-by', 'planet');
    expect(badGroup.code).toBe(2);
    expect(badGroup.err).toContain('--group-by: planet is not one of');
    const ambiguous = await run('kpis', '--db', db);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.err).toContain('--tenant is required (the database has 2 tenants');
    const unknownTenant = await run('kpis', '--db', db, '--tenant', 'ten_nope');
    expect(unknownTenant.code).toBe(3);
    const unknownCommand = await run('frobnicate');
    expect(unknownCommand.code).not.toBe(0);
  });

  it('prints the same KPIs directly and through a running server', async () => {
    const window = [
      '--from',
      '2026-01-01',
      '--to',
      '2028-01-01',
      '--as-of',
      '2028-01-01',
      '--group-by',
      'agent',
    ];
    const direct = await run('kpis', '--db', db, '--tenant', tenant, '--json', ...window);
    expect(direct.code).toBe(0);
    const answer = JSON.parse(direct.out) as {
      groups: { key: { agent: string }; kpis: Record<string, unknown> }[];
    };
    expect(answer.groups.map((g) => g.key.agent)).toEqual(['access-agent', 'helpdesk-bot', 'po-agent']);
    for (const group of answer.groups) expect(Object.keys(group.kpis)).toEqual([...KPI_NAMES]);

    let store: Store | undefined;
    let server: RunningServer | undefined;
    try {
      store = await openStore({ sqlitePath: db });
      server = await startServer(store, 0, '127.0.0.1', true);
      const remote = await run('kpis', '--url', server.url, '--key', key, '--json', ...window);
      expect(remote.err).toBe('');
      expect(JSON.parse(remote.out)).toEqual(answer);
      const table = await run('kpis', '--url', server.url, '--key', key, ...window);
      expect(table.out).toContain('containment_rate');
      const wrongKey = await run('kpis', '--url', server.url, '--key', 'wl_wrong', '--json');
      expect(wrongKey.code).toBe(4);
      expect(wrongKey.err).toContain('unknown or revoked API key');
    } finally {
      await server?.close();
      await store?.close();
    }
  });

  it('verifies the audit chain and shows an item', async () => {
    const verified = await run('audit', 'verify', '--db', db, '--tenant', tenant, '--json');
    expect(verified.code).toBe(0);
    const verdict = JSON.parse(verified.out) as { ok: boolean; entries: number };
    expect(verdict.ok).toBe(true);
    // tenant.create, api_key.create ×2 (demo + test), workflows, agents, model prices, item and cost batches, durability
    expect(verdict.entries).toBeGreaterThan(10);
    const missing = await run('items', 'get', 'agent', 'NOPE', '--db', db, '--tenant', tenant);
    expect(missing.code).toBe(3);
  });

  it('runs the durability job on demand and it is idempotent', async () => {
    const first = await run('jobs', 'run', 'durability', '--db', db, '--tenant', tenant, '--json');
    expect(first.code).toBe(0);
    const runs = (JSON.parse(first.out) as { runs: { result: { durable: number; reversed: number } }[] })
      .runs;
    // The demo already closed every window that had passed when it loaded; nothing is left to close.
    expect(runs[0]?.result).toEqual({ durable: 0, reversed: 0 });
  });

  afterAll(() => undefined);
});
