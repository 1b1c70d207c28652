import { WorkledgerError } from '../../domain/errors.js';
import type { ItemDraft } from '../../domain/item-input.js';
import type { ImportedRecord, ImportRejection } from '../import-runner.js';
import { columnIndex, parseCsv, type CsvRow } from './csv-rows.js';
import { DEFAULT_WORKFLOW, type ConvertedImport } from './servicenow-rows.js';

const COLUMNS = {
  number: 'sr number',
  at: 'change date+time',
  status: 'status',
  subStatus: 'sub status',
  line: 'st level',
  team: 'involved st',
  orgLine: 'involved org line 3',
  division: 'involved st function div',
  impact: 'sr latest impact',
  product: 'product',
  country: 'country',
  ownerCountry: 'owner country',
} as const;
type Column = keyof typeof COLUMNS;

// SR Latest Impact as a priority (1 highest … 5), since the log records no priority of its own.
const IMPACT_PRIORITY: Record<string, number> = { major: 1, high: 2, medium: 3, low: 4 };
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const LINE_RANK: Record<string, number> = { L1: 1, L2: 2, 'L2/L3': 2.5, L3: 3 };

interface BpiEvent {
  row: CsvRow;
  at: number;
  get: (column: Column) => string;
}

/**
 * Convert the BPI Challenge 2013 (Volvo IT) incident log, one row per event, to one item per service
 * request: opened at its first event, resolved when it last entered status Completed, closed at its
 * Completed-Closed event; a return from Completed counts as a reopen, and every change of support line
 * (`ST Level` L1 → L2 → L3 and back) as a reassignment.
 */
export function convertBpi2013Csv(
  text: string,
  options: { workflow?: string; file?: string } = {},
): ConvertedImport {
  const table = parseCsv(text, { file: options.file });
  const index = columnIndex(table.header);
  const file = options.file === undefined ? {} : { file: options.file };
  const rejected: ImportRejection[] = [...table.rejected];
  const missing = Object.values(COLUMNS).filter((name) => !index.has(name));
  if (missing.length > 0)
    return {
      records: [],
      rejected: [{ line: 1, ...file, reason: `not a BPI 2013 log: no column(s) ${missing.join(', ')}` }],
      read: table.rows.length,
    };
  const bySr = new Map<string, BpiEvent[]>();
  for (const row of table.rows) {
    const get = (column: Column): string => (row.values[index.get(COLUMNS[column]) ?? -1] ?? '').trim();
    const number = get('number');
    const time = get('at');
    const at = ISO_WITH_ZONE.test(time) ? Date.parse(time) : NaN;
    if (number === '')
      rejected.push({ line: row.line, ...file, field: 'SR Number', reason: 'SR Number: is empty' });
    else if (Number.isNaN(at))
      rejected.push({
        line: row.line,
        ...file,
        field: 'Change Date+Time',
        reason: `Change Date+Time: not an ISO time with a zone: ${JSON.stringify(time)}`,
      });
    else {
      const events = bySr.get(number) ?? [];
      events.push({ row, at, get });
      bySr.set(number, events);
    }
  }
  const records: ImportedRecord[] = [];
  for (const [number, events] of bySr) {
    events.sort((a, b) => a.at - b.at || a.row.line - b.row.line);
    records.push({
      item: bpiItem(number, events, options.workflow ?? DEFAULT_WORKFLOW),
      line: lastOf(events).row.line,
      ...file,
    });
  }
  rejected.sort((a, b) => a.line - b.line);
  return { records, rejected, read: table.rows.length + table.rejected.length };
}

function bpiItem(number: string, events: readonly BpiEvent[], workflow: string): ItemDraft {
  const first = events[0] ?? lastOf(events);
  const last = lastOf(events);
  let reopens = 0;
  let lineChanges = 0;
  let teamChanges = 0;
  let highest = 0;
  let completedSince: BpiEvent | null = null;
  let closedEvent: BpiEvent | null = null;
  for (const [i, event] of events.entries()) {
    const previous = events[i - 1];
    const completed = event.get('status') === 'Completed';
    if (previous) {
      if (previous.get('line') !== event.get('line')) lineChanges += 1;
      if (previous.get('team') !== event.get('team')) teamChanges += 1;
      if (previous.get('status') === 'Completed' && !completed) reopens += 1;
    }
    highest = Math.max(highest, LINE_RANK[event.get('line')] ?? 0);
    if (!completed) {
      completedSince = null;
      closedEvent = null;
    } else {
      completedSince ??= event;
      if (closedEvent === null && ['Closed', 'Cancelled'].includes(event.get('subStatus')))
        closedEvent = event;
    }
  }
  const resolvedEvent = completedSince;
  const closingEvent = closedEvent;
  const cancelled = last.get('status') === 'Completed' && last.get('subStatus') === 'Cancelled';
  const impact = last.get('impact');
  const attributes: Record<string, unknown> = {
    status: last.get('status'),
    sub_status: last.get('subStatus'),
    impact,
    support_line: last.get('line'),
    highest_support_line: Object.keys(LINE_RANK).find((k) => LINE_RANK[k] === highest) ?? null,
    support_team: last.get('team'),
    support_team_changes: teamChanges,
    function_div: last.get('division') || null,
    org_line: last.get('orgLine') || null,
    country: last.get('country') || null,
    owner_country: last.get('ownerCountry') || null,
    events: events.length,
  };
  return {
    source: 'bpi2013',
    external_id: number,
    workflow,
    category: last.get('product') || null,
    priority: IMPACT_PRIORITY[impact.toLowerCase()] ?? null,
    channel: null,
    opened_at: timeText(first),
    resolved_at: resolvedEvent && !cancelled ? timeText(resolvedEvent) : null,
    closed_at: closingEvent ? timeText(closingEvent) : null,
    reassignment_count: lineChanges,
    reopen_count: reopens,
    handled_by: 'human',
    outcome: resolvedEvent === null ? 'open' : cancelled ? 'abandoned' : 'resolved',
    updated_at: timeText(last),
    attributes,
  };
}

function timeText(event: BpiEvent): string {
  return event.get('at');
}

function lastOf(events: readonly BpiEvent[]): BpiEvent {
  const last = events[events.length - 1];
  if (!last) throw new WorkledgerError('INTERNAL', 'a service request without events');
  return last;
}
