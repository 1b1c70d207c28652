import type { ConvertedImport, ImportedRecord, ImportRejection } from '../import-runner.js';
import type { CsvRow, CsvTable } from './csv-rows.js';
import { detectDateOrder, splitTime, timeSortKey, type DateOrder } from './servicenow-dates.js';
import { RowError, textOf } from './servicenow-fields.js';
import { serviceNowItem } from './servicenow-item.js';

export type { ConvertedImport } from '../import-runner.js';

/** How a ServiceNow table is read; `utc` forces raw-value (UTC) times, else they are detected. */
export interface ServiceNowTableOptions {
  workflow?: string;
  file?: string;
  utc?: boolean;
}

/** The workflow of imported items when neither the command nor the mapping names one. */
export const DEFAULT_WORKFLOW = 'it-helpdesk';

// Labels of a list export from the ServiceNow UI, and the UCI log's names, to Table API field names.
const ALIASES: Record<string, string> = {
  opened: 'opened_at',
  resolved: 'resolved_at',
  closed: 'closed_at',
  created: 'sys_created_on',
  sys_created_at: 'sys_created_on',
  updated: 'sys_updated_on',
  sys_updated_at: 'sys_updated_on',
  updates: 'sys_mod_count',
  channel: 'contact_type',
};

const TIME_FIELDS = ['opened_at', 'sys_created_on', 'resolved_at', 'closed_at', 'sys_updated_on'];

/** Column index of each canonical field name: lower-cased, spaces as `_`, UI labels mapped. */
function canonicalColumns(header: readonly string[]): Map<string, number> {
  const index = new Map<string, number>();
  header.forEach((name, i) => {
    const key = name.trim().toLowerCase().replace(/\s+/g, '_');
    const canonical = ALIASES[key] ?? key;
    if (!index.has(canonical)) index.set(canonical, i);
  });
  return index;
}

/**
 * Convert a ServiceNow incident table (a CSV export, or Table API records laid out as one) to item
 * records. Histories with one row per update are reduced to each incident's latest row (KPIS.md:
 * highest `sys_mod_count`, then latest `sys_updated_on`, then the later row). Raw values (state
 * codes) carry UTC times; display values (labels) carry the instance's zone-less wall clock.
 */
export function convertServiceNowTable(
  table: CsvTable,
  options: ServiceNowTableOptions = {},
): ConvertedImport {
  const columns = canonicalColumns(table.header);
  const cell = (row: CsvRow, name: string): string | undefined => {
    const i = columns.get(name);
    return i === undefined ? undefined : row.values[i];
  };
  const order = detectDateOrder(
    datesOf(
      table.rows,
      TIME_FIELDS.map((f) => columns.get(f)),
    ),
  );
  const utc = options.utc ?? isRawTable(table.rows, columns);
  const rejected: ImportRejection[] = [...table.rejected];
  const file = options.file === undefined ? {} : { file: options.file };
  const reject = (row: CsvRow, error: unknown): void => {
    if (!(error instanceof RowError)) throw error;
    rejected.push({
      line: row.line,
      ...file,
      field: error.field,
      reason: `${error.field}: ${error.message}`,
    });
  };
  const latest = new Map<string, { row: CsvRow; mod: number; updated: number }>();
  for (const row of table.rows) {
    try {
      const key = orderKey(row, cell, order);
      const best = latest.get(key.number);
      if (!best || key.mod > best.mod || (key.mod === best.mod && key.updated >= best.updated))
        latest.set(key.number, { row, mod: key.mod, updated: key.updated });
    } catch (error) {
      reject(row, error);
    }
  }
  const settings = { order, utc, workflow: options.workflow ?? DEFAULT_WORKFLOW };
  const records: ImportedRecord[] = [];
  for (const { row } of latest.values()) {
    try {
      records.push({ item: serviceNowItem((name) => cell(row, name), settings), line: row.line, ...file });
    } catch (error) {
      reject(row, error);
    }
  }
  rejected.sort((a, b) => a.line - b.line);
  return { records, rejected, read: table.rows.length + table.rejected.length };
}

function orderKey(
  row: CsvRow,
  cell: (row: CsvRow, name: string) => string | undefined,
  order: DateOrder,
): { number: string; mod: number; updated: number } {
  const number = textOf(cell(row, 'number'));
  if (number === null) throw new RowError('number', 'is empty');
  const modText = textOf(cell(row, 'sys_mod_count'));
  if (modText !== null && !/^\d{1,9}$/.test(modText))
    throw new RowError('sys_mod_count', `not a whole number: ${JSON.stringify(modText)}`);
  const updatedText = textOf(cell(row, 'sys_updated_on'));
  const parts = updatedText === null ? null : splitTime(updatedText, order);
  if (updatedText !== null && parts === null)
    throw new RowError('sys_updated_on', `not a date and time: ${JSON.stringify(updatedText)}`);
  return {
    number,
    mod: modText === null ? -1 : Number(modText),
    updated: parts === null ? -Infinity : timeSortKey(parts),
  };
}

/** The date cells of the given columns, row by row (for date-order detection; stops early). */
function* datesOf(rows: readonly CsvRow[], indexes: readonly (number | undefined)[]): Generator<string> {
  for (const row of rows)
    for (const i of indexes) {
      const value = i === undefined ? undefined : row.values[i];
      if (value !== undefined) yield value;
    }
}

/** Raw values when every state (else every priority) present is a number: Table API codes, UTC times. */
function isRawTable(rows: readonly CsvRow[], columns: Map<string, number>): boolean {
  for (const field of ['incident_state', 'state', 'priority']) {
    const i = columns.get(field);
    if (i === undefined) continue;
    let seen = false;
    for (const row of rows) {
      const value = textOf(row.values[i]);
      if (value === null) continue;
      if (!/^-?\d+$/.test(value)) return false;
      seen = true;
    }
    if (seen) return true;
  }
  return false;
}
