import { WorkledgerError } from '../errors.js';
import { twoSidedPValue } from './normal-cdf.js';
import { mean } from './percentile.js';
import { Z_95 } from './wilson.js';

/** Successes x out of n trials. */
export interface ProportionSample {
  readonly x: number;
  readonly n: number;
}

/** The four groups of a difference-in-differences: treated/control, before/after the change. */
export interface DidGroups<T> {
  readonly treatedPre: T;
  readonly treatedPost: T;
  readonly controlPre: T;
  readonly controlPost: T;
}

/** A difference-in-differences estimate with its standard error, 95% interval and two-sided p. */
export interface DidEstimate {
  /** (treatedPost − treatedPre) − (controlPost − controlPre). */
  readonly estimate: number;
  readonly se: number;
  readonly ci: [number, number];
  /** estimate ÷ se; 0 when se is 0. */
  readonly z: number;
  readonly p: number;
}

/**
 * Difference-in-differences of four independent groups, either of means (each group a sample of values)
 * or of proportions (each group x of n); see the two specific functions for the standard errors.
 */
export function differenceInDifferences(
  groups: DidGroups<readonly number[]> | DidGroups<ProportionSample>,
): DidEstimate {
  return isMeanGroups(groups)
    ? differenceInDifferencesOfMeans(groups)
    : differenceInDifferencesOfProportions(groups);
}

/**
 * DiD of means with SE = √(Σ s²_g / n_g) over the four groups (s² the sample variance, n − 1), i.e. the
 * heteroskedasticity-robust (Welch-type) standard error; each group needs at least 2 values.
 */
export function differenceInDifferencesOfMeans(groups: DidGroups<readonly number[]>): DidEstimate {
  const parts = each(groups, (values, name) => {
    if (values.length < 2) throw new WorkledgerError('VALIDATION', `${name} needs at least 2 values`, name);
    if (values.some((v) => !Number.isFinite(v)))
      throw new WorkledgerError('VALIDATION', `${name} must hold finite numbers`, name);
    const m = mean(values);
    let squares = 0;
    for (const v of values) squares += (v - m) * (v - m);
    return { level: m, variance: squares / (values.length - 1) / values.length };
  });
  return combine(parts);
}

/** DiD of proportions x/n with SE = √(Σ p̂_g(1 − p̂_g) / n_g), the unpooled Wald error of each group. */
export function differenceInDifferencesOfProportions(groups: DidGroups<ProportionSample>): DidEstimate {
  const parts = each(groups, ({ x, n }, name) => {
    if (!Number.isInteger(n) || n < 1)
      throw new WorkledgerError('VALIDATION', `${name}.n must be a positive count`, name);
    if (!Number.isInteger(x) || x < 0 || x > n)
      throw new WorkledgerError('VALIDATION', `${name}.x must be a count in [0, ${n}]`, name);
    const p = x / n;
    return { level: p, variance: (p * (1 - p)) / n };
  });
  return combine(parts);
}

interface GroupPart {
  level: number;
  /** Variance of the group's level (squared standard error). */
  variance: number;
}

function combine(parts: DidGroups<GroupPart>): DidEstimate {
  const estimate =
    parts.treatedPost.level - parts.treatedPre.level - (parts.controlPost.level - parts.controlPre.level);
  const se = Math.sqrt(
    parts.treatedPre.variance +
      parts.treatedPost.variance +
      parts.controlPre.variance +
      parts.controlPost.variance,
  );
  const z = se === 0 ? 0 : estimate / se;
  return { estimate, se, ci: [estimate - Z_95 * se, estimate + Z_95 * se], z, p: twoSidedPValue(z) };
}

function each<T, R>(groups: DidGroups<T>, f: (group: T, name: keyof DidGroups<T>) => R): DidGroups<R> {
  return {
    treatedPre: f(groups.treatedPre, 'treatedPre'),
    treatedPost: f(groups.treatedPost, 'treatedPost'),
    controlPre: f(groups.controlPre, 'controlPre'),
    controlPost: f(groups.controlPost, 'controlPost'),
  };
}

function isMeanGroups(
  groups: DidGroups<readonly number[]> | DidGroups<ProportionSample>,
): groups is DidGroups<readonly number[]> {
  return Array.isArray(groups.treatedPre);
}
