import { parseCsv } from './csv-rows.js';
import { convertServiceNowTable, type ConvertedImport } from './servicenow-rows.js';

/**
 * Convert a ServiceNow CSV export (an incident list, an audit/event log with one row per update such
 * as the UCI log or its spreadsheet re-save, or a flattened Table API pull) to item records.
 */
export function convertServiceNowCsv(
  text: string,
  options: { workflow?: string; file?: string } = {},
): ConvertedImport {
  return convertServiceNowTable(parseCsv(text, { file: options.file }), options);
}
