import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createUser } from '../../src/services/access/users.js';
import { useHttpApp } from '../helpers/http.js';
import { DAY, HOUR, iso } from '../helpers/ledger.js';

const T0 = Date.UTC(2025, 8, 1);
const NOW = T0 + 30 * DAY;
const PASSWORD = 'correct horse battery staple';
const SIGN_INS = 16;

/**
 * A functional guard, not a benchmark (bench/sign-in-bench.ts measures): scrypt runs off libuv's shared
 * pool, so a gzip ingest (zlib uses that pool) does not wait behind a burst of sign-ins.
 */
describe('sign-ins and ingestion', () => {
  const { tenant, call } = useHttpApp(NOW);

  function gzipBatch(prefix: string): Uint8Array {
    const items = Array.from({ length: 20 }, (_, i) => ({
      source: 'servicenow',
      external_id: `${prefix}-${i}`,
      handled_by: 'agent-a',
      opened_at: iso(T0),
      resolved_at: iso(T0 + HOUR),
    }));
    return gzipSync(JSON.stringify({ items }));
  }

  it('a gzip POST /v1/items answers while 16 sign-ins are still in flight', async () => {
    const { ctx, keys } = await tenant();
    await createUser({ ctx, input: { email: 'ana@example.com', role: 'viewer', password: PASSWORD } });
    const signIn = () => call('/v1/session', { json: { email: 'ana@example.com', password: PASSWORD } });
    const ingest = async (prefix: string) => {
      const started = performance.now();
      const res = await call('/v1/items', {
        key: keys.ingest,
        body: gzipBatch(prefix),
        headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ accepted: 20, created: 20 });
      return performance.now() - started;
    };

    await ingest('warm-up');
    expect((await signIn()).status).toBe(200);
    const aloneRuns = [await ingest('alone-1'), await ingest('alone-2'), await ingest('alone-3')];
    const alone = [...aloneRuns].sort((a, b) => a - b)[1] ?? Number.NaN;

    let answered = 0;
    const signIns = Array.from({ length: SIGN_INS }, async () => {
      const res = await signIn();
      answered += 1;
      return res.status;
    });
    await new Promise((resolve) => setTimeout(resolve, 20)); // the sign-ins reach scrypt first
    const during = await ingest('during');
    const answeredBeforeIngest = answered;
    expect(await Promise.all(signIns)).toEqual(Array.from({ length: SIGN_INS }, () => 200));

    expect(answeredBeforeIngest).toBeLessThan(SIGN_INS);
    expect(during).toBeLessThan(1_000);
    // 10× the request alone; alone is floored at 20 ms so timer and GC noise of a few ms cannot fail it.
    expect(during).toBeLessThan(10 * Math.max(alone, 20));
  });
});
