import { describe, expect, it } from 'vitest';
import { useHttpApp } from '../helpers/http.js';
import { iso } from '../helpers/ledger.js';

const NOW = Date.UTC(2025, 10, 1, 12);

describe('configuration API', () => {
  const { tenant, call } = useHttpApp(NOW);

  it('puts, gets and lists workflows', async () => {
    const { keys } = await tenant();
    const put = await call('/v1/workflows/it-support', {
      method: 'PUT',
      key: keys.operator,
      json: { name: 'IT support', department: 'IT', sla_hours: { '1': 4, '2': 8, '3': 24 } },
    });
    expect(put.status).toBe(200);
    const expected = {
      id: 'it-support',
      name: 'IT support',
      department: 'IT',
      sla_hours: { '1': 4, '2': 8, '3': 24 },
      updated_at: iso(NOW),
    };
    expect(put.body).toEqual(expected);
    expect((await call('/v1/workflows/it-support', { key: keys.viewer })).body).toEqual(expected);

    // PUT replaces
    await call('/v1/workflows/it-support', {
      method: 'PUT',
      key: keys.admin,
      json: { name: 'IT', sla_hours: { '1': 2 } },
    });
    await call('/v1/workflows/hr', { method: 'PUT', key: keys.admin, json: { name: 'HR' } });
    expect((await call('/v1/workflows', { key: keys.viewer })).body).toEqual({
      workflows: [
        { id: 'hr', name: 'HR', department: null, sla_hours: {}, updated_at: iso(NOW) },
        { id: 'it-support', name: 'IT', department: null, sla_hours: { '1': 2 }, updated_at: iso(NOW) },
      ],
    });
    const missing = await call('/v1/workflows/nope', { key: keys.viewer });
    expect(missing.status).toBe(404);
  });

  it('rejects a bad workflow with 400 naming the field', async () => {
    const { keys } = await tenant();
    const cases: [string, unknown, string][] = [
      ['no name', { sla_hours: {} }, 'name'],
      ['name of the wrong type', { name: 7 }, 'name'],
      ['a negative SLA target', { name: 'x', sla_hours: { '1': -4 } }, 'sla_hours.1'],
      ['an SLA target as text', { name: 'x', sla_hours: { '2': 'eight' } }, 'sla_hours.2'],
      ['an unknown field', { name: 'x', owner: 'me' }, 'owner'],
    ];
    for (const [label, body, field] of cases) {
      const res = await call('/v1/workflows/w', { method: 'PUT', key: keys.admin, json: body });
      expect(res.status, label).toBe(400);
      expect(res.body, label).toMatchObject({ error: { code: 'VALIDATION', field } });
    }
    const badJson = await call('/v1/workflows/w', { method: 'PUT', key: keys.admin, body: '{"name":' });
    expect(badJson.status).toBe(400);
    expect(badJson.body).toMatchObject({ error: { field: 'body' } });
    const badId = await call('/v1/workflows/-bad%20id', {
      method: 'PUT',
      key: keys.admin,
      json: { name: 'x' },
    });
    expect(badId.status).toBe(400);
    expect(badId.body).toMatchObject({ error: { field: 'id' } });
    expect((await call('/v1/workflows', { key: keys.viewer })).body).toEqual({ workflows: [] });
  });

  it('puts, gets and lists agents, and validates them', async () => {
    const { keys } = await tenant();
    const put = await call('/v1/agents/triage-bot', {
      method: 'PUT',
      key: keys.admin,
      json: { name: 'Triage bot', vendor: 'Acme', version: '2.1' },
    });
    expect(put.status).toBe(200);
    const expected = {
      id: 'triage-bot',
      name: 'Triage bot',
      vendor: 'Acme',
      version: '2.1',
      scope: null,
      updated_at: iso(NOW),
    };
    expect(put.body).toEqual(expected);
    expect((await call('/v1/agents/triage-bot', { key: keys.viewer })).body).toEqual(expected);
    expect((await call('/v1/agents', { key: keys.viewer })).body).toEqual({ agents: [expected] });
    expect((await call('/v1/agents/ghost', { key: keys.viewer })).status).toBe(404);

    const cases: [string, string, unknown, string][] = [
      ['reserved id', 'human', { name: 'x' }, 'id'],
      ['version of the wrong type', 'a1', { name: 'x', version: 2 }, 'version'],
      ['an unknown field', 'a1', { name: 'x', model: 'gpt' }, 'model'],
      ['a bad scope priority', 'a1', { name: 'x', scope: { priorities: [9] } }, 'scope.priorities.0'],
    ];
    for (const [label, id, body, field] of cases) {
      const res = await call(`/v1/agents/${id}`, { method: 'PUT', key: keys.admin, json: body });
      expect(res.status, label).toBe(400);
      expect(res.body, label).toMatchObject({ error: { code: 'VALIDATION', field } });
    }
  });

  it('puts and lists model prices, and validates them', async () => {
    const { keys } = await tenant();
    const put = await call('/v1/model-prices/gpt-4o', {
      method: 'PUT',
      key: keys.admin,
      json: { input_per_million: '2.5', output_per_million: 10 },
    });
    expect(put.status).toBe(200);
    const expected = {
      model: 'gpt-4o',
      input_per_million: 2.5,
      output_per_million: 10,
      currency: 'USD',
      updated_at: iso(NOW),
    };
    expect(put.body).toEqual(expected);
    expect((await call('/v1/model-prices', { key: keys.viewer })).body).toEqual({ model_prices: [expected] });

    const cases: [string, unknown, string][] = [
      ['a missing price', { input_per_million: 1 }, 'output_per_million'],
      ['a negative price', { input_per_million: -1, output_per_million: 1 }, 'input_per_million'],
      ['too many decimals', { input_per_million: '0.1234567', output_per_million: 1 }, 'input_per_million'],
      ['another currency', { input_per_million: 1, output_per_million: 1, currency: 'EUR' }, 'currency'],
      ['an unknown field', { input_per_million: 1, output_per_million: 1, per: 'token' }, 'per'],
    ];
    for (const [label, body, field] of cases) {
      const res = await call('/v1/model-prices/m', { method: 'PUT', key: keys.admin, json: body });
      expect(res.status, label).toBe(400);
      expect(res.body, label).toMatchObject({ error: { code: 'VALIDATION', field } });
    }
    expect((await call('/v1/model-prices', { key: keys.viewer })).body).toEqual({ model_prices: [expected] });
  });
});
