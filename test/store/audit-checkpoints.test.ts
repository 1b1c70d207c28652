import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { loadInstanceKey } from '../../src/cli/audit-key.js';
import type { InstanceKey } from '../../src/domain/audit/instance-key.js';
import {
  postReportWebhook,
  signWebhook,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
} from '../../src/jobs/report-transports.js';
import { sealAndSendCheckpoint } from '../../src/services/audit/audit-checkpoints.js';
import { putCheckpointWebhook } from '../../src/services/audit/checkpoint-webhook.js';
import type { Ctx } from '../../src/services/context.js';
import { sealCheckpoint } from '../../src/services/audit/seal-checkpoint.js';
import { sealDueCheckpoints } from '../../src/services/audit/seal-due-checkpoints.js';
import { verifyAudit } from '../../src/services/audit/verify-audit.js';
import { forEachEngine } from '../helpers/engines.js';
import { at, HOUR, ingest, iso, newTenant, type RawItem } from '../helpers/ledger.js';
import { startWebhookReceiver } from '../report/webhook-receiver.js';

const T0 = Date.UTC(2025, 6, 1);
const keyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'workledger-key-'));
afterAll(() => fs.rmSync(keyDir, { recursive: true, force: true }));

function instanceKey(name: string): InstanceKey {
  const key = loadInstanceKey(path.join(keyDir, name, 'workledger-audit-key.pem'), { create: true });
  if (!key) throw new Error('no key was created');
  return key;
}

function ticket(externalId: string): RawItem {
  return {
    source: 'servicenow',
    external_id: externalId,
    opened_at: iso(T0),
    resolved_at: iso(T0 + HOUR),
    handled_by: 'agent-a',
  };
}

