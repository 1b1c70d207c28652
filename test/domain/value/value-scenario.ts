import { computeBaseline } from '../../../src/domain/baseline/compute-baseline.js';
import { RateCard } from '../../../src/domain/baseline/rate-card.js';
import type { KpiItem } from '../../../src/domain/kpi-item.js';
import { DAY, HOUR, makeItem, T0 } from '../kpis/item-factory.js';

/** 'it' has a 4 h SLA target at every priority. */
export const slaHours = (workflow: string | null): number | null => (workflow === 'it' ? 4 : null);

/**
 * Loaded rate = 40 · 0.75 + 60 · 0.25 = 45 per hour; overhead 0.15; a breach costs 50.
 * Handle hours: password 0.2 h, network 2 h, anything else 1 h. Cost per item:
 * password 0.2 · 45 · 1.15 = 10.35, network 2 · 45 · 1.15 = 103.5 (their plain average: 56.925).
 */
export const rateCard = RateCard.parse({
  staff_hourly_rate: '40',
  contractor_hourly_rate: '60',
  contractor_share: 0.25,
  sla_penalty_per_breach: 50,
  handle_hours: {
    default: 1,
    cohorts: [
      { category: 'password', hours: 0.2 },
      { category: 'network', hours: 2 },
    ],
  },
});

const human = (id: string, category: string, hours: number): KpiItem =>
  makeItem({ id, category, handledBy: 'human', outcome: 'resolved', resolvedAt: T0 + hours * HOUR });

/**
 * Twelve human items of workflow it, priority 3, over the 30 days from T0.
 * password: 1 2 3 5 6 1 h → 2 of 6 over the 4 h target, breach rate 1/3.
 * network: 2 3 5 6 7 8 h → 4 of 6 over it, breach rate 2/3.
 */
export const humanItems: KpiItem[] = [
  ...[1, 2, 3, 5, 6, 1].map((h, i) => human(`p${i + 1}`, 'password', h)),
  ...[2, 3, 5, 6, 7, 8].map((h, i) => human(`n${i + 1}`, 'network', h)),
];

export const baseline = computeBaseline({
  items: humanItems,
  from: T0,
  to: T0 + 30 * DAY,
  slaHours,
  rateCard,
  seed: 7,
});

/** The agent period starts at go-live, 30 days after T0; states are read 60 days later. */
export const GO_LIVE = T0 + 30 * DAY;
export const AS_OF = GO_LIVE + 60 * DAY;
export const DURABILITY = 7 * DAY;
export const REWORK = 14 * DAY;

/** An agent item of cohort (it, password, 3) opened at go-live, resolved after `hours`. */
export const agentResolved = (id: string, hours: number, overrides: Partial<KpiItem> = {}): KpiItem =>
  makeItem({
    id,
    openedAt: GO_LIVE,
    outcome: 'resolved',
    resolvedAt: GO_LIVE + hours * HOUR,
    ...overrides,
  });
