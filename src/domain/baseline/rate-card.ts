import { z } from 'zod';
import { decimalMicros, fromMicros, isWithinMicros, MAX_AMOUNT_MICROS, MICROS, toMicros } from '../money.js';
import { StoredText } from '../text.js';
import type { ItemCohort } from './cohort-key.js';

const Text = StoredText.trim().min(1).max(200);
const DECIMAL_TEXT = /^\d+(\.\d{1,6})?$/;
/** A non-negative amount of money with at most 6 decimals, as a JSON number or a decimal string. */
const Amount = z.union([
  z
    .number()
    .nonnegative()
    .refine((n) => DECIMAL_TEXT.test(String(n)), 'at most 6 decimals'),
  z.string().trim().regex(DECIMAL_TEXT, 'a decimal amount with at most 6 decimals'),
]);
/** The highest hourly rate: 100,000 units (10^11 micro-units), room for currencies of small units. */
const MAX_HOURLY_RATE_MICROS = 100_000 * MICROS;
const HourlyRate = Amount.refine(
  (rate) => isWithinMicros(rate, MAX_HOURLY_RATE_MICROS),
  `at most ${fromMicros(MAX_HOURLY_RATE_MICROS)} per hour`,
);
const Penalty = Amount.refine(
  (penalty) => isWithinMicros(penalty, MAX_AMOUNT_MICROS),
  `at most ${fromMicros(MAX_AMOUNT_MICROS)}`,
);
const Hours = z.number().positive().max(10_000);
const Minutes = z.number().min(0).max(10_000);

/** Escalation overhead when an item does not report its hand-off minutes (KPIS.md, Human oversight). */
export const DEFAULT_ESCALATION_OVERHEAD_MINUTES = 10;

/** The fields a handle-hours cohort may select on; the ones given must all match. */
interface CohortSelector {
  readonly workflow?: string | undefined;
  readonly category?: string | undefined;
  readonly priority?: number | undefined;
  readonly channel?: string | undefined;
}

/** Handle hours of the items matching the given fields; at least one field must be given. */
export const HandleHoursCohort = z
  .strictObject({
    workflow: Text.optional(),
    category: Text.optional(),
    priority: z.number().int().min(1).max(5).optional(),
    channel: Text.optional(),
    hours: Hours,
  })
  .refine((c) => specificity(c) > 0, 'a handle-hours cohort needs workflow, category, priority or channel');
export type HandleHoursCohort = z.infer<typeof HandleHoursCohort>;

/** Hand-off minutes of the escalated or failed items matching the given fields. */
export const EscalationOverheadCohort = z
  .strictObject({
    workflow: Text.optional(),
    category: Text.optional(),
    priority: z.number().int().min(1).max(5).optional(),
    channel: Text.optional(),
    minutes: Minutes,
  })
  .refine(
    (c) => specificity(c) > 0,
    'an escalation-overhead cohort needs workflow, category, priority or channel',
  );
export type EscalationOverheadCohort = z.infer<typeof EscalationOverheadCohort>;

/** Minutes of human hand-off per escalated or failed item: one number, or a default with cohorts. */
const EscalationOverhead = z
  .union([
    Minutes,
    z.strictObject({
      default: Minutes.default(DEFAULT_ESCALATION_OVERHEAD_MINUTES),
      cohorts: z.array(EscalationOverheadCohort).max(10_000).default([]),
    }),
  ])
  .default(DEFAULT_ESCALATION_OVERHEAD_MINUTES)
  .transform((value) => (typeof value === 'number' ? { default: value, cohorts: [] } : value));

