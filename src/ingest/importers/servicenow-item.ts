import type { ItemDraft } from '../../domain/item-input.js';
import { serviceNowIso, type DateOrder } from './servicenow-dates.js';
import {
  readBoolean,
  readCount,
  readNumber,
  readPriority,
  readState,
  RowError,
  textOf,
  type StateKind,
} from './servicenow-fields.js';

/** A row's cell by canonical ServiceNow field name (`opened_at`, `sys_updated_on`, …). */
export type FieldReader = (name: string) => string | undefined;

/** How one file's values are read: its date order, raw (UTC) or display (zone-less) times, and workflow. */
export interface ItemSettings {
  order: DateOrder;
  utc: boolean;
  workflow: string;
}

// Extras kept in `attributes` when the export has them: [column, attribute name].
const TEXT_ATTRIBUTES: readonly (readonly [string, string])[] = [
  ['subcategory', 'subcategory'],
  ['u_symptom', 'symptom'],
  ['impact', 'impact'],
  ['urgency', 'urgency'],
  ['severity', 'severity'],
  ['assignment_group', 'assignment_group'],
  ['assigned_to', 'assigned_to'],
  ['resolved_by', 'resolved_by'],
  ['closed_code', 'close_code'],
  ['close_code', 'close_code'],
  ['location', 'location'],
  ['short_description', 'short_description'],
  ['sys_id', 'sys_id'],
  ['parent_incident', 'parent_incident'],
  ['problem_id', 'problem_id'],
  ['hold_reason', 'hold_reason'],
];
const FLAG_ATTRIBUTES = [
  ['active', 'active'],
  ['knowledge', 'knowledge'],
  ['u_priority_confirmation', 'priority_confirmation'],
] as const;
const NUMBER_ATTRIBUTES = [
  ['sys_mod_count', 'sys_mod_count'],
  ['business_stc', 'business_stc_s'],
  ['calendar_stc', 'calendar_stc_s'],
] as const;

/**
 * One incident row as an item draft: human-handled, keyed by its number. The state
 * decides the outcome and which of `resolved_at`/`closed_at` apply: a closed incident without
 * `resolved_at` is resolved at `closed_at` (KPIS.md); an open one drops the times a reopened
 * incident keeps from its earlier closure; an unreadable state (`-100`) is imported as open.
 */
export function serviceNowItem(get: FieldReader, settings: ItemSettings): ItemDraft {
  const number = textOf(get('number'));
  if (number === null) throw new RowError('number', 'is empty');
  const time = (field: string): string | null => {
    const text = textOf(get(field));
    return text === null ? null : serviceNowIso(text, field, settings.order, settings.utc);
  };
  const openedAt = time('opened_at') ?? time('sys_created_on');
  if (openedAt === null) throw new RowError('opened_at', 'is empty');
  const state = readState(textOf(get('incident_state')) ?? get('state'));
  const active = flag(get('active'));
  let resolvedAt = time('resolved_at');
  let closedAt = time('closed_at');
  let kind: StateKind = state.kind;
  if (kind === 'unknown' && active !== true && (resolvedAt !== null || closedAt !== null))
    kind = closedAt !== null ? 'closed' : 'resolved';
  const attributes: Record<string, unknown> = state.label === null ? {} : { state: state.label };
  switch (kind) {
    case 'resolved':
      closedAt = null;
      break;
    case 'closed':
      if (resolvedAt === null && closedAt !== null) {
        resolvedAt = closedAt;
        attributes.resolved_at_from = 'closed_at';
      }
      break;
    case 'canceled':
      resolvedAt = null;
      break;
    case 'open':
    case 'unknown':
      resolvedAt = null;
      closedAt = null;
      break;
    default: {
      const unreachable: never = kind;
      throw new RowError('incident_state', `unhandled state ${String(unreachable)}`);
    }
  }
  const madeSla = readBoolean(get('made_sla'), 'made_sla');
  const breached = readBoolean(get('has_breached'), 'has_breached');
  const item: ItemDraft = {
    source: 'servicenow',
    external_id: number,
    workflow: settings.workflow,
    category: textOf(get('category')),
    priority: readPriority(get('priority')),
    channel: textOf(get('contact_type')),
    opened_at: openedAt,
    resolved_at: resolvedAt,
    closed_at: closedAt,
    handled_by: 'human',
    outcome:
      kind === 'resolved' || kind === 'closed' ? 'resolved' : kind === 'canceled' ? 'abandoned' : 'open',
    sla_met: madeSla ?? (breached === null ? null : !breached),
    attributes,
  };
  const reassignments = readCount(get('reassignment_count'), 'reassignment_count');
  if (reassignments !== null) item.reassignment_count = reassignments;
  const reopens = readCount(get('reopen_count'), 'reopen_count');
  if (reopens !== null) item.reopen_count = reopens;
  const updatedAt = time('sys_updated_on');
  if (updatedAt !== null) item.updated_at = updatedAt;
  for (const [column, name] of TEXT_ATTRIBUTES) {
    const value = textOf(get(column));
    if (value !== null) attributes[name] = value;
  }
  for (const [column, name] of FLAG_ATTRIBUTES) {
    const value = flag(get(column));
    if (value !== null) attributes[name] = value;
  }
  for (const [column, name] of NUMBER_ATTRIBUTES) {
    const value = readNumber(get(column));
    if (value !== null) attributes[name] = value;
  }
  return item;
}

/** A boolean extra, read leniently: anything but true/false is left out rather than rejecting the row. */
function flag(text: string | undefined): boolean | null {
  const t = textOf(text)?.toLowerCase();
  return t === 'true' ? true : t === 'false' ? false : null;
}
