/** A band of an industry benchmark, as a fraction (0.15 = 15%, 1.5 = 150%). */
export interface BenchmarkBand {
  readonly low: number | null;
  readonly high: number | null;
  readonly text: string;
}

/**
 * The seeds' industry figures of KPIS.md (Benchmarks shown for context): shown beside the tenant's own
 * numbers, never used in a computation.
 */
export const BENCHMARKS = {
  accelerated_scaling_cost_ratio: {
    low: null,
    high: 0.4,
    text: 'cost per output below 40% of the legacy baseline justifies accelerated scaling',
  },
  year_one_efficiency_gain: { low: 0.15, high: 0.3, text: 'year-one efficiency gains of 15–30%' },
  year_three_cumulative_roi: { low: 1.5, high: 3, text: '150–300% cumulative ROI by year three' },
  tier1_autonomous_resolution: {
    low: 0.6,
    high: 0.8,
    text: '60–80% autonomous resolution of tier-1 incidents',
  },
  helpdesk_labor_cost_reduction: {
    low: 0.4,
    high: 0.6,
    text: '40–60% reduction of helpdesk labor cost (with 60–80% tier-1 autonomous resolution)',
  },
} as const satisfies Record<string, BenchmarkBand>;
