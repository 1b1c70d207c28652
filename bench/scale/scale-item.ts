import type { SeededRandom, Weighted } from '../../src/domain/demo/seeded-random.js';
import type { ItemInput, ItemLinkInput } from '../../src/domain/item-input.js';
import { DAY_MS } from '../../src/domain/time.js';
import type { ScaleAgent, ScaleCategory, ScaleWorkflow } from './scale-catalog.js';

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

/** One piece of work arriving, before anyone handles it. */
export interface Arrival {
  openedAt: number;
  workflow: ScaleWorkflow;
  category: ScaleCategory;
  priority: number;
  channel: string;
}

/** What one item became: the version first sent, a later version (reopen, reassignment) and when it is sent. */
export interface SimulatedItem {
  first: ItemInput;
  later: { at: number; item: ItemInput } | null;
  /** When the agent itself resolved it (a rework target), else null. */
  agentResolvedAt: number | null;
}

type Ended = 'resolved' | 'escalated' | 'failed' | 'abandoned';

const REOPEN_CHANCE = 0.04;
const REASSIGN_CHANCE = 0.015;
const CSAT_CHANCE = 0.3;
const HANDOFF_REPORTED = 0.6;
const HUMAN_MEDIAN_HOURS = [0, 4, 8, 20, 36];
const CONFIDENCE: Record<Ended, number> = { resolved: 0.86, escalated: 0.55, failed: 0.42, abandoned: 0.72 };
const AGENT_CSAT: readonly Weighted<number>[] = [1, 2, 3, 4, 5].map((value, i) => ({
  value,
  weight: [4, 5, 11, 30, 50][i] ?? 1,
}));
const HUMAN_CSAT: readonly Weighted<number>[] = [1, 2, 3, 4, 5].map((value, i) => ({
  value,
  weight: [4, 6, 15, 35, 40][i] ?? 1,
}));
const FAILURE_REASONS: readonly Weighted<string>[] = [
  { value: 'tool_error', weight: 5 },
  { value: 'timeout', weight: 3 },
  { value: 'policy_block', weight: 2 },
];

const iso = (ms: number) => new Date(ms).toISOString();

/** A human desk's working time on an item: hours to days by priority, long-tailed. */
export function humanWorkMs(rng: SeededRandom, category: ScaleCategory, priority: number): number {
  const hours = (HUMAN_MEDIAN_HOURS[priority] ?? 20) * category.humanFactor;
  return Math.max(5 * MINUTE_MS, Math.round(rng.logNormal(hours * HOUR_MS, 0.85)));
}

/** A resolved ticket closes about three days later (ServiceNow-style auto-close). */
function autoCloseMs(rng: SeededRandom): number {
  return 72 * HOUR_MS + Math.floor(rng.next() * 6 * HOUR_MS);
}

/**
 * An item an agent took: a first response in seconds, work of minutes (log-normal) with approval waits
 * of hours to days, then resolved, escalated (and resolved later by a person), failed or abandoned;
 * whatever ends after `now` is still open. Some resolutions are reopened or reassigned days later.
 */
export function simulateAgentItem(
  rng: SeededRandom,
  arrival: Arrival,
  agent: ScaleAgent,
  externalId: string,
  now: number,
): SimulatedItem {
  const { openedAt, category } = arrival;
  const { mix } = agent;
  const planned = rng.pick<Ended>([
    { value: 'resolved', weight: mix.resolved },
    { value: 'escalated', weight: mix.escalated },
    { value: 'failed', weight: mix.failed },
    { value: 'abandoned', weight: mix.abandoned },
  ]);
  const firstResponse = openedAt + 1_000 + Math.round(rng.logNormal(6_000, 0.6));
  let work = Math.round(rng.logNormal(category.agentMedianS * 1_000, 0.9));
  if (rng.chance(category.approvalWaitChance)) work += Math.round(rng.logNormal(3 * HOUR_MS, 1.1));
  const end = firstResponse + work;
  const confidence = Math.min(0.99, Math.max(0.01, CONFIDENCE[planned] + 0.1 * rng.normal()));
  const item: ItemInput = {
    source: agent.source,
    external_id: externalId,
    workflow: arrival.workflow.id,
    category: category.name,
    priority: arrival.priority,
    channel: arrival.channel,
    opened_at: iso(openedAt),
    handled_by: agent.id,
    reassignment_count: 0,
    reopen_count: 0,
    confidence: Math.round(confidence * 1_000) / 1_000,
    attributes: { agent_version: agent.version },
  };
  if (firstResponse <= now) item.first_response_at = iso(firstResponse);
  const result: SimulatedItem = { first: item, later: null, agentResolvedAt: null };
  if (end > now) return result; // the open tail: still being worked at `now`
  switch (planned) {
    case 'resolved':
      resolve(rng, result, end, category, now);
      break;
    case 'escalated': {
      item.outcome = 'escalated';
      item.reassignment_count = rng.chance(0.15) ? 2 : 1;
      if (rng.chance(HANDOFF_REPORTED)) item.handoff_minutes = Math.round(rng.logNormal(12, 0.6) * 10) / 10;
      const humanDone = end + humanWorkMs(rng, category, arrival.priority);
      if (humanDone <= now) item.resolved_at = iso(humanDone);
      const closed = humanDone + autoCloseMs(rng);
      if (closed <= now) item.closed_at = iso(closed);
      break;
    }
    case 'failed': {
      item.outcome = 'failed';
      item.attributes = { agent_version: agent.version, failure_reason: rng.pick(FAILURE_REASONS) };
      const closed = end + Math.round(rng.logNormal(4 * HOUR_MS, 0.8));
      if (closed <= now) item.closed_at = iso(closed);
      break;
    }
    case 'abandoned': {
      const abandoned = firstResponse + DAY_MS + Math.floor(rng.next() * 2 * DAY_MS);
      if (abandoned > now) break;
      item.outcome = 'abandoned';
      item.closed_at = iso(abandoned);
      break;
    }
    default: {
      const unreachable: never = planned;
      throw new RangeError(`unknown outcome ${String(unreachable)}`);
    }
  }
  return result;
}

