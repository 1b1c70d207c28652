import type { Kysely } from 'kysely';
import type { ItemCohort } from '../../domain/baseline/cohort-key.js';
import type { ItemFilter } from '../../domain/item-filter.js';
import { COST_KINDS } from '../../domain/item-input.js';
import { HUMAN, type KpiItem } from '../../domain/kpi-item.js';
import { emptyTally, mergeTally, tallyItem, type Tally, type TallyCell } from '../../domain/kpis/tally.js';
import { cellKey } from '../../domain/kpis/tally-items.js';
import { windowAsOf } from '../../domain/maturity.js';
import { periodBucketOf, periodKey, type PeriodUnit } from '../../domain/period-key.js';
import { planWindow, type WindowChunk } from '../../domain/rollup-plan.js';
import { asItStood, verificationStateAt, withReworkReversal } from '../../domain/verification.js';
import { toKpiItem } from '../../store/item-row.js';
import { sumAttachedCostsByKind } from '../../store/queries/attached-costs-by-kind.js';
import { listKpiTallyPage, listSettledPending, type ItemCursor } from '../../store/queries/items-read.js';
import { getRollupState, listRollupRows } from '../../store/rollups/rollup-queries.js';
import { cohortOfRow, tallyOfRow } from '../../store/rollups/rollup-row.js';
import type { Database } from '../../store/schema.js';
import type { ItemWriteSettings } from '../rollups/rollup-settings.js';

/** The dimensions a KPI query may group by. */
export const GROUP_DIMENSIONS = [
  'agent',
  'workflow',
  'category',
  'priority',
  'channel',
  'day',
  'week',
  'month',
] as const;
export type GroupDimension = (typeof GROUP_DIMENSIONS)[number];
export type GroupKey = Record<string, string | number | null>;

/**
 * One group of a query: its key, its tallies by handler and cohort (human cells count for coverage), and
 * its agent cells merged into one tally with their samples (what the agent KPIs read).
 */
export interface CellGroup {
  key: GroupKey;
  cells: Map<string, TallyCell>;
  agent: Tally;
}

/**
 * Which samples a read keeps: 'merged' (the default) only in each group's agent tally, its cells keeping
 * counts; 'cells' in every cell too (a stratified test by cohort needs them); 'none' reads counts only.
 */
export type SampleDetail = 'merged' | 'cells' | 'none';

/** What a read needs: the window and filters, the grouping, when, and the tenant's settings. */
export interface CellRead {
  filter: ItemFilter;
  groupBy: readonly GroupDimension[];
  asOf: number;
  /** The clock: a read as of now (or later) may use rollups; a read as of the past reads items. */
  now: number;
  settings: Omit<ItemWriteSettings, 'now'>;
  samples?: SampleDetail;
}

/**
 * A period's tallies grouped as asked, read the cheapest way that gives the same numbers: whole days,
 * weeks and months from the rollups when they are ready and the read is as of now, partial days and past
 * as-of reads from the items themselves (classified as of then). Items opened after `asOf` are left out.
 */
