import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { MAX_BATCH_RECORDS } from '../../src/ingest/batch-body.js';
import { MAX_BODY_BYTES } from '../../src/http/read-body.js';
import { useHttpApp } from '../helpers/http.js';
import { DAY, HOUR, iso, type RawItem } from '../helpers/ledger.js';

const T0 = Date.UTC(2025, 8, 1);
const NOW = T0 + 30 * DAY;

function ticket(externalId: string, overrides: Partial<RawItem> = {}): RawItem {
  return {
    source: 'servicenow',
    external_id: externalId,
    workflow: 'it',
    category: 'password',
    priority: 3,
    opened_at: iso(T0),
    resolved_at: iso(T0 + HOUR),
    handled_by: 'agent-a',
    ...overrides,
  };
}

const ndjson = (lines: unknown[]) =>
  lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n');

describe('POST /v1/items', () => {
  const { tenant, call } = useHttpApp(NOW);

  async function stored(key: string, externalId: string): Promise<number> {
    return (await call(`/v1/items/servicenow/${externalId}`, { key })).status;
  }

  it('answers 422 when not one record is accepted, with the summary and the first refusal as the error', async () => {
    const { keys } = await tenant();
    const res = await call('/v1/items', {
      key: keys.ingest,
      json: { items: [ticket('X1', { opened_at: 'not a time' }), ticket('X2', { priority: 9 })] },
    });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({
      error: {
        code: 'VALIDATION',
        message: expect.stringMatching(
          /^no record was accepted: 2 refused, the first at index 0: /,
        ) as unknown,
        field: 'opened_at',
      },
      accepted: 0,
      created: 0,
      errors: [
        { index: 0, field: 'opened_at' },
        { index: 1, field: 'priority' },
      ],
    });
    expect(await stored(keys.viewer, 'X1')).toBe(404);
    // the same for costs
    const costs = await call('/v1/costs', {
      key: keys.ingest,
      json: {
        costs: [{ id: 'c1', agent_id: 'agent-a', kind: 'inference', amount: 'lots', starts_at: iso(T0) }],
      },
    });
    expect(costs.status).toBe(422);
    expect(costs.body).toMatchObject({ error: { code: 'VALIDATION', field: 'amount' }, accepted: 0 });
  });

  it('answers 200 with every item accepted', async () => {
    const { keys } = await tenant();
    const res = await call('/v1/items', { key: keys.ingest, json: { items: [ticket('A'), ticket('B')] } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ accepted: 2, created: 2, updated: 0, unchanged: 0, errors: [] });
    const item = await call('/v1/items/servicenow/A', { key: keys.viewer });
    expect(item.status).toBe(200);
    expect(item.body).toMatchObject({
      source: 'servicenow',
      external_id: 'A',
      outcome: 'resolved',
      opened_at: iso(T0),
      verification: { state: 'durable' }, // resolved T0 + 1 h; 7-day window closed before NOW = T0 + 30 d
    });
  });

  it('answers 207 naming each bad item; the good ones are stored and the bad write nothing', async () => {
    const { keys } = await tenant();
    const res = await call('/v1/items', {
      key: keys.ingest,
      json: {
        items: [
          ticket('G1'),
          ticket('BAD-priority', { priority: 9 }),
          ticket('G2'),
          { ...ticket('BAD-unknown'), colour: 'blue' },
          { ...ticket('BAD-type'), reopen_count: 'twice' },
          ticket('BAD-time', { resolved_at: iso(T0 - HOUR) }),
          { ...ticket('BAD-link'), links: [{ kind: 'blames', source: 's', external_id: 'x' }] },
          {
            ...ticket('BAD-link-field'),
            links: [{ kind: 'caused_by', source: 's', external_id: 'x', note: 1 }],
          },
        ],
      },
    });
    expect(res.status).toBe(207);
    expect(res.body).toMatchObject({ accepted: 2, created: 2 });
    expect(res.body).toHaveProperty('errors', [
      { index: 1, field: 'priority', message: expect.any(String) },
      { index: 3, field: 'colour', message: expect.stringMatching(/unknown field.*colour/) },
      { index: 4, field: 'reopen_count', message: expect.any(String) },
      { index: 5, field: 'resolved_at', message: 'is before opened_at' },
      { index: 6, field: 'links[0].kind', message: expect.any(String) },
      { index: 7, field: 'links[0].note', message: expect.stringMatching(/unknown field.*note/) },
    ]);
    expect(await stored(keys.viewer, 'G1')).toBe(200);
    expect(await stored(keys.viewer, 'G2')).toBe(200);
    for (const bad of ['BAD-priority', 'BAD-unknown', 'BAD-type', 'BAD-time', 'BAD-link', 'BAD-link-field'])
      expect(await stored(keys.viewer, bad)).toBe(404);
  });

  it('answers 400 when the body itself is unreadable', async () => {
    const { keys } = await tenant();
    const cases: [string, string, string][] = [
      ['bad JSON', '{"items": [', 'body'],
      ['an array', '[]', 'body'],
      ['a string', '"items"', 'body'],
      ['null', 'null', 'body'],
      ['an unknown top-level field', JSON.stringify({ items: [], extra: true }), 'extra'],
      ['items not an array', JSON.stringify({ items: { a: 1 } }), 'items'],
    ];
    for (const [label, body, field] of cases) {
      const res = await call('/v1/items', { key: keys.ingest, body });
      expect(res.status, label).toBe(400);
      expect(res.body, label).toMatchObject({
        error: { code: 'VALIDATION', field, message: expect.any(String), requestId: expect.any(String) },
      });
    }
  });

  it('takes NDJSON, and a bad line rejects only that record (207)', async () => {
    const { keys } = await tenant();
    const ok = await call('/v1/items', {
      key: keys.ingest,
      body: ndjson([ticket('N1'), ticket('N2')]) + '\n',
      headers: { 'content-type': 'application/x-ndjson' },
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ accepted: 2, created: 2, errors: [] });

    const mixed = await call('/v1/items', {
      key: keys.ingest,
      body: ndjson([ticket('N3'), '{"source": "servicenow",', '', ticket('N4', { priority: 'urgent' })]),
      headers: { 'content-type': 'application/x-ndjson; charset=utf-8' },
    });
    expect(mixed.status).toBe(207);
    // the empty line is skipped: indexes count records, not lines
    expect(mixed.body).toMatchObject({
      accepted: 1,
      errors: [
        { index: 1, field: '(line)', message: 'line 2 is not valid JSON' },
        { index: 2, field: 'priority', message: expect.any(String) },
      ],
    });
    expect(await stored(keys.viewer, 'N3')).toBe(200);
    expect(await stored(keys.viewer, 'N4')).toBe(404);
  });

  it('takes a gzip body (Content-Encoding: gzip), JSON and NDJSON', async () => {
    const { keys } = await tenant();
    const json = await call('/v1/items', {
      key: keys.ingest,
      body: gzipSync(JSON.stringify({ items: [ticket('Z1')] })),
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
    });
    expect(json.status).toBe(200);
    expect(json.body).toMatchObject({ accepted: 1, created: 1 });
    const lines = await call('/v1/items', {
      key: keys.ingest,
      body: gzipSync(ndjson([ticket('Z2'), ticket('Z3')])),
      headers: { 'content-type': 'application/x-ndjson', 'content-encoding': 'gzip' },
    });
    expect(lines.status).toBe(200);
    expect(lines.body).toMatchObject({ accepted: 2, created: 2 });
    expect(await stored(keys.viewer, 'Z3')).toBe(200);

    // bytes that are not gzip: the body is unreadable
    const broken = await call('/v1/items', {
      key: keys.ingest,
      body: 'not gzip at all',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
    });
    expect(broken.status).toBe(400);
  });

  it('answers 413 above 10,000 items, in JSON and in NDJSON, and stores none of them', async () => {
    const { keys } = await tenant();
    const many = Array.from({ length: MAX_BATCH_RECORDS + 1 }, (_, i) => ticket(`M${i}`));
    const json = await call('/v1/items', { key: keys.ingest, json: { items: many } });
    expect(json.status).toBe(413);
    expect(json.body).toMatchObject({ error: { code: 'LIMIT_EXCEEDED' } });
    const lines = await call('/v1/items', {
      key: keys.ingest,
      body: ndjson(many),
      headers: { 'content-type': 'application/x-ndjson' },
    });
    expect(lines.status).toBe(413);
    expect(await stored(keys.viewer, 'M0')).toBe(404);

    // exactly 10,000 is allowed
    const limit = await call('/v1/items', {
      key: keys.ingest,
      json: { items: many.slice(0, MAX_BATCH_RECORDS) },
    });
    expect(limit.status).toBe(200);
    expect(limit.body).toMatchObject({ accepted: MAX_BATCH_RECORDS, created: MAX_BATCH_RECORDS });
  });

  it('answers 413 for a body over the byte limit: declared, streamed, or gzipped', async () => {
    const { keys } = await tenant();
    const declared = await call('/v1/items', {
      key: keys.ingest,
      body: '{"items": []}',
      headers: { 'content-length': String(MAX_BODY_BYTES + 1) },
    });
    expect(declared.status).toBe(413);

    // 32 MiB + 1 byte of JSON whitespace, with no length declared
    const padded = `{"items": []${' '.repeat(MAX_BODY_BYTES)}}`;
    const streamed = await call('/v1/items', { key: keys.ingest, body: padded });
    expect(streamed.status).toBe(413);
    expect(streamed.body).toMatchObject({ error: { code: 'LIMIT_EXCEEDED' } });

    // a gzip body whose compressed bytes alone pass 32 MiB (level 0: stored, not compressed)
    const stored32 = gzipSync(Buffer.alloc(MAX_BODY_BYTES + 1, ' '), { level: 0 });
    const gzipped = await call('/v1/items', {
      key: keys.ingest,
      body: stored32,
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
    });
    expect(gzipped.status).toBe(413);

    // well compressed, but it inflates past the 128 MiB limit
    const bomb = gzipSync(Buffer.alloc(129 * 1024 * 1024, ' '), { level: 1 });
    const inflated = await call('/v1/items', {
      key: keys.ingest,
      body: bomb,
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
    });
    expect(inflated.status).toBe(413);
  });

  it('answers 415 for a content type or encoding it does not take', async () => {
    const { keys } = await tenant();
    const text = await call('/v1/items', {
      key: keys.ingest,
      body: JSON.stringify({ items: [ticket('U1')] }),
      headers: { 'content-type': 'text/plain' },
    });
    expect(text.status).toBe(415);
    expect(text.body).toMatchObject({ error: { code: 'UNSUPPORTED_MEDIA_TYPE' } });
    const brotli = await call('/v1/items', {
      key: keys.ingest,
      body: JSON.stringify({ items: [ticket('U2')] }),
      headers: { 'content-type': 'application/json', 'content-encoding': 'br' },
    });
    expect(brotli.status).toBe(415);
    expect(await stored(keys.viewer, 'U1')).toBe(404);
  });

  it('replays idempotently: the same batch again changes nothing, not even the audit chain', async () => {
    const { keys } = await tenant();
    const batch = { items: [ticket('I1'), ticket('I2', { outcome: 'escalated', resolved_at: null })] };
    const first = await call('/v1/items', { key: keys.ingest, json: batch });
    expect(first.body).toMatchObject({ accepted: 2, created: 2, updated: 0, unchanged: 0 });
    const chainBefore = await call('/v1/audit/verify', { key: keys.admin });
    const itemBefore = await call('/v1/items/servicenow/I1', { key: keys.viewer });

    const again = await call('/v1/items', { key: keys.ingest, json: batch });
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ accepted: 2, created: 0, updated: 0, unchanged: 2, errors: [] });
    expect((await call('/v1/audit/verify', { key: keys.admin })).body).toEqual(chainBefore.body);
    expect((await call('/v1/items/servicenow/I1', { key: keys.viewer })).body).toEqual(itemBefore.body);
  });

  it('keeps the newest updated_at: a late older update changes nothing', async () => {
    const { keys } = await tenant();
    const newer = ticket('L1', { category: 'vpn', updated_at: iso(T0 + 3 * HOUR) });
    const older = ticket('L1', {
      category: 'stale',
      outcome: 'escalated',
      resolved_at: null,
      updated_at: iso(T0 + 2 * HOUR),
    });
    expect((await call('/v1/items', { key: keys.ingest, json: { items: [newer] } })).body).toMatchObject({
      created: 1,
    });
    const late = await call('/v1/items', { key: keys.ingest, json: { items: [older] } });
    expect(late.status).toBe(200);
    expect(late.body).toMatchObject({ accepted: 1, created: 0, updated: 0, unchanged: 1 });
    expect((await call('/v1/items/servicenow/L1', { key: keys.viewer })).body).toMatchObject({
      category: 'vpn',
      outcome: 'resolved',
      updated_at: iso(T0 + 3 * HOUR),
    });
  });
});

