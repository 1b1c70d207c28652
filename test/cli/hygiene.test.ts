import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTenant } from '../../src/services/config/create-tenant.js';
import { openStore } from '../../src/services/runtime.js';
import { cliRunner } from '../helpers/cli.js';
import { TEST_ACTOR } from '../helpers/ledger.js';

const dir = mkdtempSync(join(tmpdir(), 'workledger-hygiene-'));
const run = cliRunner(dir);
const BIN = join(import.meta.dirname, '..', '..', 'bin', 'workledger.js');

/** Run the built CLI as a process; `closeStdout` closes the reading end before anything is read. */
function spawnCli(
  args: readonly string[],
  { closeStdout = false, env = {} }: { closeStdout?: boolean; env?: Record<string, string> } = {},
): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', USER: 'test', CI: 'true', ...env },
    });
    let out = '';
    let err = '';
    if (closeStdout) child.stdout.destroy();
    else child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

async function listening(): Promise<{ server: Server; port: number }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return { server, port: address.port };
}

describe('the CLI as a shell sees it', () => {
  it('refuses to read a database that does not exist, and creates none', async () => {
    const missing = join(dir, 'typo.db');
    for (const args of [
      ['kpis', '--db', missing, '--tenant', 'ten_x'],
      ['tenants', 'list', '--db', missing],
      ['keys', 'list', '--db', missing, '--tenant', 'ten_x'],
      ['audit', 'verify', '--db', missing, '--tenant', 'ten_x'],
    ]) {
      const result = await run(...args);
      expect(result.code).toBe(3);
      expect(result.err).toBe(
        `workledger: db: no database at ${missing} (check --db or WORKLEDGER_DB; \`workledger tenants create\` or \`workledger demo\` makes one)\n`,
      );
      expect(existsSync(missing)).toBe(false);
    }
    // the commands that set a database up still make one
    expect((await run('tenants', 'create', 'Acme', '--db', missing)).code).toBe(0);
    expect(existsSync(missing)).toBe(true);
  });

  it('prints every error as one line, or under --json as one JSON object, with the documented exit codes', async () => {
    const db = join(dir, 'errors.db');
    const tenant = (await run('tenants', 'create', 'Acme', '--db', db)).out.trim();
    const bad = await run('kpis', '--db', db, '--tenant', tenant, '--from', 'garbage');
    expect(bad).toMatchObject({
      code: 2,
      out: '',
      err: 'workledger: --from: not an ISO-8601 time or date: garbage\n',
    });
    const badJson = await run('kpis', '--db', db, '--tenant', tenant, '--from', 'garbage', '--json');
    expect(badJson.code).toBe(2);
    expect(JSON.parse(badJson.err)).toEqual({
      error: { code: 'VALIDATION', message: '--from: not an ISO-8601 time or date: garbage', field: 'from' },
    });
    // commander's own usage errors too
    const usage = await run('keys', 'create', '--db', db, '--json');
    expect(usage.code).toBe(2);
    expect(JSON.parse(usage.err)).toEqual({
      error: { code: 'VALIDATION', message: "required option '--tenant <id>' not specified" },
    });
    const notFound = await run('items', 'get', 'desk', 'nope', '--db', db, '--tenant', tenant, '--json');
    expect(notFound.code).toBe(3);
    expect(JSON.parse(notFound.err)).toMatchObject({ error: { code: 'NOT_FOUND' } });
    const days = await run('tenants', 'create', 'Beta', '--db', db, '--durability-window-days', 'abc');
    expect(days).toMatchObject({
      code: 2,
      err: "workledger: --durability-window-days: a whole number of days, like 7 (got 'abc')\n",
    });
  });

  it('ends quietly with exit 0 when the reader closes the pipe (kpis --json | head)', async () => {
    const db = join(dir, 'pipe.db');
    const store = await openStore({ sqlitePath: db });
    try {
      // 1,500 tenants: about 300 KB of JSON, several times a pipe's buffer, so writes hit the closed end
      for (let i = 0; i < 1_500; i++)
        await createTenant({ store, actor: TEST_ACTOR, now: Date.now, input: { name: `tenant ${i}` } });
    } finally {
      await store.close();
    }
    const closed = await spawnCli(['tenants', 'list', '--db', db, '--json'], { closeStdout: true });
    expect(closed.err).toBe('');
    expect(closed.code).toBe(0);
  }, 60_000);

  it('checks the port before the demo loads anything, and takes PORT', async () => {
    const { server, port } = await listening();
    try {
      const db = join(dir, 'demo.db');
      const taken = await spawnCli(['demo', '--db', db, '--port', String(port)]);
      expect(taken.code).toBe(5);
      expect(taken.err).toBe(
        `workledger: port: 127.0.0.1:${port} is taken (pass --port N, or set PORT; 0 picks a free one)\n`,
      );
      expect(existsSync(db)).toBe(false); // nothing loaded, no key made
      const fromEnv = await spawnCli(['demo', '--db', db], { env: { PORT: String(port) } });
      expect(fromEnv.code).toBe(5);
      expect(fromEnv.err).toContain(`127.0.0.1:${port} is taken`);
      const badEnv = await spawnCli(['serve', '--db', db], { env: { PORT: 'eighty' } });
      expect(badEnv).toMatchObject({ code: 2, err: 'workledger: PORT: not a port number: eighty\n' });
    } finally {
      server.close();
    }
  });
});
