import { expect, it } from 'vitest';
import { startServer } from '../../src/cli/start-server.js';
import { createApiKey } from '../../src/services/access/api-keys.js';
import { createRandom } from '../../src/domain/stats/random.js';
import { forEachEngine } from '../helpers/engines.js';
import { DAY, HOUR, ingest, iso, newTenant, type RawItem } from '../helpers/ledger.js';

const NOW = Date.UTC(2026, 10, 30);
const ITEMS = 24_000;

/** A year of agent and human items, none of their durability windows recorded yet (the job has work). */
function yearOfItems(): RawItem[] {
  const random = createRandom(3);
  return Array.from({ length: ITEMS }, (_, i) => {
    const opened = NOW - 365 * DAY + Math.floor(random() * 360 * DAY);
    const agent = random() < 0.8;
    const u = random();
    return {
      source: 'load',
      external_id: `L${i}`,
      workflow: 'it',
      category: ['password', 'network', 'access'][i % 3] ?? 'password',
      priority: 1 + (i % 4),
      handled_by: agent ? `agent-${i % 5}` : 'human',
      opened_at: iso(opened),
      ...(u < 0.8
        ? { resolved_at: iso(opened + HOUR + Math.floor(random() * 30 * HOUR)) }
        : { outcome: 'escalated' as const }),
    };
  });
}

forEachEngine('reads never block the server', ({ store }) => {
  it('answers a cheap request within 50 ms while a year-long KPI read and the durability job run', async () => {
    const ctx = await newTenant(store(), { now: NOW });
    const items = yearOfItems();
    for (let i = 0; i < items.length; i += 5_000) await ingest(ctx, items.slice(i, i + 5_000));
    const key = await createApiKey({ ctx, input: { role: 'admin' } });
    const server = await startServer(store(), 0, '127.0.0.1', true, { smtp: null, readerThreads: 1 });
    try {
      // warm the client and the server's first request path, so the probes time only the server
      for (let i = 0; i < 5; i++) expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      // As of a moment in the past, the read takes the slow path: every item of the year, classified.
      const heavy = fetch(
        `${server.url}/v1/kpis?from=${iso(NOW - 365 * DAY)}&to=${iso(NOW)}&group_by=agent,week&as_of=${iso(NOW - HOUR)}`,
        { headers: { authorization: `Bearer ${key.key}` } },
      );
      // the job as the server runs it: on its job thread, with its own connection
      const job = server.runJob('durability', () => NOW, ctx.tenantId);
      let settled = false;
      void Promise.allSettled([heavy, job]).then(() => {
        settled = true;
      });
      const latencies: { ms: number; at: number }[] = [];
      const started0 = performance.now();
      while (!settled) {
        const started = performance.now();
        const res = await fetch(`${server.url}/healthz`);
        expect(res.status).toBe(200);
        latencies.push({ ms: performance.now() - started, at: started - started0 });
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      const answer = await heavy;
      expect(answer.status).toBe(200);
      // the reader's JSON arrives as bytes moved from its thread: whole, and typed as JSON
      expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
      const body = (await answer.json()) as { groups: { key: { agent: string } }[] };
      // 5 agents × the weeks of a year (53 ISO weeks touched)
      expect(body.groups.length).toBeGreaterThanOrEqual(5 * 52);
      expect(new Set(body.groups.map((g) => g.key.agent)).size).toBe(5);
      const [run] = await job;
      expect(run?.result).toMatchObject({ durable: expect.any(Number) });
      expect((run?.result as { durable: number }).durable).toBeGreaterThan(10_000);
      // enough probes to have covered both, and none waited on them
      expect(latencies.length).toBeGreaterThan(20);
      const slowest = latencies.reduce((a, b) => (b.ms > a.ms ? b : a));
      expect(slowest.ms, `slowest probe at ${slowest.at.toFixed(0)} ms of ${latencies.length}`).toBeLessThan(
        50,
      );
    } finally {
      await server.close();
    }
  });
});
