import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createApp } from '../../src/http/app.js';
import { useHttpApp } from '../helpers/http.js';
import { DAY, HOUR, iso, type RawItem } from '../helpers/ledger.js';

const D = Date.UTC(2026, 9, 5); // a UTC day: the tenant's time zone is UTC
const NOW = D + 30 * DAY;
const PERIOD = `from=${iso(D - DAY)}&to=${iso(D + 5 * DAY)}`;

function item(externalId: string, overrides: Partial<RawItem>): RawItem {
  return {
    source: 'sn',
    external_id: externalId,
    workflow: 'it',
    opened_at: iso(D + HOUR),
    handled_by: 'agent-a',
    ...overrides,
  };
}

/**
 * agent-a on day D: A1 resolved (4 turns), A2 escalated (2 turns, workflow hr), A3 open (no turns);
 * agent-b on D+1: B1 failed (3 turns); a human item on D that no view counts.
 */
const ITEMS: RawItem[] = [
  item('A1', { resolved_at: iso(D + 2 * HOUR), attributes: { turns: 4 } }),
  item('A2', { workflow: 'hr', outcome: 'escalated', attributes: { turns: 2 } }),
  item('A3', { opened_at: iso(D + 3 * HOUR), outcome: 'open' }),
  item('B1', {
    opened_at: iso(D + DAY + HOUR),
    handled_by: 'agent-b',
    outcome: 'failed',
    attributes: { turns: 3 },
  }),
  item('H1', { handled_by: 'human', resolved_at: iso(D + 5 * HOUR), attributes: { turns: 99 } }),
];

const COSTS = [
  {
    agent_id: 'agent-a',
    item: { source: 'sn', external_id: 'A1' },
    kind: 'inference',
    amount: '1.00',
    tokens_in: 1000,
    tokens_out: 200,
    starts_at: iso(D + HOUR),
  },
  {
    agent_id: 'agent-a',
    item: { source: 'sn', external_id: 'A2' },
    kind: 'inference',
    amount: '0.50',
    tokens_in: 500,
    tokens_out: 100,
    starts_at: iso(D + HOUR),
  },
  {
    agent_id: 'agent-a',
    item: { source: 'sn', external_id: 'A1' },
    kind: 'outcome_fee',
    amount: '0.25',
    starts_at: iso(D + 2 * HOUR),
  },
  {
    agent_id: 'agent-b',
    item: { source: 'sn', external_id: 'B1' },
    kind: 'inference',
    amount: '0.40',
    tokens_in: 400,
    tokens_out: 40,
    starts_at: iso(D + DAY + HOUR),
  },
  // 20.00 over two days: 10.00 per day; day D splits over agent-a's 3 items, day D+1 has none of them
  { agent_id: 'agent-a', kind: 'licensing', amount: '20', starts_at: iso(D), ends_at: iso(D + 2 * DAY) },
];

const Costs = z.object({
  currency: z.string(),
  kinds: z.array(z.object({ kind: z.string(), amount: z.number() })),
  total: z.number(),
});
const TotalCost = z.object({
  groups: z.array(z.object({ kpis: z.object({ total_cost: z.object({ value: z.number() }) }) })),
});

