import type { ItemFilter } from '../../domain/item-filter.js';
import type { KpiName } from '../../domain/kpis/kpi-value.js';
import { WorkledgerError } from '../../domain/errors.js';
import { toIso } from '../../domain/time.js';
import { requirePermission, type Ctx, type Verb } from '../context.js';
import { periodMaturity, planComparison, type ComparisonBasis } from '../../domain/maturity.js';
import { comparePeriods, type KpiChange } from '../../domain/kpis/period-change.js';
import {
  computeKpiGroups,
  emptyKpis,
  loadKpiContext,
  type GroupDimension,
  type KpiContext,
  type KpiGroup,
} from './kpi-groups.js';
import { getTenantSettings } from '../config/tenant-settings.js';
import {
  answerGroup,
  answerGroupsWithSettled,
  asText,
  groupValue,
  type AnswerGroupText,
  type KpiAnswerGroup,
} from './settled-kpi-cache.js';
import { JsonText } from '../reads/json-text.js';

export type { KpiAnswerGroup } from './settled-kpi-cache.js';

export { GROUP_DIMENSIONS, type GroupDimension } from './kpi-groups.js';

export interface KpiQuery {
  filter: Omit<ItemFilter, 'withHumans' | 'handledBy' | 'outcome' | 'source'>;
  groupBy: GroupDimension[];
  asOf?: number;
  /** Also compare with the period of equal length just before, made comparable (KPIS.md, Maturity). */
  compare?: 'previous';
}

/** The earlier period beside each group, and how the two were made comparable. */
export interface KpiComparison {
  basis: ComparisonBasis;
  previous: { from: string; to: string; as_of: string };
  multiple_comparisons: string;
  groups: { key: Record<string, string | number | null>; kpis: Record<KpiName, KpiChange> }[];
}

export interface KpiAnswer {
  from: string;
  to: string;
  as_of: string;
  currency: string;
  baseline_version: number | null;
  filters: Record<string, (string | number)[]>;
  group_by: GroupDimension[];
  /** Whether the window's figures have settled (KPIS.md, Maturity): until then they still move. */
  maturity: { settled: boolean; settles_at: string };
  groups: KpiAnswerGroup[];
  /** With `compare=previous`: the period just before, judged at equal maturity or settled with settled. */
  comparison?: KpiComparison;
}

const MAX_RANGE_MS = 3 * 366 * 86_400_000;

/** Check a KPI window: `to` after `from`, at most 3 years. */
export function checkWindow(from: number, to: number): void {
  if (!(to > from)) throw new WorkledgerError('VALIDATION', 'to: must be after from', 'to');
  if (to - from > MAX_RANGE_MS)
    throw new WorkledgerError('VALIDATION', 'to: the window is at most 3 years', 'to');
}

/** Every KPI of KPIS.md over the items opened in [from, to), grouped as asked. */
export async function getKpis({ ctx, input }: Verb<KpiQuery>): Promise<KpiAnswer> {
  const { head, groups, comparison } = await kpiAnswerParts(ctx, input);
  return { ...head, groups: groups.map(groupValue), ...(comparison ? { comparison } : {}) };
}

/**
 * The same answer as its JSON text, for GET /v1/kpis: the groups kept from settled periods are spliced in
 * as the text they are kept as, never parsed and serialised again. `JSON.parse` of it equals getKpis.
 */
export async function getKpisJson({ ctx, input }: Verb<KpiQuery>): Promise<JsonText> {
  const { head, groups, comparison } = await kpiAnswerParts(ctx, input);
  // a placeholder no answer holds (it would be escaped inside any string), replaced by the groups' text
  const text = JSON.stringify({ ...head, groups: GROUPS_HOLE, ...(comparison ? { comparison } : {}) });
  const hole = JSON.stringify(GROUPS_HOLE);
  const at = text.indexOf(hole);
  return new JsonText(
    `${text.slice(0, at)}[${groups.map((g) => g.json).join(',')}]${text.slice(at + hole.length)}`,
  );
}

