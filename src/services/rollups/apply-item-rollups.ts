import type { Transaction } from 'kysely';
import { WorkledgerError } from '../../domain/errors.js';
import { COST_KINDS, type CostKind } from '../../domain/item-input.js';
import {
  applyContribution,
  emptyTally,
  itemContribution,
  sampleValuesOf,
  type Tally,
  type TallyOptions,
} from '../../domain/kpis/tally.js';
import { periodStartsOf } from '../../domain/period-key.js';
import { storedVerificationState } from '../../domain/verification.js';
import type { ItemRow } from '../../store/queries/items-write.js';
import { toKpiItem } from '../../store/item-row.js';
import { sumAttachedCostsOfItems } from '../../store/queries/attached-costs-by-kind.js';
import {
  getRollupRows,
  getRollupState,
  markRollupsWritten,
  saveRollupRows,
} from '../../store/rollups/rollup-queries.js';
import {
  ROLLUP_GRAINS,
  cellKeyId,
  rollupKeyId,
  rollupKeyIdOf,
  rowOfTally,
  tallyOfRow,
  type RollupKey,
  type RollupRow,
} from '../../store/rollups/rollup-row.js';
import type { Database } from '../../store/schema.js';

/** One write of an item row: as it was (null when new) and as it is now. */
export interface ItemChange {
  before: ItemRow | null;
  after: ItemRow;
}

/** What counting an item into rollups needs: the tenant's zone, and the KPI settings of tallyItem. */
export interface RollupSettings extends TallyOptions {
  readonly timeZone: string;
  /** When the write happens: rollups answer reads as of this moment or later. */
  readonly now: number;
}

/** The day, week and month buckets (in the tenant's zone) of an item of a handler and cohort. */
export function bucketKeys(row: ItemRow, timeZone: string): RollupKey[] {
  const cohort = {
    workflow: row.workflow,
    category: row.category,
    priority: row.priority,
    channel: row.channel,
  };
  const starts = periodStartsOf(row.opened_at, timeZone);
  return ROLLUP_GRAINS.map((grain) => ({
    grain,
    periodStart: starts[grain],
    handler: row.handled_by,
    cohort,
  }));
}

/** A row's bucket keys with their ids, worked out once per row of a batch. */
interface KeyedRow {
  readonly keys: readonly RollupKey[];
  readonly ids: readonly string[];
}

function keyedRow(row: ItemRow, timeZone: string): KeyedRow {
  const keys = bucketKeys(row, timeZone);
  const first = keys[0];
  const cell = first ? cellKeyId(first.handler, first.cohort) : '';
  return { keys, ids: keys.map((k) => rollupKeyIdOf(k.grain, k.periodStart, cell)) };
}

/**
 * Keep the rollups true to a batch of item writes, inside the writing transaction (DESIGN.md, Data flow):
 * each changed item leaves its old buckets and enters its new ones, with its attached costs when it
 * moves. A tenant whose rollups are stale is left to the rebuild; during a rebuild only items the rebuild
 * has already counted (id ≤ its cursor) are applied, the rest it will read as they are.
 */
export async function applyItemRollups(
  tx: Transaction<Database>,
  tenantId: string,
  changes: readonly ItemChange[],
  settings: RollupSettings,
  maxParameters: number,
): Promise<void> {
  if (changes.length === 0) return;
  const state = await getRollupState(tx, tenantId);
  if (!state || state.status === 'stale') return;
  const isCounted = countedBy(state);
  const keyed = new Map<ItemRow, KeyedRow>();
  const keyedOf = (row: ItemRow): KeyedRow => {
    let k = keyed.get(row);
    if (!k) keyed.set(row, (k = keyedRow(row, settings.timeZone)));
    return k;
  };
  // Each side of a change is applied when the rollups count it (during a rebuild: the rebuild has passed
  // it); the other side is the rebuild's to count. An item moves when its day bucket changes, or when only
  // one side is counted: its attached costs move with it.
  const counted: { change: ItemChange; before: boolean; after: boolean; moves: boolean }[] = [];
  for (const change of changes) {
    const before = change.before !== null && isCounted(change.before);
    const after = isCounted(change.after);
    if (!before && !after) continue;
    const moves =
      change.before === null ||
      before !== after ||
      keyedOf(change.before).ids[0] !== keyedOf(change.after).ids[0];
    counted.push({ change, before, after, moves });
  }
  if (counted.length === 0) return;
  const costs = await sumAttachedCostsOfItems(
    tx,
    tenantId,
    counted.filter((c) => c.moves).map((c) => c.change.after),
  );
  const keys = new Map<string, RollupKey>();
  const plan: { row: ItemRow; sign: 1 | -1; withCosts: boolean; samples: boolean }[] = [];
  for (const { change, before, after, moves } of counted) {
    // A change that leaves the item's sample values and buckets as they were (the durability job, a
    // reopen) moves counts only: its buckets keep their stored samples as they are.
    const samples = moves || !sameSamples(change.before, change.after);
    if (before && change.before) plan.push({ row: change.before, sign: -1, withCosts: moves, samples });
    if (after) plan.push({ row: change.after, sign: 1, withCosts: moves, samples });
  }
  const withSamples = new Set<string>();
  for (const { row, samples } of plan) {
    const k = keyedOf(row);
    for (let i = 0; i < k.ids.length; i++) {
      const id = k.ids[i] as string;
      if (!keys.has(id)) keys.set(id, k.keys[i] as RollupKey);
      if (samples) withSamples.add(id);
    }
  }
  const stored = await getRollupRows(tx, tenantId, [...keys.values()]);
  const tallies = loadedTallies(keys, stored, withSamples);
  const resampled = new Set<string>();
  for (const { row, sign, withCosts, samples } of plan) {
    const item = toKpiItem(row);
    const state = storedVerificationState({
      handledBy: item.handledBy,
      outcome: item.outcome,
      resolvedAt: item.resolvedAt,
      closedAt: item.closedAt,
      reversedAt: item.reversedAt,
      disputedAt: item.disputedAt,
      durableAt: row.durable_at,
    });
    const attached = withCosts ? (costs.get(row.id) ?? null) : null;
    const contribution = itemContribution(item, state, settings);
    for (const id of keyedOf(row).ids) {
      const tally = tallies.get(id);
      if (!tally) continue;
      applyContribution(tally, contribution, sign, samples);
      if (samples) resampled.add(id);
      if (attached) for (const kind of COST_KINDS) tally.attached[kind] += sign * (attached.get(kind) ?? 0);
    }
  }
  await saveRollupRows(
    tx,
    tenantId,
    [...keys].map(([id, key]) => {
      const row = rowOfTally(tenantId, key, tallies.get(id) ?? emptyTally(), !resampled.has(id));
      const before = stored.get(id);
      return resampled.has(id) || !before
        ? row
        : { ...row, latency: before.latency, e2e: before.e2e, first_response: before.first_response };
    }),
    maxParameters,
  );
  await markRollupsWritten(tx, tenantId, settings.now);
}

