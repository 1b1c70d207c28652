import { WorkledgerError } from '../errors.js';

/** A fitted straight line y = intercept + slope · x. */
export interface LinearTrend {
  readonly intercept: number;
  readonly slope: number;
}

/** Ordinary least-squares line through (x, y) points; needs at least two distinct x. */
export function linearTrend(points: readonly { x: number; y: number }[]): LinearTrend {
  const n = points.length;
  if (n < 2) throw new WorkledgerError('VALIDATION', 'a linear trend needs at least two points');
  let sumX = 0;
  let sumY = 0;
  for (const { x, y } of points) {
    if (!Number.isFinite(x) || !Number.isFinite(y))
      throw new WorkledgerError('VALIDATION', 'trend points must be finite numbers');
    sumX += x;
    sumY += y;
  }
  const meanX = sumX / n;
  const meanY = sumY / n;
  let sxx = 0;
  let sxy = 0;
  for (const { x, y } of points) {
    sxx += (x - meanX) * (x - meanX);
    sxy += (x - meanX) * (y - meanY);
  }
  if (sxx === 0) throw new WorkledgerError('VALIDATION', 'a linear trend needs at least two distinct x');
  const slope = sxy / sxx;
  return { intercept: meanY - slope * meanX, slope };
}
