import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { authenticateApiKey } from '../../src/services/access/api-keys.js';
import { openStore } from '../../src/services/runtime.js';
import { cliRunner } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'workledger-access-'));
const db = join(dir, 'access.db');
const run = cliRunner(dir);
const DAY = 86_400_000;

async function authenticates(key: string): Promise<boolean> {
  const store = await openStore({ sqlitePath: db });
  try {
    await authenticateApiKey(store, key, Date.now());
    return true;
  } catch {
    return false;
  } finally {
    await store.close();
  }
}

describe('workledger keys and users: expiry, revocation, disabling', () => {
  it('creates a key that expires in 90 days, lists it, and revokes it', async () => {
    const tenant = (await run('tenants', 'create', 'Acme', '--db', db)).out.trim();
    const before = Date.now();
    const created = await run(
      'keys',
      'create',
      '--db',
      db,
      '--tenant',
      tenant,
      '--role',
      'ingest',
      '--name',
      'agent',
      '--expires-in',
      '90d',
      '--json',
    );
    expect(created.code).toBe(0);
    const key = z
      .object({ id: z.string(), key: z.string(), expires_at: z.string() })
      .parse(JSON.parse(created.out));
    const expires = Date.parse(key.expires_at);
    // 90 days from when the command ran: 90 × 86,400,000 ms after a moment between before and now
    expect(expires).toBeGreaterThanOrEqual(before + 90 * DAY);
    expect(expires).toBeLessThanOrEqual(Date.now() + 90 * DAY);
    expect(await authenticates(key.key)).toBe(true);

    const listed = await run('keys', 'list', '--db', db, '--tenant', tenant);
    expect(listed.out).toMatch(/^id\s+role\s+name\s+status\s+created\s+expires/);
    expect(listed.out).toContain(`${key.id}  ingest  agent  active`);
    expect(listed.out).toContain(key.expires_at);

    const revoked = await run('keys', 'revoke', '--db', db, '--tenant', tenant, '--id', key.id, '--json');
    expect(revoked.code).toBe(0);
    expect(JSON.parse(revoked.out)).toMatchObject({ id: key.id, status: 'revoked' });
    expect(await authenticates(key.key)).toBe(false);
    const again = await run('keys', 'revoke', '--db', db, '--tenant', tenant, '--id', key.id);
    expect(again.code).toBe(0);
    expect(again.out).toMatch(new RegExp(`^revoked ${key.id} \\(ingest, agent\\) at `));

    const unknown = await run('keys', 'revoke', '--db', db, '--tenant', tenant, '--id', 'key_nope');
    expect(unknown).toMatchObject({ code: 3, err: 'workledger: id: no API key key_nope in this tenant\n' });
    const bad = await run(
      'keys',
      'create',
      '--db',
      db,
      '--tenant',
      tenant,
      '--role',
      'viewer',
      '--expires-in',
      '3 months',
    );
    expect(bad.code).toBe(2);
    expect(bad.err).toBe(
      "workledger: expires_in: a whole number of days or hours, like 90d or 12h (got '3 months')\n",
    );
  });

  it('disables a user, who stays listed with the time', async () => {
    const tenant = (await run('tenants', 'create', 'Beta', '--db', db)).out.trim();
    await run(
      'users',
      'create',
      '--db',
      db,
      '--tenant',
      tenant,
      '--email',
      'ana@example.com',
      '--role',
      'viewer',
    );
    const disabled = await run(
      'users',
      'disable',
      '--db',
      db,
      '--tenant',
      tenant,
      '--email',
      'ANA@example.com',
      '--json',
    );
    expect(disabled.code).toBe(0);
    const user = z.object({ email: z.string(), disabled_at: z.string() }).parse(JSON.parse(disabled.out));
    expect(user.email).toBe('ana@example.com');
    const listed = await run('users', 'list', '--db', db, '--tenant', tenant, '--json');
    expect(JSON.parse(listed.out)).toMatchObject({
      users: [{ email: 'ana@example.com', disabled_at: user.disabled_at }],
    });
    const unknown = await run(
      'users',
      'disable',
      '--db',
      db,
      '--tenant',
      tenant,
      '--email',
      'bo@example.com',
    );
    expect(unknown).toMatchObject({
      code: 3,
      err: 'workledger: email: no user bo@example.com in this tenant\n',
    });
  });
});
