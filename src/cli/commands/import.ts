import type { Command } from 'commander';
import { Presets, SingleBar } from 'cli-progress';
import { WorkledgerError } from '../../domain/errors.js';
import {
  IMPORT_BATCH,
  runImport,
  runImportInto,
  type ImportProgress,
  type ImportRejection,
  type ImportSummary,
} from '../../ingest/import-runner.js';
import { convertBpi2013Csv } from '../../ingest/importers/bpi2013.js';
import { readSourceText } from '../../ingest/importers/csv-rows.js';
import {
  convertGenericCsv,
  parseCsvMappingText,
  type CsvMapping,
} from '../../ingest/importers/generic-csv.js';
import { convertJiraIssues } from '../../ingest/importers/jira.js';
import { convertServiceNowExport } from '../../ingest/importers/servicenow-export.js';
import type { ConvertedImport } from '../../ingest/importers/servicenow-rows.js';
import { convertZendeskTickets, joinZendeskDocuments } from '../../ingest/importers/zendesk.js';
import { parseImportSource, withSource } from '../../ingest/import-source.js';
import {
  findOtherRecords,
  identityRecords,
  MAX_CHECKED_RECORDS,
  type OtherRecords,
} from '../../services/ingest/other-records.js';
import { pullServiceNow, serviceNowAuth } from '../../ingest/servicenow-pull.js';
import {
  remoteAnswer,
  remoteClient,
  resolveTarget,
  type RemoteTarget,
  type Target,
  type TenantFlags,
} from '../connection.js';
import { withTenantFlags } from '../flags.js';
import { printJson, type Io } from '../output.js';

const FORMATS = ['servicenow', 'jira', 'zendesk', 'csv', 'bpi2013'] as const;
type Format = (typeof FORMATS)[number];
const SHOWN_REJECTIONS = 20;

interface ImportFlags extends TenantFlags {
  mapping?: string;
  workflow?: string;
  json?: boolean;
  instance?: string;
  user?: string;
  password?: string;
  token?: string;
  table: string;
  pageSize: string;
  source?: string;
}

interface Totals extends ImportSummary {
  items: number;
}

