import { describe, expect, it } from 'vitest';
import { useHttpApp } from '../helpers/http.js';
import { DAY, HOUR, iso } from '../helpers/ledger.js';

const T0 = Date.UTC(2025, 8, 1);
const NOW = T0 + 30 * DAY;

describe('POST /v1/costs', () => {
  const { tenant, call } = useHttpApp(NOW);

  it('stores priced and explicit costs, 207 for a model without a price, idempotent on replay', async () => {
    const { keys } = await tenant();
    const price = await call('/v1/model-prices/gpt-x', {
      method: 'PUT',
      key: keys.admin,
      json: { input_per_million: 3, output_per_million: '15' },
    });
    expect(price.status).toBe(200);
    const costs = {
      costs: [
        // 2 000 × 3.00/M + 1 000 × 15.00/M = 0.006 + 0.015 = 0.021
        {
          agent_id: 'a',
          item: { source: 'servicenow', external_id: 'C1' },
          kind: 'inference',
          model: 'gpt-x',
          tokens_in: 2_000,
          tokens_out: 1_000,
          starts_at: iso(T0),
        },
        {
          agent_id: 'a',
          item: { source: 'servicenow', external_id: 'C1' },
          kind: 'inference',
          model: 'unpriced',
          tokens_in: 5,
          starts_at: iso(T0),
        },
        {
          agent_id: 'a',
          item: { source: 'servicenow', external_id: 'C1' },
          kind: 'outcome_fee',
          amount: '0.5',
          starts_at: iso(T0),
        },
        { agent_id: 'a', kind: 'cloud', amount: 1, starts_at: iso(T0) },
      ],
    };
    const res = await call('/v1/costs', { key: keys.ingest, json: costs });
    expect(res.status).toBe(207);
    expect(res.body).toEqual({
      accepted: 2,
      created: 2,
      unchanged: 0,
      errors: [
        { index: 1, field: 'model', message: expect.stringMatching(/no price for model unpriced/) },
        { index: 3, field: 'kind', message: expect.any(String) },
      ],
    });
    const again = await call('/v1/costs', { key: keys.ingest, json: costs });
    expect(again.body).toMatchObject({ accepted: 2, created: 0, unchanged: 2 });

    const c1 = {
      source: 'servicenow',
      external_id: 'C1',
      opened_at: iso(T0),
      resolved_at: iso(T0 + HOUR),
      handled_by: 'a',
    };
    await call('/v1/items', { key: keys.ingest, json: { items: [c1] } });
    const item = await call('/v1/items/servicenow/C1', { key: keys.viewer });
    // 0.021 + 0.5
    expect(item.body).toMatchObject({ attached_cost: 0.521 });
  });
});
