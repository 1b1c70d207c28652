import { DAY_MS } from '../time.js';
import type { Outcome } from '../kpi-item.js';
import type { Arrival } from './demo-arrivals.js';
import { DRIFTING_AGENT, agentProfile } from './demo-catalog.js';
import type { OutcomeMix } from './demo-categories.js';
import { autoCloseMs, CSAT_RESPONSE_CHANCE, humanResolutionMs, REOPENED_CSAT } from './demo-human-item.js';
import { happened, type DemoItemPlan } from './demo-item-draft.js';
import type { SeededRandom, Weighted } from './seeded-random.js';

const HOUR_MS = 3_600_000;

/** Where the agent item sits in the rollout: `progress` 0 at go-live … 1 at `now`; `drifting` in the drift window. */
export interface AgentContext {
  now: number;
  progress: number;
  drifting: boolean;
}

const AGENT_CSAT: readonly Weighted<number>[] = [
  { value: 1, weight: 4 },
  { value: 2, weight: 5 },
  { value: 3, weight: 11 },
  { value: 4, weight: 30 },
  { value: 5, weight: 50 },
];
/** The agent's own confidence centres on how the item ended, so low confidence goes with escalation/failure. */
const CONFIDENCE_CENTRE: Record<Exclude<Outcome, 'open'>, number> = {
  resolved: 0.86,
  escalated: 0.55,
  failed: 0.42,
  abandoned: 0.72,
};
const FAILURE_REASONS: readonly Weighted<string>[] = [
  { value: 'tool_error', weight: 5 },
  { value: 'timeout', weight: 3 },
  { value: 'policy_block', weight: 2 },
];

/** Outcome mix after the learning trend (resolution creeps up) and the drift (failures rise). */
export function effectiveMix(base: OutcomeMix, progress: number, drifting: boolean): OutcomeMix {
  const learned = 0.05 * progress;
  let mix = {
    ...base,
    resolved: base.resolved + learned,
    escalated: Math.max(0.01, base.escalated - learned),
  };
  if (drifting)
    mix = {
      ...mix,
      resolved: mix.resolved - 0.09,
      failed: mix.failed + 0.07,
      escalated: mix.escalated + 0.02,
    };
  return mix;
}

/**
 * An item an agent took: first response in seconds, work in seconds to minutes with a long tail
 * (approval waits), then resolved, escalated to a human, failed or abandoned; clipped to `now`.
 */
export function simulateAgentItem(
  rng: SeededRandom,
  arrival: Arrival,
  agentId: string,
  ctx: AgentContext,
): DemoItemPlan {
  const { profile, openedAt } = arrival;
  const { now } = ctx;
  const agent = agentProfile(agentId);
  const drifting = ctx.drifting && agentId === DRIFTING_AGENT.id;
  const mix = effectiveMix(profile.agentMix, ctx.progress, drifting);
  const planned = rng.pick<Exclude<Outcome, 'open'>>([
    { value: 'resolved', weight: mix.resolved },
    { value: 'escalated', weight: mix.escalated },
    { value: 'failed', weight: mix.failed },
    { value: 'abandoned', weight: mix.abandoned },
  ]);
  const confidence = Math.min(0.99, Math.max(0.01, CONFIDENCE_CENTRE[planned] + 0.1 * rng.normal()));
  const firstResponse = openedAt + 1000 + Math.round(rng.logNormal(6000, 0.6));
  let workMs = Math.round(rng.logNormal(profile.agentMedianS * 1000, 0.9));
  if (rng.chance(profile.approvalWaitChance)) workMs += Math.round(rng.logNormal(3 * HOUR_MS, 1.1));
  const endOfWork = firstResponse + workMs;
  const version =
    agentId === DRIFTING_AGENT.id && !drifting ? DRIFTING_AGENT.versionBefore : agent.agent.version;
  const draft: DemoItemPlan = {
    source: agent.source,
    idPrefix: agent.idPrefix,
    workflow: profile.workflow,
    category: profile.category,
    priority: arrival.priority,
    channel: arrival.channel,
    handledBy: agentId,
    outcome: 'open',
    openedAt,
    firstResponseAt: happened(firstResponse, now),
    resolvedAt: null,
    closedAt: null,
    reassignmentCount: 0,
    reopenCount: 0,
    confidence: Math.round(confidence * 1000) / 1000,
    stateChangeVerified: null,
    csat: null,
    links: [],
    attributes: { agent_version: version, turns: 2 + Math.floor(rng.logNormal(3, 0.6)) },
    timeAttributes: {},
  };
  switch (planned) {
    case 'resolved':
      if (endOfWork <= now) resolve(rng, draft, arrival, endOfWork, ctx.now, drifting);
      break;
    case 'escalated': {
      if (endOfWork > now) break;
      draft.outcome = 'escalated';
      draft.reassignmentCount = rng.chance(0.15) ? 2 : 1;
      draft.timeAttributes.escalated_at = endOfWork;
      const humanDone =
        endOfWork + humanResolutionMs(rng, profile, arrival.priority, draft.reassignmentCount - 1);
      draft.resolvedAt = happened(humanDone, now);
      draft.closedAt = happened(humanDone + autoCloseMs(rng), now);
      break;
    }
    case 'failed':
      if (endOfWork > now) break;
      draft.outcome = 'failed';
      draft.attributes.failure_reason = rng.pick(FAILURE_REASONS);
      draft.closedAt = happened(endOfWork + Math.round(rng.logNormal(4 * HOUR_MS, 0.8)), now);
      break;
    case 'abandoned': {
      // The requester went quiet; the conversation times out after one to three days.
      const abandonedAt = firstResponse + DAY_MS + Math.floor(rng.next() * 2 * DAY_MS);
      if (abandonedAt > now) break;
      draft.outcome = 'abandoned';
      draft.closedAt = abandonedAt;
      break;
    }
    default: {
      const unreachable: never = planned;
      throw new RangeError(`unknown outcome ${String(unreachable)}`);
    }
  }
  return draft;
}

/** An agent resolution: sometimes reopened later (reassigned to a human), verified state, csat. */
function resolve(
  rng: SeededRandom,
  draft: DemoItemPlan,
  arrival: Arrival,
  resolvedAt: number,
  now: number,
  drifting: boolean,
): void {
  const { profile } = arrival;
  draft.outcome = 'resolved';
  draft.resolvedAt = resolvedAt;
  let finished = resolvedAt;
  if (rng.chance(profile.reopenChance * (drifting ? 2.5 : 1))) {
    const reopenedAt = resolvedAt + Math.min(6 * DAY_MS, Math.round(rng.logNormal(20 * HOUR_MS, 1)));
    if (reopenedAt <= now) {
      draft.reopenCount = 1;
      draft.reassignmentCount = 1;
      draft.timeAttributes.reopened_at = reopenedAt;
      const reResolved = reopenedAt + humanResolutionMs(rng, profile, arrival.priority, 0);
      finished = reResolved <= now ? reResolved : Number.POSITIVE_INFINITY;
      if (reResolved <= now) draft.timeAttributes.re_resolved_at = reResolved;
    }
  }
  draft.closedAt = happened(finished + autoCloseMs(rng), now);
  if (profile.verifiesState) draft.stateChangeVerified = rng.chance(drifting ? 0.9 : 0.97);
  if (rng.chance(CSAT_RESPONSE_CHANCE))
    draft.csat = rng.pick(draft.reopenCount > 0 ? REOPENED_CSAT : AGENT_CSAT);
}
