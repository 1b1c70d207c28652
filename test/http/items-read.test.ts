import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { itemId } from '../../src/domain/item-record.js';
import { useHttpApp, type HttpTenant } from '../helpers/http.js';
import { DAY, HOUR, iso } from '../helpers/ledger.js';
import { dataset, NOW, PERIOD, T0 } from './week-dataset.js';

const Page = z.strictObject({
  items: z.array(z.object({ external_id: z.string(), handled_by: z.string(), opened_at: z.string() })),
  next_cursor: z.string().nullable(),
});

/** External ids in list order: opened_at, then the stored item id (a hash of source and external id). */
function inListOrder(externalIds: string[]): string[] {
  const opened = new Map(dataset().map((i) => [i.external_id, i.opened_at]));
  const key = (id: string) => `${opened.get(id) ?? ''} ${itemId('jira', id)}`;
  return [...externalIds].sort((x, y) => (key(x) < key(y) ? -1 : 1));
}

describe('GET /v1/items', () => {
  const { tenant, call } = useHttpApp(NOW);

  async function seeded(): Promise<HttpTenant> {
    const t = await tenant();
    const res = await call('/v1/items', { key: t.keys.ingest, json: { items: dataset() } });
    expect(res.body).toMatchObject({ accepted: 25, created: 25 });
    return t;
  }

  async function allPages(key: string, query: string, limit: number) {
    const seen: string[] = [];
    const sizes: number[] = [];
    let cursor: string | null = null;
    do {
      const path: string = `/v1/items?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await call(path, { key });
      expect(res.status).toBe(200);
      const page = Page.parse(res.body);
      sizes.push(page.items.length);
      seen.push(...page.items.map((i) => i.external_id));
      cursor = page.next_cursor;
    } while (cursor !== null);
    return { seen, sizes };
  }

  it('pages through every item once, in (opened_at, id) order, with no gaps', async () => {
    const { keys } = await seeded();
    const { seen, sizes } = await allPages(keys.viewer, PERIOD, 10);
    // 25 items at 10 a page: 10, 10, 5
    expect(sizes).toEqual([10, 10, 5]);
    expect(new Set(seen).size).toBe(25);
    expect(seen).toEqual(inListOrder(dataset().map((i) => i.external_id)));
    // a page size that divides the total: 5 × 5, and the last page says there is no next one
    expect((await allPages(keys.viewer, PERIOD, 5)).sizes).toEqual([5, 5, 5, 5, 5]);
  });

  it('filters with the KPI filters and pages through the filtered set', async () => {
    const { keys } = await seeded();
    // agent-a in category access: d-0, d-1 of each day = 10 items; pages of 3: 3, 3, 3, 1
    const { seen, sizes } = await allPages(keys.viewer, `${PERIOD}&agent=agent-a&category=access`, 3);
    expect(sizes).toEqual([3, 3, 3, 1]);
    expect(seen).toEqual(inListOrder(['0-0', '0-1', '1-0', '1-1', '2-0', '2-1', '3-0', '3-1', '4-0', '4-1']));

    const narrow = async (query: string) =>
      Page.parse((await call(`/v1/items?${query}`, { key: keys.viewer })).body).items.map(
        (i) => i.external_id,
      );
    // days 1 and 2 only (to is exclusive)
    expect(await narrow(`from=${iso(T0 + DAY)}&to=${iso(T0 + 3 * DAY)}&agent=agent-b`)).toEqual([
      '1-3',
      '2-3',
    ]);
    expect(await narrow(`${PERIOD}&outcome=escalated`)).toEqual(['0-2', '1-2', '2-2', '3-2', '4-2']);
    expect(await narrow(`${PERIOD}&handled_by=human`)).toEqual(['0-4', '1-4', '2-4', '3-4', '4-4']);
    expect(await narrow(`${PERIOD}&category=network&agent=agent-a,agent-b&limit=4`)).toEqual(
      inListOrder(['0-2', '0-3', '1-2', '1-3']),
    );
    expect(await narrow(`${PERIOD}&workflow=hr`)).toEqual([]);
  });

  it('rejects a list query without its window, or with a bad parameter', async () => {
    const { keys } = await tenant();
    const cases: [string, string][] = [
      [`to=${iso(T0)}`, 'from'],
      [`from=${iso(T0)}`, 'to'],
      [`from=yesterday&to=${iso(T0)}`, 'from'],
      [`${PERIOD}&cursor=not-a-cursor`, 'cursor'],
      [`${PERIOD}&limit=0`, 'limit'],
      [`${PERIOD}&limit=many`, 'limit'],
      [`${PERIOD}&priority=9`, 'priority'],
      [`${PERIOD}&colour=red`, 'colour'],
    ];
    for (const [query, field] of cases) {
      const res = await call(`/v1/items?${query}`, { key: keys.viewer });
      expect(res.status, query).toBe(400);
      expect(res.body, query).toMatchObject({ error: { code: 'VALIDATION', field } });
    }
  });

  it('returns one item as stored, with its verification state as of a time', async () => {
    const { keys } = await seeded();
    const item = await call('/v1/items/jira/0-1', { key: keys.viewer });
    expect(item.status).toBe(200);
    expect(item.body).toMatchObject({
      source: 'jira',
      external_id: '0-1',
      workflow: 'it',
      category: 'access',
      priority: 2,
      opened_at: iso(T0),
      resolved_at: iso(T0 + 2 * HOUR),
      handled_by: 'agent-a',
      outcome: 'resolved',
      updated_at: iso(T0 + 2 * HOUR),
      verification: { state: 'durable', window_closes_at: iso(T0 + 2 * HOUR + 7 * DAY) },
      links: [],
      linked_from: [],
    });
    const early = await call(`/v1/items/jira/0-1?as_of=${iso(T0 + DAY)}`, { key: keys.viewer });
    expect(early.body).toMatchObject({ verification: { state: 'provisional' } });
    expect((await call('/v1/items/jira/no-such', { key: keys.viewer })).status).toBe(404);
    expect((await call('/v1/items/jira/0-1?colour=red', { key: keys.viewer })).status).toBe(400);
  });
});
