import { WorkledgerError } from '../domain/errors.js';
import type { Ctx } from '../services/context.js';
import { getImportWatermark, saveImportWatermark } from '../services/config/import-watermarks.js';
import { convertServiceNowJson } from './importers/servicenow-json.js';
import { runImport, type ImportProgress, type ImportSummary } from './import-runner.js';
import { instanceSource, parseImportSource, withSource } from './import-source.js';

/** Basic auth, a bearer token, or none (an instance that allows anonymous reads, or a test). */
export type ServiceNowAuth =
  { kind: 'basic'; user: string; password: string } | { kind: 'bearer'; token: string } | { kind: 'none' };

/** Credentials as given (flags or environment) to one auth: a token, or a user with a password, or none. */
export function serviceNowAuth(given: { user?: string; password?: string; token?: string }): ServiceNowAuth {
  const { user, password, token } = given;
  if (token !== undefined && (user !== undefined || password !== undefined))
    throw new WorkledgerError('VALIDATION', '--token excludes --user/--password', 'token');
  if (token !== undefined) return { kind: 'bearer', token };
  if (user === undefined && password === undefined) return { kind: 'none' };
  if (user === undefined || password === undefined)
    throw new WorkledgerError('VALIDATION', '--user and --password go together', 'user');
  return { kind: 'basic', user, password };
}

/** What to pull: the instance URL, credentials, table, page size and the items' workflow. */
export interface ServiceNowPullOptions {
  instance: string;
  auth: ServiceNowAuth;
  table?: string;
  pageSize?: number;
  workflow?: string;
  /** The items' source; default `servicenow:<the instance's first host label>` (import-source.ts). */
  source?: string;
}

/** The import summary of a pull, with its pages, endpoint and the watermark before and after. */
export interface ServiceNowPullResult extends ImportSummary {
  items: number;
  pages: number;
  endpoint: string;
  /** The source the items were filed under. */
  source: string;
  watermark: { previous: string | null; next: string | null };
}

/** The source pulls used before each instance had its own: a pull resuming from its watermark keeps it. */
const LEGACY_SOURCE = 'servicenow';

/**
 * Pull a table from a ServiceNow instance through the Table API and import it: raw values
 * (`sysparm_display_value=false`), pages of `sysparm_limit` by `sysparm_offset`, ordered by
 * `sys_updated_on` from the tenant's watermark on (inclusive, so a record updated in the same second
 * is read again and found unchanged). The newest `sys_updated_on` ingested becomes the next watermark.
 */
export async function pullServiceNow(
  ctx: Ctx,
  options: ServiceNowPullOptions,
  progress?: (phase: 'pull' | 'ingest', done: number, total: number) => void,
): Promise<ServiceNowPullResult> {
  const endpoint = tableEndpoint(options.instance, options.table ?? 'incident');
  const pageSize = options.pageSize ?? 1000;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 10_000)
    throw new WorkledgerError('VALIDATION', '--page-size: a whole number from 1 to 10000', 'page_size');
  const legacy = await getImportWatermark({ ctx, input: { source: LEGACY_SOURCE, instance: endpoint } });
  const source =
    options.source !== undefined
      ? parseImportSource(options.source)
      : legacy
        ? LEGACY_SOURCE
        : instanceSource('servicenow', options.instance);
  const previous =
    source === LEGACY_SOURCE
      ? (legacy?.watermark ?? null)
      : ((await getImportWatermark({ ctx, input: { source, instance: endpoint } }))?.watermark ?? null);
  const query = (previous === null ? '' : `sys_updated_on>=${previous}^`) + 'ORDERBYsys_updated_on';
  const records: unknown[] = [];
  let pages = 0;
  for (;;) {
    const url = new URL(endpoint);
    url.searchParams.set('sysparm_query', query);
    url.searchParams.set('sysparm_display_value', 'false');
    url.searchParams.set('sysparm_exclude_reference_link', 'true');
    url.searchParams.set('sysparm_limit', String(pageSize));
    url.searchParams.set('sysparm_offset', String(records.length));
    const page = await fetchPage(url, options.auth);
    pages += 1;
    records.push(...page.records);
    progress?.('pull', records.length, page.total ?? records.length);
    if (page.records.length < pageSize) break;
  }
  const converted = withSource(
    convertServiceNowJson({ result: records }, { workflow: options.workflow, file: endpoint }),
    source,
  );
  const ingestProgress: ImportProgress = (done, total) => progress?.('ingest', done, total);
  const summary = await runImport(ctx, converted, ingestProgress);
  const newest = newestUpdate(records);
  let next = previous;
  if (newest !== null && (previous === null || newest > previous)) {
    await saveImportWatermark({ ctx, input: { source, instance: endpoint, watermark: newest } });
    next = newest;
  }
  return {
    ...summary,
    items: converted.records.length,
    pages,
    endpoint,
    source,
    watermark: { previous, next },
  };
}

/** The Table API URL of `table` on an instance given as its base URL. */
export function tableEndpoint(instance: string, table: string): string {
  let base: URL;
  try {
    base = new URL(instance);
  } catch {
    throw new WorkledgerError('VALIDATION', `--instance: not a URL: ${instance}`, 'instance');
  }
  if (base.protocol !== 'https:' && base.protocol !== 'http:')
    throw new WorkledgerError('VALIDATION', '--instance: an http(s) URL', 'instance');
  if (!/^[a-z0-9_]+$/i.test(table))
    throw new WorkledgerError('VALIDATION', `--table: not a table name: ${table}`, 'table');
  return `${base.origin}${base.pathname.replace(/\/+$/, '')}/api/now/table/${table}`;
}

async function fetchPage(
  url: URL,
  auth: ServiceNowAuth,
): Promise<{ records: unknown[]; total: number | null }> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (auth.kind === 'basic')
    headers.authorization = `Basic ${Buffer.from(`${auth.user}:${auth.password}`).toString('base64')}`;
  else if (auth.kind === 'bearer') headers.authorization = `Bearer ${auth.token}`;
  let response: Response;
  try {
    response = await fetch(url, { headers });
  } catch (error) {
    throw new WorkledgerError('INTERNAL', `cannot reach ${url.origin}: ${(error as Error).message}`);
  }
  const text = await response.text();
  if (response.status === 401 || response.status === 403)
    throw new WorkledgerError(
      'UNAUTHENTICATED',
      `${url.origin} refused the credentials (HTTP ${response.status})`,
    );
  if (!response.ok)
    throw new WorkledgerError(
      'INTERNAL',
      `${url.origin} answered HTTP ${response.status}: ${text.slice(0, 200)}`,
    );
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new WorkledgerError('INTERNAL', `${url.origin} answered something other than JSON`);
  }
  const result = typeof body === 'object' && body !== null && 'result' in body ? body.result : undefined;
  if (!Array.isArray(result))
    throw new WorkledgerError('INTERNAL', `${url.origin} answered without a result array`);
  const total = Number(response.headers.get('x-total-count'));
  return { records: result, total: Number.isInteger(total) && total > 0 ? total : null };
}

/** The newest raw `sys_updated_on` (`yyyy-mm-dd HH:MM:SS`, UTC, so text order is time order). */
function newestUpdate(records: readonly unknown[]): string | null {
  let newest: string | null = null;
  for (const record of records) {
    if (typeof record !== 'object' || record === null || !('sys_updated_on' in record)) continue;
    const value = record.sys_updated_on;
    if (
      typeof value === 'string' &&
      /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(value) &&
      (newest === null || value > newest)
    )
      newest = value;
  }
  return newest;
}
