import type { ItemCohort } from '../baseline/cohort-key.js';
import { COST_KINDS, type CostKind } from '../cost-kinds.js';
import type { KpiItem } from '../kpi-item.js';
import { addValue, emptySample, mergeSample, removeValue, type Sample } from '../stats/sample.js';
import { isAgentHandled, resolutionTime, type VerificationState } from '../verification.js';
import { causedRework, slaVerdict, type SlaHoursLookup } from './quality-checks.js';

/**
 * What every KPI formula needs from a set of items, as mergeable counts, sums and samples: one tally per
 * handler and cohort and day is what rollups store, and a period's KPIs are computed from the sum of its
 * tallies, whichever way they were counted (KPIS.md; docs/kpis.md).
 */
export interface Tally {
  /** Every item, any outcome. */
  items: number;
  open: number;
  resolved: number;
  escalated: number;
  failed: number;
  abandoned: number;
  /** Verification states of agent resolutions. */
  provisional: number;
  durable: number;
  verified: number;
  reversed: number;
  disputed: number;
  /** Resolved with 0 reassignments and 0 reopens. */
  fcr: number;
  /** Resolved with reopen_count > 0. */
  reopened: number;
  /** Handled (not open) with reassignment_count > 0: a team's escalation. */
  reassigned: number;
  /** Resolved with an SLA verdict, and those that met it. */
  slaJudged: number;
  slaMet: number;
  /** Resolved reporting a state-change check, and those it confirmed. */
  stateChecked: number;
  stateVerified: number;
  /** Resolved items with a csat. */
  csatOnResolved: number;
  /** How many items gave csat 1, 2, 3, 4, 5. */
  csat: [number, number, number, number, number];
  /** Resolved items a later caused_by/follow_up_of item named within the rework window. */
  reworked: number;
  /** Resolved items reversed or reworked: the rework the value KPIs price. */
  reworkedOrReversed: number;
  /** Escalated or failed agent items: the hand-off minutes they report, and how many report none. */
  handoffMinutes: number;
  handoffUnreported: number;
  /** Seconds from opened to resolution of the items the handler resolved itself. */
  latency: Sample;
  /** Seconds from opened to final resolution by anyone (agent items resolved, or escalated and resolved). */
  e2e: Sample;
  /** Seconds from opened to first response. */
  firstResponse: Sample;
  /** Costs attached to the items, by kind, micro-units. */
  attached: Record<CostKind, number>;
}

/** One cell of a tallied period: who handled the items, their cohort, and their tally. */
export interface TallyCell {
  handler: string;
  cohort: ItemCohort;
  tally: Tally;
}

const COUNTS = [
  'items',
  'open',
  'resolved',
  'escalated',
  'failed',
  'abandoned',
  'provisional',
  'durable',
  'verified',
  'reversed',
  'disputed',
  'fcr',
  'reopened',
  'reassigned',
  'slaJudged',
  'slaMet',
  'stateChecked',
  'stateVerified',
  'csatOnResolved',
  'reworked',
  'reworkedOrReversed',
  'handoffMinutes',
  'handoffUnreported',
] as const satisfies readonly (keyof Tally)[];

/** The counted fields of a tally, in a fixed order (what a rollup row stores one column each of). */
export type TallyCount = (typeof COUNTS)[number];
export const TALLY_COUNTS: readonly TallyCount[] = COUNTS;

export function emptyTally(): Tally {
  return {
    items: 0,
    open: 0,
    resolved: 0,
    escalated: 0,
    failed: 0,
    abandoned: 0,
    provisional: 0,
    durable: 0,
    verified: 0,
    reversed: 0,
    disputed: 0,
    fcr: 0,
    reopened: 0,
    reassigned: 0,
    slaJudged: 0,
    slaMet: 0,
    stateChecked: 0,
    stateVerified: 0,
    csatOnResolved: 0,
    csat: [0, 0, 0, 0, 0],
    reworked: 0,
    reworkedOrReversed: 0,
    handoffMinutes: 0,
    handoffUnreported: 0,
    latency: emptySample(),
    e2e: emptySample(),
    firstResponse: emptySample(),
    attached: emptyCosts(),
  };
}

