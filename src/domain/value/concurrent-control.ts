import { WorkledgerError } from '../errors.js';
import { twoSidedPValue } from '../stats/normal-cdf.js';
import { Z_95 } from '../stats/wilson.js';

/** One arm's level (mean or proportion), the squared standard error of that level, and its size. */
export interface ArmLevel {
  readonly level: number;
  readonly se2: number;
  readonly n: number;
}

/** The difference-in-differences against the concurrent control group, with its interval and p. */
export interface ConcurrentControlEstimate {
  readonly agent_post: number;
  readonly control_post: number;
  readonly baseline_pre: number;
  /** (agent_post − baseline_pre) − (control_post − baseline_pre). */
  readonly estimate: number;
  readonly ci: [number, number];
  readonly p: number;
  readonly n_agent: number;
  readonly n_control: number;
}

/** A mean and the squared standard error of it (sample variance with n − 1, over n). */
export function meanLevel(values: readonly number[]): ArmLevel {
  if (values.length < 2) throw new WorkledgerError('VALIDATION', 'a mean level needs at least 2 values');
  const m = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.reduce((a, b) => a + (b - m) ** 2, 0) / (values.length - 1);
  return { level: m, se2: variance / values.length, n: values.length };
}

/** A proportion x/n and its squared Wald standard error p(1 − p)/n. */
export function proportionLevel(x: number, n: number): ArmLevel {
  if (!(n > 0) || x < 0 || x > n)
    throw new WorkledgerError('VALIDATION', `a proportion needs 0 ≤ x ≤ n, n > 0 (x ${x}, n ${n})`);
  const p = x / n;
  return { level: p, se2: (p * (1 - p)) / n, n };
}

/**
 * KPIS.md's concurrent control group: human-handled items of the agent's cohorts during the rollout.
 * Agent and control arms share one pre-period (the baseline window's items of those cohorts), so the
 * pre level cancels from the estimate and from its variance: SE = √(se²_agent + se²_control).
 */
export function concurrentControlDid(
  agent: ArmLevel,
  control: ArmLevel,
  pre: ArmLevel,
): ConcurrentControlEstimate {
  const estimate = agent.level - pre.level - (control.level - pre.level);
  const se = Math.sqrt(agent.se2 + control.se2);
  return {
    agent_post: agent.level,
    control_post: control.level,
    baseline_pre: pre.level,
    estimate,
    ci: [estimate - Z_95 * se, estimate + Z_95 * se],
    p: se > 0 ? twoSidedPValue(estimate / se) : 1,
    n_agent: agent.n,
    n_control: control.n,
  };
}