export async function readCells(
  db: Kysely<Database>,
  tenantId: string,
  read: CellRead,
): Promise<{ groups: Map<string, CellGroup>; source: 'rollups' | 'items' }> {
  const seen = { ...read.filter, ...windowAsOf(read.filter, read.asOf), withHumans: true };
  const timeUnit = read.groupBy.find((d): d is PeriodUnit => d === 'day' || d === 'week' || d === 'month');
  const state = await getRollupState(db, tenantId);
  // Rollups hold the state as of their last write: a read as of an earlier moment reads the items.
  const useRollups = state?.status === 'ready' && read.asOf >= Math.max(read.now, state.updated_at);
  const chunks: WindowChunk[] = useRollups
    ? planWindow(seen.from, seen.to, timeUnit, read.settings.timeZone)
    : seen.to > seen.from
      ? [{ source: 'raw', from: seen.from, to: seen.to }]
      : [];
  const detail = read.samples ?? 'merged';
  const builder = new GroupBuilder(read.groupBy, read.settings.timeZone, detail);
  for (const chunk of chunks) {
    if (chunk.source === 'raw')
      await readItems(db, tenantId, { ...seen, from: chunk.from, to: chunk.to }, read, builder);
    else
      // a slice of periods at a time: rows are merged as they come, so memory holds one slice of them
      for (const slice of periodSlices(chunk, read.settings.timeZone))
        for (const row of await listRollupRows(
          db,
          tenantId,
          chunk.source,
          slice.from,
          slice.to,
          seen,
          detail !== 'none',
        ))
          builder.add(
            row.handler,
            cohortOfRow(row),
            Number(row.period_start),
            tallyOfRow(row, detail !== 'none'),
          );
  }
  if (useRollups) {
    // Resolutions whose window closed since the durability job last ran: durable as of now.
    const rolled = chunks.filter((c) => c.source !== 'raw');
    for (const chunk of rolled)
      for (const item of await listSettledPending(
        db,
        tenantId,
        { ...seen, from: chunk.from, to: chunk.to },
        read.asOf,
      )) {
        const correction = emptyTally();
        correction.provisional = -1;
        correction.durable = 1;
        builder.add(item.handled_by, item, item.opened_at, correction, false);
      }
  }
  return { groups: builder.finish(), source: useRollups ? 'rollups' : 'items' };
}

async function readItems(
  db: Kysely<Database>,
  tenantId: string,
  filter: ItemFilter,
  read: CellRead,
  builder: GroupBuilder,
): Promise<void> {
  const window = read.settings.durabilityWindowMs;
  let cursor: ItemCursor | null = null;
  for (;;) {
    const rows = await listKpiTallyPage(db, tenantId, filter, cursor, itemReadPage.size);
    const first = rows[0];
    const last = rows[rows.length - 1];
    if (!first || !last) return;
    // the page's attached costs: its items lie in [first.opened_at, last.opened_at]; neighbours that share
    // an opening time are looked up by id, so the extra ones are never counted
    const range = { ...filter, from: first.opened_at, to: last.opened_at + 1 };
    const costs = new Map<string, Map<string, number>>();
    for (const cost of await sumAttachedCostsByKind(db, tenantId, range)) {
      const kinds = costs.get(cost.item_id) ?? new Map<string, number>();
      kinds.set(cost.kind, cost.micros);
      costs.set(cost.item_id, kinds);
    }
    for (const row of rows) {
      const item: KpiItem = asItStood(withReworkReversal(toKpiItem(row), window), read.asOf);
      const tally = emptyTally();
      tallyItem(tally, item, verificationStateAt(item, read.asOf, window), read.settings);
      const attached = costs.get(row.id);
      if (attached) for (const kind of COST_KINDS) tally.attached[kind] += attached.get(kind) ?? 0;
      builder.add(item.handledBy, item, item.openedAt, tally);
    }
    if (rows.length < itemReadPage.size) return;
    cursor = { openedAt: last.opened_at, id: last.id };
  }
}

/**
 * Items a read from the items table holds at once (about 10 MB of rows): each page joins its attached
 * costs, which costs PostgreSQL about 50 ms a page at 100k items, so pages are not smaller. A test cuts
 * reads into small pages with it.
 */
export const itemReadPage = { size: 20_000 };

/** How many periods of a grain one rollup read takes at most (a read's memory holds one slice's rows). */
const SLICE_PERIODS: Record<PeriodUnit, number> = { day: 31, week: 8, month: 2 };

/** Cut a whole-bucket chunk into slices of at most SLICE_PERIODS periods. */
function periodSlices(chunk: WindowChunk, timeZone: string): { from: number; to: number }[] {
  if (chunk.source === 'raw') return [{ from: chunk.from, to: chunk.to }];
  const grain = chunk.source;
  const slices: { from: number; to: number }[] = [];
  let from = chunk.from;
  while (from < chunk.to) {
    let to = from;
    for (let i = 0; i < SLICE_PERIODS[grain] && to < chunk.to; i++)
      to = Math.max(to + 1, periodBucketOf(to, grain, timeZone).to);
    slices.push({ from, to: Math.min(to, chunk.to) });
    from = to;
  }
  return slices;
}

