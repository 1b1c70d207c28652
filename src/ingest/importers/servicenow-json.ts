import { WorkledgerError } from '../../domain/errors.js';
import type { CsvRow } from './csv-rows.js';
import { convertServiceNowTable, type ConvertedImport } from './servicenow-rows.js';
import { isObject } from './import-helpers.js';

/**
 * Convert a Table API answer `{"result": […]}` to item records, whatever its `sysparm_display_value`:
 * raw values (UTC times), display values (labels, the instance's zone-less times), or `all`, where every
 * field is `{value, display_value}` and the raw `value` is used. Reference fields `{link, value}` give
 * their value. A record that is not an object is rejected with its 1-based position.
 */
export function convertServiceNowJson(
  json: unknown,
  options: { workflow?: string; file?: string } = {},
): ConvertedImport {
  const records = resultOf(json, options.file);
  const header: string[] = [];
  const column = new Map<string, number>();
  const flat: { line: number; fields: Map<string, string> }[] = [];
  const notObjects: number[] = [];
  let valuePairs = false;
  for (const [i, record] of records.entries()) {
    if (!isObject(record)) {
      notObjects.push(i + 1);
      continue;
    }
    const fields = new Map<string, string>();
    for (const [name, value] of Object.entries(record)) {
      if (!column.has(name)) {
        column.set(name, header.length);
        header.push(name);
      }
      if (isObject(value) && 'display_value' in value && 'value' in value) valuePairs = true;
      fields.set(name, fieldText(value));
    }
    flat.push({ line: i + 1, fields });
  }
  const rows: CsvRow[] = flat.map(({ line, fields }) => ({
    line,
    values: header.map((name) => fields.get(name) ?? ''),
  }));
  const file = options.file === undefined ? {} : { file: options.file };
  const rejected = notObjects.map((line) => ({ line, ...file, reason: 'not a JSON object' }));
  return convertServiceNowTable(
    { header, rows, rejected },
    // sysparm_display_value=all: `value` is the raw value, so its times are UTC.
    { ...options, ...(valuePairs ? { utc: true } : {}) },
  );
}

function resultOf(json: unknown, file: string | undefined): unknown[] {
  if (Array.isArray(json)) return json;
  if (isObject(json) && 'result' in json) {
    const { result } = json;
    if (Array.isArray(result)) return result;
    if (isObject(result)) return [result];
  }
  throw new WorkledgerError(
    'VALIDATION',
    `${file ?? 'JSON'}: not a ServiceNow Table API answer (expected {"result": [ … ]})`,
    'file',
  );
}

/** A field as text: `{value, display_value}` and `{link, value}` give `value`; `{display_value}` its display. */
function fieldText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (isObject(value)) {
    if ('value' in value) return fieldText(value.value);
    if ('display_value' in value) return fieldText(value.display_value);
  }
  return JSON.stringify(value);
}
