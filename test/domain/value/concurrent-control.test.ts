import { describe, expect, it } from 'vitest';
import {
  concurrentControlDid,
  meanLevel,
  proportionLevel,
} from '../../../src/domain/value/concurrent-control.js';

describe('difference-in-differences against the concurrent control group', () => {
  it('works a mean case by hand', () => {
    // agent resolution seconds [100, 200, 300]: mean 200, s² = (100² + 0 + 100²)/2 = 10000, se² = 10000/3
    // control [1000, 1400]: mean 1200, s² = (200² + 200²)/1 = 80000, se² = 80000/2 = 40000
    // pre [1100, 1300, 1500, 1700]: mean 1400 — cancels
    // estimate = (200 − 1400) − (1200 − 1400) = −1000; se = √(10000/3 + 40000) = √43333.33 = 208.1666
    // CI = −1000 ± 1.959964 × 208.1666 = [−1408.00, −591.99]; z = −4.8038, p = 1.556e-6
    const did = concurrentControlDid(
      meanLevel([100, 200, 300]),
      meanLevel([1000, 1400]),
      meanLevel([1100, 1300, 1500, 1700]),
    );
    expect(did.estimate).toBe(-1000);
    expect(did.baseline_pre).toBe(1400);
    expect(did.ci[0]).toBeCloseTo(-1000 - 1.959963984540054 * Math.sqrt(10000 / 3 + 40000), 9);
    expect(did.ci[0]).toBeCloseTo(-1408.0, 1);
    expect(did.ci[1]).toBeCloseTo(-591.99, 1);
    expect(did.p).toBeCloseTo(1.556e-6, 8);
    expect([did.n_agent, did.n_control]).toEqual([3, 2]);
  });

  it('works a proportion case by hand', () => {
    // agent FCR 80/100 = 0.8, se² = 0.8·0.2/100 = 0.0016; control 50/100 = 0.5, se² = 0.0025
    // pre 60/100 = 0.6 cancels; estimate = (0.8 − 0.6) − (0.5 − 0.6) = 0.3
    // se = √0.0041 = 0.064031; z = 4.6852; p = 2.797e-6
    const did = concurrentControlDid(
      proportionLevel(80, 100),
      proportionLevel(50, 100),
      proportionLevel(60, 100),
    );
    expect(did.estimate).toBeCloseTo(0.3, 12);
    expect(did.ci[1] - did.ci[0]).toBeCloseTo(2 * 1.959963984540054 * Math.sqrt(0.0041), 12);
    expect(did.p).toBeCloseTo(2.797e-6, 8);
  });

  it('refuses samples it cannot measure', () => {
    expect(() => meanLevel([1])).toThrow(/at least 2/);
    expect(() => proportionLevel(3, 2)).toThrow(/0 ≤ x ≤ n/);
  });
});
