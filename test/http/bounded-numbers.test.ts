import { expect, it } from 'vitest';
import { forEachEngine } from '../helpers/engines.js';
import { useHttpAppOn } from '../helpers/http.js';
import { DAY, HOUR, iso, type RawCost, type RawItem } from '../helpers/ledger.js';

const T0 = Date.UTC(2025, 8, 1);
const NOW = T0 + 30 * DAY;
const WINDOW = `from=${iso(T0)}&to=${iso(T0 + DAY)}`;

function ticket(externalId: string, overrides: Partial<RawItem> = {}): RawItem {
  return {
    source: 'servicenow',
    external_id: externalId,
    opened_at: iso(T0),
    resolved_at: iso(T0 + HOUR),
    handled_by: 'agent-a',
    ...overrides,
  };
}

function cursorOf(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

forEachEngine('bounded numbers, times and shapes, over HTTP', ({ store }) => {
  const { tenant, call } = useHttpAppOn(store, NOW);

  it('refuses costs whose tokens or amount are out of bounds, and KPIs of the window still answer', async () => {
    const { keys } = await tenant();
    const price = await call('/v1/model-prices/big', {
      method: 'PUT',
      key: keys.admin,
      json: { input_per_million: '100000', output_per_million: '100000' },
    });
    expect(price.status).toBe(200);
    const inference: RawCost = {
      agent_id: 'agent-a',
      kind: 'inference',
      model: 'big',
      starts_at: iso(T0),
      ends_at: iso(T0 + DAY),
    };
    const licence: RawCost = {
      agent_id: 'agent-a',
      kind: 'licensing',
      starts_at: iso(T0),
      ends_at: iso(T0 + DAY),
    };
    const res = await call('/v1/costs', {
      key: keys.ingest,
      json: {
        costs: [
          { ...licence, amount: '1000000' }, // the largest amount one cost may carry
          { ...inference, tokens_in: 9e15 }, // was stored as 9e23 micro-units and broke every KPI query
          { ...licence, amount: '1000000.000001' },
          { ...licence, amount: 1e300 },
          // 10^7 × 100,000 per million = 1,000,000: the most tokens may come to
          { ...inference, tokens_in: 10_000_000 },
          // 10^7 + 1 tokens come to 1,000,000.1: above it
          { ...inference, tokens_in: 10_000_001, id: 'dear' },
        ],
      },
    });
    expect(res.status).toBe(207);
    expect(res.body).toMatchObject({
      accepted: 2,
      created: 2,
      errors: [
        { index: 1, field: 'tokens_in', message: expect.stringMatching(/1000000000000/) },
        { index: 2, field: 'amount', message: 'at most 1000000' },
        { index: 3, field: 'amount', message: expect.any(String) },
        {
          index: 5,
          field: 'amount',
          message: expect.stringMatching(
            /^the tokens come to 1000000\.1 at the price of big, more than one cost may \(1000000\)/,
          ),
        },
      ],
    });
    const kpis = await call(`/v1/kpis?${WINDOW}`, { key: keys.viewer });
    expect(kpis.status).toBe(200);
  });

  it('refuses model prices, rate cards and item counts out of bounds', async () => {
    const { keys } = await tenant();
    const cases: [string, unknown, string, RegExp][] = [
      [
        '/v1/model-prices/m',
        { input_per_million: '100000.000001', output_per_million: 1 },
        'input_per_million',
        /at most 100000/,
      ],
      [
        '/v1/model-prices/m',
        { input_per_million: 1, output_per_million: 1e20 },
        'output_per_million',
        /at most 100000/,
      ],
      [
        '/v1/rate-cards/default',
        { staff_hourly_rate: '100001', handle_hours: { default: 1 } },
        'staff_hourly_rate',
        /at most 100000 per hour/,
      ],
      [
        '/v1/rate-cards/default',
        { staff_hourly_rate: '40', sla_penalty_per_breach: '1000001', handle_hours: { default: 1 } },
        'sla_penalty_per_breach',
        /at most 1000000/,
      ],
      [
        '/v1/rate-cards/default',
        { staff_hourly_rate: '100000', handle_hours: { default: 9 } },
        'handle_hours',
        /at most 1000000 per item/,
      ],
    ];
    for (const [path, json, field, message] of cases) {
      const res = await call(path, { method: 'PUT', key: keys.admin, json });
      expect(res.status, field).toBe(400);
      expect(res.body, field).toMatchObject({ error: { code: 'VALIDATION', field, message } });
    }
    expect((await call('/v1/model-prices', { key: keys.viewer })).body).toEqual({ model_prices: [] });
    expect((await call('/v1/rate-cards', { key: keys.viewer })).body).toEqual({ rate_cards: [] });

    const items = await call('/v1/items', {
      key: keys.ingest,
      json: {
        items: [
          ticket('G'),
          ticket('B1', { reopen_count: 1_000_001 }),
          ticket('B2', { reassignment_count: 2 ** 31 }),
          ticket('B3', { confidence: 1.5 }),
          ticket('B4', { csat: 6 }),
        ],
      },
    });
    expect(items.status).toBe(207);
    expect(items.body).toMatchObject({
      accepted: 1,
      errors: ['reopen_count', 'reassignment_count', 'confidence', 'csat'].map((field, i) => ({
        index: i + 1,
        field,
      })),
    });
  });

  it('refuses impossible times in items, costs, queries and configuration', async () => {
    const { keys } = await tenant();
    const times = [
      '2025-09-01T10:99:99Z',
      '2025-09-01T24:00:00Z',
      '2025-09-01T10:00:00+14:30',
      '1969-12-31T23:59:59Z',
      '2200-01-01T00:00:00Z',
      '+275760-09-13T00:00:00Z',
    ];
    const items = await call('/v1/items', {
      key: keys.ingest,
      json: {
        items: [ticket('G'), ...times.map((t, i) => ticket(`B${i}`, { opened_at: t, resolved_at: null }))],
      },
    });
    expect(items.status).toBe(207);
    expect(items.body).toMatchObject({
      accepted: 1,
      errors: times.map((t, i) => ({
        index: i + 1,
        field: 'opened_at',
        message: `not an ISO-8601 time: ${JSON.stringify(t)}`,
      })),
    });
    const costs = await call('/v1/costs', {
      key: keys.ingest,
      json: {
        costs: [{ agent_id: 'a', kind: 'licensing', amount: 1, starts_at: iso(T0), ends_at: '2025-09-31' }],
      },
    });
    expect(costs.body).toMatchObject({ errors: [{ index: 0, field: 'ends_at' }] });
    const queries: [string, string][] = [
      ['from', '2025-09-01T10:99Z'],
      ['to', '2200-01-01'],
      ['as_of', '2025-09-01T24:00Z'],
    ];
    for (const [param, text] of queries) {
      const query = new URLSearchParams({ from: iso(T0), to: iso(T0 + DAY), [param]: text });
      const res = await call(`/v1/kpis?${query.toString()}`, { key: keys.viewer });
      expect(res.status, param).toBe(400);
      expect(res.body, param).toMatchObject({ error: { field: param } });
    }
    await call('/v1/agents/bot', { method: 'PUT', key: keys.admin, json: { name: 'Bot' } });
    const deployment = await call('/v1/deployments/bot/it', {
      method: 'PUT',
      key: keys.admin,
      json: { go_live_at: '2025-09-01T12:60:00Z' },
    });
    expect(deployment.status).toBe(400);
    expect(deployment.body).toMatchObject({ error: { field: 'go_live_at' } });
  });

  it('refuses attributes deeper than 8, with more than 200 keys or over 16 KiB, naming the field', async () => {
    const { keys } = await tenant();
    const deep = (depth: number): Record<string, unknown> =>
      depth === 1 ? { x: 1 } : { d: deep(depth - 1) };
    const manyKeys = Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`k${i}`, i]));
    const res = await call('/v1/items', {
      key: keys.ingest,
      json: {
        items: [
          ticket('G', { attributes: deep(8) }),
          ticket('B-deep', { attributes: deep(9) }),
          ticket('B-keys', { attributes: manyKeys }),
          ticket('B-size', { attributes: { note: 'x'.repeat(17 * 1024) } }),
        ],
      },
    });
    expect(res.status).toBe(207);
    expect(res.body).toMatchObject({
      accepted: 1,
      errors: [
        { index: 1, field: 'attributes.d.d.d.d.d.d.d.d', message: 'nested deeper than 8 levels' },
        { index: 2, field: 'attributes', message: 'more than 200 keys (nested objects count)' },
        { index: 3, field: 'attributes', message: expect.stringMatching(/^larger than 16384 bytes as JSON/) },
      ],
    });
    const stored = await call('/v1/items/servicenow/G', { key: keys.viewer });
    expect(stored.body).toMatchObject({ attributes: deep(8) });
  });

  it('refuses cursors of any other shape, and numeric path ids and parameters out of range', async () => {
    const { keys } = await tenant();
    await call('/v1/items', { key: keys.ingest, json: { items: [ticket('A'), ticket('B'), ticket('C')] } });
    const first = await call(`/v1/items?${WINDOW}&limit=2`, { key: keys.viewer });
    const next = (first.body as { next_cursor: string }).next_cursor;
    const second = await call(`/v1/items?${WINDOW}&limit=2&cursor=${next}`, { key: keys.viewer });
    expect(second.body).toMatchObject({ items: [{ external_id: expect.any(String) }], next_cursor: null });

    const [openedAt, id] = JSON.parse(Buffer.from(next, 'base64url').toString()) as [number, string];
    const cursors = [
      cursorOf([1.5, 'x']), // was a 500 on PostgreSQL (1.5 is no bigint)
      cursorOf([openedAt + 0.5, id]),
      cursorOf([1e300, id]),
      cursorOf([-1, id]),
      cursorOf([openedAt, 'itm_x']),
      cursorOf([openedAt, id, 'extra']),
      cursorOf({ openedAt, id }),
      cursorOf([String(openedAt), id]),
      'bm90IGpzb24', // "not json"
      `${next}A`,
    ];
    for (const cursor of cursors) {
      const res = await call(`/v1/items?${WINDOW}&cursor=${cursor}`, { key: keys.viewer });
      expect(res.status, cursor).toBe(400);
      expect(res.body, cursor).toMatchObject({
        error: { code: 'VALIDATION', field: 'cursor', message: 'cursor: not a cursor this API returned' },
      });
    }

    for (const version of ['100000000000000000000', '2147483648', '1e400', '0', '-1', '1.5']) {
      const res = await call(`/v1/baselines/${version}`, { key: keys.viewer });
      expect(res.status, version).toBe(400);
      expect(res.body, version).toMatchObject({ error: { field: 'version' } });
    }
    expect((await call('/v1/baselines/2147483647', { key: keys.viewer })).status).toBe(404);
    for (const limit of ['1e400', '1001', '0', '2.5', 'NaN']) {
      const res = await call(`/v1/items?${WINDOW}&limit=${limit}`, { key: keys.viewer });
      expect(res.status, limit).toBe(400);
      expect(res.body, limit).toMatchObject({ error: { field: 'limit' } });
      const log = await call(`/v1/report-deliveries/log?limit=${limit}`, { key: keys.admin });
      expect(log.status, limit).toBe(400);
      expect(log.body, limit).toMatchObject({ error: { field: 'limit' } });
    }
    expect((await call(`/v1/kpis?${WINDOW}&priority=9007199254740993`, { key: keys.viewer })).status).toBe(
      400,
    );
  });
});
