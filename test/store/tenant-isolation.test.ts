import { expect, it } from 'vitest';
import { getItem, listItems } from '../../src/services/kpis/read-items.js';
import { forEachEngine } from '../helpers/engines.js';
import { DAY, HOUR, ingest, ingestCostRecords, iso, newTenant } from '../helpers/ledger.js';
import { item, kpiQuery, NOW, seed, shown, T } from './kpi-dataset.js';

forEachEngine('tenant isolation in the store', ({ store }) => {
  it('keeps tenants apart: same keys, links, costs and agents in another tenant change nothing', async () => {
    const ctx = await newTenant(store(), { now: NOW });
    await seed(ctx);
    const before = await kpiQuery(ctx, {}, ['agent']);

    const other = await newTenant(store(), { now: NOW, name: 'other' });
    await ingest(other, [
      // the same key as tenant A's A4, failed here
      item('A4', {
        category: 'network',
        handled_by: 'a1',
        opened_at: iso(T + DAY + HOUR),
        outcome: 'failed',
      }),
      item('X1', {
        category: 'password',
        handled_by: 'a1',
        opened_at: iso(T + HOUR),
        resolved_at: iso(T + 2 * HOUR),
      }),
      // follow-up of "A4" opened a day later: rework in this tenant only
      item('X2', {
        handled_by: 'human',
        opened_at: iso(T + 2 * DAY),
        links: [{ kind: 'follow_up_of', source: 'servicenow', external_id: 'A4' }],
      }),
    ]);
    await ingestCostRecords(other, [
      { agent_id: 'a1', kind: 'licensing', amount: 300, starts_at: iso(T), ends_at: iso(T + 3 * DAY) },
    ]);

    expect(await kpiQuery(ctx, {}, ['agent'])).toEqual(before);
    const a4 = await getItem({ ctx, input: { source: 'servicenow', externalId: 'A4' } });
    expect(a4).toMatchObject({ outcome: 'resolved', linked_from: [], verification: { state: 'durable' } });
    const theirs = await getItem({ ctx: other, input: { source: 'servicenow', externalId: 'A4' } });
    expect(theirs.outcome).toBe('failed');
    await expect(getItem({ ctx, input: { source: 'servicenow', externalId: 'X1' } })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const listed = await listItems({ ctx, input: { filter: { from: T - DAY, to: T + 10 * DAY } } });
    expect(listed.items.map((i) => i.external_id).sort()).toEqual([
      'A1',
      'A3',
      'A4',
      'B1',
      'B2',
      'B3',
      'H1',
      'R1',
    ]);
    const otherKpis = await kpiQuery(other, {}, ['agent']);
    // the other tenant: a1 handled X1 (03-01) and A4 (03-02, failed); its own 300.00 licence lies wholly
    // in the queried period, in which a1 worked, so all of it is split over X1 and A4 → 300.00
    expect(shown(otherKpis.groups[0]?.kpis)).toMatchObject({ items_handled: [2, 2], total_cost: [300, 2] });
  });
});
