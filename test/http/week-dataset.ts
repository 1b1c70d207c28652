import { DAY, HOUR, iso, type RawItem } from '../helpers/ledger.js';

export const T0 = Date.UTC(2025, 0, 6); // Monday 2025-01-06
export const NOW = T0 + 60 * DAY;
export const PERIOD = `from=${iso(T0)}&to=${iso(T0 + 7 * DAY)}`;

/**
 * 25 items over the first 5 days of the period, 5 a day: per day d (0..4) items d-0 … d-4, all opened
 * at T0 + d days (so paging must break ties on id); d-0..d-2 by agent-a, d-3 by agent-b, d-4 by a human.
 * Outcomes: d-0, d-1, d-3 resolved after 1, 2, 3 h; d-2 escalated; d-4 resolved (human).
 */
export function dataset(): RawItem[] {
  const items: RawItem[] = [];
  for (let d = 0; d < 5; d += 1) {
    const opened = T0 + d * DAY;
    const base = { source: 'jira', workflow: 'it', priority: 2, opened_at: iso(opened) };
    items.push(
      {
        ...base,
        external_id: `${d}-0`,
        category: 'access',
        handled_by: 'agent-a',
        resolved_at: iso(opened + HOUR),
      },
      {
        ...base,
        external_id: `${d}-1`,
        category: 'access',
        handled_by: 'agent-a',
        resolved_at: iso(opened + 2 * HOUR),
      },
      { ...base, external_id: `${d}-2`, category: 'network', handled_by: 'agent-a', outcome: 'escalated' },
      {
        ...base,
        external_id: `${d}-3`,
        category: 'network',
        handled_by: 'agent-b',
        resolved_at: iso(opened + 3 * HOUR),
      },
      {
        ...base,
        external_id: `${d}-4`,
        category: 'access',
        handled_by: 'human',
        resolved_at: iso(opened + HOUR),
      },
    );
  }
  return items;
}
