import { DAY_MS } from '../time.js';
import { HUMAN } from '../kpi-item.js';
import type { Arrival } from './demo-arrivals.js';
import { DRIFTING_AGENT } from './demo-catalog.js';
import { DEMO_CATEGORIES } from './demo-categories.js';
import { simulateHumanItem } from './demo-human-item.js';
import type { DemoItemPlan } from './demo-item-draft.js';
import type { SeededRandom } from './seeded-random.js';

/** Follow-ups open inside the rework window (14 days) so they count as rework of the agent's item. */
const LATEST_FOLLOW_UP_MS = 13 * DAY_MS;

/**
 * Follow-up tickets for some agent-resolved drafts (downstream rework): opened after the resolution,
 * handled by the human desk, linked `follow_up_of` (same request again) or `caused_by` (a new problem
 * the change caused). Links point at draft positions in `drafts`.
 */
export function generateRework(
  rng: SeededRandom,
  drafts: readonly DemoItemPlan[],
  driftStart: number,
  now: number,
): DemoItemPlan[] {
  const followUps: DemoItemPlan[] = [];
  drafts.forEach((target, position) => {
    if (target.outcome !== 'resolved' || target.resolvedAt === null || target.handledBy === HUMAN) return;
    const profile = DEMO_CATEGORIES.find(
      (c) => c.workflow === target.workflow && c.category === target.category,
    );
    if (profile === undefined) return;
    const drifting = target.handledBy === DRIFTING_AGENT.id && target.openedAt >= driftStart;
    if (!rng.chance(profile.reworkChance * (drifting ? 2 : 1))) return;
    const delay = Math.min(LATEST_FOLLOW_UP_MS, Math.round(rng.logNormal(1.5 * DAY_MS, 1)));
    const openedAt = Math.ceil((target.resolvedAt + delay) / 1000) * 1000;
    const kind = rng.chance(0.7) ? 'follow_up_of' : 'caused_by';
    const siblings = DEMO_CATEGORIES.filter((c) => c.workflow === target.workflow);
    const category =
      kind === 'follow_up_of' ? profile : (siblings[rng.int(0, siblings.length - 1)] ?? profile);
    const arrival: Arrival = {
      openedAt,
      profile: category,
      priority: Math.max(2, target.priority - (rng.chance(0.3) ? 1 : 0)),
      channel: rng.pick(category.channels),
    };
    if (openedAt >= now) return;
    const followUp = simulateHumanItem(rng, arrival, 'rework', now);
    followUp.links.push({ kind, target: position });
    followUps.push(followUp);
  });
  return followUps;
}
