import { WorkledgerError } from '../errors.js';
import { HUMAN, type KpiItem } from '../kpi-item.js';
import type { SlaHoursLookup } from '../kpis/quality-checks.js';
import { LOW_N } from '../kpis/kpi-value.js';
import { DAY_MS } from '../time.js';
import type { Baseline, BaselineCohort } from './baseline.js';
import {
  cohortKeyId,
  cohortKeyOf,
  DEFAULT_COHORT_BY,
  describeCohort,
  type CohortField,
  type CohortKey,
} from './cohort-key.js';
import { humanKpis } from './human-kpis.js';
import type { RateCard } from './rate-card.js';

/** KPIS.md: a baseline window is 30–60 days; the product warns outside it. */
export const MIN_WINDOW_DAYS = 30;
export const MAX_WINDOW_DAYS = 60;

/** What computeBaseline needs: the human-handled items of the window and the rate card. */
export interface BaselineInput {
  /** Human-handled items opened in [from, to); any other item is left out (and counted in a warning). */
  readonly items: readonly KpiItem[];
  /** Epoch ms, inclusive. */
  readonly from: number;
  /** Epoch ms, exclusive. */
  readonly to: number;
  /** Cohort fields; default workflow, category, priority. */
  readonly cohortBy?: readonly CohortField[];
  readonly slaHours: SlaHoursLookup;
  readonly rateCard: RateCard;
  /** Seed of the bootstrap intervals. */
  readonly seed: number;
}

/**
 * The human baseline of a window (KPIS.md, Baseline): per cohort and in total, the human-side KPIs under
 * the agent-side names, with Wilson intervals for rates and bootstrap ones for latencies, and warnings
 * for a window outside 30–60 days and for cohorts of fewer than 30 handled items.
 */
export function computeBaseline(input: BaselineInput): Baseline {
  const cohortBy = validate(input);
  const context = { slaHours: input.slaHours, rateCard: input.rateCard, seed: input.seed };
  const inWindow = input.items.filter(
    (item) => item.handledBy === HUMAN && item.openedAt >= input.from && item.openedAt < input.to,
  );
  const groups = new Map<string, { key: CohortKey; items: KpiItem[] }>();
  for (const item of inWindow) {
    const key = cohortKeyOf(item, cohortBy);
    const id = cohortKeyId(key, cohortBy);
    const group = groups.get(id);
    if (group === undefined) groups.set(id, { key, items: [item] });
    else group.items.push(item);
  }
  const cohorts: BaselineCohort[] = [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, group]) => ({ key: group.key, kpis: humanKpis(group.items, context) }));
  return {
    from: input.from,
    to: input.to,
    cohort_by: [...cohortBy],
    cohorts,
    totals: humanKpis(inWindow, context),
    warnings: warnings(input, cohortBy, cohorts, input.items.length - inWindow.length),
  };
}

function warnings(
  input: BaselineInput,
  cohortBy: readonly CohortField[],
  cohorts: readonly BaselineCohort[],
  leftOut: number,
): string[] {
  const found: string[] = [];
  const days = (input.to - input.from) / DAY_MS;
  if (days < MIN_WINDOW_DAYS)
    found.push(`the window is ${round2(days)} days, under the ${MIN_WINDOW_DAYS} days a baseline needs`);
  if (days > MAX_WINDOW_DAYS)
    found.push(
      `the window is ${round2(days)} days, over the ${MAX_WINDOW_DAYS} days KPIS.md asks for: older history may not describe today's team`,
    );
  if (leftOut > 0)
    found.push(`${leftOut} items were left out: not human-handled or not opened in the window`);
  if (cohorts.length === 0) found.push('no human-handled items in the window');
  for (const cohort of cohorts) {
    const handled = cohort.kpis.items_handled.value ?? 0;
    if (handled < LOW_N)
      found.push(
        `cohort ${describeCohort(cohort.key, cohortBy)} has ${handled} handled items, under ${LOW_N}`,
      );
  }
  return found;
}

function validate(input: BaselineInput): readonly CohortField[] {
  for (const [field, value] of [
    ['from', input.from],
    ['to', input.to],
    ['seed', input.seed],
  ] as const) {
    if (!Number.isFinite(value))
      throw new WorkledgerError('VALIDATION', `${field} must be finite: ${value}`, field);
  }
  if (input.from >= input.to) throw new WorkledgerError('VALIDATION', 'from must be before to', 'from');
  const cohortBy = input.cohortBy ?? DEFAULT_COHORT_BY;
  if (cohortBy.length === 0 || new Set(cohortBy).size !== cohortBy.length)
    throw new WorkledgerError('VALIDATION', 'cohortBy must list distinct cohort fields', 'cohortBy');
  return cohortBy;
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
