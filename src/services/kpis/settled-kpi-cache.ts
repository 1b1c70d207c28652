import { createHash } from 'node:crypto';
import type { ItemFilter } from '../../domain/item-filter.js';
import type { KpiSet } from '../../domain/kpis/kpi-value.js';
import { windowAsOf } from '../../domain/maturity.js';
import {
  periodBucketOf,
  periodBuckets,
  type PeriodBucket,
  type PeriodUnit,
} from '../../domain/period-key.js';
import { DAY_MS } from '../../domain/time.js';
import type { BaselineBesideName, BaselineFigure } from '../../domain/value/baseline-beside.js';
import type { Store } from '../../store/connect.js';
import { listRangeCosts } from '../../store/queries/costs.js';
import { getRollupState, listRollupPeriodVersions } from '../../store/rollups/rollup-queries.js';
import { reader, type Ctx } from '../context.js';
import {
  compareGroupKeys,
  computeKpiGroups,
  timeUnitOf,
  valueMonths,
  type GroupDimension,
  type GroupKey,
  type KpiContext,
  type KpiGroup,
} from './kpi-groups.js';

/** One group of a KPI answer: its key, its KPIs, and the baseline beside them (when one is frozen). */
export interface KpiAnswerGroup {
  key: GroupKey;
  kpis: KpiSet;
  /** The frozen baseline re-weighted to this group's cohort mix, the weights named; absent without one. */
  baseline?: { version: number; kpis: Record<BaselineBesideName, BaselineFigure> };
}

/**
 * One group of an answer as the read made it: its key, its JSON text, and the object when it was
 * computed by this read (a kept group is held as text only: a year of weeks as objects is millions of
 * them for the reader's garbage collector to trace on every collection, its text is one string a group).
 */
export interface AnswerGroupText {
  key: GroupKey;
  json: string;
  value?: KpiAnswerGroup;
}

/** The object of a group, parsed from its text when the read did not compute it. */
export function groupValue(group: AnswerGroupText): KpiAnswerGroup {
  return group.value ?? (JSON.parse(group.json) as KpiAnswerGroup);
}

/** A group computed by this read, with its text. */
export function asText(value: KpiAnswerGroup): AnswerGroupText {
  return { key: value.key, json: JSON.stringify(value), value };
}

export function answerGroup(group: KpiGroup, version: number | null): KpiAnswerGroup {
  const answer: KpiAnswerGroup = { key: group.key, kpis: group.kpis };
  if (group.baseline && version !== null) answer.baseline = { version, kpis: group.baseline };
  return answer;
}

/**
 * The answer groups of a KPI query, with the groups of settled periods kept between reads.
 *
 * A query grouped by day, week or month computes each period's groups from that period's rollup rows
 * alone (each group's intervals draw from their own seed; range costs are split within a period). Once a
 * whole period has passed and holds no provisional resolution, its groups change only when something is
 * written: a rollup row of the period (its version in `rollup_periods` is raised in the writing
 * transaction), a range cost over it, or the tenant's configuration (the context's fingerprint). So the
 * groups of such a period are kept, under the period's version and a digest of its range costs, and a
 * later read with the same query computes only the periods it does not hold: the window's edges, the
 * periods still settling, and those written since. The versions are read before the rows, so a write
 * landing in between leaves its period kept under the older version, which no later read matches.
 *
 * Reads as of the past, reads while the rollups are rebuilt, and queries without a time dimension are
 * computed whole, as before.
 */
