import { WorkledgerError } from './errors.js';

/** A cost spread over a time range: amount in micro-units over [startsAt, endsAt), epoch ms. */
export interface RangeCost {
  readonly amountMicros: number;
  readonly startsAt: number;
  readonly endsAt: number;
}

/**
 * The micro-units of a range cost that fall in [from, to): pro-rated by time (so by day for whole days)
 * and rounded on the cumulative amount, amount × (t − start) ÷ span half up, so the shares of any set of
 * periods that covers the range telescope to the whole amount, to the micro-unit (KPIS.md, Costs).
 */
export function rangeShareMicros(cost: RangeCost, from: number, to: number): number {
  const span = cost.endsAt - cost.startsAt;
  if (!(span > 0) || !Number.isSafeInteger(span))
    throw new WorkledgerError('VALIDATION', 'a range cost needs a positive whole-ms span', 'ends_at');
  if (!Number.isSafeInteger(cost.amountMicros))
    throw new WorkledgerError('VALIDATION', 'amountMicros must be an integer', 'amount');
  const lo = Math.min(Math.max(from, cost.startsAt), cost.endsAt);
  const hi = Math.min(Math.max(to, cost.startsAt), cost.endsAt);
  if (hi <= lo) return 0;
  return (
    cumulativeMicros(cost.amountMicros, hi - cost.startsAt, span) -
    cumulativeMicros(cost.amountMicros, lo - cost.startsAt, span)
  );
}

/** round(amount × offset ÷ span), half away from zero, in exact integer arithmetic. */
function cumulativeMicros(amount: number, offset: number, span: number): number {
  const numerator = 2n * BigInt(amount) * BigInt(Math.round(offset));
  const denominator = 2n * BigInt(span);
  const sign = numerator < 0n ? -1n : 1n;
  const magnitude = (sign * numerator + BigInt(span)) / denominator;
  return Number(sign * magnitude);
}
