import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/services/runtime.js';
import { signIn } from '../../src/services/access/sessions.js';
import { cliRunner } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'workledger-users-'));
const db = join(dir, 'users.db');

const run = cliRunner(dir);

async function canSignIn(tenant: string, email: string, password: string): Promise<boolean> {
  const store = await openStore({ sqlitePath: db });
  try {
    await signIn({ store, now: Date.now, requestId: 'test', input: { tenant, email, password } });
    return true;
  } catch {
    return false;
  } finally {
    await store.close();
  }
}

describe('workledger users', () => {
  it('creates users (printing a generated password once), lists them, and resets a password', async () => {
    const tenant = (await run('tenants', 'create', 'Acme', '--db', db)).out.trim();
    const created = await run(
      'users',
      'create',
      '--db',
      db,
      '--tenant',
      tenant,
      '--email',
      'Ana@Example.com',
      '--role',
      'viewer',
      '--json',
    );
    expect(created.code).toBe(0);
    const user = JSON.parse(created.out) as { id: string; email: string; role: string; password: string };
    expect(user).toMatchObject({ email: 'ana@example.com', role: 'viewer', tenant_id: tenant });
    expect(user.password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(await canSignIn(tenant, 'ana@example.com', user.password)).toBe(true);

    const chosen = await run(
      'users',
      'create',
      '--db',
      db,
      '--tenant',
      tenant,
      '--email',
      'ops@example.com',
      '--role',
      'operator',
      '--password',
      'operator passphrase',
    );
    expect(chosen).toMatchObject({ code: 0, out: 'created ops@example.com (operator)\n' });

    const duplicate = await run(
      'users',
      'create',
      '--db',
      db,
      '--tenant',
      tenant,
      '--email',
      'ANA@example.com',
      '--role',
      'admin',
    );
    expect(duplicate.code).toBe(5);
    expect(duplicate.err).toContain('already has a user');
    expect(
      (
        await run(
          'users',
          'create',
          '--db',
          db,
          '--tenant',
          tenant,
          '--email',
          'x@example.com',
          '--role',
          'root',
        )
      ).code,
    ).toBe(2);
    const short = await run(
      'users',
      'create',
      '--db',
      db,
      '--tenant',
      tenant,
      '--email',
      'y@example.com',
      '--role',
      'viewer',
      '--password',
      'short',
    );
    expect(short.code).toBe(2);
    expect(short.err).toContain('at least 12 characters');
    expect(
      (
        await run(
          'users',
          'create',
          '--db',
          db,
          '--tenant',
          tenant,
          '--email',
          'not-an-email',
          '--role',
          'viewer',
        )
      ).code,
    ).toBe(2);
    expect(
      (
        await run(
          'users',
          'create',
          '--db',
          db,
          '--tenant',
          'ten_missing',
          '--email',
          'z@example.com',
          '--role',
          'viewer',
        )
      ).code,
    ).toBe(3);

    const list = JSON.parse((await run('users', 'list', '--db', db, '--tenant', tenant, '--json')).out) as {
      users: object[];
    };
    expect(list.users.map((u) => Object.keys(u).sort())).toEqual([
      ['created_at', 'disabled_at', 'email', 'id', 'role', 'tenant_id'],
      ['created_at', 'disabled_at', 'email', 'id', 'role', 'tenant_id'],
    ]);

    const reset = await run(
      'users',
      'set-password',
      '--db',
      db,
      '--tenant',
      tenant,
      '--email',
      'ana@example.com',
      '--json',
    );
    const { password } = JSON.parse(reset.out) as { password: string };
    expect(await canSignIn(tenant, 'ana@example.com', user.password)).toBe(false);
    expect(await canSignIn(tenant, 'ana@example.com', password)).toBe(true);
  });

  it('gives the demo a dashboard sign-in, with a fresh password on every run', async () => {
    const demoDb = join(dir, 'demo.db');
    const first = await run('demo', '--db', demoDb, '--no-serve', '--scale', '0.02', '--json');
    expect(first.code).toBe(0);
    const summary = JSON.parse(first.out) as { tenant: string; login: { email: string; password: string } };
    expect(summary.login.email).toBe('demo@workledger.local');
    const again = JSON.parse(
      (await run('demo', '--db', demoDb, '--no-serve', '--json')).out,
    ) as typeof summary;
    expect(again.login.password).not.toBe(summary.login.password);
    const store = await openStore({ sqlitePath: demoDb });
    try {
      const session = await signIn({
        store,
        now: Date.now,
        requestId: 't',
        input: { email: again.login.email, password: again.login.password },
      });
      expect(session.user.role).toBe('admin');
    } finally {
      await store.close();
    }
  });
});