/** Builds the groups: agent cells by their key; human cells kept aside and joined to every agent group. */
class GroupBuilder {
  private readonly groups = new Map<string, CellGroup & { restId: string }>();
  private readonly humansByRest = new Map<string, Map<string, TallyCell>>();
  private readonly byAgent: boolean;
  private readonly rest: readonly GroupDimension[];
  private readonly cellSamples: boolean;
  private readonly agentTotals: boolean;
  private readonly agentSamples: boolean;

  constructor(
    private readonly groupBy: readonly GroupDimension[],
    private readonly timeZone: string,
    detail: SampleDetail,
  ) {
    this.cellSamples = detail === 'cells';
    // a counts-only read (value since go-live, allocation totals) never reads the agent totals
    this.agentTotals = detail !== 'none';
    this.agentSamples = detail !== 'none';
    this.byAgent = groupBy.includes('agent');
    this.rest = groupBy.filter((d) => d !== 'agent');
  }

  /** Add a tally of a handler's cohort at a moment (its period's start or an item's opening). */
  add(handler: string, cohort: ItemCohort, at: number, tally: Tally, createGroup = true): void {
    // Ids are built as text first; key objects only when a group or cell is new (rows far outnumber them).
    let restId = '';
    for (const d of this.rest) {
      const v = this.value(d, cohort, at);
      restId += v === null ? '\u0001-' : '\u0001+' + String(v);
    }
    const cellId = cellKey(handler, cohort);
    if (this.byAgent && handler === HUMAN) {
      let cells = this.humansByRest.get(restId);
      if (!cells) this.humansByRest.set(restId, (cells = new Map<string, TallyCell>()));
      addCell(cells, cellId, handler, cohort, tally, this.cellSamples);
      return;
    }
    const id = this.byAgent ? handler + restId : restId;
    let group = this.groups.get(id);
    if (!group) {
      if (!createGroup) return;
      const key: GroupKey = {};
      for (const d of this.groupBy) key[d] = d === 'agent' ? handler : this.value(d, cohort, at);
      group = { key, cells: new Map(), agent: emptyTally(), restId };
      this.groups.set(id, group);
    }
    addCell(group.cells, cellId, handler, cohort, tally, this.cellSamples);
    if (handler !== HUMAN && this.agentTotals) mergeTally(group.agent, tally, this.agentSamples);
  }

  finish(): Map<string, CellGroup> {
    const groups = new Map<string, CellGroup>();
    for (const { restId, ...group } of this.groups.values()) {
      // the human cells of the group's other dimensions, shared (never merged into after this)
      if (this.byAgent)
        for (const [id, cell] of this.humansByRest.get(restId) ?? []) group.cells.set(id, cell);
      groups.set(groupId(group.key), group);
    }
    return groups;
  }

  private value(d: GroupDimension, cohort: ItemCohort, at: number): string | number | null {
    switch (d) {
      case 'agent':
        return null;
      case 'workflow':
        return cohort.workflow;
      case 'category':
        return cohort.category;
      case 'priority':
        return cohort.priority;
      case 'channel':
        return cohort.channel;
      case 'day':
      case 'week':
      case 'month':
        return periodKey(at, d, this.timeZone);
      default: {
        const unreachable: never = d;
        return String(unreachable);
      }
    }
  }
}

function addCell(
  cells: Map<string, TallyCell>,
  id: string,
  handler: string,
  cohort: ItemCohort,
  tally: Tally,
  samples: boolean,
): void {
  const cell = cells.get(id);
  if (cell) mergeTally(cell.tally, tally, samples);
  else {
    const copy = emptyTally();
    mergeTally(copy, tally, samples);
    cells.set(id, {
      handler,
      cohort: {
        workflow: cohort.workflow,
        category: cohort.category,
        priority: cohort.priority,
        channel: cohort.channel,
      },
      tally: copy,
    });
  }
}

/** The id callers know a group by: its key as JSON, in grouping order. */
function groupId(key: GroupKey): string {
  return JSON.stringify(key);
}
