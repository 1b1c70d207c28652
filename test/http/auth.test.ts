import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { useHttpApp } from '../helpers/http.js';
import { DAY, HOUR, iso, type RawItem } from '../helpers/ledger.js';

const T0 = Date.UTC(2025, 9, 1);
const NOW = T0 + 30 * DAY;
const PERIOD = `from=${iso(T0 - DAY)}&to=${iso(T0 + 10 * DAY)}`;

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

const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    requestId: z.string(),
    field: z.string().optional(),
  }),
});

describe('keys and roles', () => {
  const { tenant, call } = useHttpApp(NOW);

  it('answers 401 without a key, with a malformed header, or with an unknown key', async () => {
    await tenant();
    const items = { items: [ticket('A')] };
    const headerSets: Record<string, string>[] = [
      {},
      { authorization: 'Basic dXNlcjpwYXNz' },
      { authorization: 'Bearer' },
    ];
    for (const headers of headerSets) {
      const res = await call('/v1/items', { json: items, headers });
      expect(res.status).toBe(401);
      expect(ErrorBody.parse(res.body).error.code).toBe('UNAUTHENTICATED');
    }
    const unknown = await call('/v1/kpis?' + PERIOD, { key: 'wl_not-a-key-anyone-issued' });
    expect(unknown.status).toBe(401);
    expect((await call('/v1/workflows', { key: 'wl_nope' })).status).toBe(401);
  });

  it('answers 403 when the role does not allow the request', async () => {
    const { keys } = await tenant();
    const viewerPost = await call('/v1/items', { key: keys.viewer, json: { items: [ticket('V1')] } });
    expect(viewerPost.status).toBe(403);
    expect(ErrorBody.parse(viewerPost.body).error.code).toBe('FORBIDDEN');
    // nothing was written
    expect((await call('/v1/items/servicenow/V1', { key: keys.viewer })).status).toBe(404);

    expect((await call('/v1/kpis?' + PERIOD, { key: keys.ingest })).status).toBe(403);
    expect((await call('/v1/items?' + PERIOD, { key: keys.ingest })).status).toBe(403);
    expect((await call('/v1/items/servicenow/V1', { key: keys.ingest })).status).toBe(403);
    expect((await call('/v1/costs', { key: keys.viewer, json: { costs: [] } })).status).toBe(403);
    const viewerPut = await call('/v1/workflows/it', {
      method: 'PUT',
      key: keys.viewer,
      json: { name: 'IT' },
    });
    expect(viewerPut.status).toBe(403);
    expect((await call('/v1/audit/verify', { key: keys.viewer })).status).toBe(403);
    expect((await call('/v1/audit/verify', { key: keys.ingest })).status).toBe(403);

    // and the roles that may, can
    expect((await call('/v1/items', { key: keys.ingest, json: { items: [ticket('V1')] } })).status).toBe(200);
    expect((await call('/v1/items', { key: keys.operator, json: { items: [ticket('V2')] } })).status).toBe(
      200,
    );
    expect((await call('/v1/kpis?' + PERIOD, { key: keys.viewer })).status).toBe(200);
    expect((await call('/v1/audit/verify', { key: keys.operator })).status).toBe(200);
  });

  it('checks the role before reading the request, so a forbidden caller learns nothing from a 400', async () => {
    const { keys } = await tenant();
    const badJson = await call('/v1/items', { key: keys.viewer, body: '{not json' });
    expect(badJson.status).toBe(403);
    // an ingest key asking for KPIs without a window is refused, not told the window is missing
    expect((await call('/v1/kpis', { key: keys.ingest })).status).toBe(403);
  });

  it('rejects an unknown handled_by filter by name', async () => {
    const { keys } = await tenant();
    const res = await call(`/v1/items?${PERIOD}&handled_by=robots`, { key: keys.viewer });
    expect(res.status).toBe(400);
    expect(ErrorBody.parse(res.body).error.field).toBe('handled_by');
  });
});

describe('tenant isolation', () => {
  const { tenant, call } = useHttpApp(NOW);

  it("never shows tenant A anything of tenant B's: items, lists, KPIs, configuration", async () => {
    const a = await tenant('A');
    const b = await tenant('B');
    await call('/v1/items', { key: a.keys.ingest, json: { items: [ticket('SHARED'), ticket('ONLY-A')] } });
    await call('/v1/items', {
      key: b.keys.ingest,
      json: {
        items: [
          ticket('SHARED', { category: 'b-secret', outcome: 'failed', resolved_at: null }),
          ticket('ONLY-B1'),
          ticket('ONLY-B2', { handled_by: 'agent-b' }),
        ],
      },
    });
    await call('/v1/workflows/b-flow', { method: 'PUT', key: b.keys.admin, json: { name: 'B flow' } });
    await call('/v1/agents/agent-b', { method: 'PUT', key: b.keys.admin, json: { name: 'B agent' } });

    // one item: 404 for B's, and A's own version of a key both use
    const theirs = await call('/v1/items/servicenow/ONLY-B1', { key: a.keys.viewer });
    expect(theirs.status).toBe(404);
    expect(ErrorBody.parse(theirs.body).error.code).toBe('NOT_FOUND');
    const shared = await call('/v1/items/servicenow/SHARED', { key: a.keys.viewer });
    expect(shared.body).toMatchObject({ outcome: 'resolved', category: null });

    // lists
    const list = z
      .object({ items: z.array(z.object({ external_id: z.string() })) })
      .parse((await call('/v1/items?' + PERIOD, { key: a.keys.viewer })).body);
    expect(list.items.map((i) => i.external_id).sort()).toEqual(['ONLY-A', 'SHARED']);
    const agentB = z
      .object({ items: z.array(z.unknown()) })
      .parse((await call(`/v1/items?${PERIOD}&agent=agent-b`, { key: a.keys.viewer })).body);
    expect(agentB.items).toEqual([]);

    // KPIs: A's 2 resolved items only (B's failed SHARED and two more would make it 4 handled)
    const kpis = z
      .object({
        groups: z.array(
          z.object({
            key: z.record(z.string(), z.unknown()),
            kpis: z.record(z.string(), z.object({ value: z.number().nullable() })),
          }),
        ),
      })
      .parse((await call(`/v1/kpis?${PERIOD}&group_by=agent`, { key: a.keys.viewer })).body);
    expect(
      kpis.groups.map((g) => [g.key, g.kpis.items_handled?.value, g.kpis.containment_rate?.value]),
    ).toEqual([[{ agent: 'agent-a' }, 2, 1]]);

    // configuration
    expect((await call('/v1/workflows/b-flow', { key: a.keys.viewer })).status).toBe(404);
    expect((await call('/v1/workflows', { key: a.keys.viewer })).body).toEqual({ workflows: [] });
    expect((await call('/v1/agents', { key: a.keys.viewer })).body).toEqual({ agents: [] });

    // each chain holds on its own
    expect((await call('/v1/audit/verify', { key: a.keys.admin })).body).toMatchObject({ ok: true });
    expect((await call('/v1/audit/verify', { key: b.keys.admin })).body).toMatchObject({ ok: true });
  });
});
