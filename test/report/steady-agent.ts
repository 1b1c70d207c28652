import { createRandom } from '../../src/domain/stats/random.js';
import { DAY, HOUR, iso, type RawItem } from '../helpers/ledger.js';

/** Monday 2026-08-03 00:00 UTC: the first day of the steady agent's twelve weeks. */
export const START = Date.UTC(2026, 7, 3);
export const WEEKS = 12;
export const PER_DAY = 40;

/**
 * An agent whose behaviour never changes. Outcomes follow fixed quotas per 100 items opened (the rates
 * are exact, so the only thing that moves is maturity): 88 resolved, 8 escalated, 4 failed; of every 25
 * resolutions one is reopened 1–6 days later, inside the 7-day durability window, as in life.
 * True error rate = (failed + reversed) ÷ handled = (4 + 88 ÷ 25) ÷ 100 = 7.52%.
 */
export const TRUE_ERROR_RATE = (4 + 88 / 25) / 100;

/** One item's whole life: its events, in time order. */
interface ItemLife {
  id: string;
  openedAt: number;
  outcome: 'resolved' | 'escalated' | 'failed';
  endedAt: number;
  reopenedAt: number | null;
}

/** Every item of the twelve weeks, with seeded times. */
export function steadyLives(): ItemLife[] {
  const random = createRandom(20_261_201);
  const lives: ItemLife[] = [];
  let resolvedSoFar = 0;
  for (let n = 0; n < WEEKS * 7 * PER_DAY; n++) {
    const day = Math.floor(n / PER_DAY);
    const openedAt = START + day * DAY + Math.floor(random() * DAY);
    const slot = n % 100;
    const outcome = slot < 88 ? 'resolved' : slot < 96 ? 'escalated' : 'failed';
    const endedAt = openedAt + HOUR + Math.floor(random() * 7 * HOUR);
    let reopenedAt: number | null = null;
    if (outcome === 'resolved') {
      resolvedSoFar += 1;
      if (resolvedSoFar % 25 === 0) reopenedAt = endedAt + DAY + Math.floor(random() * 5 * DAY);
    }
    lives.push({ id: `S${n}`, openedAt, outcome, endedAt, reopenedAt });
  }
  return lives;
}

/** The items as their source knew them at `at`: the version a writer would have sent by then. */
export function versionsAt(lives: readonly ItemLife[], at: number): RawItem[] {
  const items: RawItem[] = [];
  for (const life of lives) {
    if (life.openedAt >= at) continue;
    const base = {
      source: 'desk',
      external_id: life.id,
      workflow: 'it',
      category: 'password',
      priority: 3,
      handled_by: 'steady',
      opened_at: iso(life.openedAt),
    };
    if (life.endedAt > at) {
      items.push({ ...base, outcome: 'open', updated_at: iso(life.openedAt) });
      continue;
    }
    if (life.outcome === 'resolved') {
      const reopened = life.reopenedAt !== null && life.reopenedAt <= at;
      items.push({
        ...base,
        outcome: 'resolved',
        resolved_at: iso(life.endedAt),
        reopen_count: reopened ? 1 : 0,
        updated_at: iso(reopened && life.reopenedAt !== null ? life.reopenedAt : life.endedAt),
      });
      continue;
    }
    items.push({
      ...base,
      outcome: life.outcome,
      closed_at: life.outcome === 'failed' ? iso(life.endedAt) : null,
      updated_at: iso(life.endedAt),
    });
  }
  return items;
}
