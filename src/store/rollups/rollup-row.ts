import type { ItemCohort } from '../../domain/baseline/cohort-key.js';
import { emptyTally, type Tally } from '../../domain/kpis/tally.js';
import { decodeSample, encodeSample } from '../../domain/stats/sample.js';
import type { Database } from '../schema.js';

export type RollupRow = Database['rollups'];

/** The grains rollups keep, each in the tenant's time zone. */
export type RollupGrain = 'day' | 'week' | 'month';
export const ROLLUP_GRAINS: readonly RollupGrain[] = ['day', 'week', 'month'];

/** A bucket's key after the tenant: grain, period start, handler and the full cohort. */
export interface RollupKey {
  grain: RollupGrain;
  periodStart: number;
  handler: string;
  cohort: ItemCohort;
}

/** The same key as text, for maps: one string per field, NUL between them (stored text holds no NUL). */
export function rollupKeyId(key: RollupKey): string {
  return rollupKeyIdOf(key.grain, key.periodStart, cellKeyId(key.handler, key.cohort));
}

/** The part of a key's id an item's three buckets share: its handler and cohort. */
export function cellKeyId(handler: string, cohort: ItemCohort): string {
  return (
    handler +
    '\0' +
    optional(cohort.workflow) +
    '\0' +
    optional(cohort.category) +
    '\0' +
    optional(cohort.priority) +
    '\0' +
    optional(cohort.channel)
  );
}

/** A key's id from its grain, period start and cellKeyId. */
export function rollupKeyIdOf(grain: RollupGrain, periodStart: number, cellId: string): string {
  const id = grain + '\0' + periodStart + '\0' + cellId;
  // Seven fields make six separators; a NUL inside a field (never stored) falls back to JSON, which
  // holds no raw NUL, so the two forms never meet.
  return countNul(id) === 6 ? id : JSON.stringify([grain, periodStart, cellId]);
}

/** A present value marked apart from a missing one, so '' and null stay different ids. */
function optional(value: string | number | null): string {
  return value === null ? '-' : '+' + value;
}

function countNul(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\0'); i !== -1; i = text.indexOf('\0', i + 1)) n++;
  return n;
}

/** The key columns of a row ('' and 0 stand for a missing cohort field: key columns cannot be NULL). */
export function keyColumns(tenantId: string, key: RollupKey) {
  return {
    tenant_id: tenantId,
    grain: key.grain,
    period_start: key.periodStart,
    handler: key.handler,
    workflow: key.cohort.workflow ?? '',
    category: key.cohort.category ?? '',
    priority: key.cohort.priority ?? 0,
    channel: key.cohort.channel ?? '',
  };
}

/** The key of a stored row. */
export function keyOfRow(
  row: Pick<
    RollupRow,
    'grain' | 'period_start' | 'handler' | 'workflow' | 'category' | 'priority' | 'channel'
  >,
): RollupKey {
  return {
    grain: row.grain === 'week' || row.grain === 'month' ? row.grain : 'day',
    periodStart: Number(row.period_start),
    handler: row.handler,
    cohort: cohortOfRow(row),
  };
}

/** The cohort of a stored row, missing fields back to null. */
export function cohortOfRow(
  row: Pick<RollupRow, 'workflow' | 'category' | 'priority' | 'channel'>,
): ItemCohort {
  return {
    workflow: row.workflow === '' ? null : row.workflow,
    category: row.category === '' ? null : row.category,
    priority: Number(row.priority) === 0 ? null : Number(row.priority),
    channel: row.channel === '' ? null : row.channel,
  };
}