export function registerImport(program: Command, io: Io): void {
  withTenantFlags(
    program
      .command('import <format> [files...]')
      .description(`import a human team's ITSM history (${FORMATS.join('|')}); files may be .gz`),
  )
    .option('--mapping <file>', 'csv: the mapping file (JSON; see docs/import.md)')
    .option('--workflow <id>', 'workflow of the imported items (default it-helpdesk)')
    .option('--instance <url>', 'servicenow: pull from this instance through the Table API instead of files')
    .option('--user <name>', 'servicenow pull: basic-auth user (or SERVICENOW_USER)')
    .option('--password <secret>', 'servicenow pull: basic-auth password (or SERVICENOW_PASSWORD)')
    .option('--token <token>', 'servicenow pull: OAuth bearer token (or SERVICENOW_TOKEN)')
    .option('--table <name>', 'servicenow pull: the table', 'incident')
    .option('--page-size <n>', 'servicenow pull: records per page (sysparm_limit)', '1000')
    .option(
      '--source <name>',
      'file the items under this source (default: the format, or servicenow:<instance> for a pull), e.g. servicenow:acme',
    )
    .option('--json', 'print JSON')
    .action(async (formatText: string, files: string[], flags: ImportFlags) => {
      const format = FORMATS.find((f) => f === formatText);
      if (!format) throw new WorkledgerError('VALIDATION', `format: one of ${FORMATS.join(', ')}`, 'format');
      if (flags.instance !== undefined && (format !== 'servicenow' || files.length > 0))
        throw new WorkledgerError(
          'VALIDATION',
          '--instance: only with `import servicenow` and no files',
          'instance',
        );
      if (flags.instance === undefined && files.length === 0)
        throw new WorkledgerError('VALIDATION', 'name at least one file to import', 'files');
      if ((format === 'csv') !== (flags.mapping !== undefined))
        throw new WorkledgerError('VALIDATION', '--mapping: required with csv, and only with csv', 'mapping');
      const mapping =
        flags.mapping === undefined
          ? null
          : parseCsvMappingText(await readSourceText(flags.mapping), flags.mapping);
      const auth =
        flags.instance === undefined
          ? null
          : serviceNowAuth({
              user: flags.user ?? io.env.SERVICENOW_USER,
              password: flags.password ?? io.env.SERVICENOW_PASSWORD,
              token: flags.token ?? io.env.SERVICENOW_TOKEN,
            });
      const source = flags.source === undefined ? undefined : parseImportSource(flags.source);
      const target = await resolveTarget(flags, io.env, io.cwd);
      if (auth !== null && target.kind === 'remote')
        throw new WorkledgerError('VALIDATION', '--instance: use --tenant, not --url', 'instance');
      const bar = progressBar(io, flags);
      let result: { sources: string[]; totals: Totals; extra: PullFacts };
      try {
        if (auth !== null && flags.instance !== undefined && target.kind === 'direct') {
          const pulled = await pullServiceNow(
            target.ctx,
            {
              instance: flags.instance,
              auth,
              table: flags.table,
              pageSize: Number(flags.pageSize),
              workflow: flags.workflow,
              ...(source === undefined ? {} : { source }),
            },
            (phase, done, total) => bar.update(phase, done, total),
          );
          const { pages, endpoint, watermark, source: filedUnder, ...totals } = pulled;
          result = { sources: [endpoint], totals, extra: { pages, watermark, source: filedUnder } };
        } else {
          const totals: Totals = { read: 0, items: 0, created: 0, updated: 0, unchanged: 0, rejected: [] };
          const other: OtherRecords = { count: 0, examples: [] };
          // every file is read and checked before the first is imported: a wrong file writes nothing
          const conversions = await convertFiles(format, files, mapping, flags.workflow);
          for (const { file, converted: read } of conversions) refuseUnreadable(format, file, read);
          for (const { file, converted: read } of conversions) {
            const converted = source === undefined ? read : withSource(read, source);
            const progress: ImportProgress = (done, total) => bar.update(file, done, total);
            const identity = IDENTITY[format];
            if (identity !== undefined) {
              const found = await otherRecordsOf(target, converted, identity);
              other.count += found.count;
              other.examples.push(...found.examples.slice(0, 3 - other.examples.length));
            }
            const summary =
              target.kind === 'direct'
                ? await runImport(target.ctx, converted, progress)
                : await postItems(target, converted, progress);
            for (const count of ['read', 'created', 'updated', 'unchanged'] as const)
              totals[count] += summary[count];
            totals.items += converted.records.length;
            totals.rejected.push(...summary.rejected);
          }
          result = {
            sources: files,
            totals,
            extra: {
              ...(source === undefined ? {} : { source }),
              ...(IDENTITY[format] !== undefined ? { other_records: other.count } : {}),
            },
          };
          if (other.count > 0) warnOtherRecords(io, format, other);
        }
      } finally {
        bar.stop();
        if (target.kind === 'direct') await target.store.close();
      }
      report(io, flags, format, result.sources, result.totals, result.extra);
      const { created, updated, unchanged, rejected } = result.totals;
      const first = rejected[0];
      if (created + updated + unchanged === 0 && first)
        throw new WorkledgerError(
          'VALIDATION',
          `nothing was imported: all ${rejected.length} records were rejected (the first: ${describeRejection(first)})`,
          first.field,
        );
    });
}

