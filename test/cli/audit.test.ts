import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadInstanceKey } from '../../src/cli/audit-key.js';
import { startServer } from '../../src/cli/start-server.js';
import { createApiKey } from '../../src/services/access/api-keys.js';
import type { Ctx } from '../../src/services/context.js';
import { openStore, type Store } from '../../src/services/runtime.js';
import { cliRunner } from '../helpers/cli.js';
import { HOUR, ingest, iso, newTenant } from '../helpers/ledger.js';

const T0 = Date.UTC(2025, 6, 1);
const dir = mkdtempSync(join(tmpdir(), 'workledger-audit-cli-'));
const db = join(dir, 'ledger.db');
const run = cliRunner(dir);

const ticket = (id: string) => ({
  source: 'servicenow',
  external_id: id,
  opened_at: iso(T0),
  resolved_at: iso(T0 + HOUR),
  handled_by: 'agent-a',
});

/** Open the CLI's database to write through the services, or to tamper with it, then close it. */
async function withStore<T>(fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore({ sqlitePath: db });
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

describe('workledger audit', () => {
  let ctx: Ctx;
  const flags = () => ['--db', db, '--tenant', ctx.tenantId];

  beforeAll(async () => {
    await withStore(async (store) => {
      ctx = await newTenant(store, { now: T0 });
      await ingest(ctx, [ticket('A'), ticket('B')]);
      await ingest(ctx, [ticket('C')]);
    });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('creates the instance key beside the SQLite file and exports its public half', async () => {
    const json = await run('audit', 'public-key', ...flags(), '--json');
    expect(json.code).toBe(0);
    const view = JSON.parse(json.out) as { algorithm: string; key_id: string; public_key_pem: string };
    const file = join(dir, 'workledger-audit-key.pem');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(view).toEqual({
      algorithm: 'Ed25519',
      key_id: loadInstanceKey(file, { create: false })?.keyId,
      public_key_pem: expect.stringMatching(/^-----BEGIN PUBLIC KEY-----\n/),
    });
    const text = await run('audit', 'public-key', ...flags());
    expect(text.out).toContain(`key id ${view.key_id} (Ed25519)`);
    expect(text.out).toContain('-----BEGIN PUBLIC KEY-----');
  });

  it('seals a checkpoint, verifies against it, and detects the newest entries deleted', async () => {
    const sealed = await run('audit', 'checkpoint', ...flags(), '--json');
    expect(sealed.code).toBe(0);
    const answer = JSON.parse(sealed.out) as {
      sealed: boolean;
      checkpoint: { seq: number; head_hash: string };
    };
    // tenant.create, two item batches
    expect(answer).toMatchObject({ sealed: true, checkpoint: { seq: 3 }, delivery: null });
    const file = join(dir, 'checkpoint.json');
    writeFileSync(file, sealed.out);

    const text = await run('audit', 'checkpoint', ...flags());
    expect(text.out).toContain('the chain has not grown since the checkpoint at entry 3');

    const ok = await run('audit', 'verify', ...flags(), '--checkpoint', file, '--json');
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.out)).toMatchObject({
      ok: true,
      entries: 3,
      checkpoints: 1,
      checkpoint: { seq: answer.checkpoint.seq, head_hash: answer.checkpoint.head_hash },
    });
    const okText = await run('audit', 'verify', ...flags(), '--checkpoint', file);
    expect(okText.out).toContain(
      'audit trail intact: 3 entries, 4 records, rows tenants 1, items 3, 1 checkpoints',
    );
    expect(okText.out).toContain('the chain extends the checkpoint at entry 3');

    // someone with the database removes entry 3, its leaves, its items and the stored checkpoint
    await withStore(async (store) => {
      for (const table of ['audit_leaves', 'audit_entries', 'audit_checkpoints'] as const)
        await store.db.deleteFrom(table).where('tenant_id', '=', ctx.tenantId).where('seq', '=', 3).execute();
      await store.db
        .deleteFrom('items')
        .where('tenant_id', '=', ctx.tenantId)
        .where('external_id', '=', 'C')
        .execute();
    });
    // without the kept checkpoint the shortened chain is a valid prefix: only the copy reveals the cut
    expect((await run('audit', 'verify', ...flags(), '--json')).code).toBe(0);
    const broken = await run('audit', 'verify', ...flags(), '--checkpoint', file);
    expect(broken.code).toBe(5);
    expect(broken.err.trim()).toBe(
      'workledger: audit trail broken: checkpoint at entry 3: entry 3 is missing: the chain ends at entry 2 (the newest entries were deleted?)',
    );
  });

  it('rejects a forged checkpoint file and one checked with another public key', async () => {
    const sealed = await run('audit', 'checkpoint', ...flags(), '--json');
    const { checkpoint } = JSON.parse(sealed.out) as { checkpoint: { seq: number; signature: string } };
    const forgedFile = join(dir, 'forged.json');
    writeFileSync(forgedFile, JSON.stringify({ ...checkpoint, seq: checkpoint.seq - 1 }));
    const forged = await run('audit', 'verify', ...flags(), '--checkpoint', forgedFile, '--json');
    expect(forged.code).toBe(5);
    expect(JSON.parse(forged.out)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/its signature does not verify \(forged or altered\)$/),
    });

    const goodFile = join(dir, 'good.json');
    writeFileSync(goodFile, JSON.stringify(checkpoint));
    const strangerDir = mkdtempSync(join(tmpdir(), 'workledger-stranger-'));
    const stranger = loadInstanceKey(join(strangerDir, 'k.pem'), { create: true });
    const pemFile = join(dir, 'stranger.pem');
    writeFileSync(pemFile, stranger?.publicKeyPem ?? '');
    const wrongKey = await run(
      'audit',
      'verify',
      ...flags(),
      '--checkpoint',
      goodFile,
      '--public-key',
      pemFile,
    );
    expect(wrongKey.code).toBe(5);
    expect(wrongKey.err).toContain('not the instance key');
    rmSync(strangerDir, { recursive: true, force: true });

    const notJson = join(dir, 'not.json');
    writeFileSync(notJson, '{"seq":');
    const bad = await run('audit', 'verify', ...flags(), '--checkpoint', notJson);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--checkpoint: ');
    expect((await run('audit', 'verify', ...flags(), '--checkpoint', join(dir, 'nope.json'))).code).toBe(3);
  });

  it('sets, shows and clears the checkpoint webhook', async () => {
    const set = await run(
      'audit',
      'checkpoint-webhook',
      'set',
      ...flags(),
      '--webhook',
      'https://audit.example.com/hook',
      '--secret',
      'a-long-enough-secret',
      '--json',
    );
    expect(set.code).toBe(0);
    expect(JSON.parse(set.out)).toMatchObject({ url: 'https://audit.example.com/hook', signed: true });
    const shown = await run('audit', 'checkpoint-webhook', 'show', ...flags());
    expect(shown.out.trim()).toBe('checkpoints post to https://audit.example.com/hook (signed)');
    const cleared = await run('audit', 'checkpoint-webhook', 'clear', ...flags(), '--json');
    expect(JSON.parse(cleared.out)).toMatchObject({ url: null, signed: false });
    const badUrl = await run('audit', 'checkpoint-webhook', 'set', ...flags(), '--webhook', 'ftp://x');
    expect(badUrl.code).toBe(2);
  });

  it('works through a running server with --url and --key', async () => {
    const store = await openStore({ sqlitePath: db });
    const auditKey = loadInstanceKey(join(dir, 'workledger-audit-key.pem'), { create: false });
    const server = await startServer(store, 0, '127.0.0.1', true, { smtp: null, auditKey });
    try {
      const { key } = await createApiKey({ ctx: { ...ctx, store }, input: { role: 'operator' } });
      const remote = ['--url', server.url, '--key', key];
      const sealed = await run('audit', 'checkpoint', ...remote, '--json');
      expect(sealed.code).toBe(0);
      const file = join(dir, 'remote.json');
      writeFileSync(file, sealed.out);
      const verified = await run('audit', 'verify', ...remote, '--checkpoint', file, '--json');
      expect(verified.code).toBe(0);
      const kept = (
        JSON.parse(readFileSync(file, 'utf8')) as { checkpoint: { seq: number; head_hash: string } }
      ).checkpoint;
      expect(JSON.parse(verified.out)).toMatchObject({
        ok: true,
        checkpoint: { seq: kept.seq, head_hash: kept.head_hash },
      });
      const publicKey = await run('audit', 'public-key', ...remote, '--json');
      expect(JSON.parse(publicKey.out)).toMatchObject({ key_id: auditKey?.keyId });
      const webhook = await run('audit', 'checkpoint-webhook', 'show', ...remote, '--json');
      expect(JSON.parse(webhook.out)).toMatchObject({ url: null });
    } finally {
      await server.close();
      await store.close();
    }
  });
});