export async function answerGroupsWithSettled(
  ctx: Ctx,
  context: KpiContext,
  filter: ItemFilter,
  groupBy: readonly GroupDimension[],
  asOf: number,
): Promise<AnswerGroupText[]> {
  const version = context.baseline?.version ?? null;
  const whole = async () =>
    (await computeKpiGroups(ctx, context, filter, groupBy, asOf)).map((g) => asText(answerGroup(g, version)));
  const unit = timeUnitOf(groupBy);
  const cache = settledKpiCache(ctx.store);
  if (unit === undefined || cache.maxBytes === 0 || asOf < ctx.now()) return whole();
  const db = reader(ctx);
  const state = await getRollupState(db, ctx.tenantId);
  if (state?.status !== 'ready' || asOf < state.updated_at) return whole();

  const timeZone = context.tenant.time_zone;
  const seen = windowAsOf(filter, asOf);
  const buckets = periodBuckets(seen.from, seen.to, unit, timeZone);
  const keepable = buckets.map((b) => isWholePeriod(b, unit, timeZone) && b.to <= asOf);
  const first = buckets.find((_, i) => keepable[i]);
  const last = buckets.findLast((_, i) => keepable[i]);
  if (!first || !last) return whole();
  const versions = await listRollupPeriodVersions(db, ctx.tenantId, unit, first.from, last.to);
  const ranges = await listRangeCosts(db, ctx.tenantId, seen.from, seen.to, filter.agent ?? null);
  const query = JSON.stringify([
    ctx.tenantId,
    context.fingerprint,
    groupBy,
    filter.agent ?? null,
    filter.workflow ?? null,
    filter.category ?? null,
    filter.priority ?? null,
    filter.channel ?? null,
    valueMonths(filter, asOf, unit),
  ]);
  const stamps = buckets.map((b, i) => {
    if (!keepable[i]) return null;
    const overlapping = ranges
      .filter((r) => r.starts_at < b.to && (r.ends_at ?? r.starts_at + DAY_MS) > b.from)
      .map((r) => [r.id, r.agent_id, r.kind, r.amount_micros, r.starts_at, r.ends_at]);
    const digest = createHash('sha256').update(JSON.stringify(overlapping)).digest('base64url');
    return `${versions.get(b.from) ?? 0}:${digest}`;
  });
  const keyOf = (b: PeriodBucket) => `${query}|${b.key}`;

  const answers: AnswerGroupText[] = [];
  const runs: { from: number; to: number; buckets: number[] }[] = [];
  buckets.forEach((b, i) => {
    const stamp = stamps[i];
    const kept = stamp ? cache.get(keyOf(b), stamp) : undefined;
    if (kept) {
      answers.push(...kept);
      return;
    }
    const run = runs[runs.length - 1];
    if (run && run.to === b.from) {
      run.to = b.to;
      run.buckets.push(i);
    } else runs.push({ from: b.from, to: b.to, buckets: [i] });
  });
  if (runs.length === 1 && runs[0]?.buckets.length === buckets.length) {
    cache.misses += buckets.length;
    const groups = await computeKpiGroups(ctx, context, filter, groupBy, asOf);
    const texts = groups.map((g) => asText(answerGroup(g, version)));
    keep(cache, groups, texts, buckets, stamps, keyOf, unit);
    return texts;
  }
  cache.hits += buckets.length - runs.reduce((n, r) => n + r.buckets.length, 0);
  for (const run of runs) {
    cache.misses += run.buckets.length;
    // the last run reaches the query's own end (a window may end after asOf)
    const to = run.to === seen.to ? filter.to : run.to;
    const groups = await computeKpiGroups(
      ctx,
      context,
      { ...filter, from: run.from, to },
      groupBy,
      asOf,
      'merged',
      { valueWindow: filter },
    );
    const inRun = run.buckets.map((i) => buckets[i] as PeriodBucket);
    const texts = groups.map((g) => asText(answerGroup(g, version)));
    keep(
      cache,
      groups,
      texts,
      inRun,
      run.buckets.map((i) => stamps[i] ?? null),
      keyOf,
      unit,
    );
    answers.push(...texts);
  }
  return answers.sort((a, b) => compareGroupKeys(a.key, b.key, groupBy));
}

