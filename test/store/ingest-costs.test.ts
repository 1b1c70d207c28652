import { expect, it } from 'vitest';
import { putModelPrice } from '../../src/services/config/configure.js';
import { forEachEngine } from '../helpers/engines.js';
import { at, countRows, DAY, ingestCostRecords, iso, newTenant } from '../helpers/ledger.js';

const T0 = Date.UTC(2025, 2, 3); // 2025-03-03T00:00:00Z
const NOW = T0 + 60 * DAY;

forEachEngine('cost ingestion', ({ store }) => {
  it('stores costs idempotently: a replayed batch creates nothing and writes no audit entry', async () => {
    const ctx = await newTenant(store(), { now: NOW });
    const costs = [
      {
        agent_id: 'agent-a',
        item: { source: 'servicenow', external_id: 'A' },
        kind: 'inference' as const,
        amount: '0.125',
        starts_at: iso(T0),
      },
      {
        agent_id: 'agent-a',
        kind: 'licensing' as const,
        amount: 30,
        starts_at: iso(T0),
        ends_at: iso(T0 + 30 * DAY),
      },
    ];
    expect(await ingestCostRecords(ctx, costs)).toEqual({
      accepted: 2,
      created: 2,
      unchanged: 0,
      errors: [],
    });
    const auditBefore = await countRows(ctx, 'audit_entries');
    expect(await ingestCostRecords(at(ctx, NOW + DAY), costs)).toEqual({
      accepted: 2,
      created: 0,
      unchanged: 2,
      errors: [],
    });
    expect(await countRows(ctx, 'costs')).toBe(2);
    expect(await countRows(ctx, 'audit_entries')).toBe(auditBefore);
    const amounts = await store()
      .db.selectFrom('costs')
      .select(['kind', 'amount_micros'])
      .where('tenant_id', '=', ctx.tenantId)
      .orderBy('kind')
      .execute();
    // 0.125 → 125 000 micro-units; 30 → 30 000 000
    expect(amounts).toEqual([
      { kind: 'inference', amount_micros: 125_000 },
      { kind: 'licensing', amount_micros: 30_000_000 },
    ]);
  });

  it('prices tokens from the model price table and rejects a record without a price', async () => {
    const ctx = await newTenant(store(), { now: NOW });
    await putModelPrice({
      ctx,
      input: { model: 'gpt-test', body: { input_per_million: '2.50', output_per_million: 10 } },
    });
    const item = { source: 'servicenow', external_id: 'A' };
    const result = await ingestCostRecords(ctx, [
      {
        id: 'priced',
        agent_id: 'agent-a',
        item,
        kind: 'inference',
        starts_at: iso(T0),
        model: 'gpt-test',
        tokens_in: 1001,
        tokens_out: 333,
      },
      {
        id: 'unpriced',
        agent_id: 'agent-a',
        item,
        kind: 'inference',
        starts_at: iso(T0),
        model: 'nobody-priced-me',
        tokens_in: 10,
      },
      {
        id: 'foreign',
        agent_id: 'agent-a',
        kind: 'compute',
        starts_at: iso(T0),
        ends_at: iso(T0 + DAY),
        amount: 1,
        currency: 'EUR',
      },
      {
        id: 'explicit',
        agent_id: 'agent-a',
        item,
        kind: 'inference',
        starts_at: iso(T0),
        model: 'nobody-priced-me',
        tokens_in: 10,
        amount: '0.01',
      },
    ]);
    expect(result.accepted).toBe(2);
    expect(result.created).toBe(2);
    expect(result.errors).toEqual([
      { index: 1, field: 'model', message: expect.stringMatching(/no price for model nobody-priced-me/) },
      { index: 2, field: 'currency', message: expect.stringMatching(/USD/) },
    ]);
    const rows = await store()
      .db.selectFrom('costs')
      .select(['id', 'amount_micros', 'tokens_in', 'tokens_out', 'model', 'currency'])
      .where('tenant_id', '=', ctx.tenantId)
      .orderBy('id')
      .execute();
    // 1001 tokens × 2.50 per million = 2 502 500 000 micro-units ÷ 10^6 tokens-per-million
    // 333 tokens × 10.00 per million = 3 330 000 000; sum 5 832 500 000 ÷ 10^6 = 5 832.5 → half up 5 833
    // an explicit amount wins over the price table: 0.01 → 10 000 micro-units
    expect(rows).toEqual([
      {
        id: 'explicit',
        amount_micros: 10_000,
        tokens_in: 10,
        tokens_out: null,
        model: 'nobody-priced-me',
        currency: 'USD',
      },
      {
        id: 'priced',
        amount_micros: 5_833,
        tokens_in: 1001,
        tokens_out: 333,
        model: 'gpt-test',
        currency: 'USD',
      },
    ]);
  });
});
