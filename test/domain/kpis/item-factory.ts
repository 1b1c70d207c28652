import type { KpiItem } from '../../../src/domain/kpi-item.js';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
/** 2025-01-01T00:00:00Z, the start of the test period. */
export const T0 = Date.UTC(2025, 0, 1);

/**
 * An agent-handled, still-open item of cohort (password, 3, portal) in workflow 'it', opened at T0;
 * each test overrides only the fields it is about.
 */
export function makeItem(overrides: Partial<KpiItem> & Pick<KpiItem, 'id'>): KpiItem {
  return {
    workflow: 'it',
    category: 'password',
    priority: 3,
    channel: 'portal',
    openedAt: T0,
    firstResponseAt: null,
    resolvedAt: null,
    closedAt: null,
    reassignmentCount: 0,
    reopenCount: 0,
    handledBy: 'agent-a',
    outcome: 'open',
    stateChangeVerified: null,
    csat: null,
    slaMet: null,
    reversedAt: null,
    disputedAt: null,
    reworkOpenedAt: null,
    handoffMinutes: null,
    ...overrides,
  };
}
