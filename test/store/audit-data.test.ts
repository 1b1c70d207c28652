import { expect, it } from 'vitest';
import { itemId } from '../../src/domain/item-record.js';
import { createApiKey } from '../../src/services/access/api-keys.js';
import { freezeBaseline } from '../../src/services/value/baselines.js';
import { putCheckpointWebhook } from '../../src/services/audit/checkpoint-webhook.js';
import { closeDurabilityWindows } from '../../src/services/jobs/close-durability-windows.js';
import { putAgent, putModelPrice, putWorkflow } from '../../src/services/config/configure.js';
import type { Ctx } from '../../src/services/context.js';
import { putDeployment } from '../../src/services/config/deployments.js';
import { saveImportWatermark } from '../../src/services/config/import-watermarks.js';
import { putRateCard } from '../../src/services/config/rate-cards.js';
import { putReportDeliveries } from '../../src/services/report/report-deliveries.js';
import { createUser } from '../../src/services/access/users.js';
import { verifyAudit } from '../../src/services/audit/verify-audit.js';
import { createWebhookSecret } from '../../src/services/config/webhook-secrets.js';
import { forEachEngine } from '../helpers/engines.js';
import { DAY, HOUR, ingest, ingestCostRecords, iso, newTenant, type RawItem } from '../helpers/ledger.js';

const B0 = Date.UTC(2025, 0, 1); // human baseline window [B0, B0 + 10 d)
const P = Date.UTC(2025, 2, 1); // agent period
const NOW = Date.UTC(2025, 5, 1); // every durability window has closed

function ticket(id: string, fields: Partial<RawItem> & Pick<RawItem, 'opened_at' | 'handled_by'>): RawItem {
  return { source: 'itsm', external_id: id, workflow: 'it', priority: 3, category: 'password', ...fields };
}

const human = (id: string, day: number) =>
  ticket(id, {
    handled_by: 'human',
    opened_at: iso(B0 + day * DAY),
    resolved_at: iso(B0 + day * DAY + 2 * HOUR),
  });
const agent = (id: string, day: number, fields: Partial<RawItem> = {}) =>
  ticket(id, {
    handled_by: 'a1',
    opened_at: iso(P + day * DAY),
    resolved_at: iso(P + day * DAY + HOUR),
    ...fields,
  });

const A1 = { source: 'itsm', external_id: 'A1' };