/** Add attached costs to (sign 1) or take them from (−1) an item's buckets: a cost written for an item. */
export async function applyAttachedCostRollups(
  tx: Transaction<Database>,
  tenantId: string,
  costs: readonly { item: ItemRow; kind: CostKind; micros: number }[],
  settings: RollupSettings,
  maxParameters: number,
): Promise<void> {
  if (costs.length === 0) return;
  const state = await getRollupState(tx, tenantId);
  if (!state || state.status === 'stale') return;
  const isCounted = countedBy(state);
  const counted = costs.filter((c) => isCounted(c.item));
  const keys = new Map<string, RollupKey>();
  for (const { item } of counted)
    for (const key of bucketKeys(item, settings.timeZone)) keys.set(rollupKeyId(key), key);
  const stored = await getRollupRows(tx, tenantId, [...keys.values()]);
  const tallies = loadedTallies(keys, stored);
  for (const { item, kind, micros } of counted)
    for (const key of bucketKeys(item, settings.timeZone)) {
      const tally = tallies.get(rollupKeyId(key));
      if (tally) tally.attached[kind] += micros;
    }
  await saveRollupRows(
    tx,
    tenantId,
    [...keys].map(([id, key]) => rowOfTally(tenantId, key, tallies.get(id) ?? emptyTally())),
    maxParameters,
  );
  await markRollupsWritten(tx, tenantId, settings.now);
}

/** Whether two versions of an item add the same values to its samples. */
function sameSamples(before: ItemRow | null, after: ItemRow): boolean {
  if (!before) return false;
  const a = sampleValuesOf(toKpiItem(before));
  const b = sampleValuesOf(toKpiItem(after));
  return a.every((v, i) => v === b[i]);
}

/** The tally of each key: its stored row's, or an empty one. */
function loadedTallies(
  keys: Map<string, RollupKey>,
  stored: Map<string, RollupRow>,
  withSamples?: ReadonlySet<string>,
): Map<string, Tally> {
  const tallies = new Map<string, Tally>();
  for (const id of keys.keys()) {
    const row = stored.get(id);
    // samples are decoded only where this write changes them: they are the costly part of a row
    tallies.set(id, row ? tallyOfRow(row, withSamples === undefined || withSamples.has(id)) : emptyTally());
  }
  return tallies;
}

/**
 * Whether the rollups count an item row: always when ready; during a rebuild, when the rebuild has passed
 * it (its opened_at and id at or before the cursor, the order the rebuild reads items in).
 */
function countedBy(state: { status: string; cursor: string | null }): (row: ItemRow) => boolean {
  if (state.status !== 'rebuilding') return () => true;
  const cursor = parseRebuildCursor(state.cursor);
  if (cursor === null) return () => false;
  return (row) =>
    row.opened_at < cursor.openedAt || (row.opened_at === cursor.openedAt && row.id <= cursor.id);
}

/** Where a rebuild has got to: the last item it counted, in (opened_at, id) order. */
export interface RebuildCursor {
  readonly openedAt: number;
  readonly id: string;
}

export function formatRebuildCursor(cursor: RebuildCursor): string {
  return JSON.stringify([cursor.openedAt, cursor.id]);
}

/** The cursor a rebuild stored; null before it has counted anything. */
export function parseRebuildCursor(text: string | null): RebuildCursor | null {
  if (text === null || text === '') return null;
  const parsed: unknown = JSON.parse(text);
  if (!Array.isArray(parsed) || typeof parsed[0] !== 'number' || typeof parsed[1] !== 'string')
    throw new WorkledgerError('INTERNAL', `not a rollup rebuild cursor: ${text.slice(0, 60)}`);
  return { openedAt: parsed[0], id: parsed[1] };
}
