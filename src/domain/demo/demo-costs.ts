import type { CostInput, ItemInput } from '../item-input.js';
import { HUMAN } from '../kpi-item.js';
import { toIso } from '../time.js';
import { DEMO_AGENTS, DEMO_MODEL_PRICES, agentProfile } from './demo-catalog.js';
import { DEMO_CATEGORIES } from './demo-categories.js';
import { microsToDecimalText, unitsToMicros } from './decimal-text.js';
import { monthSlices } from './month-slices.js';
import type { SeededRandom } from './seeded-random.js';

/** Share of agent items that report inference usage at all, and of those, a cost instead of a model. */
const INFERENCE_REPORTED = 0.93;
const EXPLICIT_AMOUNT = 0.12;

/**
 * The demo's AI costs: one integration cost per agent at go-live, monthly licences as date ranges
 * (pro-rated for partial months, never past `now`), per-item inference usage (tokens and model, or a
 * reported amount) and a vendor fee per resolution for agents whose vendor charges one.
 */
export function generateCosts(
  rng: SeededRandom,
  items: readonly ItemInput[],
  goLive: number,
  now: number,
): CostInput[] {
  const costs: CostInput[] = [];
  for (const { agent, integrationCost } of DEMO_AGENTS) {
    if (goLive > now) continue;
    costs.push({
      id: `integration-${agent.id}`,
      agent_id: agent.id,
      kind: 'integration',
      amount: microsToDecimalText(unitsToMicros(integrationCost)),
      starts_at: toIso(goLive),
    });
  }
  for (const { agent, monthlyLicence } of DEMO_AGENTS) {
    costs.push(...licenceCosts(agent.id, monthlyLicence, goLive, now));
  }
  for (const item of items) {
    if (item.handled_by === HUMAN) continue;
    costs.push(...itemCosts(rng, item));
  }
  return costs;
}

function licenceCosts(agentId: string, monthlyLicence: number, goLive: number, now: number): CostInput[] {
  const feeMicros = unitsToMicros(monthlyLicence);
  return monthSlices(goLive, now).map((slice) => ({
    id: `licensing-${agentId}-${slice.month}`,
    agent_id: agentId,
    kind: 'licensing',
    amount: microsToDecimalText(Math.round(feeMicros * slice.share)),
    starts_at: toIso(slice.from),
    ends_at: toIso(slice.to),
  }));
}

function itemCosts(rng: SeededRandom, item: ItemInput): CostInput[] {
  const costs: CostInput[] = [];
  const agent = agentProfile(item.handled_by);
  const ref = { source: item.source, external_id: item.external_id };
  const key = `${item.source}-${item.external_id}`;
  const profile = DEMO_CATEGORIES.find((c) => c.workflow === item.workflow && c.category === item.category);
  if (rng.chance(INFERENCE_REPORTED) && profile !== undefined) {
    const effort = item.outcome === 'resolved' ? 1 : 1.4;
    const tokensIn = Math.round(rng.logNormal(profile.tokensIn * effort, 0.5));
    const tokensOut = Math.round(rng.logNormal(profile.tokensOut * effort, 0.6));
    const cost: CostInput = {
      id: `inference-${key}`,
      agent_id: agent.agent.id,
      item: ref,
      kind: 'inference',
      starts_at: item.first_response_at ?? item.opened_at,
      tokens_in: tokensIn,
      tokens_out: tokensOut,
    };
    if (rng.chance(EXPLICIT_AMOUNT)) {
      // The platform reported what it charged (with its own rounding and caching), so no model pricing.
      cost.amount = microsToDecimalText(
        inferenceMicros(agent.model, tokensIn, tokensOut) * rng.uniform(0.8, 1.1),
      );
    } else {
      cost.model = agent.model;
    }
    costs.push(cost);
  }
  if (agent.outcomeFee !== null && item.outcome === 'resolved' && typeof item.resolved_at === 'string') {
    costs.push({
      id: `outcome-fee-${key}`,
      agent_id: agent.agent.id,
      item: ref,
      kind: 'outcome_fee',
      amount: microsToDecimalText(unitsToMicros(agent.outcomeFee)),
      starts_at: item.resolved_at,
    });
  }
  return costs;
}

/** Micro-units a model charges for the tokens, from the demo price table. */
export function inferenceMicros(model: string, tokensIn: number, tokensOut: number): number {
  const price = DEMO_MODEL_PRICES.find((p) => p.model === model);
  if (price === undefined) throw new RangeError(`no demo price for model ${model}`);
  const perMillionIn = unitsToMicros(Number(price.input_per_million));
  const perMillionOut = unitsToMicros(Number(price.output_per_million));
  return Math.round((tokensIn * perMillionIn + tokensOut * perMillionOut) / 1_000_000);
}
