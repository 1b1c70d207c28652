import { WorkledgerError } from '../../domain/errors.js';
import { convertServiceNowCsv } from './servicenow-csv.js';
import { convertServiceNowJson } from './servicenow-json.js';
import type { ConvertedImport } from './servicenow-rows.js';

/** Convert a ServiceNow export file, Table API JSON or CSV, told apart by its first character. */
export function convertServiceNowExport(
  text: string,
  options: { workflow?: string; file?: string } = {},
): ConvertedImport {
  if (!/^\s*[[{]/.test(text)) return convertServiceNowCsv(text, options);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new WorkledgerError(
      'VALIDATION',
      `${options.file ?? 'JSON'}: not valid JSON (${(error as Error).message})`,
      'file',
    );
  }
  return convertServiceNowJson(json, options);
}