/** Each file converted; Zendesk files are joined first (tickets in one, their audits in another). */
async function convertFiles(
  format: Format,
  files: readonly string[],
  mapping: CsvMapping | null,
  workflow: string | undefined,
): Promise<{ file: string; converted: ConvertedImport }[]> {
  if (format === 'zendesk') {
    const jsons: unknown[] = [];
    for (const file of files) jsons.push(parseJson(await readSourceText(file), file));
    const label = files.join(' + ');
    return [
      {
        file: label,
        converted: named(convertZendeskTickets(joinZendeskDocuments(jsons), { workflow }), label),
      },
    ];
  }
  const conversions: { file: string; converted: ConvertedImport }[] = [];
  for (const file of files)
    conversions.push({
      file,
      converted: convertFile(format, await readSourceText(file), file, mapping, workflow),
    });
  return conversions;
}

/**
 * Refuse a file of which not one record could be read: most likely not the format asked for (a BPI log
 * given to `import servicenow`), or empty. Its first rejection says what was missing.
 */
function refuseUnreadable(format: Format, file: string, converted: ConvertedImport): void {
  if (converted.records.length > 0) return;
  const first = converted.rejected[0];
  if (!first)
    throw new WorkledgerError('VALIDATION', `${file}: no records in it to import as ${format}`, 'files');
  throw new WorkledgerError(
    'VALIDATION',
    `${file}: not one of its ${converted.rejected.length} records reads as ${format} (the first: ${describeRejection(first)}); is it a ${format} file? Nothing was imported`,
    first.field ?? 'files',
  );
}

/** Convert one file's text with its format's converter; every record and rejection names the file. */
function convertFile(
  format: Format,
  text: string,
  file: string,
  mapping: CsvMapping | null,
  workflow: string | undefined,
): ConvertedImport {
  const options = { workflow, file };
  switch (format) {
    case 'servicenow':
      return convertServiceNowExport(text, options);
    case 'bpi2013':
      return convertBpi2013Csv(text, options);
    case 'csv':
      if (mapping === null) throw new WorkledgerError('VALIDATION', '--mapping: required', 'mapping');
      return convertGenericCsv(text, mapping, options);
    case 'jira':
      return named(convertJiraIssues(parseJson(text, file), { workflow }), file);
    case 'zendesk':
      return named(convertZendeskTickets(parseJson(text, file), { workflow }), file);
    default: {
      const unreachable: never = format;
      throw new WorkledgerError('VALIDATION', `format: ${String(unreachable)}`, 'format');
    }
  }
}

function named(converted: ConvertedImport, file: string): ConvertedImport {
  return {
    read: converted.read,
    records: converted.records.map((r) => ({ ...r, file: r.file ?? file })),
    rejected: converted.rejected.map((r) => ({ ...r, file: r.file ?? file })),
  };
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new WorkledgerError('VALIDATION', `${file}: not valid JSON (${(error as Error).message})`, 'file');
  }
}

/** A progress bar on stderr for imports longer than one batch; none with --json, in CI, or off a terminal. */
function progressBar(
  io: Io,
  flags: ImportFlags,
): { update(label: string, done: number, total: number): void; stop(): void } {
  const enabled = !flags.json && !io.env.CI && process.stderr.isTTY === true;
  let bar: SingleBar | null = null;
  let current = '';
  return {
    update(label, done, total) {
      if (!enabled || (bar === null && total <= IMPORT_BATCH)) return;
      if (bar === null || label !== current) {
        bar?.stop();
        current = label;
        bar = new SingleBar(
          { format: ' {label} [{bar}] {value}/{total}', stream: process.stderr },
          Presets.shades_classic,
        );
        bar.start(total, 0, { label });
      }
      bar.setTotal(total);
      bar.update(done);
    },
    stop() {
      bar?.stop();
      bar = null;
    },
  };
}

/** Send converted records to a running server (POST /v1/items) in batches; the same summary as runImport. */
async function postItems(
  target: RemoteTarget,
  converted: ConvertedImport,
  progress: ImportProgress,
): Promise<ImportSummary> {
  const client = remoteClient(target);
  return runImportInto(
    // the drafts are checked by the server as POST /v1/items checks every record
    async (items) => remoteAnswer(client.v1.items.$post({ json: { items } })),
    converted,
    progress,
  );
}

