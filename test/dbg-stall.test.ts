import { it } from 'vitest';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { openStore } from '../src/store/connect.js';
import { runJob } from '../src/services/run-job.js';
import { createRandom } from '../src/domain/stats/random.js';
import { DAY, HOUR, ingest, iso, newTenant, type RawItem } from './helpers/ledger.js';
const NOW = Date.UTC(2026, 10, 30);
it('dbg', async () => {
  const store = await openStore({ sqlitePath: `/tmp/stall-${Date.now()}.db` });
  const ctx = await newTenant(store, { now: NOW });
  const random = createRandom(3);
  const items: RawItem[] = Array.from({ length: 24000 }, (_, i) => {
    const opened = NOW - 365 * DAY + Math.floor(random() * 360 * DAY);
    return {
      source: 'load',
      external_id: `L${i}`,
      workflow: 'it',
      category: 'password',
      priority: 1 + (i % 4),
      handled_by: `agent-${i % 5}`,
      opened_at: iso(opened),
      resolved_at: iso(opened + HOUR),
    };
  });
  let max = 0;
  for (let i = 0; i < items.length; i += 5000) {
    const s = performance.now();
    await ingest(ctx, items.slice(i, i + 5000));
    max = Math.max(max, performance.now() - s);
  }
  console.log('ingest batch max ms', max.toFixed(0));
  const h = monitorEventLoopDelay({ resolution: 5 });
  h.enable();
  const s = performance.now();
  await runJob(store, 'durability', () => NOW, ctx.tenantId);
  h.disable();
  console.log(
    'job ms',
    (performance.now() - s).toFixed(0),
    'max stall ms',
    (h.max / 1e6).toFixed(1),
    'p99',
    (h.percentile(99) / 1e6).toFixed(1),
  );
}, 120000);
