import { sql, type RawBuilder } from 'kysely';
import type { Store } from '../../src/store/connect.js';
import { percentiles } from './samples.js';

/** A grouping of the benchmark: none, by agent, by agent and ISO week. */
export type Grouping = 'none' | 'agent' | 'agent,week';
export const GROUPINGS: readonly Grouping[] = ['none', 'agent', 'agent,week'];

/** What the scan found, to check it against the API's answer. */
export interface ScanAnswer {
  groups: number;
  /** Agent-handled items that are not open, over every group: the API's items_handled. */
  handled: number;
  /** Groups with latency percentiles (some agent resolution). */
  latencyGroups: number;
}

export interface ScanWindow {
  tenantId: string;
  from: number;
  to: number;
  asOf: number;
  durabilityWindowMs: number;
}

// ISO weeks start on Monday; 1970-01-05 was one, 4 days after the epoch.
const MONDAY_MS = 4 * 86_400_000;
const WEEK_MS = 7 * 86_400_000;
const AGENT = sql`handled_by <> 'human'`;
const RESOLVED = sql`${AGENT} and outcome = 'resolved'`;
const LATENCY = sql`coalesce(resolved_at, closed_at) - opened_at`;

function groupColumns(grouping: Grouping): RawBuilder<unknown>[] {
  switch (grouping) {
    case 'none':
      return [];
    case 'agent':
      return [sql`handled_by`];
    case 'agent,week':
      // Literals, not parameters: better-sqlite3 binds numbers as REAL, which would make this a float division.
      return [sql`handled_by`, sql`(opened_at - ${sql.lit(MONDAY_MS)}) / ${sql.lit(WEEK_MS)}`];
    default: {
      const unreachable: never = grouping;
      throw new RangeError(`unknown grouping ${String(unreachable)}`);
    }
  }
}

const count = (condition: RawBuilder<unknown>) => sql`sum(case when ${condition} then 1 else 0 end)`;

/**
 * The count and rate KPIs and mean times of every group straight from `items` (one GROUP BY with CASE
 * sums), and the latency percentiles p50/p90/p95 of agent resolutions: PostgreSQL's percentile_cont in
 * the same query; SQLite has none, so its latencies are fetched and interpolated the same way here.
 */
export async function directScan(store: Store, window: ScanWindow, grouping: Grouping): Promise<ScanAnswer> {
  const columns = groupColumns(grouping);
  const keys = columns.map((c, i) => sql`${c} as ${sql.ref(`g${i}`)}`);
  const groupBy = columns.length ? sql`group by ${sql.join(columns)}` : sql``;
  const where = sql`tenant_id = ${window.tenantId} and opened_at >= ${window.from} and opened_at < ${window.to}`;
  const settledBefore = window.asOf - window.durabilityWindowMs;
  const measures = [
    sql`count(*) as items`,
    sql`${count(AGENT)} as agent_items`,
    sql`${count(sql`${AGENT} and outcome <> 'open'`)} as handled`,
    sql`${count(sql`${AGENT} and outcome = 'open'`)} as open`,
    sql`${count(RESOLVED)} as resolved`,
    sql`${count(sql`${RESOLVED} and reassignment_count = 0 and reopen_count = 0`)} as first_contact`,
    sql`${count(sql`${AGENT} and outcome = 'escalated'`)} as escalated`,
    sql`${count(sql`${AGENT} and outcome = 'failed'`)} as failed`,
    sql`${count(sql`${RESOLVED} and reopen_count > 0`)} as reopened`,
    sql`${count(sql`${AGENT} and durable_at <= ${window.asOf}`)} as durable`,
    sql`${count(sql`${AGENT} and reversed_at <= ${window.asOf}`)} as reversed`,
    sql`${count(sql`${RESOLVED} and reversed_at is null and coalesce(resolved_at, closed_at) > ${settledBefore}`)} as provisional`,
    sql`${count(sql`${RESOLVED} and state_change_verified = 1`)} as state_verified`,
    sql`avg(case when ${AGENT} then csat end) as csat_mean`,
    sql`avg(case when ${RESOLVED} then ${LATENCY} end) as mttr_ms`,
    sql`avg(case when ${AGENT} then first_response_at - opened_at end) as first_response_ms`,
  ];
  switch (store.engine) {
    case 'postgres': {
      const latency = sql`percentile_cont(array[0.5, 0.9, 0.95]) within group (order by case when ${RESOLVED} then ${LATENCY} end) as latency_ms`;
      const rows = await sql<{
        handled: number;
        latency_ms: number[] | null;
      }>`select ${sql.join([...keys, ...measures, latency])} from items where ${where} ${groupBy}`.execute(
        store.db,
      );
      return answer(rows.rows, rows.rows.filter((r) => r.latency_ms?.[0] != null).length);
    }
    case 'sqlite': {
      const rows = await sql<{
        handled: number;
      }>`select ${sql.join([...keys, ...measures])} from items where ${where} ${groupBy}`.execute(store.db);
      const latencies = await sql<
        Record<string, number>
      >`select ${sql.join([...keys, sql`${LATENCY} as latency`])} from items where ${where} and ${RESOLVED}`.execute(
        store.db,
      );
      const byGroup = new Map<string, number[]>();
      for (const row of latencies.rows) {
        const key = keys.map((_, i) => row[`g${i}`]).join('\u0000');
        const list = byGroup.get(key) ?? [];
        list.push(row.latency ?? 0);
        byGroup.set(key, list);
      }
      const latencyGroups = [...byGroup.values()].map((list) => percentiles(list, [0.5, 0.9, 0.95]));
      return answer(rows.rows, latencyGroups.length);
    }
    default: {
      const unreachable: never = store.engine;
      throw new RangeError(`unknown engine ${String(unreachable)}`);
    }
  }
}

function answer(rows: readonly { handled: number }[], latencyGroups: number): ScanAnswer {
  return { groups: rows.length, handled: rows.reduce((sum, r) => sum + Number(r.handled), 0), latencyGroups };
}