/** The agent resolved it: state check, csat, and maybe a reopen or a reassignment sent days later. */
function resolve(
  rng: SeededRandom,
  result: SimulatedItem,
  end: number,
  category: ScaleCategory,
  now: number,
) {
  const item = result.first;
  item.outcome = 'resolved';
  item.resolved_at = iso(end);
  result.agentResolvedAt = end;
  if (category.verifiesState) item.state_change_verified = rng.chance(0.97);
  if (rng.chance(CSAT_CHANCE)) item.csat = rng.pick(AGENT_CSAT);
  const reopened = rng.chance(REOPEN_CHANCE);
  const reassigned = !reopened && rng.chance(REASSIGN_CHANCE);
  const at = reopened
    ? end + Math.min(10 * DAY_MS, Math.round(rng.logNormal(30 * HOUR_MS, 0.9)))
    : end + Math.round(rng.logNormal(2 * DAY_MS, 0.7));
  if ((reopened || reassigned) && at <= now) {
    // Sent when it happened, as the item's latest version; the first version went out unclosed.
    const later: ItemInput = {
      ...item,
      reopen_count: reopened ? 1 : 0,
      reassignment_count: 1,
      updated_at: iso(at),
    };
    if (reopened && typeof item.csat === 'number') later.csat = Math.min(item.csat, 2); // a reopen sours the rating
    result.later = { at, item: later };
    return;
  }
  const closed = end + autoCloseMs(rng);
  if (closed <= now) item.closed_at = iso(closed);
}

/**
 * A ticket the human desk handled: first response in minutes to hours, resolution in hours to days,
 * a few abandoned; `link` makes it rework of an earlier agent resolution.
 */
export function simulateHumanItem(
  rng: SeededRandom,
  arrival: Arrival,
  externalId: string,
  now: number,
  link: ItemLinkInput | null,
): ItemInput {
  const { openedAt, category, priority } = arrival;
  const response =
    openedAt + Math.max(MINUTE_MS, Math.round(rng.logNormal(priority === 1 ? 8 : 40, 1) * MINUTE_MS));
  const reassignments = rng.pick([0, 1, 2, 3].map((value, i) => ({ value, weight: [72, 20, 6, 2][i] ?? 1 })));
  const item: ItemInput = {
    source: 'servicenow',
    external_id: externalId,
    workflow: arrival.workflow.id,
    category: category.name,
    priority,
    channel: arrival.channel,
    opened_at: iso(openedAt),
    handled_by: 'human',
    reassignment_count: reassignments,
    reopen_count: 0,
  };
  if (link !== null) item.links = [link];
  if (response <= now) item.first_response_at = iso(response);
  if (rng.chance(0.03)) {
    const abandoned = response + Math.round(rng.logNormal(30 * HOUR_MS, 0.8));
    if (abandoned <= now) {
      item.outcome = 'abandoned';
      item.closed_at = iso(abandoned);
    }
    return item;
  }
  const resolved = response + humanWorkMs(rng, category, priority) * (1 + 0.4 * reassignments);
  if (resolved > now) return item;
  item.outcome = 'resolved';
  item.resolved_at = iso(Math.round(resolved));
  if (rng.chance(CSAT_CHANCE)) item.csat = rng.pick(HUMAN_CSAT);
  const closed = resolved + autoCloseMs(rng);
  if (closed <= now) item.closed_at = iso(Math.round(closed));
  return item;
}
