import { WorkledgerError } from '../../domain/errors.js';
import type { ItemFilter } from '../../domain/item-filter.js';
import { kpiMembers, type KpiPart } from '../../domain/kpis/kpi-members.js';
import { KPI_NAMES, type KpiName } from '../../domain/kpis/kpi-value.js';
import { windowAsOf } from '../../domain/maturity.js';
import { asItStood, withReworkReversal } from '../../domain/verification.js';
import { toKpiItem } from '../../store/item-row.js';
import { listKpiItemRows } from '../../store/queries/items-read.js';
import { reader, requirePermission, type Verb } from '../context.js';
import { checkWindow } from '../dashboard/dashboard-window.js';
import { loadKpiContext } from './kpi-groups.js';
import { decodeCursor, encodeCursor, itemView, type ItemPage } from './read-items.js';
import { getTenantSettings } from '../config/tenant-settings.js';

/** A drill-down: the items one side of a KPI counts, in the window and filters of the KPI query. */
export interface KpiDrillDown {
  filter: Omit<ItemFilter, 'withHumans' | 'handledBy' | 'outcome' | 'source'>;
  kpi: string;
  part: KpiPart;
  cursor?: string;
  limit?: number;
  asOf?: number;
}

/** A page of a KPI's items with how many there are in all: the KPI's `n` (denominator) or its count. */
export interface KpiMembersPage extends ItemPage {
  kpi: KpiName;
  part: KpiPart;
  count: number;
}

/**
 * The items of a KPI's numerator or denominator (KPIS.md: a drill-down lists exactly what the number
 * counts), decided by the same rules as the formulas over the same items GET /v1/kpis reads, oldest first.
 */
export async function listKpiMembers({ ctx, input }: Verb<KpiDrillDown>): Promise<KpiMembersPage> {
  requirePermission(ctx, 'read');
  checkWindow(input.filter);
  const kpi = KPI_NAMES.find((name) => name === input.kpi);
  if (kpi === undefined)
    throw new WorkledgerError('VALIDATION', `kpi: ${input.kpi} is not a KPI name of GET /v1/kpis`, 'kpi');
  const limit = input.limit ?? 100;
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
    throw new WorkledgerError('VALIDATION', 'limit: must be an integer 1..1000', 'limit');
  const tenant = await getTenantSettings(ctx);
  const asOf = input.asOf ?? ctx.now();
  const context = await loadKpiContext(ctx, tenant);
  const seen = { ...input.filter, ...windowAsOf(input.filter, asOf) };
  const rows = await listKpiItemRows(reader(ctx), ctx.tenantId, { ...seen, withHumans: true });
  const window = tenant.durability_window_ms;
  const items = rows.map((r) => asItStood(withReworkReversal(toKpiItem(r), window), asOf));
  const members = kpiMembers(kpi, input.part, items, {
    asOf,
    durabilityWindowMs: window,
    reworkWindowMs: tenant.rework_window_ms,
    slaHours: context.slaHours,
    agentScope: (agentId) => context.scopes.get(agentId) ?? null,
    baseline: context.baseline?.baseline ?? null,
  });
  if (members === null) throw new WorkledgerError('VALIDATION', `part: ${kpi} has no ${input.part}`, 'part');
  const ids = new Set(members.map((m) => m.id));
  // rows come ordered by (opened_at, id), the order cursors page in
  const ordered = rows
    .filter((r) => ids.has(r.id))
    .sort((a, b) => a.opened_at - b.opened_at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const cursor = input.cursor ? decodeCursor(input.cursor) : null;
  const start = cursor
    ? ordered.findIndex(
        (r) => r.opened_at > cursor.openedAt || (r.opened_at === cursor.openedAt && r.id > cursor.id),
      )
    : 0;
  const page = start < 0 ? [] : ordered.slice(start, start + limit);
  const last = page[page.length - 1];
  const more = start >= 0 && start + limit < ordered.length;
  return {
    kpi,
    part: input.part,
    count: ordered.length,
    items: page.map((r) => itemView(r, asOf, window)),
    next_cursor: more && last ? encodeCursor(last) : null,
  };
}