export function emptyCosts(): Record<CostKind, number> {
  return { inference: 0, compute: 0, licensing: 0, integration: 0, outcome_fee: 0, oversight: 0 };
}

/** Add `other` into `into` (in place; samples merged, `other` left as it was). */
export function mergeTally(into: Tally, other: Tally): void {
  for (const field of COUNTS) into[field] += other[field];
  for (let i = 0; i < 5; i++) into.csat[i] = (into.csat[i] ?? 0) + (other.csat[i] ?? 0);
  mergeSample(into.latency, other.latency);
  mergeSample(into.e2e, other.e2e);
  mergeSample(into.firstResponse, other.firstResponse);
  for (const kind of COST_KINDS) into.attached[kind] += other.attached[kind];
}

/** Handled: not open (resolved, escalated, failed or abandoned). */
export function handledOf(tally: Tally): number {
  return tally.resolved + tally.escalated + tally.failed + tally.abandoned;
}

/** What classifying an item needs besides its verification state. */
export interface TallyOptions {
  readonly reworkWindowMs: number;
  readonly slaHours: SlaHoursLookup;
}

/**
 * Count one item into a tally (sign 1) or take it out again (sign −1), given its verification state
 * (null unless it is an agent resolution). The one classification both the raw path and the rollups use.
 */
export function tallyItem(
  tally: Tally,
  item: KpiItem,
  state: VerificationState | null,
  options: TallyOptions,
  sign: 1 | -1 = 1,
  samples = true,
): void {
  const add = (field: TallyCount, by = 1) => {
    tally[field] += sign * by;
  };
  const sample = (target: Sample, value: number) => {
    if (samples) (sign === 1 ? addValue : removeValue)(target, value);
  };
  const agent = isAgentHandled(item);
  add('items');
  if (item.csat !== null && item.csat >= 1 && item.csat <= 5)
    tally.csat[item.csat - 1] = (tally.csat[item.csat - 1] ?? 0) + sign;
  if (item.firstResponseAt !== null)
    sample(tally.firstResponse, (item.firstResponseAt - item.openedAt) / 1000);
  if (item.outcome === 'open') {
    add('open');
    return;
  }
  add(item.outcome);
  if (item.reassignmentCount > 0) add('reassigned');
  const resolvedAt = resolutionTime(item);
  if (agent && (item.outcome === 'escalated' || item.outcome === 'failed')) {
    if (item.handoffMinutes === null) add('handoffUnreported');
    else add('handoffMinutes', item.handoffMinutes);
  }
  if (agent && (item.outcome === 'resolved' || item.outcome === 'escalated') && resolvedAt !== null)
    sample(tally.e2e, (resolvedAt - item.openedAt) / 1000);
  if (item.outcome !== 'resolved') return;
  if (state !== null) add(state);
  if (resolvedAt !== null) sample(tally.latency, (resolvedAt - item.openedAt) / 1000);
  if (item.reassignmentCount === 0 && item.reopenCount === 0) add('fcr');
  if (item.reopenCount > 0) add('reopened');
  const met = slaVerdict(item, options.slaHours);
  if (met !== null) {
    add('slaJudged');
    if (met) add('slaMet');
  }
  if (item.stateChangeVerified !== null) {
    add('stateChecked');
    if (item.stateChangeVerified) add('stateVerified');
  }
  if (item.csat !== null) add('csatOnResolved');
  const reworked = causedRework(item, options.reworkWindowMs);
  if (reworked) add('reworked');
  if (reworked || state === 'reversed') add('reworkedOrReversed');
}

/** The values an item adds to a tally's samples (latency, end to end, first response), in a fixed order. */
export function sampleValuesOf(item: KpiItem): (number | null)[] {
  const resolvedAt = resolutionTime(item);
  const handled = item.outcome !== 'open';
  const agent = isAgentHandled(item);
  return [
    handled && item.outcome === 'resolved' && resolvedAt !== null
      ? (resolvedAt - item.openedAt) / 1000
      : null,
    handled && agent && (item.outcome === 'resolved' || item.outcome === 'escalated') && resolvedAt !== null
      ? (resolvedAt - item.openedAt) / 1000
      : null,
    item.firstResponseAt !== null ? (item.firstResponseAt - item.openedAt) / 1000 : null,
  ];
}
