import { WorkledgerError } from '../errors.js';
import type { CostInput, ItemInput } from '../item-input.js';
import { DAY_MS } from '../time.js';
import { simulateAgentItem } from './demo-agent-item.js';
import { generateArrivals, type Arrival } from './demo-arrivals.js';
import {
  DEMO_AGENTS,
  DEMO_MODEL_PRICES,
  DEMO_WORKFLOWS,
  DRIFTING_AGENT,
  type DemoAgent,
  type DemoModelPrice,
  type DemoWorkflow,
} from './demo-catalog.js';
import { AGENT_CHANNELS } from './demo-categories.js';
import { generateCosts } from './demo-costs.js';
import { simulateHumanItem } from './demo-human-item.js';
import { assignExternalIds, toItemInput, type DemoItemPlan, type ItemKey } from './demo-item-draft.js';
import { generateRework } from './demo-rework.js';
import { SeededRandom } from './seeded-random.js';

/** A synthetic IT-service history: the human baseline before go-live, then agents beside a human control group. */
export interface DemoHistory {
  /** Epoch ms of go-live: the start of a UTC day. */
  goLive: number;
  workflows: DemoWorkflow[];
  agents: DemoAgent[];
  modelPrices: DemoModelPrice[];
  items: ItemInput[];
  costs: CostInput[];
}

/** Options of generateDemoHistory; `now` is epoch ms, days are whole days, `scale` multiplies volume. */
export interface DemoOptions {
  seed: number;
  now: number;
  humanDays?: number;
  agentDays?: number;
  scale?: number;
}

/** Agent share of in-scope work at go-live and at the end of the rollout. */
const SHARE_AT_GO_LIVE = 0.35;
const SHARE_AT_END = 0.85;

/**
 * Generate a reproducible demo history (same options, same output): go-live at the start of the UTC day
 * `agentDays` before `now`, `humanDays` of human-only work before it; nothing happens after `now`.
 */
export function generateDemoHistory(options: DemoOptions): DemoHistory {
  const { seed, now, humanDays = 60, agentDays = 90, scale = 1 } = options;
  checkOptions(now, humanDays, agentDays, scale);
  const goLive = Math.floor(now / DAY_MS) * DAY_MS - agentDays * DAY_MS;
  const driftStart = now - DRIFTING_AGENT.days * DAY_MS;
  const arrivals = generateArrivals(
    SeededRandom.derive(seed, 'arrivals'),
    goLive - humanDays * DAY_MS,
    now,
    scale,
  );
  const routing = SeededRandom.derive(seed, 'routing');
  const lifecycle = SeededRandom.derive(seed, 'lifecycle');
  const rollout = Math.max(DAY_MS, now - goLive);
  const drafts: DemoItemPlan[] = arrivals.map((arrival) => {
    if (arrival.openedAt < goLive) return simulateHumanItem(lifecycle, arrival, 'baseline', now);
    if (!isInAgentScope(arrival)) return simulateHumanItem(lifecycle, arrival, 'out_of_scope', now);
    const progress = Math.min(1, (arrival.openedAt - goLive) / rollout);
    const agentId = arrival.profile.agentId;
    if (
      agentId === null ||
      !routing.chance(SHARE_AT_GO_LIVE + (SHARE_AT_END - SHARE_AT_GO_LIVE) * progress)
    ) {
      return simulateHumanItem(lifecycle, arrival, 'control_group', now);
    }
    return simulateAgentItem(lifecycle, arrival, agentId, {
      now,
      progress,
      drifting: arrival.openedAt >= driftStart,
    });
  });
  drafts.push(...generateRework(SeededRandom.derive(seed, 'rework'), drafts, driftStart, now));
  const items = toItems(drafts);
  return {
    goLive,
    workflows: DEMO_WORKFLOWS.map((w) => ({ ...w, sla_hours: { ...w.sla_hours } })),
    agents: DEMO_AGENTS.map((p) => ({ ...p.agent })),
    modelPrices: DEMO_MODEL_PRICES.map((p) => ({ ...p })),
    items,
    costs: generateCosts(SeededRandom.derive(seed, 'costs'), items, goLive, now),
  };
}

/** Agents take priorities 2..5 of their categories from written channels; the rest stays human. */
function isInAgentScope(arrival: Arrival): boolean {
  return arrival.profile.agentId !== null && arrival.priority >= 2 && AGENT_CHANNELS.has(arrival.channel);
}

/** Items in opened order, numbered per source and prefix, with links resolved to external ids. */
function toItems(drafts: readonly DemoItemPlan[]): ItemInput[] {
  const order = drafts
    .map((_, position) => position)
    .sort((a, b) => openedAt(drafts, a) - openedAt(drafts, b));
  const ids = assignExternalIds(drafts, order);
  const keyOf = (position: number): ItemKey => ({
    source: drafts[position]?.source ?? '',
    external_id: ids[position] ?? '',
  });
  const items: ItemInput[] = [];
  for (const position of order) {
    const draft = drafts[position];
    if (draft !== undefined) items.push(toItemInput(draft, ids[position] ?? '', keyOf));
  }
  return items;
}

function openedAt(drafts: readonly DemoItemPlan[], position: number): number {
  return drafts[position]?.openedAt ?? 0;
}

function checkOptions(now: number, humanDays: number, agentDays: number, scale: number): void {
  if (!Number.isFinite(now)) throw new WorkledgerError('VALIDATION', 'now must be epoch milliseconds', 'now');
  for (const [field, days] of [
    ['humanDays', humanDays],
    ['agentDays', agentDays],
  ] as const) {
    if (!Number.isInteger(days) || days < 0 || days > 3660) {
      throw new WorkledgerError('VALIDATION', `${field} must be a whole number of days in 0..3660`, field);
    }
  }
  if (!(scale > 0 && scale <= 20))
    throw new WorkledgerError('VALIDATION', 'scale must be in (0, 20]', 'scale');
}
