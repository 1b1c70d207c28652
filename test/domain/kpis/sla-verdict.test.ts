import { describe, expect, it } from 'vitest';
import { slaVerdict } from '../../../src/domain/kpis/quality-checks.js';
import { HOUR, makeItem, T0 } from './item-factory.js';

const calls: [string | null, number | null][] = [];
/** Workflow 'it' targets 8 h at priority 1 and 4 h otherwise; other workflows have none. */
function slaHours(workflow: string | null, priority: number | null): number | null {
  calls.push([workflow, priority]);
  if (workflow !== 'it') return null;
  return priority === 1 ? 8 : 4;
}

function resolvedIn(hours: number, priority: number | null, workflow: string | null = 'it') {
  return makeItem({ id: 'x', outcome: 'resolved', workflow, priority, resolvedAt: T0 + hours * HOUR });
}

describe('slaVerdict', () => {
  it("applies the target for the item's workflow and priority", () => {
    // 6 h ≤ 8 h at priority 1; 6 h > 4 h at priority 3; 4 h ≤ 4 h exactly; 4 h + 1 ms > 4 h
    expect(slaVerdict(resolvedIn(6, 1), slaHours)).toBe(true);
    expect(slaVerdict(resolvedIn(6, 3), slaHours)).toBe(false);
    expect(slaVerdict(resolvedIn(4, 3), slaHours)).toBe(true);
    expect(slaVerdict(resolvedIn(4 + 1 / HOUR, 3), slaHours)).toBe(false);
    expect(calls).toContainEqual(['it', 1]);
    expect(calls).toContainEqual(['it', 3]);
  });

  it('prefers what the source said, even without a target', () => {
    expect(slaVerdict({ ...resolvedIn(1, 3), slaMet: false }, slaHours)).toBe(false);
    expect(slaVerdict({ ...resolvedIn(100, 3), slaMet: true }, slaHours)).toBe(true);
    expect(slaVerdict({ ...resolvedIn(1, 3, 'hr'), slaMet: true }, slaHours)).toBe(true);
  });

  it('leaves an item out when neither the source nor a target decides', () => {
    expect(slaVerdict(resolvedIn(1, 3, 'hr'), slaHours)).toBeNull();
    // a target but no resolution time: nothing to compare
    expect(slaVerdict(makeItem({ id: 'y', outcome: 'resolved' }), slaHours)).toBeNull();
  });

  it('uses closed_at when resolved_at is missing', () => {
    // closed 5 h after opening, target 4 h → breached
    const closed = makeItem({ id: 'z', outcome: 'resolved', closedAt: T0 + 5 * HOUR });
    expect(slaVerdict(closed, slaHours)).toBe(false);
  });
});