describe('dashboard read views', () => {
  const { tenant, call } = useHttpApp(NOW);

  async function loaded() {
    const t = await tenant();
    expect((await call('/v1/items', { key: t.keys.ingest, json: { items: ITEMS } })).status).toBe(200);
    expect((await call('/v1/costs', { key: t.keys.ingest, json: { costs: COSTS } })).status).toBe(200);
    return t;
  }

  it('splits the AI cost by kind exactly as total_cost allocates it', async () => {
    const { keys } = await loaded();
    const kinds = (answer: z.infer<typeof Costs>) =>
      Object.fromEntries(answer.kinds.map((k) => [k.kind, k.amount]));

    const all = Costs.parse((await call(`/v1/dashboard/costs?${PERIOD}`, { key: keys.viewer })).body);
    // inference 1.00 + 0.50 + 0.40; outcome fee 0.25; licensing: all 20.00 of [D, D + 2 d), which lies
    // wholly in the queried period, in which agent-a worked (A1 A2 A3); no rate card, so no oversight
    expect(kinds(all)).toEqual({
      inference: 1.9,
      compute: 0,
      licensing: 20,
      integration: 0,
      outcome_fee: 0.25,
      oversight: 0,
      unallocated: 0,
    });
    expect(all.total).toBeCloseTo(22.15, 6);
    expect(all.currency).toBe('USD');

    // workflow it: A1, A3 and agent-b's B1; A1 and A3, two of agent-a's three items, take 2/3 of the 20.00
    const it = Costs.parse(
      (await call(`/v1/dashboard/costs?${PERIOD}&workflow=it`, { key: keys.viewer })).body,
    );
    expect(kinds(it).inference).toBeCloseTo(1.4, 6);
    expect(kinds(it).outcome_fee).toBe(0.25);
    expect(kinds(it).licensing).toBeCloseTo(40 / 3, 5);

    for (const filter of [
      '',
      '&workflow=it',
      '&agent=agent-a',
      '&agent=agent-b',
      '&workflow=hr&agent=agent-a',
    ]) {
      const costs = Costs.parse(
        (await call(`/v1/dashboard/costs?${PERIOD}${filter}`, { key: keys.viewer })).body,
      );
      const kpis = TotalCost.parse((await call(`/v1/kpis?${PERIOD}${filter}`, { key: keys.viewer })).body);
      expect(costs.total, filter).toBeCloseTo(kpis.groups[0]?.kpis.total_cost.value ?? NaN, 5);
    }
  });

  it('counts the outcome mix of agent items, per agent when asked', async () => {
    const { keys } = await loaded();
    const total = await call(`/v1/dashboard/outcomes?${PERIOD}`, { key: keys.viewer });
    expect(total.body).toMatchObject({
      group_by: [],
      groups: [
        { key: {}, counts: { resolved: 1, escalated: 1, failed: 1, abandoned: 0, open: 1 }, total: 4 },
      ],
    });
    const byAgent = await call(`/v1/dashboard/outcomes?${PERIOD}&group_by=agent`, { key: keys.viewer });
    expect(byAgent.body).toMatchObject({
      group_by: ['agent'],
      groups: [
        { key: { agent: 'agent-a' }, counts: { resolved: 1, escalated: 1, failed: 0, open: 1 }, total: 3 },
        { key: { agent: 'agent-b' }, counts: { failed: 1 }, total: 1 },
      ],
    });
  });

  it('labels activity as activity and counts conversations, messages, tokens and model calls by day', async () => {
    const { keys } = await loaded();
    const res = await call(`/v1/dashboard/activity?${PERIOD}&group_by=day`, { key: keys.viewer });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      kind: 'activity',
      bucket: 'day',
      // 4 agent items; turns 4 + 2 + 0 + 3; tokens 1000 + 500 + 400 in, 200 + 100 + 40 out; 3 inference records
      totals: { conversations: 4, messages: 9, tokens_in: 1900, tokens_out: 340, model_calls: 3 },
      series: [
        {
          period: '2026-10-05',
          conversations: 3,
          messages: 6,
          tokens_in: 1500,
          tokens_out: 300,
          model_calls: 2,
        },
        {
          period: '2026-10-06',
          conversations: 1,
          messages: 3,
          tokens_in: 400,
          tokens_out: 40,
          model_calls: 1,
        },
      ],
    });
    const agentB = await call(`/v1/dashboard/activity?${PERIOD}&agent=agent-b`, { key: keys.viewer });
    expect(agentB.body).toMatchObject({
      bucket: null,
      series: [],
      totals: { conversations: 1, model_calls: 1 },
    });
  });

  it('checks the role first, then the window and parameters', async () => {
    const { keys } = await tenant();
    for (const view of ['outcomes', 'costs', 'activity']) {
      expect((await call(`/v1/dashboard/${view}`, { key: keys.ingest })).status).toBe(403);
      expect((await call(`/v1/dashboard/${view}`, { key: keys.viewer })).status).toBe(400);
      expect((await call(`/v1/dashboard/${view}?${PERIOD}&outcome=open`, { key: keys.viewer })).status).toBe(
        400,
      );
      expect(
        (await call(`/v1/dashboard/${view}?from=${iso(D)}&to=${iso(D)}`, { key: keys.viewer })).status,
      ).toBe(400);
      expect((await call(`/v1/dashboard/${view}?${PERIOD}`)).status).toBe(401);
    }
    expect((await call(`/v1/dashboard/outcomes?${PERIOD}&group_by=day`, { key: keys.viewer })).status).toBe(
      400,
    );
    expect((await call(`/v1/dashboard/activity?${PERIOD}&group_by=agent`, { key: keys.viewer })).status).toBe(
      400,
    );
    expect((await call(`/v1/dashboard/costs?${PERIOD}&group_by=day`, { key: keys.viewer })).status).toBe(400);
  });
});

describe('serving the dashboard', () => {
  const { open } = useHttpApp(NOW);

  function webRoot(withIndex = true): string {
    const root = mkdtempSync(join(tmpdir(), 'workledger-web-'));
    mkdirSync(join(root, 'assets'));
    if (withIndex) writeFileSync(join(root, 'index.html'), '<!doctype html><div id="root"></div>');
    writeFileSync(join(root, 'assets', 'index-abc123.js'), 'console.log(1)');
    writeFileSync(join(root, 'robots.txt'), 'User-agent: *');
    return root;
  }

  it('serves index.html for client routes, hashed assets for a year, and leaves /v1 to the API', async () => {
    const app = createApp({ store: open().store, now: () => NOW, webRoot: webRoot() });
    for (const path of ['/', '/agents/helpdesk-bot', '/items?outcome=escalated', '/configuration']) {
      const res = await app.request(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(await res.text()).toContain('<div id="root">');
    }
    const asset = await app.request('/assets/index-abc123.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const file = await app.request('/robots.txt');
    expect(file.headers.get('cache-control')).toBe('public, max-age=3600');

    expect((await app.request('/assets/missing.js')).status).toBe(404);
    for (const path of [
      '/assets/..%2f..%2fpackage.json',
      '/assets/%2e%2e/%2e%2e/etc/passwd',
      '/%2e%2e/package.json',
    ]) {
      const res = await app.request(path);
      expect(await res.text(), path).not.toContain('"name"');
    }
    const api = await app.request('/v1/nothing-here');
    expect(api.status).toBe(401);
    expect(await api.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
    expect((await app.request('/v1')).status).toBe(401);
    expect((await app.request('/', { method: 'POST' })).status).toBe(404);
  });

  it('says the dashboard is not built rather than failing, and serves nothing without a webRoot', async () => {
    const unbuilt = createApp({ store: open().store, now: () => NOW, webRoot: webRoot(false) });
    const res = await unbuilt.request('/overview');
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('npm run build');
    const apiOnly = createApp({ store: open().store, now: () => NOW });
    expect((await apiOnly.request('/')).status).toBe(404);
  });
});
