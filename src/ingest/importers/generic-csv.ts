import { z } from 'zod';
import { WorkledgerError } from '../../domain/errors.js';
import { ITEM_FIELDS, ITEM_TIME_FIELDS, type ItemDraft } from '../../domain/item-input.js';
import { epochMsToIsoOrNull } from '../../domain/time.js';
import { describeIssue, issuePath } from '../../services/parse-input.js';
import type { ImportedRecord, ImportRejection } from '../import-runner.js';
import { parseCsv, type CsvRow } from './csv-rows.js';
import { RowError } from './servicenow-fields.js';
import { DEFAULT_WORKFLOW, type ConvertedImport } from './servicenow-rows.js';

/** The item fields a mapping does not fill from a column: source (the mapping names it), attributes
 * (its own `attributes` map), handoff_minutes and links. */
const NOT_MAPPED = ['source', 'attributes', 'handoff_minutes', 'links'] as const;
type ItemField = Exclude<keyof typeof ITEM_FIELDS, (typeof NOT_MAPPED)[number]>;

/** The item fields a mapping may fill from a column: the item's fields (ITEM_FIELDS) but NOT_MAPPED. */
const MAPPABLE_FIELDS = (Object.keys(ITEM_FIELDS) as (keyof typeof ITEM_FIELDS)[]).filter(
  (field): field is ItemField => !(NOT_MAPPED as readonly string[]).includes(field),
);
const ItemField = z.enum(MAPPABLE_FIELDS as [ItemField, ...ItemField[]]);
const TIME_FIELDS = new Set<string>(ITEM_TIME_FIELDS);
const COUNT_FIELDS = new Set<ItemField>(['reassignment_count', 'reopen_count', 'csat']);
const BOOLEAN_FIELDS = new Set<ItemField>(['state_change_verified', 'sla_met']);
const Scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/** A mapping file: which CSV column feeds which item field, how dates are written, value maps, defaults. */
export const CsvMapping = z
  .strictObject({
    source: z.string().trim().min(1).max(200),
    columns: z.partialRecord(ItemField, z.string().min(1)),
    attributes: z.record(z.string().min(1), z.string().min(1)).optional(),
    date_format: z.string().min(1).default('iso'),
    values: z.partialRecord(ItemField, z.record(z.string(), Scalar)).optional(),
    defaults: z.partialRecord(ItemField, Scalar).optional(),
    missing: z.array(z.string()).default(['']),
    delimiter: z.string().length(1).default(','),
  })
  .superRefine((mapping, ctx) => {
    for (const field of ['external_id', 'opened_at'] as const)
      if (mapping.columns[field] === undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['columns', field],
          message: 'required: the CSV column that holds it',
        });
    const problem = datePatternProblem(mapping.date_format);
    if (problem !== null) ctx.addIssue({ code: 'custom', path: ['date_format'], message: problem });
  });
export type CsvMapping = z.infer<typeof CsvMapping>;

/** Validate a mapping file's JSON; a VALIDATION error names the mapping field at fault. */
export function parseCsvMapping(json: unknown): CsvMapping {
  const result = CsvMapping.safeParse(json);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issuePath(issue).map(String);
  const field = path.length ? path.join('.') : '(mapping)';
  const message =
    issue?.code === 'unrecognized_keys' && path[0] === 'columns'
      ? `not an item field (one of ${MAPPABLE_FIELDS.join(', ')})`
      : describeIssue(issue);
  throw new WorkledgerError('VALIDATION', `mapping ${field}: ${message}`, field);
}

/** Read a mapping file's text (JSON) into a validated mapping; `path` names it in errors. */
export function parseCsvMappingText(text: string, path: string): CsvMapping {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new WorkledgerError(
      'VALIDATION',
      `--mapping: ${path} is not valid JSON (${(error as Error).message})`,
      'mapping',
    );
  }
  return parseCsvMapping(json);
}

/**
 * Convert any CSV to item records through a mapping: each mapped cell is looked up in `values`, else
 * read as its field's type (dates by `date_format`: `iso`, `epoch_s`, `epoch_ms` or a pattern such as
 * `dd/MM/yyyy HH:mm`, emitted zone-less so the tenant's zone applies), empty cells fall back to
 * `defaults`. Items are human-handled unless the mapping says otherwise.
 */
