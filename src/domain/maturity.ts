/** A half-open window of item opening times, epoch ms. */
export interface PeriodWindow {
  readonly from: number;
  readonly to: number;
}

/** How settled a period's figures are as of a moment (KPIS.md, Conventions: Maturity). */
export interface PeriodMaturity {
  /** True once `as_of ≥ settles_at`: every durability window of the period's resolutions has closed. */
  readonly settled: boolean;
  /** Period end + durability window; items still open then are the open tail (`items_open`). */
  readonly settles_at: number;
  /** How long after its own end the period is evaluated (negative while it is still running). */
  readonly age_ms: number;
}

/** How two periods were made comparable. */
export const COMPARISON_BASES = ['settled', 'equal_maturity'] as const;
export type ComparisonBasis = (typeof COMPARISON_BASES)[number];

/** The as-of moments at which a current and an earlier period are compared, and why. */
export interface ComparisonPlan {
  readonly basis: ComparisonBasis;
  readonly current: PeriodWindow & { readonly asOf: number };
  readonly previous: PeriodWindow & { readonly asOf: number };
}

/**
 * The one rule of maturity: a period is settled once its end plus the durability window has passed.
 * Resolutions inside the period then have had their whole window to be reopened, reassigned or
 * reworked; what is still open is shown as the open tail, never waited for.
 */
export function periodMaturity(
  period: PeriodWindow,
  asOf: number,
  durabilityWindowMs: number,
): PeriodMaturity {
  const settlesAt = period.to + durabilityWindowMs;
  return { settled: asOf >= settlesAt, settles_at: settlesAt, age_ms: asOf - period.to };
}

/**
 * How to compare `current` with an earlier `previous` as of `asOf`: both settled → as they stand now
 * (`settled`); otherwise the earlier one as it stood the same time after its own end (`equal_maturity`),
 * so both carry the same share of provisional resolutions.
 */
export function planComparison(
  current: PeriodWindow,
  previous: PeriodWindow,
  asOf: number,
  durabilityWindowMs: number,
): ComparisonPlan {
  const now = periodMaturity(current, asOf, durabilityWindowMs);
  const before = periodMaturity(previous, asOf, durabilityWindowMs);
  if (now.settled && before.settled)
    return { basis: 'settled', current: { ...current, asOf }, previous: { ...previous, asOf } };
  return {
    basis: 'equal_maturity',
    current: { ...current, asOf },
    previous: { ...previous, asOf: previous.to + now.age_ms },
  };
}

/** Whether a recommendation may rest on a period's figures: only settled ones (KPIS.md, Maturity). */
export function canRecommendFrom(maturity: PeriodMaturity): boolean {
  return maturity.settled;
}

/** The items a period held as of `asOf`: those opened before then (nothing later existed yet). */
export function windowAsOf(period: PeriodWindow, asOf: number): PeriodWindow {
  return { from: period.from, to: Math.max(period.from, Math.min(period.to, asOf)) };
}
