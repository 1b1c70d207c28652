import { expect, it } from 'vitest';
import { createApiKey } from '../../src/services/access/api-keys.js';
import { putWorkflow } from '../../src/services/config/configure.js';
import type { Ctx } from '../../src/services/context.js';
import { verifyAudit as verifyAuditVerb } from '../../src/services/audit/verify-audit.js';
import { forEachEngine } from '../helpers/engines.js';
import { DAY, HOUR, ingest, ingestCostRecords, iso, newTenant, type RawItem } from '../helpers/ledger.js';

const T0 = Date.UTC(2025, 6, 1);

/** Verify without the instance key: these tenants have no checkpoints. */
function verifyAudit(ctx: Ctx) {
  return verifyAuditVerb({ ctx, input: { key: null } });
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

forEachEngine('audit chain', ({ store }) => {
  /**
   * A tenant whose chain is (every entry that writes a row commits it with a leaf):
   *   1 tenant.create (1 leaf) · 2 items.ingest (3 leaves) · 3 items.ingest (2 leaves) · 4 workflow.put (1 leaf)
   *   5 costs.ingest (1 leaf) · 6 api_key.create (1 leaf) · 7 items.ingest (1 leaf)
   */
  async function chain(): Promise<Ctx> {
    const ctx = await newTenant(store(), { now: T0 + DAY });
    await ingest(ctx, [ticket('A'), ticket('B'), ticket('C')]);
    await ingest(ctx, [ticket('D'), ticket('E')]);
    await putWorkflow({ ctx, input: { id: 'it', body: { name: 'IT', sla_hours: { '1': 4 } } } });
    const costs = await ingestCostRecords(ctx, [
      { agent_id: 'agent-a', kind: 'licensing', amount: 30, starts_at: iso(T0), ends_at: iso(T0 + DAY) },
    ]);
    expect(costs.errors).toEqual([]);
    await createApiKey({ ctx, input: { role: 'viewer' } });
    await ingest(ctx, [ticket('F')]);
    return ctx;
  }

  function entries(ctx: Ctx) {
    return store().db.selectFrom('audit_entries').where('tenant_id', '=', ctx.tenantId);
  }

  it('verifies a fresh chain of several batches', async () => {
    const ctx = await chain();
    const actions = await entries(ctx).select(['seq', 'action']).orderBy('seq').execute();
    expect(actions).toEqual([
      { seq: 1, action: 'tenant.create' },
      { seq: 2, action: 'items.ingest' },
      { seq: 3, action: 'items.ingest' },
      { seq: 4, action: 'workflow.put' },
      { seq: 5, action: 'costs.ingest' },
      { seq: 6, action: 'api_key.create' },
      { seq: 7, action: 'items.ingest' },
    ]);
    const verdict = await verifyAudit(ctx);
    // 7 entries; leaves 1 + 3 + 2 + 1 + 1 + 1 + 1 = 10; rows: the tenant, 6 items, 1 workflow, 1 cost, 1 key
    expect(verdict).toEqual({
      ok: true,
      entries: 7,
      leaves: 10,
      rows: expect.objectContaining({ tenants: 1, items: 6, workflows: 1, costs: 1, api_keys: 1, agents: 0 }),
      checkpoints: 0,
      head: expect.stringMatching(/^[0-9a-f]{64}$/),
      head_seq: 7,
      checkpoint: null,
    });
  });

  it('keeps one unbroken chain when batches of one tenant are written concurrently', async () => {
    const ctx = await newTenant(store(), { now: T0 + DAY });
    // 6 batches at once: each appends its entry under the tenant lock, none may fork the chain
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, b) => ingest(ctx, [ticket(`P${b}-1`), ticket(`P${b}-2`)])),
    );
    expect(results.map((r) => r.created)).toEqual([2, 2, 2, 2, 2, 2]);
    // tenant.create (1 leaf) + 6 batches of 2 leaves
    expect(await verifyAudit(ctx)).toMatchObject({ ok: true, entries: 7, leaves: 13 });
  });

  it('catches an edited detail', async () => {
    const ctx = await chain();
    const row = await entries(ctx).select('detail').where('seq', '=', 3).executeTakeFirstOrThrow();
    const detail = JSON.parse(row.detail) as Record<string, unknown>;
    await store()
      .db.updateTable('audit_entries')
      .set({ detail: JSON.stringify({ ...detail, created: 200 }) })
      .where('tenant_id', '=', ctx.tenantId)
      .where('seq', '=', 3)
      .execute();
    expect(await verifyAudit(ctx)).toMatchObject({
      ok: false,
      seq: 3,
      entries_checked: 2,
      reason: expect.stringMatching(/^entry 3: hash does not match its content/),
    });
  });

  it('catches a detail edited into something that is not JSON', async () => {
    const ctx = await chain();
    await store()
      .db.updateTable('audit_entries')
      .set({ detail: '{"created": 2' })
      .where('tenant_id', '=', ctx.tenantId)
      .where('seq', '=', 5)
      .execute();
    expect(await verifyAudit(ctx)).toMatchObject({
      ok: false,
      seq: 5,
      reason: expect.stringMatching(/not JSON/),
    });
  });

  it('catches an edited action', async () => {
    const ctx = await chain();
    await store()
      .db.updateTable('audit_entries')
      .set({ action: 'workflow.delete' })
      .where('tenant_id', '=', ctx.tenantId)
      .where('seq', '=', 4)
      .execute();
    expect(await verifyAudit(ctx)).toMatchObject({
      ok: false,
      seq: 4,
      reason: expect.stringMatching(/^entry 4: hash does not match/),
    });
  });

  it('catches a deleted middle entry, naming the entry after the gap', async () => {
    const ctx = await chain();
    await store()
      .db.deleteFrom('audit_entries')
      .where('tenant_id', '=', ctx.tenantId)
      .where('seq', '=', 4)
      .execute();
    expect(await verifyAudit(ctx)).toMatchObject({
      ok: false,
      seq: 5,
      reason: expect.stringMatching(/^entry 5: seq 5 follows entry 3: entry 4 is missing/),
    });
  });

  it('catches two entries whose seq were swapped (reordered)', async () => {
    const ctx = await chain();
    // swap 2 and 3 through a free seq, as the primary key (tenant_id, seq) demands
    const setSeq = (from: number, to: number) =>
      store()
        .db.updateTable('audit_entries')
        .set({ seq: to })
        .where('tenant_id', '=', ctx.tenantId)
        .where('seq', '=', from)
        .execute();
    await setSeq(2, 1_000);
    await setSeq(3, 2);
    await setSeq(1_000, 3);
    // the row now at seq 2 was hashed as entry 3: the first bad entry is 2
    expect(await verifyAudit(ctx)).toMatchObject({ ok: false, seq: 2, entries_checked: 1 });
  });

  it('catches an edited record leaf: the batch no longer matches its Merkle root', async () => {
    const ctx = await chain();
    await store()
      .db.updateTable('audit_leaves')
      .set({ leaf_hash: 'f'.repeat(64) })
      .where('tenant_id', '=', ctx.tenantId)
      .where('seq', '=', 3)
      .where('idx', '=', 1)
      .execute();
    expect(await verifyAudit(ctx)).toMatchObject({
      ok: false,
      seq: 3,
      reason: expect.stringMatching(/^entry 3: its records do not match its Merkle root/),
    });
  });

  it('catches a deleted record leaf', async () => {
    const ctx = await chain();
    await store()
      .db.deleteFrom('audit_leaves')
      .where('tenant_id', '=', ctx.tenantId)
      .where('seq', '=', 2)
      .where('idx', '=', 0)
      .execute();
    expect(await verifyAudit(ctx)).toMatchObject({ ok: false, seq: 2 });
  });

  it("keeps tenants' chains apart: tampering with one leaves the other intact", async () => {
    const tampered = await chain();
    const intact = await chain();
    await store()
      .db.deleteFrom('audit_entries')
      .where('tenant_id', '=', tampered.tenantId)
      .where('seq', '=', 2)
      .execute();
    expect(await verifyAudit(tampered)).toMatchObject({ ok: false, seq: 3 });
    expect(await verifyAudit(intact)).toMatchObject({ ok: true, entries: 7 });
  });
});
