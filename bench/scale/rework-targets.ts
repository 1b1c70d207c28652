import type { SeededRandom } from '../../src/domain/demo/seeded-random.js';
import type { ItemLinkInput } from '../../src/domain/item-input.js';
import type { ScaleCategory, ScaleWorkflow } from './scale-catalog.js';

/** An agent resolution a later ticket may name as rework. */
export interface ReworkTarget {
  source: string;
  externalId: string;
  resolvedAt: number;
  workflow: ScaleWorkflow;
  category: ScaleCategory;
  priority: number;
  channel: string;
}

const PER_DAY = 64;
const KEPT_DAYS = 15;

/**
 * A bounded sample of recent agent resolutions, by the day they were resolved (reservoir sampling, 64 a
 * day, 15 days kept), so follow-ups can name one without the generator holding every item.
 */
export class ReworkTargets {
  private readonly days = new Map<number, { seen: number; targets: ReworkTarget[] }>();

  add(rng: SeededRandom, day: number, target: ReworkTarget): void {
    let bucket = this.days.get(day);
    if (bucket === undefined) {
      bucket = { seen: 0, targets: [] };
      this.days.set(day, bucket);
    }
    bucket.seen += 1;
    if (bucket.targets.length < PER_DAY) bucket.targets.push(target);
    else {
      const slot = Math.floor(rng.next() * bucket.seen);
      if (slot < PER_DAY) bucket.targets[slot] = target;
    }
  }

  /**
   * A resolution from about 1.5 days before `openedAt` (log-normal, at most 13 days back) resolved
   * before it, or null when none is at hand; forgets days too old to be asked for again.
   */
  pick(rng: SeededRandom, day: number, openedAt: number): ReworkTarget | null {
    for (const old of this.days.keys()) if (old < day - KEPT_DAYS) this.days.delete(old);
    const back = Math.min(13, Math.floor(rng.logNormal(1.5, 0.9)));
    const targets = this.days.get(day - back)?.targets ?? [];
    const target = targets[Math.floor(rng.next() * targets.length)];
    return target !== undefined && target.resolvedAt < openedAt ? target : null;
  }
}

/** The link a follow-up sends: `follow_up_of` (the same request again) or `caused_by` (a new problem). */
export function reworkLink(rng: SeededRandom, target: ReworkTarget): ItemLinkInput {
  return {
    kind: rng.chance(0.7) ? 'follow_up_of' : 'caused_by',
    source: target.source,
    external_id: target.externalId,
  };
}