/**
 * What these records would overwrite of another system's records with the same numbers, asked of the
 * store or of the server (POST /v1/items/other-records), one import batch at a time.
 */
async function otherRecordsOf(
  target: Target,
  converted: ConvertedImport,
  identity: string,
): Promise<OtherRecords> {
  const records = identityRecords(
    converted.records.map((r) => r.item),
    identity,
  );
  const ask = (input: { identity: string; records: typeof records }) =>
    target.kind === 'direct'
      ? findOtherRecords({ ctx: target.ctx, input })
      : remoteAnswer(remoteClient(target).v1.items['other-records'].$post({ json: input }));
  const found: OtherRecords = { count: 0, examples: [] };
  for (let i = 0; i < records.length; i += MAX_CHECKED_RECORDS) {
    const batch = await ask({ identity, records: records.slice(i, i + MAX_CHECKED_RECORDS) });
    found.count += batch.count;
    found.examples.push(...batch.examples.slice(0, 3 - found.examples.length));
  }
  return found;
}

/**
 * The attribute that names a record in its own system, for the formats that carry one: an import that
 * would update an item holding another one is overwriting another instance's record of the same number.
 */
const IDENTITY: Partial<Record<Format, string>> = { servicenow: 'sys_id', jira: 'jira_id' };

function warnOtherRecords(io: Io, format: Format, other: OtherRecords): void {
  io.err(
    `warning: ${other.count} ${other.count === 1 ? 'record of this import shares its number' : 'records of this import share their numbers'} with another record ` +
      `that another import stored (another ${IDENTITY[format] ?? 'id'}: ${other.examples.join(', ')}${other.count > other.examples.length ? ', …' : ''}): ` +
      `of each pair only the newer is kept; import each instance under its own --source, e.g. --source ${format}:acme`,
  );
}

interface PullFacts {
  other_records?: number;
  source?: string;
  pages?: number;
  watermark?: { previous: string | null; next: string | null };
}

/** Print the summary: counts and up to 20 `file:line: reason` lines, or all of it as JSON. */
function report(
  io: Io,
  flags: ImportFlags,
  format: Format,
  files: readonly string[],
  totals: Totals,
  extra: PullFacts,
): void {
  const rejections = totals.rejected.map(describeRejection);
  if (flags.json) {
    printJson(io, {
      format,
      files,
      read: totals.read,
      items: totals.items,
      created: totals.created,
      updated: totals.updated,
      unchanged: totals.unchanged,
      rejected: rejections.length,
      rejections: totals.rejected,
      ...extra,
    });
    return;
  }
  const lines = [
    `${format}: read ${totals.read} from ${files.length} source${files.length === 1 ? '' : 's'}, ${totals.items} items`,
    `  created    ${totals.created}`,
    `  updated    ${totals.updated}`,
    `  unchanged  ${totals.unchanged}`,
    `  rejected   ${rejections.length}`,
    ...rejections.slice(0, SHOWN_REJECTIONS).map((r) => `    ${r}`),
  ];
  if (rejections.length > SHOWN_REJECTIONS)
    lines.push(`    … and ${rejections.length - SHOWN_REJECTIONS} more (--json lists all)`);
  if (extra.source) lines.push(`  source     ${extra.source}`);
  if (extra.watermark)
    lines.push(`  watermark  ${extra.watermark.previous ?? '(none)'} → ${extra.watermark.next ?? '(none)'}`);
  io.out(lines.join('\n'));
}

function describeRejection(r: ImportRejection): string {
  const reason =
    r.field !== undefined && !r.reason.startsWith(`${r.field}:`) ? `${r.field}: ${r.reason}` : r.reason;
  return `${r.file ?? '-'}:${r.line}: ${reason}`;
}