forEachEngine('audit verification covers the data', ({ store }) => {
  /** A tenant with a row in every audited table, each written through its service. */
  async function ledger(): Promise<Ctx> {
    const ctx = await newTenant(store(), { now: NOW });
    await putWorkflow({ ctx, input: { id: 'it', body: { name: 'IT', sla_hours: { '3': 8 } } } });
    await putAgent({ ctx, input: { id: 'a1', body: { name: 'Helpdesk bot' } } });
    await putModelPrice({
      ctx,
      input: { model: 'gpt-x', body: { input_per_million: 2, output_per_million: 8 } },
    });
    await putRateCard({
      ctx,
      input: { id: 'default', body: { staff_hourly_rate: 50, handle_hours: { default: 1, cohorts: [] } } },
    });
    await ingest(ctx, [
      human('H1', 1),
      human('H2', 2),
      agent('A1', 1),
      agent('A2', 2, { links: [{ kind: 'follow_up_of', source: 'itsm', external_id: 'A1' }] }),
      agent('A5', 5, { outcome: 'escalated', resolved_at: null }),
    ]);
    const costs = await ingestCostRecords(ctx, [
      { id: 'c1', agent_id: 'a1', item: A1, kind: 'inference', amount: 1.5, starts_at: iso(P + DAY) },
      {
        id: 'c2',
        agent_id: 'a1',
        kind: 'inference',
        item: A1,
        model: 'gpt-x',
        tokens_in: 1000,
        starts_at: iso(P + DAY),
      },
    ]);
    expect(costs.errors).toEqual([]);
    await closeDurabilityWindows(ctx);
    await putDeployment({ ctx, input: { agentId: 'a1', workflow: 'it', body: { go_live_at: iso(P) } } });
    await freezeBaseline({ ctx, input: { from: B0, to: B0 + 10 * DAY } });
    await createApiKey({ ctx, input: { role: 'viewer' } });
    await createUser({
      ctx,
      input: { email: 'ana@example.com', role: 'viewer', password: 'correct horse battery' },
    });
    await createWebhookSecret({ ctx, input: { source: 'jira' } });
    await putReportDeliveries({ ctx, input: { emails: ['ops@example.com'] } });
    await saveImportWatermark({
      ctx,
      input: {
        source: 'servicenow',
        instance: 'https://acme.service-now.com',
        watermark: '2025-05-31 10:00:00',
      },
    });
    await putCheckpointWebhook({
      ctx,
      input: { url: 'https://audit.example.com/checkpoints', secret: null },
    });
    return ctx;
  }

  const verify = (ctx: Ctx) => verifyAudit({ ctx, input: { key: null } });

  /** The seq of the newest entry with this action. */
  async function seqOf(ctx: Ctx, action: string): Promise<number> {
    const row = await store()
      .db.selectFrom('audit_entries')
      .select('seq')
      .where('tenant_id', '=', ctx.tenantId)
      .where('action', '=', action)
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    return row.seq;
  }

  it('verifies a ledger with a row in every audited table, counting each table', async () => {
    const ctx = await ledger();
    const verdict = await verify(ctx);
    expect(verdict).toMatchObject({
      ok: true,
      rows: {
        tenants: 1,
        api_keys: 1,
        users: 1,
        workflows: 1,
        agents: 1,
        model_prices: 1,
        rate_cards: 1,
        deployments: 1,
        baselines: 1,
        webhook_secrets: 1,
        report_delivery_settings: 1,
        import_watermarks: 1,
        audit_checkpoint_webhooks: 1,
        items: 5,
        costs: 2,
      },
    });
  });

  it('keeps verifying after writes through the services update rows (newer version, durability)', async () => {
    const ctx = await ledger();
    await ingest(ctx, [
      agent('A5', 5, { outcome: 'escalated', resolved_at: null, updated_at: iso(P + 9 * DAY) }),
    ]);
    await putWorkflow({ ctx, input: { id: 'it', body: { name: 'IT desk', sla_hours: { '3': 6 } } } });
    await putCheckpointWebhook({ ctx, input: { url: null } });
    expect(await verify(ctx)).toMatchObject({ ok: true, rows: { items: 5, workflows: 1 } });
  });

  it('names an item whose outcome was edited in the database', async () => {
    const ctx = await ledger();
    await store()
      .db.updateTable('items')
      .set({ outcome: 'resolved', resolved_at: P + 5 * DAY + HOUR })
      .where('tenant_id', '=', ctx.tenantId)
      .where('external_id', '=', 'A5')
      .execute();
    const seq = await seqOf(ctx, 'items.ingest');
    expect(await verify(ctx)).toMatchObject({
      ok: false,
      seq,
      subject: `item:${itemId('itsm', 'A5')}`,
      reason: `item itsm/A5 (${itemId('itsm', 'A5')}): stored row does not match its last audited version (entry ${seq})`,
    });
  });

  it('names a cost whose amount was edited (the ROI would move with it)', async () => {
    const ctx = await ledger();
    await store()
      .db.updateTable('costs')
      .set({ amount_micros: 500_000 })
      .where('tenant_id', '=', ctx.tenantId)
      .where('id', '=', 'c1')
      .execute();
    const seq = await seqOf(ctx, 'costs.ingest');
    expect(await verify(ctx)).toMatchObject({
      ok: false,
      seq,
      subject: 'cost:c1',
      reason: `cost c1: stored row does not match its last audited version (entry ${seq})`,
    });
  });

  it('names a deleted item by the entry that last committed it', async () => {
    const ctx = await ledger();
    const id = itemId('itsm', 'A2');
    await store().db.deleteFrom('items').where('tenant_id', '=', ctx.tenantId).where('id', '=', id).execute();
    // A2 was last committed when its durability window closed (A1, reversed by A2's rework as it
    // arrived, was last committed by that ingest)
    const seq = await seqOf(ctx, 'items.close_durability_windows');
    expect(await verify(ctx)).toMatchObject({
      ok: false,
      seq,
      subject: `item:${id}`,
      reason: `item ${id}: committed by entry ${seq}, but the row is gone (deleted outside the services?)`,
    });
  });

  it('names an item inserted outside the services', async () => {
    const ctx = await ledger();
    const original = await store()
      .db.selectFrom('items')
      .selectAll()
      .where('tenant_id', '=', ctx.tenantId)
      .where('external_id', '=', 'A1')
      .executeTakeFirstOrThrow();
    const id = itemId('itsm', 'FAKE');
    await store()
      .db.insertInto('items')
      .values({ ...original, id, external_id: 'FAKE' })
      .execute();
    expect(await verify(ctx)).toMatchObject({
      ok: false,
      seq: null,
      subject: `item:${id}`,
      reason: `item itsm/FAKE (${id}): no audit entry ever committed this row (inserted outside the services?)`,
    });
  });

  it('names an item whose rework link was added in the database', async () => {
    const ctx = await ledger();
    await store()
      .db.insertInto('item_links')
      .values({
        tenant_id: ctx.tenantId,
        from_item_id: itemId('itsm', 'H2'),
        kind: 'caused_by',
        to_source: 'itsm',
        to_external_id: 'H1',
      })
      .execute();
    expect(await verify(ctx)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^item itsm\/H2 \(itm_[0-9a-f]{24}\): stored row does not match/),
    });
  });

  it('names an edited workflow, rate card, baseline, deployment and tenant setting', async () => {
    const cases: [string, (ctx: Ctx) => Promise<unknown>, string, RegExp][] = [
      [
        'workflow.put',
        (ctx) =>
          store()
            .db.updateTable('workflows')
            .set({ sla_hours: '{"3":800}' })
            .where('tenant_id', '=', ctx.tenantId)
            .execute(),
        'workflow:it',
        /^workflow it: stored row does not match its last audited version \(entry \d+\)$/,
      ],
      [
        'rate_card.put',
        (ctx) =>
          store()
            .db.updateTable('rate_cards')
            .set({ body: '{"staff_hourly_rate":"500","handle_hours":{"default":1,"cohorts":[]}}' })
            .where('tenant_id', '=', ctx.tenantId)
            .execute(),
        'rate_card:default',
        /^rate card default: stored row does not match/,
      ],
      [
        'baseline.freeze',
        (ctx) =>
          store()
            .db.updateTable('baselines')
            .set({ window_to: B0 + 20 * DAY })
            .where('tenant_id', '=', ctx.tenantId)
            .execute(),
        '',
        /^baseline version 1 \(bl_1_[0-9a-f]{12}\): stored row does not match/,
      ],
      [
        'deployment.put',
        (ctx) =>
          store()
            .db.updateTable('deployments')
            .set({ go_live_at: P - 30 * DAY })
            .where('tenant_id', '=', ctx.tenantId)
            .execute(),
        'deployment:a1:it',
        /^deployment a1\/it: stored row does not match/,
      ],
      [
        'tenant.create',
        (ctx) =>
          store()
            .db.updateTable('tenants')
            .set({ durability_window_ms: HOUR })
            .where('id', '=', ctx.tenantId)
            .execute(),
        '',
        /^tenant settings \(ten_[0-9a-f]+\): stored row does not match/,
      ],
    ];
    for (const [action, tamper, subject, reason] of cases) {
      const ctx = await ledger();
      await tamper(ctx);
      const verdict = await verify(ctx);
      expect(verdict, action).toMatchObject({ ok: false, seq: await seqOf(ctx, action), reason });
      if (subject) expect(verdict, action).toMatchObject({ subject });
    }
  });

  it('rejects a forged leaf: added to a committed entry, or naming an entry past the head', async () => {
    const ctx = await ledger();
    const seq = await seqOf(ctx, 'workflow.put');
    await store()
      .db.insertInto('audit_leaves')
      .values({ tenant_id: ctx.tenantId, seq, idx: 1, leaf_hash: 'a'.repeat(64), subject: 'workflow:it' })
      .execute();
    expect(await verify(ctx)).toMatchObject({
      ok: false,
      seq,
      reason: `entry ${seq}: its records do not match its Merkle root (a record was edited, added or removed)`,
    });

    const other = await ledger();
    await store()
      .db.updateTable('workflows')
      .set({ name: 'forged' })
      .where('tenant_id', '=', other.tenantId)
      .execute();
    const head = await seqOf(other, 'audit.checkpoint_webhook.put');
    await store()
      .db.insertInto('audit_leaves')
      .values({
        tenant_id: other.tenantId,
        seq: head + 100,
        idx: 0,
        leaf_hash: 'b'.repeat(64),
        subject: 'workflow:it',
      })
      .execute();
    expect(await verify(other)).toMatchObject({
      ok: false,
      seq: head + 100,
      reason: `workflow it: its latest leaf names entry ${head + 100}, but the chain ends at entry ${head} (added?)`,
    });
  });
});
