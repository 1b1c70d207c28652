import type { CostComponent } from '../api/answers.js';

/** Every component of the total AI cost, in the order of KPIS.md (Costs), with the name it is shown by. */
export const COST_COMPONENTS: Record<CostComponent, string> = {
  inference: 'Inference',
  compute: 'Compute',
  licensing: 'Licensing',
  integration: 'Integration (amortised)',
  outcome_fee: 'Vendor fees',
  oversight: 'Human oversight',
  unallocated: 'Unallocated',
};

export function isCostComponent(kind: string): kind is CostComponent {
  return Object.hasOwn(COST_COMPONENTS, kind);
}

const ORDER: readonly CostComponent[] = Object.keys(COST_COMPONENTS).filter(isCostComponent);

/** The components of a breakdown in the shown order, each with its amount (0 when the answer has none). */
export function costRows(
  amounts: Partial<Record<CostComponent, number>>,
): { kind: CostComponent; label: string; amount: number }[] {
  return ORDER.map((kind) => ({ kind, label: COST_COMPONENTS[kind], amount: amounts[kind] ?? 0 }));
}
