import { SeededRandom } from '../../src/domain/demo/seeded-random.js';
import type { ItemInput } from '../../src/domain/item-input.js';
import { DAY_MS } from '../../src/domain/time.js';
import { LaterVersions } from './later-versions.js';
import { ReworkTargets, reworkLink } from './rework-targets.js';
import { arrivalTimes, cumulativeShares, dailyCounts, drawIndex } from './scale-arrivals.js';
import { scaleCatalog, type ScaleAgent, type ScaleCatalog } from './scale-catalog.js';
import { simulateAgentItem, simulateHumanItem, type Arrival } from './scale-item.js';

/** What to generate: `items` distinct items opened over `days` days ending at `now` (a UTC midnight). */
export interface ScaleOptions {
  items: number;
  now: number;
  seed?: number;
  days?: number;
  agents?: number;
  /** Share of items the human desk handles (a fifth of them rework of agent resolutions). */
  humanShare?: number;
}

/** One record to send: the first version of an item (1), or a later one that supersedes it (2). */
export interface ItemVersion {
  item: ItemInput;
  version: 1 | 2;
}

const PRIORITIES = cumulativeShares([5, 20, 45, 30]);
const REWORK_SHARE = 0.02;
const ALL_CHANNELS = ['portal', 'email', 'chat', 'api', 'phone'];

/** The defaults filled in: what every consumer of the generator (items, costs, configuration) agrees on. */
export function scaleSettings(options: ScaleOptions): Required<ScaleOptions> {
  const settings = { seed: 42, days: 365, agents: 50, humanShare: 0.2, ...options };
  if (settings.now % DAY_MS !== 0) throw new RangeError('now must be a UTC midnight');
  if (!Number.isInteger(settings.items) || settings.items < 0) throw new RangeError('items: a whole number');
  return settings;
}

/**
 * Every record a writer would send for the scale tenant, in the order it would send them: each item's
 * first version in opened order, and its later version (a reopen or reassignment days after the
 * resolution) when that happened. Seeded and streaming: memory stays bounded by the few days of
 * pending later versions and rework targets, whatever `items` is.
 */
export function* scaleItemVersions(options: ScaleOptions): Generator<ItemVersion> {
  const { items, now, seed, days, agents, humanShare } = scaleSettings(options);
  const catalog = scaleCatalog(seed, agents);
  const rng = SeededRandom.derive(seed, 'scale-items');
  const start = now - days * DAY_MS;
  const routing = new Routing(catalog);
  const later = new LaterVersions();
  const rework = new ReworkTargets();
  const agentSeq = new Map<string, number>();
  let humanSeq = 0;
  const counts = dailyCounts(items, start, days);
  for (let day = 0; day < days; day++) {
    for (const openedAt of arrivalTimes(rng, start + day * DAY_MS, counts[day] ?? 0)) {
      while (later.nextAt() <= openedAt) yield { item: later.pop(), version: 2 };
      const priority = drawIndex(PRIORITIES, rng.next()) + 1;
      if (rng.chance(humanShare)) {
        const target = rng.chance(REWORK_SHARE / humanShare) ? rework.pick(rng, day, openedAt) : null;
        const arrival: Arrival = target
          ? {
              openedAt,
              workflow: target.workflow,
              category: target.category,
              channel: target.channel,
              priority: Math.min(4, target.priority + (rng.chance(0.3) ? 1 : 0)),
            }
          : { openedAt, priority, ...routing.humanWork(rng) };
        const id = `INC${String(++humanSeq).padStart(9, '0')}`;
        yield {
          item: simulateHumanItem(rng, arrival, id, now, target ? reworkLink(rng, target) : null),
          version: 1,
        };
        continue;
      }
      const agent = routing.agent(rng);
      const seq = (agentSeq.get(agent.id) ?? 0) + 1;
      agentSeq.set(agent.id, seq);
      const arrival: Arrival = {
        openedAt,
        workflow: agent.workflow,
        category: rng.pick(agent.categories),
        priority,
        channel: rng.pick(agent.channels),
      };
      const simulated = simulateAgentItem(rng, arrival, agent, `${agent.idPrefix}-${seq}`, now);
      const resolvedAt = simulated.agentResolvedAt;
      if (resolvedAt !== null)
        rework.add(rng, Math.floor((resolvedAt - start) / DAY_MS), {
          workflow: agent.workflow,
          category: arrival.category,
          priority,
          channel: arrival.channel,
          source: agent.source,
          externalId: simulated.first.external_id,
          resolvedAt,
        });
      if (simulated.later) later.push(simulated.later.at, simulated.later.item);
      yield { item: simulated.first, version: 1 };
    }
  }
  while (later.size > 0) yield { item: later.pop(), version: 2 };
}

/** Every record of scaleItemVersions, as POST /v1/items takes them. */
export function* scaleItems(options: ScaleOptions): Generator<ItemInput> {
  for (const { item } of scaleItemVersions(options)) yield item;
}

/** Who gets an arriving item: agents by volume; the human desk's work spread over the agents' workflows. */
class Routing {
  private readonly agents: readonly ScaleAgent[];
  private readonly agentShares: Float64Array;
  private readonly workflowShares: Float64Array;

  constructor(private readonly catalog: ScaleCatalog) {
    this.agents = catalog.agents;
    this.agentShares = cumulativeShares(catalog.agents.map((a) => a.volume));
    this.workflowShares = cumulativeShares(
      catalog.workflows.map((w) =>
        catalog.agents.filter((a) => a.workflow.id === w.id).reduce((sum, a) => sum + a.volume, 0),
      ),
    );
  }

  agent(rng: SeededRandom): ScaleAgent {
    const agent = this.agents[drawIndex(this.agentShares, rng.next())];
    if (agent === undefined) throw new RangeError('no agents');
    return agent;
  }

  humanWork(rng: SeededRandom): Omit<Arrival, 'openedAt' | 'priority'> {
    const workflow = this.catalog.workflows[drawIndex(this.workflowShares, rng.next())];
    if (workflow === undefined) throw new RangeError('no workflows');
    const category = workflow.categories[Math.floor(rng.next() * workflow.categories.length)];
    if (category === undefined) throw new RangeError(`workflow ${workflow.id} has no categories`);
    return {
      workflow,
      category,
      channel: ALL_CHANNELS[Math.floor(rng.next() * ALL_CHANNELS.length)] ?? 'portal',
    };
  }
}