export function convertGenericCsv(
  text: string,
  mapping: CsvMapping,
  options: { workflow?: string; file?: string } = {},
): ConvertedImport {
  const table = parseCsv(text, { file: options.file, delimiter: mapping.delimiter });
  const findColumn = (name: string, mappingField: string): number => {
    let i = table.header.indexOf(name);
    if (i === -1) i = table.header.findIndex((h) => h.toLowerCase() === name.trim().toLowerCase());
    if (i === -1)
      throw new WorkledgerError(
        'VALIDATION',
        `mapping ${mappingField}: no column ${JSON.stringify(name)} in ${options.file ?? 'the file'} (its columns: ${table.header.join(', ')})`,
        mappingField,
      );
    return i;
  };
  const fields = MAPPABLE_FIELDS.flatMap((field) => {
    const column = mapping.columns[field];
    return column === undefined ? [] : [{ field, index: findColumn(column, `columns.${field}`) }];
  });
  const attributes = Object.entries(mapping.attributes ?? {}).map(([name, column]) => ({
    name,
    index: findColumn(column, `attributes.${name}`),
  }));
  const readDate = dateReader(mapping.date_format);
  const missing = new Set(mapping.missing);
  const file = options.file === undefined ? {} : { file: options.file };
  const records: ImportedRecord[] = [];
  const rejected: ImportRejection[] = [...table.rejected];
  for (const row of table.rows) {
    try {
      const mapped = mappedItem(row, fields, mapping, (field, raw) => {
        if (missing.has(raw) || missing.has(raw.trim())) return null;
        return coerce(field, raw.trim(), readDate);
      });
      const extra = Object.fromEntries(
        attributes.flatMap(({ name, index }) => {
          const value = row.values[index] ?? '';
          return missing.has(value) ? [] : [[name, value]];
        }),
      );
      const item = mappedDraft({
        ...mapped,
        workflow: mapped.workflow ?? options.workflow ?? mapping.defaults?.workflow ?? DEFAULT_WORKFLOW,
        handled_by: mapped.handled_by ?? 'human',
        ...(attributes.length ? { attributes: extra } : {}),
      });
      records.push({ item, line: row.line, ...file });
    } catch (error) {
      if (!(error instanceof RowError)) throw error;
      rejected.push({
        line: row.line,
        ...file,
        field: error.field,
        reason: `${error.field}: ${error.message}`,
      });
    }
  }
  rejected.sort((a, b) => a.line - b.line);
  return { records, rejected, read: table.rows.length + table.rejected.length };
}

/** A row's fields as the mapping fills them: item fields by name, their values whatever the file holds. */
type MappedFields = { source: string } & { [F in ItemField]?: unknown };

/**
 * The mapped fields as an item draft. The mapping decides at run time which field a cell feeds and what
 * it becomes (`values` may turn a cell into any scalar), so the values cannot be typed here: ItemInput
 * checks them in the ingestion core, with its messages, like every draft's.
 */
function mappedDraft(fields: MappedFields & { [F in 'workflow' | 'handled_by']: unknown }): ItemDraft {
  return fields as ItemDraft;
}

function mappedItem(
  row: CsvRow,
  fields: readonly { field: ItemField; index: number }[],
  mapping: CsvMapping,
  read: (field: ItemField, raw: string) => unknown,
): MappedFields {
  const item: MappedFields = { source: mapping.source };
  for (const { field, index } of fields) {
    const raw = row.values[index] ?? '';
    const map = mapping.values?.[field];
    const value = map && Object.hasOwn(map, raw) ? map[raw] : read(field, raw);
    if (value !== null && value !== undefined) item[field] = value;
  }
  // a mapping's defaults name item fields only (CsvMapping refuses any other key)
  for (const field of MAPPABLE_FIELDS) {
    const value = mapping.defaults?.[field];
    if (item[field] === undefined && value !== null && value !== undefined && field !== 'workflow')
      item[field] = value;
  }
  for (const field of ['external_id', 'opened_at'] as const)
    if (item[field] === undefined)
      throw new RowError(field, `is empty (column ${mapping.columns[field] ?? '?'})`);
  return item;
}

function coerce(field: ItemField, text: string, readDate: (text: string) => string | null): unknown {
  if (TIME_FIELDS.has(field)) {
    const iso = readDate(text);
    if (iso === null)
      throw new RowError(field, `not a date in the mapping's date_format: ${JSON.stringify(text)}`);
    return iso;
  }
  if (COUNT_FIELDS.has(field)) {
    if (!/^\d+$/.test(text)) throw new RowError(field, `not a whole number: ${JSON.stringify(text)}`);
    return Number(text);
  }
  if (BOOLEAN_FIELDS.has(field)) {
    const lower = text.toLowerCase();
    if (['true', 'yes', 'y', '1'].includes(lower)) return true;
    if (['false', 'no', 'n', '0'].includes(lower)) return false;
    throw new RowError(field, `not a boolean: ${JSON.stringify(text)}`);
  }
  if (field === 'confidence' || (field === 'priority' && /^\d+$/.test(text))) {
    const n = Number(text);
    if (!Number.isFinite(n)) throw new RowError(field, `not a number: ${JSON.stringify(text)}`);
    return n;
  }
  return text;
}