/** PUT /v1/rate-cards/{id}: what an hour of the human team costs and how long an item takes (KPIS.md, Baseline). */
export const RateCard = z
  .strictObject({
    staff_hourly_rate: HourlyRate,
    contractor_hourly_rate: HourlyRate.optional(),
    contractor_share: z.number().min(0).max(1).default(0),
    management_overhead: z.number().min(0).max(10).default(0.15),
    fte_hours_per_month: z.number().positive().max(744).default(140),
    sla_penalty_per_breach: Penalty.default(0),
    handle_hours: z.strictObject({
      default: Hours,
      cohorts: z.array(HandleHoursCohort).max(10_000).default([]),
    }),
    amortisation_months: z.number().int().min(1).max(120).default(12),
    escalation_overhead_minutes: EscalationOverhead,
  })
  .refine((card) => card.contractor_share === 0 || card.contractor_hourly_rate !== undefined, {
    message: 'contractor_hourly_rate is required when contractor_share > 0',
    path: ['contractor_hourly_rate'],
  })
  .refine((card) => largestCostPerItemMicros(card) <= MAX_AMOUNT_MICROS, {
    message: `handle hours × hourly rate × (1 + management_overhead) must be at most ${fromMicros(MAX_AMOUNT_MICROS)} per item`,
    path: ['handle_hours'],
  });
export type RateCard = z.infer<typeof RateCard>;

/** The dearest item a card can price, bounded like one cost record so baseline sums stay exact. */
function largestCostPerItemMicros(card: {
  staff_hourly_rate: string | number;
  contractor_hourly_rate?: string | number | undefined;
  management_overhead: number;
  handle_hours: { default: number; cohorts: readonly { hours: number }[] };
}): number {
  const rates = [card.staff_hourly_rate, card.contractor_hourly_rate ?? 0].map((r) => decimalMicros(r) ?? 0n);
  const rate = Math.max(...rates.map(Number));
  const hours = Math.max(card.handle_hours.default, ...card.handle_hours.cohorts.map((c) => c.hours));
  return hours * rate * (1 + card.management_overhead);
}

/**
 * The loaded hourly rate in micro-units: staff × (1 − contractor share) + contractor × share, rounded
 * half up to a micro-unit (management overhead is not in it; cost per item adds it).
 */
export function loadedHourlyRateMicros(card: RateCard): number {
  const staff = toMicros(card.staff_hourly_rate, 'staff_hourly_rate');
  const contractor =
    card.contractor_hourly_rate === undefined
      ? 0
      : toMicros(card.contractor_hourly_rate, 'contractor_hourly_rate');
  return Math.round(staff * (1 - card.contractor_share) + contractor * card.contractor_share);
}

/**
 * Handle hours of an item's cohort: the most specific matching rate-card cohort (most fields given),
 * the first listed among equally specific ones, else the default.
 */
export function handleHoursFor(card: RateCard, cohort: ItemCohort): number {
  return mostSpecific(card.handle_hours.cohorts, cohort)?.hours ?? card.handle_hours.default;
}

/** Hand-off minutes of an escalated or failed item's cohort when the item reports none (same matching as handle hours). */
export function escalationOverheadMinutesFor(card: RateCard, cohort: ItemCohort): number {
  const overhead = card.escalation_overhead_minutes;
  return mostSpecific(overhead.cohorts, cohort)?.minutes ?? overhead.default;
}

/** The matching selector with the most fields given, the first listed among equally specific ones. */
function mostSpecific<T extends CohortSelector>(candidates: readonly T[], cohort: ItemCohort): T | null {
  let best: T | null = null;
  for (const candidate of candidates) {
    if (!matches(candidate, cohort)) continue;
    if (best === null || specificity(candidate) > specificity(best)) best = candidate;
  }
  return best;
}

/** Cost per item in micro-units: handle hours × loaded hourly rate × (1 + management overhead), rounded half up. */
export function costPerItemMicros(card: RateCard, cohort: ItemCohort): number {
  return Math.round(
    handleHoursFor(card, cohort) * loadedHourlyRateMicros(card) * (1 + card.management_overhead),
  );
}

/** The SLA penalty per breach in micro-units. */
export function slaPenaltyMicros(card: RateCard): number {
  return toMicros(card.sla_penalty_per_breach, 'sla_penalty_per_breach');
}

function matches(candidate: CohortSelector, cohort: ItemCohort): boolean {
  return (
    (candidate.workflow === undefined || candidate.workflow === cohort.workflow) &&
    (candidate.category === undefined || candidate.category === cohort.category) &&
    (candidate.priority === undefined || candidate.priority === cohort.priority) &&
    (candidate.channel === undefined || candidate.channel === cohort.channel)
  );
}

function specificity(c: CohortSelector): number {
  return [c.workflow, c.category, c.priority, c.channel].filter((v) => v !== undefined).length;
}
