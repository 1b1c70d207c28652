import { expect, it } from 'vitest';
import { forEachEngine } from '../helpers/engines.js';
import { useHttpAppOn } from '../helpers/http.js';
import { DAY, HOUR, iso, type RawItem } from '../helpers/ledger.js';

const T0 = Date.UTC(2025, 8, 1);
const NOW = T0 + 30 * DAY;
const WINDOW = `from=${iso(T0)}&to=${iso(T0 + DAY)}`;

/** The two kinds of text no engine stores as sent: PostgreSQL refuses NUL, UTF-8 has no lone surrogate. */
const UNSTORABLE = [
  ['NUL', 'a\u0000b', /NUL/],
  ['a lone surrogate', 'a\uD800b', /lone surrogate/],
] as const;

function ticket(externalId: string, overrides: Partial<RawItem> = {}): RawItem {
  return {
    source: 'servicenow',
    external_id: externalId,
    workflow: 'it',
    category: 'password',
    opened_at: iso(T0),
    resolved_at: iso(T0 + HOUR),
    handled_by: 'agent-a',
    ...overrides,
  };
}

forEachEngine('text that cannot be stored, over HTTP', ({ store }) => {
  const { tenant, call } = useHttpAppOn(store, NOW);

  for (const [kind, bad, message] of UNSTORABLE) {
    it(`refuses ${kind} in every item field with 207, naming it, and stores the rest`, async () => {
      const { keys } = await tenant();
      const link = { kind: 'caused_by', source: 'servicenow', external_id: 'G' } as const;
      const items = [
        ticket('G'),
        ticket(bad),
        ticket('B-workflow', { workflow: bad }),
        ticket('B-category', { category: bad }),
        ticket('B-channel', { channel: bad }),
        ticket('B-handled', { handled_by: bad }),
        ticket('B-priority', { priority: `3${bad}` }),
        ticket('B-opened', { opened_at: iso(T0) + bad }),
        ticket('B-link', { links: [{ ...link, external_id: bad }] }),
        ticket('B-attr-value', { attributes: { tags: ['ok', bad] } }),
        ticket('B-attr-key', { attributes: { nested: { [bad]: 1 } } }),
        { ...ticket('B-source'), source: bad },
      ];
      const res = await call('/v1/items', { key: keys.ingest, json: { items } });
      expect(res.status).toBe(207);
      expect(res.body).toMatchObject({ accepted: 1, created: 1 });
      expect(res.body).toHaveProperty(
        'errors',
        [
          'external_id',
          'workflow',
          'category',
          'channel',
          'handled_by',
          'priority',
          'opened_at',
          'links[0].external_id',
          'attributes.tags[1]',
          'attributes.nested',
          'source',
        ].map((field, i) => ({ index: i + 1, field, message: expect.stringMatching(message) })),
      );
      const listed = await call(`/v1/items?${WINDOW}`, { key: keys.viewer });
      expect(listed.body).toMatchObject({ items: [{ external_id: 'G' }] });
    });

    it(`refuses ${kind} in cost fields with 207 and stores the good cost`, async () => {
      const { keys } = await tenant();
      const cost = { agent_id: 'agent-a', kind: 'licensing', amount: '10', starts_at: iso(T0) };
      const range = { ...cost, ends_at: iso(T0 + DAY) };
      const res = await call('/v1/costs', {
        key: keys.ingest,
        json: {
          costs: [
            range,
            { ...range, agent_id: bad },
            { ...range, id: bad },
            { ...cost, kind: 'inference', item: { source: 'servicenow', external_id: bad } },
            { ...range, model: bad },
          ],
        },
      });
      expect(res.status).toBe(207);
      expect(res.body).toMatchObject({
        accepted: 1,
        created: 1,
        errors: ['agent_id', 'id', 'item.external_id', 'model'].map((field, i) => ({
          index: i + 1,
          field,
          message: expect.stringMatching(message),
        })),
      });
    });

    it(`refuses ${kind} in configuration bodies with 400 naming the field, writing nothing`, async () => {
      const { keys } = await tenant();
      const cases: [string, string, unknown, string][] = [
        ['PUT', '/v1/workflows/it', { name: bad }, 'name'],
        ['PUT', '/v1/workflows/it', { name: 'IT', department: bad }, 'department'],
        ['PUT', '/v1/agents/bot', { name: 'Bot', vendor: bad }, 'vendor'],
        ['PUT', '/v1/agents/bot', { name: 'Bot', scope: { categories: ['vpn', bad] } }, 'scope.categories.1'],
        [
          'PUT',
          '/v1/rate-cards/default',
          { staff_hourly_rate: '40', handle_hours: { default: 1, cohorts: [{ category: bad, hours: 2 }] } },
          'handle_hours.cohorts.0.category',
        ],
        ['PUT', '/v1/deployments/bot/it', { go_live_at: bad }, 'go_live_at'],
        [
          'PUT',
          '/v1/report-deliveries',
          { webhooks: [{ url: `https://example.com/${bad}` }] },
          'webhooks.0.url',
        ],
        [
          'PUT',
          '/v1/report-deliveries',
          { webhooks: [{ url: 'https://example.com/hook', secret: `0123456789abcdef${bad}` }] },
          'webhooks.0.secret',
        ],
        ['POST', '/v1/baselines', { from: iso(T0), to: iso(T0 + DAY), name: bad }, 'name'],
        ['POST', '/v1/baselines', { from: iso(T0), to: iso(T0 + DAY), rate_card: bad }, 'rate_card'],
      ];
      for (const [method, path, json, field] of cases) {
        const res = await call(path, { method, key: keys.admin, json });
        expect(res.status, `${path} ${field}`).toBe(400);
        expect(res.body, `${path} ${field}`).toMatchObject({
          error: { code: 'VALIDATION', field, message: expect.stringMatching(message) },
        });
      }
      expect((await call('/v1/workflows', { key: keys.viewer })).body).toEqual({ workflows: [] });
      expect((await call('/v1/agents', { key: keys.viewer })).body).toEqual({ agents: [] });
      expect((await call('/v1/report-deliveries', { key: keys.admin })).body).toMatchObject({ webhooks: [] });
      const signIn = await call('/v1/session', {
        json: { email: 'a@example.com', password: 'x', tenant: bad },
      });
      expect(signIn.status).toBe(400);
      expect(signIn.body).toMatchObject({
        error: { field: 'tenant', message: expect.stringMatching(message) },
      });
    });
  }

  it('refuses NUL in query parameters and path ids with 400 naming them', async () => {
    const { ctx, keys } = await tenant();
    const cases: [string, string][] = [
      [`/v1/items?${WINDOW}&agent=a%00b`, 'agent'],
      [`/v1/kpis?${WINDOW}&category=%00`, 'category'],
      [`/v1/kpis?${WINDOW}&group_by=agent%00`, 'group_by'],
      [`/v1/dashboard/costs?${WINDOW}&workflow=it%00`, 'workflow'],
      [`/v1/baselines/preview?${WINDOW}&rate_card=default%00`, 'rate_card'],
      [`/v1/items?${WINDOW}&cursor=%00`, 'cursor'],
      [`/v1/items?${WINDOW}&a%00b=1`, '(query)'],
      ['/v1/items/service%00now/A', 'source'],
      ['/v1/items/servicenow/A%00', 'external_id'],
      ['/v1/workflows/it%00', 'id'],
      ['/v1/agents/bot%00', 'id'],
      ['/v1/rate-cards/default%00', 'rate_card'],
    ];
    for (const [path, field] of cases) {
      const res = await call(path, { key: keys.viewer });
      expect(res.status, path).toBe(400);
      expect(res.body, path).toMatchObject({
        error: { code: 'VALIDATION', field, message: expect.stringMatching(/NUL/) },
      });
    }
    const puts: [string, unknown, string][] = [
      ['/v1/model-prices/gpt%00', { input_per_million: 1, output_per_million: 1 }, 'model'],
      ['/v1/deployments/bot%00/it', { go_live_at: iso(T0) }, 'agent_id'],
    ];
    for (const [path, json, field] of puts) {
      const res = await call(path, { method: 'PUT', key: keys.admin, json });
      expect(res.status, path).toBe(400);
      expect(res.body, path).toMatchObject({ error: { field } });
    }
    const hook = await call(`/v1/webhooks/jira?tenant=${ctx.tenantId}%00&secret=x`, { body: '{}' });
    expect(hook.status).toBe(400);
    expect(hook.body).toMatchObject({ error: { field: 'tenant' } });
  });
});