const GROUPS_HOLE = '\u0000groups\u0000';

async function kpiAnswerParts(
  ctx: Ctx,
  input: KpiQuery,
): Promise<{
  head: Omit<KpiAnswer, 'groups' | 'comparison'>;
  groups: AnswerGroupText[];
  comparison?: KpiComparison;
}> {
  requirePermission(ctx, 'read');
  const { filter, groupBy } = input;
  checkWindow(filter.from, filter.to);
  const tenant = await getTenantSettings(ctx);
  const asOf = input.asOf ?? ctx.now();
  const context = await loadKpiContext(ctx, tenant);
  const maturity = periodMaturity(filter, asOf, tenant.durability_window_ms);
  const version = context.baseline?.version ?? null;
  let groups: AnswerGroupText[];
  let comparison: KpiComparison | undefined;
  if (input.compare === 'previous') {
    const current = await computeKpiGroups(ctx, context, filter, groupBy, asOf);
    comparison = await comparePrevious(ctx, context, input, current, asOf, tenant.durability_window_ms);
    groups = current.map((g) => asText(answerGroup(g, version)));
  } else groups = await answerGroupsWithSettled(ctx, context, filter, groupBy, asOf);
  const head = {
    from: toIso(filter.from),
    to: toIso(filter.to),
    as_of: toIso(asOf),
    currency: tenant.currency,
    baseline_version: context.baseline?.version ?? null,
    filters: Object.fromEntries(
      Object.entries({
        agent: filter.agent,
        workflow: filter.workflow,
        category: filter.category,
        priority: filter.priority,
        channel: filter.channel,
      }).flatMap(([name, v]) => (v !== undefined && v.length > 0 ? [[name, [...v]]] : [])),
    ),
    group_by: groupBy,
    maturity: { settled: maturity.settled, settles_at: toIso(maturity.settles_at) },
  };
  return { head, groups, ...(comparison ? { comparison } : {}) };
}

/** Why an equal-maturity comparison leaves payback out. */
export const PAYBACK_NOT_COMPARED =
  'payback since go-live is compared only between settled periods: at equal maturity it would re-read every item since go-live';

/** The period of equal length before `filter`, planned by the one maturity rule and compared KPI by KPI. */
async function comparePrevious(
  ctx: Ctx,
  context: KpiContext,
  input: KpiQuery,
  groups: readonly KpiGroup[],
  asOf: number,
  durabilityWindowMs: number,
): Promise<KpiComparison> {
  const { filter, groupBy } = input;
  const time = groupBy.find((d) => d === 'day' || d === 'week' || d === 'month');
  if (time !== undefined)
    throw new WorkledgerError(
      'VALIDATION',
      `compare: a grouping by ${time} already compares periods; drop one of them`,
      'compare',
    );
  const length = filter.to - filter.from;
  const window = { from: filter.from - length, to: filter.from };
  const plan = planComparison(filter, window, asOf, durabilityWindowMs);
  // At equal maturity the earlier period is read as of a past moment, from the items: payback since
  // go-live would read every item since go-live as of then (12 s at 1M items), so it is not compared.
  const before = await computeKpiGroups(
    ctx,
    context,
    { ...filter, ...window },
    groupBy,
    plan.previous.asOf,
    'merged',
    plan.basis === 'settled' ? {} : { sinceGoLiveUnread: PAYBACK_NOT_COMPARED },
  );
  const byKey = new Map(before.map((g) => [JSON.stringify(g.key), g.kpis]));
  return {
    basis: plan.basis,
    previous: { from: toIso(window.from), to: toIso(window.to), as_of: toIso(plan.previous.asOf) },
    multiple_comparisons: "Holm–Bonferroni over each group's rate tests (two-proportion z-test, α = 0.05)",
    groups: groups.map((g) => ({
      key: g.key,
      kpis: comparePeriods(g.kpis, byKey.get(JSON.stringify(g.key)) ?? emptyKpis()),
    })),
  };
}
