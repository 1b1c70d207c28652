import { describe, expect, it } from 'vitest';
import { resolveTarget } from '../../src/cli/connection.js';
import { runRead } from '../../src/services/reads/run-read.js';
import type { Ctx } from '../../src/services/context.js';
import { openTestStore } from '../helpers/engines.js';
import { DAY, HOUR, ingest, iso, newTenant } from '../helpers/ledger.js';

const NOW = Date.UTC(2026, 5, 15);
const FROM = Date.UTC(2026, 5, 1);
const TO = Date.UTC(2026, 5, 8);

/** A clock that moves on a second at every reading, as Date.now does over a read. */
function movingClock(start: number): () => number {
  let t = start;
  return () => (t += 1000);
}

describe('a read as of now sees one instant', () => {
  it('uses the rollups on a moving clock, as on a stopped one (in-process reads, the CLI)', async () => {
    const { store, dispose } = await openTestStore('sqlite');
    try {
      const ctx = await newTenant(store, { now: NOW });
      await ingest(
        ctx,
        [0, 1, 2, 3].map((i) => ({
          source: 'agent',
          external_id: `A${i}`,
          opened_at: iso(FROM + i * DAY),
          resolved_at: iso(FROM + i * DAY + HOUR),
          handled_by: 'bot',
          outcome: 'resolved' as const,
        })),
      );
      // The items now say what the rollups do not: one outcome changed behind the ingestion core's back.
      // A read from the rollups still counts 0 failed of 4; a read from the items counts 1 of 4.
      await store.db
        .updateTable('items')
        .set({ outcome: 'failed' })
        .where('tenant_id', '=', ctx.tenantId)
        .where('external_id', '=', 'A0')
        .execute();
      const errorRate = async (reader: Ctx, asOf?: number) => {
        const answer = await runRead(reader, 'getKpis', {
          filter: { from: FROM, to: TO },
          groupBy: [],
          ...(asOf === undefined ? {} : { asOf }),
        });
        return answer.groups[0]?.kpis.error_rate.value;
      };
      expect(await errorRate(ctx)).toBe(0); // the stopped clock of the tests: the rollups
      expect(await errorRate({ ...ctx, now: movingClock(NOW) })).toBe(0); // before: 0.25, the items
      expect(await errorRate(ctx, NOW - HOUR)).toBe(0.25); // a past as-of reads the items, as it must

      // the CLI's context is stopped at the command's start
      const db = 'sqlitePath' in store.options ? store.options.sqlitePath : '';
      const target = await resolveTarget({ db, tenant: ctx.tenantId }, {}, '/nonexistent');
      if (target.kind !== 'direct') throw new Error('expected the database target');
      const first = target.ctx.now();
      await new Promise((resolve) => setTimeout(resolve, 5));
      expect(target.ctx.now()).toBe(first);
      await target.store.close();
    } finally {
      await dispose();
    }
  });
});