const TOKENS = ['yyyy', 'SSS', 'MM', 'dd', 'HH', 'hh', 'mm', 'ss', 'M', 'd', 'H', 'h', 'a'] as const;
type Token = (typeof TOKENS)[number];
const TOKEN_PATTERN: Record<Token, string> = {
  yyyy: '(\\d{4})',
  SSS: '(\\d{1,3})',
  MM: '(\\d{1,2})',
  M: '(\\d{1,2})',
  dd: '(\\d{1,2})',
  d: '(\\d{1,2})',
  HH: '(\\d{1,2})',
  H: '(\\d{1,2})',
  hh: '(\\d{1,2})',
  h: '(\\d{1,2})',
  mm: '(\\d{2})',
  ss: '(\\d{2})',
  a: '([AaPp][Mm])',
};

/** A date pattern as a regex and the token of each group; literal text may be quoted with '…'. */
function compilePattern(pattern: string): { regex: RegExp; tokens: Token[] } {
  let source = '';
  const tokens: Token[] = [];
  for (let i = 0; i < pattern.length;) {
    if (pattern[i] === "'") {
      const end = pattern.indexOf("'", i + 1);
      const literal = pattern.slice(i + 1, end === -1 ? pattern.length : end);
      source += literal.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
      i = end === -1 ? pattern.length : end + 1;
      continue;
    }
    const token = TOKENS.find((t) => pattern.startsWith(t, i));
    if (token) {
      tokens.push(token);
      source += TOKEN_PATTERN[token];
      i += token.length;
    } else {
      source += (pattern[i] ?? '').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
      i += 1;
    }
  }
  return { regex: new RegExp(`^${source}$`), tokens };
}

function datePatternProblem(format: string): string | null {
  if (['iso', 'epoch_s', 'epoch_ms'].includes(format)) return null;
  const { tokens } = compilePattern(format);
  const has = (...names: Token[]): boolean => names.some((t) => tokens.includes(t));
  if (!has('yyyy') || !has('MM', 'M') || !has('dd', 'd'))
    return 'iso, epoch_s, epoch_ms, or a pattern with yyyy, MM/M and dd/d (and HH/H, hh/h with a, mm, ss, SSS)';
  return null;
}

/** Read a date cell into ISO-8601 text (zone-less for patterns), or null if it does not match. */
function dateReader(format: string): (text: string) => string | null {
  if (format === 'iso') return (text) => (/^\d{4}-\d{2}-\d{2}/.test(text) ? text : null);
  if (format === 'epoch_s' || format === 'epoch_ms') {
    const scale = format === 'epoch_s' ? 1000 : 1;
    return (text) => (/^\d+(\.\d+)?$/.test(text) ? epochMsToIsoOrNull(Number(text) * scale) : null);
  }
  const { regex, tokens } = compilePattern(format);
  return (text) => {
    const m = regex.exec(text);
    if (!m) return null;
    const part: Partial<Record<Token, string>> = {};
    tokens.forEach((t, i) => (part[t] = m[i + 1]));
    const num = (...names: Token[]): number =>
      Number(names.map((n) => part[n]).find((v) => v !== undefined) ?? 0);
    let hour = num('HH', 'H', 'hh', 'h');
    if (part.a !== undefined) hour = (hour % 12) + (part.a.toLowerCase() === 'pm' ? 12 : 0);
    const [month, day, minute, second] = [num('MM', 'M'), num('dd', 'd'), num('mm'), num('ss')];
    const calendarDay = new Date(Date.UTC(Number(part.yyyy), month - 1, day)).getUTCDate();
    if (month < 1 || month > 12 || calendarDay !== day || hour > 23 || minute > 59 || second > 59)
      return null;
    const two = (n: number): string => String(n).padStart(2, '0');
    const ms = part.SSS === undefined ? '' : `.${part.SSS.padEnd(3, '0')}`;
    return `${part.yyyy ?? ''}-${two(month)}-${two(day)}T${two(hour)}:${two(minute)}:${two(second)}${ms}`;
  };
}
