import { WorkledgerError } from '../errors.js';
import { DAY_MS } from '../time.js';

/** An average calendar month: 365.25 / 12 = 30.4375 days, so twelve of them make a year of leap cycles. */
export const AVERAGE_MONTH_MS = (365.25 / 12) * DAY_MS;

/** How many average months lie between two instants (epoch ms), e.g. 30 days → 0.98563…. */
export function monthsBetween(from: number, to: number): number {
  if (!Number.isFinite(from) || !Number.isFinite(to) || to <= from)
    throw new WorkledgerError('VALIDATION', 'a period needs finite from < to');
  return (to - from) / AVERAGE_MONTH_MS;
}
