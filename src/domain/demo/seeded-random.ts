/** A weighted choice: `value` is drawn with probability `weight ÷ Σ weights`. */
export interface Weighted<T> {
  readonly value: T;
  readonly weight: number;
}

/**
 * A small seeded pseudo-random source (mulberry32) with the draws the demo needs.
 * Same seed, same sequence: the demo history must be reproducible, so nothing here reads Math.random.
 */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A new source whose sequence depends on this seed and `stream`, so sub-generators stay independent. */
  static derive(seed: number, stream: string): SeededRandom {
    let h = (seed ^ 0x9e3779b9) >>> 0;
    for (let i = 0; i < stream.length; i++) {
      h = Math.imul(h ^ stream.charCodeAt(i), 0x85ebca6b) >>> 0;
      h = (h ^ (h >>> 13)) >>> 0;
    }
    return new SeededRandom(h);
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform in [min, max). */
  uniform(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** Uniform integer in [min, max], both ends included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** Standard normal (Box-Muller). */
  normal(): number {
    const u = 1 - this.next(); // in (0, 1], so the log is finite
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Log-normal with the given median and log-space spread: a long right tail, as service times have. */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** One value drawn by weight; the last entry absorbs rounding. Throws on an empty list. */
  pick<T>(entries: readonly Weighted<T>[]): T {
    let total = 0;
    for (const entry of entries) total += entry.weight;
    let r = this.next() * total;
    for (const entry of entries) {
      r -= entry.weight;
      if (r < 0) return entry.value;
    }
    const last = entries[entries.length - 1];
    if (last === undefined) throw new RangeError('pick needs at least one entry');
    return last.value;
  }
}
