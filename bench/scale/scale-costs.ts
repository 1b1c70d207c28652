import { microsToDecimalText, unitsToMicros } from '../../src/domain/demo/decimal-text.js';
import { monthSlices } from '../../src/domain/demo/month-slices.js';
import { SeededRandom } from '../../src/domain/demo/seeded-random.js';
import type { CostInput, ItemInput } from '../../src/domain/item-input.js';
import { tokenCostMicros, toMicros } from '../../src/domain/money.js';
import { toIso } from '../../src/domain/time.js';
import type { ScaleAgent, ScaleCatalog } from './scale-catalog.js';

/** Share of agent items that report inference usage, and of those, a charged amount instead of a model. */
const INFERENCE_REPORTED = 0.95;
const EXPLICIT_AMOUNT = 0.12;

/**
 * The inference cost attached to an agent item (tokens × its agent's model price, or the amount the
 * platform charged), drawn from the item's own key so it never needs the item generator's state.
 * Null for human items, for the few agent items that report no usage, and for unknown agents.
 */
export function inferenceCost(
  seed: number,
  agents: ReadonlyMap<string, ScaleAgent>,
  item: ItemInput,
): CostInput | null {
  const agent = agents.get(item.handled_by);
  if (agent === undefined) return null;
  const rng = SeededRandom.derive(seed, `${item.source}/${item.external_id}`);
  if (!rng.chance(INFERENCE_REPORTED)) return null;
  const category = agent.workflow.categories.find((c) => c.name === item.category);
  const effort = item.outcome === 'resolved' ? 1 : 1.4;
  const tokensIn = Math.round(rng.logNormal((category?.tokensIn ?? 5_000) * effort, 0.5));
  const tokensOut = Math.round(rng.logNormal((category?.tokensOut ?? 800) * effort, 0.6));
  const cost: CostInput = {
    id: `inference-${item.source}-${item.external_id}`,
    agent_id: agent.id,
    item: { source: item.source, external_id: item.external_id },
    kind: 'inference',
    starts_at: item.first_response_at ?? item.opened_at,
    tokens_in: tokensIn,
    tokens_out: tokensOut,
  };
  if (rng.chance(EXPLICIT_AMOUNT)) {
    // The platform reported what it charged (its own caching and rounding), so no model pricing.
    const micros = tokenCostMicros(
      tokensIn,
      tokensOut,
      toMicros(agent.model.inputPerMillion, 'input_per_million'),
      toMicros(agent.model.outputPerMillion, 'output_per_million'),
    );
    cost.amount = microsToDecimalText(micros * rng.uniform(0.8, 1.1));
  } else {
    cost.model = agent.model.model;
  }
  return cost;
}

/** Each agent's licence and compute for every calendar month overlapping [start, now), pro-rated at the ends. */
export function rangeCosts(catalog: ScaleCatalog, start: number, now: number): CostInput[] {
  const costs: CostInput[] = [];
  for (const agent of catalog.agents)
    for (const slice of monthSlices(start, now))
      for (const [kind, monthly] of [
        ['licensing', agent.monthlyLicence],
        ['compute', agent.monthlyCompute],
      ] as const)
        costs.push({
          id: `${kind}-${agent.id}-${slice.month}`,
          agent_id: agent.id,
          kind,
          amount: microsToDecimalText(Math.round(unitsToMicros(monthly) * slice.share)),
          starts_at: toIso(slice.from),
          ends_at: toIso(slice.to),
        });
  return costs;
}
