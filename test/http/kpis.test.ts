import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { KPI_NAMES } from '../../src/domain/kpis/kpi-value.js';
import { useHttpApp } from '../helpers/http.js';
import { DAY, iso } from '../helpers/ledger.js';
import { dataset, NOW, PERIOD, T0 } from './week-dataset.js';

const KpiValueShape = z.strictObject({
  value: z.number().nullable(),
  ci: z.tuple([z.number(), z.number()]).nullable(),
  n: z.number().int().nonnegative(),
  low_n: z.literal(true).optional(),
  reason: z.string().optional(),
});

const KpiAnswerShape = z.strictObject({
  from: z.string(),
  to: z.string(),
  as_of: z.string(),
  currency: z.string(),
  baseline_version: z.number().nullable(),
  filters: z.record(z.string(), z.unknown()),
  group_by: z.array(z.string()),
  maturity: z.strictObject({ settled: z.boolean(), settles_at: z.string() }),
  groups: z.array(
    z.strictObject({
      key: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
      kpis: z.record(z.string(), KpiValueShape),
    }),
  ),
  comparison: z
    .strictObject({
      basis: z.enum(['settled', 'equal_maturity']),
      previous: z.strictObject({ from: z.string(), to: z.string(), as_of: z.string() }),
      multiple_comparisons: z.string(),
      groups: z.array(
        z.strictObject({ key: z.record(z.string(), z.unknown()), kpis: z.record(z.string(), z.unknown()) }),
      ),
    })
    .optional(),
});

describe('GET /v1/kpis', () => {
  const { tenant, call } = useHttpApp(NOW);

  it('answers { from, to, filters, groups: [{ key, kpis: { NAME: { value, ci, n } } }] } with every KPI name', async () => {
    const { keys } = await tenant();
    await call('/v1/items', { key: keys.ingest, json: { items: dataset() } });
    const res = await call(`/v1/kpis?${PERIOD}&group_by=agent&agent=agent-a&agent=agent-b`, {
      key: keys.viewer,
    });
    expect(res.status).toBe(200);
    const answer = KpiAnswerShape.parse(res.body);
    expect(answer).toMatchObject({
      from: iso(T0),
      to: iso(T0 + 7 * DAY),
      as_of: iso(NOW),
      currency: 'USD',
      filters: { agent: ['agent-a', 'agent-b'] },
      group_by: ['agent'],
    });
    expect(answer.groups.map((g) => g.key)).toEqual([{ agent: 'agent-a' }, { agent: 'agent-b' }]);
    for (const group of answer.groups) expect(Object.keys(group.kpis)).toEqual([...KPI_NAMES]);

    const [a, b] = answer.groups;
    // agent-a: 15 handled (d-0, d-1, d-2 × 5 days), 10 resolved, 5 escalated
    expect(a?.kpis.items_handled).toEqual({ value: 15, ci: null, n: 15, low_n: true });
    expect(a?.kpis.containment_rate).toMatchObject({ value: 10 / 15, n: 15 });
    expect(a?.kpis.escalation_rate).toMatchObject({ value: 5 / 15, n: 15 });
    // latencies 1 h and 2 h five times each: mean 5 400 s, median (3 600 + 7 200) / 2 = 5 400 s
    expect(a?.kpis.mttr_s).toMatchObject({ value: (5 * 3_600 + 5 * 7_200) / 10, n: 10 });
    expect(a?.kpis.latency_p50_s).toMatchObject({ value: 5_400, n: 10 });
    // agent-b: 5 handled, all resolved after 3 h
    expect(b?.kpis.items_handled?.value).toBe(5);
    expect(b?.kpis.containment_rate).toMatchObject({ value: 1, n: 5 });
    expect(b?.kpis.mttr_s).toMatchObject({ value: 3 * 3_600, n: 5 });
    // without a baseline the value KPIs have no value, and say why
    expect(a?.kpis.roi).toMatchObject({ value: null, ci: null, reason: expect.stringMatching(/baseline/) });
  });

  it('groups by several dimensions and by calendar periods', async () => {
    const { keys } = await tenant();
    await call('/v1/items', { key: keys.ingest, json: { items: dataset() } });
    const byDay = KpiAnswerShape.parse(
      (await call(`/v1/kpis?${PERIOD}&group_by=day,category`, { key: keys.viewer })).body,
    );
    // 5 days × 2 categories: access (d-0, d-1 agent-a; d-4 human) and network (d-2 agent-a, d-3 agent-b)
    expect(byDay.groups).toHaveLength(10);
    expect(byDay.groups[0]?.key).toEqual({ day: '2025-01-06', category: 'access' });
    expect(byDay.groups[1]?.key).toEqual({ day: '2025-01-06', category: 'network' });
    expect(byDay.groups[1]?.kpis.escalation_rate).toMatchObject({ value: 1 / 2, n: 2 });
    const byWeek = KpiAnswerShape.parse(
      (await call(`/v1/kpis?${PERIOD}&group_by=week`, { key: keys.viewer })).body,
    );
    expect(byWeek.groups.map((g) => [g.key, g.kpis.items_handled?.value])).toEqual([
      [{ week: '2025-W02' }, 20],
    ]);
  });

  it('answers one group with no grouping, and 400 for bad group_by, missing or bad window', async () => {
    const { keys } = await tenant();
    const empty = KpiAnswerShape.parse((await call(`/v1/kpis?${PERIOD}`, { key: keys.viewer })).body);
    expect(empty.groups).toHaveLength(1);
    expect(empty.groups[0]?.key).toEqual({});
    expect(empty.groups[0]?.kpis.items_handled).toMatchObject({ value: 0, n: 0 });
    expect(empty.groups[0]?.kpis.containment_rate).toMatchObject({ value: null, reason: 'no handled items' });

    const cases: [string, string][] = [
      [`${PERIOD}&group_by=colour`, 'group_by'],
      [`${PERIOD}&group_by=agent,year`, 'group_by'],
      [`to=${iso(T0)}`, 'from'],
      [`from=${iso(T0)}`, 'to'],
      [``, 'from'],
      [`from=${iso(T0)}&to=${iso(T0)}`, 'to'],
      [`from=${iso(T0)}&to=2025-13-01`, 'to'],
      [`${PERIOD}&as_of=soon`, 'as_of'],
      [`${PERIOD}&outcome=resolved`, 'outcome'],
      [`${PERIOD}&compare=last-year`, 'compare'],
      [`${PERIOD}&compare=previous&group_by=day`, 'compare'],
    ];
    for (const [query, field] of cases) {
      const res = await call(`/v1/kpis?${query}`, { key: keys.viewer });
      expect(res.status, query).toBe(400);
      expect(res.body, query).toMatchObject({ error: { code: 'VALIDATION', field } });
    }
  });
});

