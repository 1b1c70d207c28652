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

/**
 * Add `other` into `into` (in place; `other` left as it was): its counts, sums and costs, and its
 * samples unless `samples` is false (a tally read for its counts keeps empty samples).
 */
export function mergeTally(into: Tally, other: Tally, samples = true): void {
  for (const field of COUNTS) into[field] += other[field];
  for (let i = 0; i < 5; i++) into.csat[i] = (into.csat[i] ?? 0) + (other.csat[i] ?? 0);
  if (samples) {
    mergeSample(into.latency, other.latency);
    mergeSample(into.e2e, other.e2e);
    mergeSample(into.firstResponse, other.firstResponse);
  }
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
  applyContribution(tally, itemContribution(item, state, options), sign, samples);
}

/** What one item adds to every tally it is counted in: worked out once, added to each of its buckets. */
export interface ItemContribution {
  /** The counted fields the item adds one to. */
  readonly counts: readonly TallyCount[];
  /** The hand-off minutes it reports (added to handoffMinutes). */
  readonly handoffMinutes: number;
  /** Its csat − 1 (the csat histogram's index), or −1 without one. */
  readonly csatIndex: number;
  /** Its sample values, null where it adds none. */
  readonly latency: number | null;
  readonly e2e: number | null;
  readonly firstResponse: number | null;
}

/** Classify an item once: what tallyItem adds for it. */
export function itemContribution(
  item: KpiItem,
  state: VerificationState | null,
  options: TallyOptions,
): ItemContribution {
  const counts: TallyCount[] = ['items'];
  const contribution = {
    counts,
    handoffMinutes: 0,
    csatIndex: item.csat !== null && item.csat >= 1 && item.csat <= 5 ? item.csat - 1 : -1,
    latency: null as number | null,
    e2e: null as number | null,
    firstResponse: item.firstResponseAt !== null ? (item.firstResponseAt - item.openedAt) / 1000 : null,
  };
  if (item.outcome === 'open') {
    counts.push('open');
    return contribution;
  }
  const agent = isAgentHandled(item);
  counts.push(item.outcome);
  if (item.reassignmentCount > 0) counts.push('reassigned');
  const resolvedAt = resolutionTime(item);
  if (agent && (item.outcome === 'escalated' || item.outcome === 'failed')) {
    if (item.handoffMinutes === null) counts.push('handoffUnreported');
    else contribution.handoffMinutes = item.handoffMinutes;
  }
  if (agent && (item.outcome === 'resolved' || item.outcome === 'escalated') && resolvedAt !== null)
    contribution.e2e = (resolvedAt - item.openedAt) / 1000;
  if (item.outcome !== 'resolved') return contribution;
  if (state !== null) counts.push(state);
  if (resolvedAt !== null) contribution.latency = (resolvedAt - item.openedAt) / 1000;
  if (item.reassignmentCount === 0 && item.reopenCount === 0) counts.push('fcr');
  if (item.reopenCount > 0) counts.push('reopened');
  const met = slaVerdict(item, options.slaHours);
  if (met !== null) {
    counts.push('slaJudged');
    if (met) counts.push('slaMet');
  }
  if (item.stateChangeVerified !== null) {
    counts.push('stateChecked');
    if (item.stateChangeVerified) counts.push('stateVerified');
  }
  if (item.csat !== null) counts.push('csatOnResolved');
  const reworked = causedRework(item, options.reworkWindowMs);
  if (reworked) counts.push('reworked');
  if (reworked || state === 'reversed') counts.push('reworkedOrReversed');
  return contribution;
}

/** Add an item's contribution to a tally (sign 1) or take it out (−1); its samples only when `samples`. */
export function applyContribution(
  tally: Tally,
  contribution: ItemContribution,
  sign: 1 | -1,
  samples = true,
): void {
  for (const field of contribution.counts) tally[field] += sign;
  if (contribution.handoffMinutes !== 0) tally.handoffMinutes += sign * contribution.handoffMinutes;
  if (contribution.csatIndex >= 0)
    tally.csat[contribution.csatIndex] = (tally.csat[contribution.csatIndex] ?? 0) + sign;
  if (!samples) return;
  const change = sign === 1 ? addValue : removeValue;
  if (contribution.latency !== null) change(tally.latency, contribution.latency);
  if (contribution.e2e !== null) change(tally.e2e, contribution.e2e);
  if (contribution.firstResponse !== null) change(tally.firstResponse, contribution.firstResponse);
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
