import { expect, it } from 'vitest';
import { bulkInsert } from '../../src/store/bulk-write.js';
import { forEachEngine } from '../helpers/engines.js';

forEachEngine('bulk INSERT written as SQL text', ({ store }) => {
  const tenant = `bulk-${Math.random().toString(36).slice(2)}`;
  const state = (id: string, status: string, updated: number) => ({
    tenant_id: `${tenant}-${id}`,
    status,
    cursor: null,
    updated_at: updated,
  });
  const read = async (ids: string[]) =>
    (
      await store()
        .db.selectFrom('rollup_state')
        .select(['tenant_id', 'status', 'updated_at'])
        .where(
          'tenant_id',
          'in',
          ids.map((id) => `${tenant}-${id}`),
        )
        .orderBy('tenant_id')
        .execute()
    ).map((r) => [r.tenant_id.slice(tenant.length + 1), r.status, Number(r.updated_at)]);

  it('inserts many rows over several statements when the parameter limit splits them', async () => {
    const rows = Array.from({ length: 25 }, (_, i) => state(`m${String(i).padStart(2, '0')}`, 'ready', i));
    // 4 columns a row and at most 10 parameters a statement: 2 rows a statement, 13 statements
    await bulkInsert(store().db, 'rollup_state', ['tenant_id', 'status', 'cursor', 'updated_at'], rows, 10);
    const back = await read(rows.map((_, i) => `m${String(i).padStart(2, '0')}`));
    expect(back).toHaveLength(25);
    expect(back[24]).toEqual(['m24', 'ready', 24]);
  });

  it('replaces a stored row only where the incoming one is newer, and a replay changes nothing', async () => {
    const columns = ['tenant_id', 'status', 'cursor', 'updated_at'] as const;
    const rule = {
      kind: 'update',
      key: ['tenant_id'],
      columns: ['status', 'updated_at'],
      whereNewer: 'updated_at',
    } as const;
    await bulkInsert(
      store().db,
      'rollup_state',
      columns,
      [state('a', 'ready', 10), state('b', 'ready', 10)],
      1000,
      rule,
    );
    await bulkInsert(
      store().db,
      'rollup_state',
      columns,
      [state('a', 'stale', 20), state('b', 'stale', 5)],
      1000,
      rule,
    );
    expect(await read(['a', 'b'])).toEqual([
      ['a', 'stale', 20],
      ['b', 'ready', 10],
    ]);
    await bulkInsert(store().db, 'rollup_state', columns, [state('a', 'stale', 20)], 1000, rule);
    expect(await read(['a'])).toEqual([['a', 'stale', 20]]);
  });

  it('keeps a stored row on conflict "nothing", and refuses a duplicate by default', async () => {
    const columns = ['tenant_id', 'status', 'cursor', 'updated_at'] as const;
    await bulkInsert(store().db, 'rollup_state', columns, [state('n', 'ready', 1)], 1000);
    await bulkInsert(store().db, 'rollup_state', columns, [state('n', 'stale', 2)], 1000, {
      kind: 'nothing',
    });
    expect(await read(['n'])).toEqual([['n', 'ready', 1]]);
    await expect(
      bulkInsert(store().db, 'rollup_state', columns, [state('n', 'stale', 3)], 1000),
    ).rejects.toThrow();
    expect(await read(['n'])).toEqual([['n', 'ready', 1]]);
  });

  it('binds values, never splices them: a quote in a value is stored as sent', async () => {
    const tricky = state(`q'); drop table items; --`, 'ready', 1);
    await bulkInsert(
      store().db,
      'rollup_state',
      ['tenant_id', 'status', 'cursor', 'updated_at'],
      [tricky],
      1000,
    );
    const back = await store()
      .db.selectFrom('rollup_state')
      .select('tenant_id')
      .where('tenant_id', '=', tricky.tenant_id)
      .execute();
    expect(back).toEqual([{ tenant_id: tricky.tenant_id }]);
    expect(await store().db.selectFrom('items').select('id').limit(1).execute()).toBeDefined();
  });
});
