import { scryptSync } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword, type ScryptJob } from '../../src/domain/password.js';
import { createScryptPool } from '../../src/services/access/password-hasher.js';

// Small cost parameters: these tests are about the pool, not about scrypt's strength.
const FAST = { N: 2 ** 10, r: 8, p: 1, keyLength: 32 };
const job = (password: string): ScryptJob => ({
  password,
  salt: Buffer.from('salt-salt-salt-1'),
  keyLength: 32,
  N: 2 ** 14,
  r: 8,
  p: 1,
  maxmem: 64 * 1024 * 1024,
});

describe('the scrypt worker pool', () => {
  const pool = createScryptPool({ workers: 1, maxQueued: 2 });
  afterAll(() => pool.close());

  it('derives the same key as node:crypto on the calling thread', async () => {
    const key = await pool.derive(job('correct horse'));
    const expected = scryptSync('correct horse', Buffer.from('salt-salt-salt-1'), 32, {
      N: 2 ** 14,
      r: 8,
      p: 1,
      maxmem: 64 * 1024 * 1024,
    });
    expect(Buffer.from(key).equals(expected)).toBe(true);
  });

  it('hashes and verifies through the domain format', async () => {
    const stored = await hashPassword('correct horse battery', Buffer.alloc(16, 7), pool.derive, FAST);
    expect(stored).toMatch(/^scrypt\$1024\$8\$1\$/);
    expect(await verifyPassword('correct horse battery', stored, pool.derive)).toBe(true);
    expect(await verifyPassword('wrong horse battery', stored, pool.derive)).toBe(false);
  });

  it('queues beyond its workers, and refuses with UNAVAILABLE once the queue is full', async () => {
    // one running + two waiting fit; the fourth is refused at once, and the others still finish
    const accepted = [pool.derive(job('a')), pool.derive(job('b')), pool.derive(job('c'))];
    await expect(pool.derive(job('d'))).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    const keys = await Promise.all(accepted);
    expect(keys.map((k) => k.length)).toEqual([32, 32, 32]);
    expect((await pool.derive(job('e'))).length).toBe(32);
  });

  it('rejects a derivation scrypt refuses, and keeps serving', async () => {
    await expect(pool.derive({ ...job('x'), N: 3 })).rejects.toThrow(/scrypt/);
    expect((await pool.derive(job('y'))).length).toBe(32);
  });
});