describe('GET /v1/kpis?compare=previous and GET /v1/items?kpi=…', () => {
  const { tenant, call } = useHttpApp(NOW);

  it('answers the previous period beside each group, and lists the items behind a KPI with their count', async () => {
    const { keys } = await tenant();
    await call('/v1/items', { key: keys.ingest, json: { items: dataset() } });
    const res = await call(`/v1/kpis?${PERIOD}&compare=previous&group_by=agent`, { key: keys.viewer });
    expect(res.status).toBe(200);
    const answer = KpiAnswerShape.parse(res.body);
    expect(answer.comparison?.previous).toMatchObject({ from: iso(T0 - 7 * DAY), to: iso(T0) });
    expect(answer.comparison?.groups.map((g) => g.key)).toEqual(answer.groups.map((g) => g.key));

    const agent = answer.groups[0];
    const handled = agent?.kpis.items_handled;
    const items = await call(
      `/v1/items?${PERIOD}&agent=${String(agent?.key.agent)}&kpi=items_handled&part=denominator&limit=1000`,
      { key: keys.viewer },
    );
    expect(items.status).toBe(200);
    expect(items.body).toMatchObject({ kpi: 'items_handled', part: 'denominator', count: handled?.n });
    for (const [query, field] of [
      [`${PERIOD}&kpi=nope`, 'kpi'],
      [`${PERIOD}&kpi=mttr_s&part=numerator`, 'part'],
      [`${PERIOD}&kpi=mttr_s&part=half`, 'part'],
      [`${PERIOD}&part=numerator`, 'part'],
      [`${PERIOD}&kpi=mttr_s&outcome=resolved`, 'outcome'],
    ] as const) {
      const bad = await call(`/v1/items?${query}`, { key: keys.viewer });
      expect(bad.status, query).toBe(400);
      expect(bad.body, query).toMatchObject({ error: { code: 'VALIDATION', field } });
    }
  });
});

describe('GET /v1/audit/verify', () => {
  const { tenant, call } = useHttpApp(NOW);

  it('answers ok for an untouched chain', async () => {
    const { keys } = await tenant();
    await call('/v1/items', { key: keys.ingest, json: { items: dataset().slice(0, 3) } });
    await call('/v1/items', { key: keys.ingest, json: { items: dataset().slice(3, 5) } });
    const res = await call('/v1/audit/verify', { key: keys.admin });
    expect(res.status).toBe(200);
    // tenant.create, 4 × api_key.create (one per role), 2 × items.ingest; each writes its rows as leaves:
    // 1 tenant + 4 keys + 3 + 2 items = 10
    expect(res.body).toMatchObject({
      ok: true,
      entries: 7,
      leaves: 10,
      rows: { tenants: 1, api_keys: 4, items: 5 },
      checkpoints: 0,
      head: expect.stringMatching(/^[0-9a-f]{64}$/),
      head_seq: 7,
      checkpoint: null,
    });
  });
});