forEachEngine('signed checkpoints', ({ store }) => {
  const key = instanceKey('instance');

  /** A tenant of 4 entries: tenant.create and three item batches. */
  async function chain(): Promise<Ctx> {
    const ctx = await newTenant(store(), { now: T0 + HOUR });
    await ingest(ctx, [ticket('A'), ticket('B')]);
    await ingest(ctx, [ticket('C')]);
    await ingest(ctx, [ticket('D')]);
    return ctx;
  }

  async function deleteEntriesFrom(ctx: Ctx, seq: number): Promise<void> {
    for (const table of ['audit_leaves', 'audit_entries'] as const)
      await store()
        .db.deleteFrom(table)
        .where('tenant_id', '=', ctx.tenantId)
        .where('seq', '>=', seq)
        .execute();
  }

  it('seals the chain with a signature that verifies, once per growth', async () => {
    const ctx = await chain();
    const first = await sealCheckpoint({ ctx, input: { key } });
    expect(first).toMatchObject({
      sealed: true,
      checkpoint: { tenant: ctx.tenantId, seq: 4, key_id: key.keyId, at: iso(T0 + HOUR) },
    });
    // the chain has not grown: the same checkpoint, not a new one
    expect(await sealCheckpoint({ ctx, input: { key } })).toEqual({ ...first, sealed: false });
    expect(await verifyAudit({ ctx, input: { key, checkpoint: first.checkpoint } })).toMatchObject({
      ok: true,
      checkpoints: 1,
      checkpoint: { seq: 4, head_hash: first.checkpoint.head_hash },
    });
    await ingest(ctx, [ticket('E')]);
    const second = await sealCheckpoint({ ctx, input: { key } });
    expect(second).toMatchObject({ sealed: true, checkpoint: { seq: 5 } });
    // an old checkpoint still holds: the chain extends it
    expect(await verifyAudit({ ctx, input: { key, checkpoint: first.checkpoint } })).toMatchObject({
      ok: true,
      checkpoints: 2,
    });
  });

  it('detects the newest entries deleted, against a kept checkpoint, naming the missing seq', async () => {
    const ctx = await chain();
    const { checkpoint } = await sealCheckpoint({ ctx, input: { key } });
    // the attacker removes entries 3–4 with their leaves, and the stored checkpoints too
    await deleteEntriesFrom(ctx, 3);
    await store().db.deleteFrom('audit_checkpoints').where('tenant_id', '=', ctx.tenantId).execute();
    expect(await verifyAudit({ ctx, input: { key, checkpoint } })).toMatchObject({
      ok: false,
      seq: 4,
      reason:
        'checkpoint at entry 4: entry 4 is missing: the chain ends at entry 2 (the newest entries were deleted?)',
    });
  });

  it('detects the truncation from the stored checkpoint alone, and refuses to seal over it', async () => {
    const ctx = await chain();
    await sealCheckpoint({ ctx, input: { key } });
    await deleteEntriesFrom(ctx, 4);
    expect(await verifyAudit({ ctx, input: { key } })).toMatchObject({
      ok: false,
      seq: 4,
      reason:
        'stored checkpoint at entry 4: entry 4 is missing: the chain ends at entry 3 (the newest entries were deleted?)',
    });
    await expect(sealCheckpoint({ ctx, input: { key } })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/^cannot seal: the checkpoint at entry 4 is past the last entry 3/),
    });
  });

  it('rejects a forged checkpoint, one signed by another key, and a forged stored signature', async () => {
    const ctx = await chain();
    const { checkpoint } = await sealCheckpoint({ ctx, input: { key } });
    // claiming a later head with the old signature
    const forged = { ...checkpoint, seq: 3 };
    expect(await verifyAudit({ ctx, input: { key, checkpoint: forged } })).toMatchObject({
      ok: false,
      seq: 3,
      reason: 'checkpoint at entry 3: its signature does not verify (forged or altered)',
    });
    const stranger = instanceKey('stranger');
    const signedElsewhere = (await sealCheckpoint({ ctx: await chain(), input: { key: stranger } }))
      .checkpoint;
    expect(
      await verifyAudit({ ctx, input: { key, checkpoint: { ...signedElsewhere, tenant: ctx.tenantId } } }),
    ).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/names key [0-9a-f]{16}…, not the instance key/),
    });
    // the auditor's own copy of the public key decides, not the instance's
    expect(
      await verifyAudit({ ctx, input: { key, checkpoint, publicKeyPem: stranger.publicKeyPem } }),
    ).toMatchObject({ ok: false, reason: expect.stringMatching(/not the instance key/) });

    const other = await chain();
    const sealed = await sealCheckpoint({ ctx: other, input: { key } });
    const flipped = Buffer.from(sealed.checkpoint.signature, 'base64');
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    await store()
      .db.updateTable('audit_checkpoints')
      .set({ signature: flipped.toString('base64') })
      .where('tenant_id', '=', other.tenantId)
      .execute();
    expect(await verifyAudit({ ctx: other, input: { key } })).toMatchObject({
      ok: false,
      seq: 4,
      reason: 'stored checkpoint at entry 4: its signature does not verify (forged or altered)',
    });
    // without the key the stored checkpoints cannot be checked: that is a failure, not a pass
    expect(await verifyAudit({ ctx, input: { key: null } })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/instance public key is not available/),
    });
  });

  it('refuses to seal a chain whose entries since the last checkpoint are broken', async () => {
    const ctx = await chain();
    await store()
      .db.updateTable('audit_entries')
      .set({ action: 'items.delete' })
      .where('tenant_id', '=', ctx.tenantId)
      .where('seq', '=', 3)
      .execute();
    await expect(sealCheckpoint({ ctx, input: { key } })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'cannot seal: entry 3: hash does not match its content (edited?)',
    });
  });

  it('posts each new checkpoint to the webhook with a valid HMAC signature, once', async () => {
    const receiver = await startWebhookReceiver();
    try {
      const ctx = await chain();
      const secret = 'checkpoint-secret-0123456789';
      await putCheckpointWebhook({ ctx, input: { url: `${receiver.url}/ok`, secret } });
      const post = (p: Parameters<typeof postReportWebhook>[0]) => postReportWebhook(p);
      const answer = await sealAndSendCheckpoint({ ctx, input: { key, post } });
      // the webhook entry is the chain's 5th: the checkpoint seals it too
      expect(answer).toMatchObject({
        sealed: true,
        checkpoint: { seq: 5 },
        delivery: { url: `${receiver.url}/ok`, seq: 5, delivered: true, response_status: 204, error: null },
      });
      expect(receiver.posts).toHaveLength(1);
      const [received] = receiver.posts;
      if (!received) throw new Error('nothing was posted');
      expect(received.headers['x-workledger-event']).toBe('audit_checkpoint');
      const timestamp = String(received.headers[TIMESTAMP_HEADER]);
      expect(received.headers[SIGNATURE_HEADER]).toBe(signWebhook(secret, timestamp, received.body));
      expect(JSON.parse(received.body)).toEqual({ event: 'audit_checkpoint', checkpoint: answer.checkpoint });
      // what the receiver keeps is enough to verify the chain later
      const kept = (JSON.parse(received.body) as { checkpoint: unknown }).checkpoint;
      expect(await verifyAudit({ ctx, input: { key, checkpoint: kept } })).toMatchObject({ ok: true });
      // nothing new: nothing posted again
      expect(await sealAndSendCheckpoint({ ctx, input: { key, post } })).toMatchObject({
        sealed: false,
        delivery: null,
      });
      expect(receiver.posts).toHaveLength(1);
    } finally {
      await receiver.close();
    }
  });

  it('the job seals only tenants whose chain grew, and retries a failed delivery', async () => {
    const receiver = await startWebhookReceiver();
    try {
      const ctx = await chain();
      await putCheckpointWebhook({ ctx, input: { url: `${receiver.url}/fail`, secret: null } });
      const post = (p: Parameters<typeof postReportWebhook>[0]) => postReportWebhook(p);
      const mine = async (now: number) =>
        (await sealDueCheckpoints(store(), { key, post }, () => now, ctx.tenantId))[0];
      expect(await mine(T0 + 2 * HOUR)).toMatchObject({
        sealed: true,
        seq: 5,
        delivery: { delivered: false, response_status: 500, error: 'HTTP 500' },
      });
      // not grown: no new checkpoint, but the undelivered one is sent again
      expect(await mine(T0 + 3 * HOUR)).toMatchObject({
        sealed: false,
        seq: 5,
        delivery: { delivered: false },
      });
      await putCheckpointWebhook({ ctx: at(ctx, T0 + 4 * HOUR), input: { url: `${receiver.url}/ok` } });
      expect(await mine(T0 + 5 * HOUR)).toMatchObject({
        sealed: true,
        seq: 6,
        delivery: { delivered: true },
      });
      expect(await mine(T0 + 6 * HOUR)).toMatchObject({ sealed: false, seq: 6, delivery: null });
      expect(receiver.posts.map((p) => p.path)).toEqual(['/fail', '/fail', '/ok']);
    } finally {
      await receiver.close();
    }
  });
});
