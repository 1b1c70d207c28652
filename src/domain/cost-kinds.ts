/** The kinds of AI cost (KPIS.md, Costs), in the order they are shown. */
export const COST_KINDS = [
  'inference',
  'compute',
  'licensing',
  'integration',
  'outcome_fee',
  'oversight',
] as const;
export type CostKind = (typeof COST_KINDS)[number];