describe('POST /v1/items/other-records', () => {
  const { tenant, call } = useHttpApp(NOW);

  it("counts the stored items a batch would update although they are another system's records", async () => {
    const { keys } = await tenant();
    const stored = ['INC1', 'INC2', 'INC3'].map((external_id, i) => ({
      source: 'servicenow',
      external_id,
      opened_at: iso(NOW - DAY),
      handled_by: 'human',
      attributes: { sys_id: `a${i}` },
    }));
    expect((await call('/v1/items', { key: keys.ingest, json: { items: stored } })).status).toBe(200);
    // INC1 the same record; INC2 and INC3 another instance's (other sys_id); INC9 not stored
    const records = [
      { source: 'servicenow', external_id: 'INC1', id: 'a0' },
      { source: 'servicenow', external_id: 'INC2', id: 'b1' },
      { source: 'servicenow', external_id: 'INC3', id: 'b2' },
      { source: 'servicenow', external_id: 'INC9', id: 'b9' },
    ];
    const found = await call('/v1/items/other-records', {
      key: keys.ingest,
      json: { identity: 'sys_id', records },
    });
    expect(found.status).toBe(200);
    expect(found.body).toEqual({ count: 2, examples: ['INC2', 'INC3'] });
    const bad = await call('/v1/items/other-records', {
      key: keys.ingest,
      json: { identity: 'sys_id', records: [{ source: 'servicenow', id: 'x' }] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { field: 'records.0.external_id' } });
    const viewer = await call('/v1/items/other-records', {
      key: keys.viewer,
      json: { identity: 'sys_id', records },
    });
    expect(viewer.status).toBe(403);
  });
});
