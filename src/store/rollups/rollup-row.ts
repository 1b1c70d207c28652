import type { ItemCohort } from '../../domain/baseline/cohort-key.js';
import { COST_KINDS } from '../../domain/cost-kinds.js';
import { WorkledgerError } from '../../domain/errors.js';
import { emptyTally, TALLY_COUNTS, type Tally } from '../../domain/kpis/tally.js';
import { decodeSample, encodeSample } from './sample-codec.js';
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

/**
 * The counted values of a tally in the order a row's `counts` column stores them: the tally's counts
 * (TALLY_COUNTS), the csat histogram 1–5, then the attached costs by kind (COST_KINDS). One text column
 * rather than thirty-four: a row read or written column by column cost several times more.
 */
const COUNTS_FORMAT = '1';

function encodeCounts(tally: Tally): string {
  let text = COUNTS_FORMAT + ':';
  for (const field of TALLY_COUNTS) text += tally[field] + ',';
  for (const n of tally.csat) text += n + ',';
  for (const kind of COST_KINDS) text += tally.attached[kind] + ',';
  return text.slice(0, -1);
}

const STORED_COUNTS = TALLY_COUNTS.length + 5 + COST_KINDS.length;

function decodeCounts(text: string, tally: Tally): void {
  const colon = text.indexOf(':');
  if (text.slice(0, colon) !== COUNTS_FORMAT)
    throw new WorkledgerError('INTERNAL', `rollup counts in an unknown format: ${text.slice(0, 20)}`);
  const values = text.slice(colon + 1).split(',');
  if (values.length !== STORED_COUNTS)
    throw new WorkledgerError('INTERNAL', `rollup counts hold ${values.length} values, not ${STORED_COUNTS}`);
  let i = 0;
  for (const field of TALLY_COUNTS) tally[field] = Number(values[i++]);
  for (let c = 0; c < 5; c++) tally.csat[c] = Number(values[i++]);
  for (const kind of COST_KINDS) tally.attached[kind] = Number(values[i++]);
}

/** The tally a stored row holds (its samples left empty unless `withSamples`). */
export function tallyOfRow(row: RollupRow, withSamples = true): Tally {
  const tally = emptyTally();
  decodeCounts(row.counts, tally);
  if (withSamples) {
    tally.latency = decodeSample(row.latency);
    tally.e2e = decodeSample(row.e2e);
    tally.firstResponse = decodeSample(row.first_response);
  }
  return tally;
}

/** The row that stores a tally under a key (`skipSamples`: leave the sample columns empty, the caller keeps its own). */
export function rowOfTally(tenantId: string, key: RollupKey, tally: Tally, skipSamples = false): RollupRow {
  // The key columns are written out, not spread: a spread into a literal made V8 build each row in
  // dictionary mode, 50× slower (the cost of every rollup write).
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
    counts: encodeCounts(tally),
    latency: skipSamples ? '' : encodeSample(tally.latency),
    e2e: skipSamples ? '' : encodeSample(tally.e2e),
    first_response: skipSamples ? '' : encodeSample(tally.firstResponse),
  };
}

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
