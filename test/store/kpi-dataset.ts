import { expect } from 'vitest';
import type { KpiSet } from '../../src/domain/kpis/kpi-value.js';
import { putModelPrice, putWorkflow } from '../../src/services/config/configure.js';
import type { Ctx } from '../../src/services/context.js';
import { getKpis, type GroupDimension, type KpiQuery } from '../../src/services/kpis/get-kpis.js';
import { DAY, HOUR, ingest, ingestCostRecords, iso, type RawItem } from '../helpers/ledger.js';

export const T = Date.UTC(2025, 2, 1); // 2025-03-01T00:00:00Z
export const PERIOD = { from: T, to: T + 3 * DAY }; // 2025-03-01 .. 2025-03-04 (exclusive)
export const NOW = Date.UTC(2025, 3, 30); // every durability window has long closed

export function item(
  externalId: string,
  fields: Pick<RawItem, 'opened_at' | 'handled_by'> & Partial<RawItem>,
): RawItem {
  return { source: 'servicenow', external_id: externalId, workflow: 'it', priority: 3, ...fields };
}

/**
 * Workflow 'it' has SLA targets p1 = 4 h, p3 = 8 h. Items (latency = resolved − opened):
 *   a1  A1 password p3  03-01 00:00  resolved 2 h (7 200 s, SLA met)  — rework R1 → reversed
 *   a1  A3 network  p1  03-02 00:00  escalated
 *   a1  A4 network  p1  03-02 01:00  resolved 5 h (18 000 s, SLA missed: 5 h > 4 h)
 *   a2  B1 password p3  03-03 00:00  resolved 4 h (14 400 s, SLA met)
 *   a2  B2 password p3  03-03 01:00  failed
 *   a2  B3 password p3  03-03 02:00  open
 *   human H1 password p3 03-01 02:00 resolved; human R1 opened 03-05 (after the period), caused_by A1
 * Costs (a range cost is pro-rated by time; each period's share is split by count over the agent's
 * items opened in that period, open ones included, and a period without items keeps it as
 * unallocated; KPIS.md, Costs):
 *   a1 licence 30.00 over [03-01, 03-04) = 10.00 a day. Over the whole period: 30.00 ÷ 3 (A1 A3 A4)
 *     = 10.00 each. By day: 03-01 → A1 10.00; 03-02 → A3, A4 5.00 each; 03-03 → a1 has no item that
 *     day, so its 10.00 stays in that day as unallocated.
 *   a2 compute 6.00 over [03-03, 03-04), one day, 3 a2 items (B1 B2 B3) → 6.00 ÷ 3 = 2.00 each.
 *   0.50 inference on B1; B2 priced from tokens (0.40, below); an a2 licence 99.00 in April (outside).
 *   Whole period, per item: A1 10, A3 10, A4 10, B1 2.50, B2 2.40, B3 2.00 → 36.90.
 */
export const ITEMS: RawItem[] = [
  item('A1', { category: 'password', handled_by: 'a1', opened_at: iso(T), resolved_at: iso(T + 2 * HOUR) }),
  item('A3', {
    category: 'network',
    priority: 1,
    handled_by: 'a1',
    opened_at: iso(T + DAY),
    outcome: 'escalated',
  }),
  item('A4', {
    category: 'network',
    priority: 1,
    handled_by: 'a1',
    opened_at: iso(T + DAY + HOUR),
    resolved_at: iso(T + DAY + 6 * HOUR),
  }),
  item('B1', {
    category: 'password',
    handled_by: 'a2',
    opened_at: iso(T + 2 * DAY),
    resolved_at: iso(T + 2 * DAY + 4 * HOUR),
  }),
  item('B2', {
    category: 'password',
    handled_by: 'a2',
    opened_at: iso(T + 2 * DAY + HOUR),
    outcome: 'failed',
  }),
  item('B3', { category: 'password', handled_by: 'a2', opened_at: iso(T + 2 * DAY + 2 * HOUR) }),
  item('H1', {
    category: 'password',
    handled_by: 'human',
    opened_at: iso(T + 2 * HOUR),
    resolved_at: iso(T + 3 * HOUR),
  }),
  item('R1', {
    category: 'password',
    handled_by: 'human',
    opened_at: iso(T + 4 * DAY),
    links: [{ kind: 'caused_by', source: 'servicenow', external_id: 'A1' }],
  }),
];

export async function seed(ctx: Ctx): Promise<void> {
  await putWorkflow({ ctx, input: { id: 'it', body: { name: 'IT', sla_hours: { '1': 4, '3': 8 } } } });
  await putModelPrice({
    ctx,
    input: { model: 'gpt-x', body: { input_per_million: 2, output_per_million: 8 } },
  });
  await ingest(ctx, ITEMS);
  const costs = await ingestCostRecords(ctx, [
    { agent_id: 'a1', kind: 'licensing', amount: '30.00', starts_at: iso(T), ends_at: iso(T + 3 * DAY) },
    { agent_id: 'a2', kind: 'compute', amount: 6, starts_at: iso(T + 2 * DAY), ends_at: iso(T + 3 * DAY) },
    {
      agent_id: 'a2',
      item: { source: 'servicenow', external_id: 'B1' },
      kind: 'inference',
      amount: '0.50',
      starts_at: iso(T + 2 * DAY),
    },
    // 100 000 × 2.00/M = 0.20, 25 000 × 8.00/M = 0.20 → 0.40
    {
      agent_id: 'a2',
      item: { source: 'servicenow', external_id: 'B2' },
      kind: 'inference',
      model: 'gpt-x',
      tokens_in: 100_000,
      tokens_out: 25_000,
      starts_at: iso(T + 2 * DAY),
    },
    { agent_id: 'a2', kind: 'licensing', amount: 99, starts_at: '2025-04-01', ends_at: '2025-05-01' },
  ]);
  expect(costs.errors).toEqual([]);
}

const SHOWN = [
  'items_handled',
  'items_open',
  'containment_rate',
  'fcr_rate',
  'escalation_rate',
  'mttr_s',
  'latency_p50_s',
  'sla_adherence',
  'rework_rate',
  'total_cost',
  'cost_per_output',
  'unallocated_cost',
] as const;

/** The KPIs the store suites check, as [value, n]. */
export function shown(kpis: KpiSet | undefined): Record<string, [number | null, number]> {
  if (!kpis) throw new Error('missing group');
  return Object.fromEntries(SHOWN.map((name) => [name, [kpis[name].value, kpis[name].n]]));
}

/** getKpis over PERIOD narrowed by `filter`, grouped by `groupBy`. */
export function kpiQuery(ctx: Ctx, filter: Partial<KpiQuery['filter']> = {}, groupBy: GroupDimension[] = []) {
  return getKpis({ ctx, input: { filter: { ...PERIOD, ...filter }, groupBy } });
}