/** The tally a stored row holds (its samples left empty unless `withSamples`). */
export function tallyOfRow(row: RollupRow, withSamples = true): Tally {
  const n = (value: number) => Number(value);
  const tally = emptyTally();
  tally.items = n(row.n_items);
  tally.open = n(row.n_open);
  tally.resolved = n(row.n_resolved);
  tally.escalated = n(row.n_escalated);
  tally.failed = n(row.n_failed);
  tally.abandoned = n(row.n_abandoned);
  tally.provisional = n(row.n_provisional);
  tally.durable = n(row.n_durable);
  tally.verified = n(row.n_verified);
  tally.reversed = n(row.n_reversed);
  tally.disputed = n(row.n_disputed);
  tally.fcr = n(row.n_fcr);
  tally.reopened = n(row.n_reopened);
  tally.reassigned = n(row.n_reassigned);
  tally.slaJudged = n(row.n_sla_judged);
  tally.slaMet = n(row.n_sla_met);
  tally.stateChecked = n(row.n_state_checked);
  tally.stateVerified = n(row.n_state_verified);
  tally.csatOnResolved = n(row.n_csat_on_resolved);
  tally.reworked = n(row.n_reworked);
  tally.reworkedOrReversed = n(row.n_reworked_or_reversed);
  tally.handoffUnreported = n(row.n_handoff_unreported);
  tally.handoffMinutes = n(row.handoff_minutes);
  tally.csat = [n(row.csat_1), n(row.csat_2), n(row.csat_3), n(row.csat_4), n(row.csat_5)];
  if (withSamples) {
    tally.latency = decodeSample(row.latency);
    tally.e2e = decodeSample(row.e2e);
    tally.firstResponse = decodeSample(row.first_response);
  }
  tally.attached = {
    inference: n(row.cost_inference),
    compute: n(row.cost_compute),
    licensing: n(row.cost_licensing),
    integration: n(row.cost_integration),
    outcome_fee: n(row.cost_outcome_fee),
    oversight: n(row.cost_oversight),
  };
  return tally;
}

/** The row that stores a tally under a key (`skipSamples`: leave the sample columns empty, the caller keeps its own). */
export function rowOfTally(tenantId: string, key: RollupKey, tally: Tally, skipSamples = false): RollupRow {
  // The key columns are written out, not spread: a spread into a literal this wide made V8 build each
  // row in dictionary mode, 50× slower (the cost of every rollup write).
  return {
    tenant_id: tenantId,
    grain: key.grain,
    period_start: key.periodStart,
    handler: key.handler,
    workflow: key.cohort.workflow ?? '',
    category: key.cohort.category ?? '',
    priority: key.cohort.priority ?? 0,
    channel: key.cohort.channel ?? '',
    n_items: tally.items,
    n_open: tally.open,
    n_resolved: tally.resolved,
    n_escalated: tally.escalated,
    n_failed: tally.failed,
    n_abandoned: tally.abandoned,
    n_provisional: tally.provisional,
    n_durable: tally.durable,
    n_verified: tally.verified,
    n_reversed: tally.reversed,
    n_disputed: tally.disputed,
    n_fcr: tally.fcr,
    n_reopened: tally.reopened,
    n_reassigned: tally.reassigned,
    n_sla_judged: tally.slaJudged,
    n_sla_met: tally.slaMet,
    n_state_checked: tally.stateChecked,
    n_state_verified: tally.stateVerified,
    n_csat_on_resolved: tally.csatOnResolved,
    n_reworked: tally.reworked,
    n_reworked_or_reversed: tally.reworkedOrReversed,
    n_handoff_unreported: tally.handoffUnreported,
    csat_1: tally.csat[0],
    csat_2: tally.csat[1],
    csat_3: tally.csat[2],
    csat_4: tally.csat[3],
    csat_5: tally.csat[4],
    handoff_minutes: tally.handoffMinutes,
    latency: skipSamples ? '' : encodeSample(tally.latency),
    e2e: skipSamples ? '' : encodeSample(tally.e2e),
    first_response: skipSamples ? '' : encodeSample(tally.firstResponse),
    cost_inference: tally.attached.inference,
    cost_compute: tally.attached.compute,
    cost_licensing: tally.attached.licensing,
    cost_integration: tally.attached.integration,
    cost_outcome_fee: tally.attached.outcome_fee,
    cost_oversight: tally.attached.oversight,
  };
}

/** Columns a row stores besides its key (what an upsert replaces). */
/** The columns naming a rollup row: tenant, grain, period, handler and cohort. */
export const ROLLUP_KEY_COLUMNS = [
  'tenant_id',
  'grain',
  'period_start',
  'handler',
  'workflow',
  'category',
  'priority',
  'channel',
] as const satisfies readonly (keyof RollupRow)[];

/** The columns holding a row's tallies. */
export const ROLLUP_VALUE_COLUMNS = Object.keys(
  rowOfTally(
    '',
    {
      grain: 'day',
      periodStart: 0,
      handler: '',
      cohort: { workflow: null, category: null, priority: null, channel: null },
    },
    emptyTally(),
  ),
).filter((c) => !(ROLLUP_KEY_COLUMNS as readonly string[]).includes(c)) as (keyof RollupRow)[];