/** Keep the groups (as text) of each keepable bucket that holds no provisional resolution. */
function keep(
  cache: SettledKpiCache,
  groups: readonly KpiGroup[],
  texts: readonly AnswerGroupText[],
  buckets: readonly PeriodBucket[],
  stamps: readonly (string | null)[],
  keyOf: (b: PeriodBucket) => string,
  unit: PeriodUnit,
): void {
  const byPeriod = new Map<string, { group: KpiGroup; text: AnswerGroupText }[]>();
  groups.forEach((group, i) => {
    const text = texts[i];
    if (!text) return;
    const period = String(group.key[unit]);
    const list = byPeriod.get(period) ?? [];
    list.push({ group, text });
    byPeriod.set(period, list);
  });
  buckets.forEach((b, i) => {
    const stamp = stamps[i];
    if (!stamp) return;
    const own = byPeriod.get(b.key) ?? [];
    // a pending resolution settles with time alone (no write raises the version): not kept until settled
    if (own.some(({ group }) => group.cells.some((c) => c.tally.provisional !== 0))) return;
    cache.set(
      keyOf(b),
      stamp,
      own.map(({ text }) => ({ key: text.key, json: text.json })),
    );
  });
}

/** Whether a bucket is its period whole (not cut by the window's edges). */
function isWholePeriod(bucket: PeriodBucket, unit: PeriodUnit, timeZone: string): boolean {
  const period = periodBucketOf(bucket.from, unit, timeZone);
  return period.from === bucket.from && period.to === bucket.to;
}

/**
 * Settled periods' answer groups as JSON text, least recently used dropped first past `maxBytes` (the
 * texts' length).
 * One per open store (a reader thread has its own); `WORKLEDGER_KPI_CACHE_MB` sets the budget, 0 turns
 * keeping off.
 */
export class SettledKpiCache {
  private readonly entries = new Map<
    string,
    { stamp: string; groups: readonly AnswerGroupText[]; bytes: number }
  >();
  private held = 0;
  hits = 0;
  misses = 0;

  constructor(public maxBytes: number) {}

  get(key: string, stamp: string): readonly AnswerGroupText[] | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.stamp !== stamp) {
      this.drop(key);
      return undefined;
    }
    // most recently used last
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.groups;
  }

  set(key: string, stamp: string, groups: readonly AnswerGroupText[]): void {
    const bytes = groups.reduce((n, g) => n + g.json.length, 0) + key.length;
    this.drop(key);
    if (bytes > this.maxBytes) return;
    this.entries.set(key, { stamp, groups, bytes });
    this.held += bytes;
    for (const [oldest, entry] of this.entries) {
      if (this.held <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.held -= entry.bytes;
    }
  }

  /** How many periods are kept, and their size. */
  size(): { periods: number; bytes: number } {
    return { periods: this.entries.size, bytes: this.held };
  }

  clear(): void {
    this.entries.clear();
    this.held = 0;
  }

  private drop(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.held -= entry.bytes;
  }
}

const caches = new WeakMap<Store, SettledKpiCache>();

/** The cache of a store (created on first use, with the budget the environment sets). */
export function settledKpiCache(store: Store): SettledKpiCache {
  let cache = caches.get(store);
  if (!cache) caches.set(store, (cache = new SettledKpiCache(cacheBudgetBytes(process.env))));
  return cache;
}

/** The default budget: about five year-long answers by 50 agents × week. */
export const DEFAULT_KPI_CACHE_MB = 64;

/** The budget `WORKLEDGER_KPI_CACHE_MB` sets (megabytes of JSON; 0 turns keeping off). */
export function cacheBudgetBytes(env: Record<string, string | undefined>): number {
  const text = env.WORKLEDGER_KPI_CACHE_MB;
  if (text === undefined || text === '') return DEFAULT_KPI_CACHE_MB * 1024 * 1024;
  const mb = Number(text);
  if (!Number.isFinite(mb) || mb < 0)
    throw new Error(`WORKLEDGER_KPI_CACHE_MB: must be a number of megabytes, 0 or more (got '${text}')`);
  return Math.floor(mb * 1024 * 1024);
}
