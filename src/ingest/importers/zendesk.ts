import { WorkledgerError } from '../../domain/errors.js';
import type { ConvertedImport } from '../import-runner.js';
import { idText, summariseAudits } from './zendesk-audits.js';
import { ZendeskAudit, ZendeskMetrics, ZendeskTicket } from './zendesk-schema.js';
import { ticketFromAudits, ticketItem, type ZendeskConvertOptions } from './zendesk-ticket.js';
import { isObject, zodRejection } from './import-helpers.js';

export type { ZendeskConvertOptions } from './zendesk-ticket.js';

const DOCUMENT_KEYS = [
  'tickets',
  'ticket',
  'audits',
  'ticket_metrics',
  'ticket_metric',
  'metric_sets',
] as const;

function isDocument(value: unknown): value is Record<string, unknown> {
  return isObject(value) && DOCUMENT_KEYS.some((k) => k in value);
}

/** Zendesk answers, one or several; a bare array of tickets counts as one `{ tickets }` answer. */
function documents(json: unknown): Record<string, unknown>[] {
  if (Array.isArray(json)) return json.every(isDocument) ? json : [{ tickets: json }];
  if (isDocument(json)) return [json];
  throw new WorkledgerError(
    'VALIDATION',
    'not Zendesk JSON: expected { "tickets": [...] } (list or incremental export), { "audits": [...] }, or an array of these',
    'tickets',
  );
}

/**
 * Several files' JSON as one set of Zendesk answers: a ticket list in one file and its audits in
 * another join as if they had come in one array (`import zendesk tickets.json audits.json`).
 */
export function joinZendeskDocuments(jsons: readonly unknown[]): Record<string, unknown>[] {
  return jsons.flatMap(documents);
}

function listOf(doc: Record<string, unknown>, many: string, one: string): unknown[] {
  const list = doc[many];
  if (Array.isArray(list)) return list;
  return doc[one] === undefined || doc[one] === null ? [] : [doc[one]];
}

/**
 * Convert Zendesk Support JSON to human-handled items: the ticket list, the incremental export,
 * their `ticket_metrics`/`metric_sets` side-loads or a ticket's `metric_set`, and ticket audits
 * (`{ audits }`), alone or in one array with the tickets. Audits give reopens, reassignments and
 * the first reply where metrics are absent; tickets only in the audits are rebuilt from them.
 * `line` is the ticket's 1-based position among the tickets (audit-only tickets: of their first audit).
 */
export function convertZendeskTickets(json: unknown, options: ZendeskConvertOptions = {}): ConvertedImport {
  const docs = documents(json);
  const result: ConvertedImport = { records: [], rejected: [], read: 0 };
  const metrics = new Map<string, ZendeskMetrics>();
  const audits = new Map<string, { line: number; audits: ZendeskAudit[] }>();
  let metricLine = 0;
  let auditLine = 0;
  for (const doc of docs) {
    for (const raw of [
      ...listOf(doc, 'ticket_metrics', 'ticket_metric'),
      ...listOf(doc, 'metric_sets', 'metric_set'),
    ]) {
      metricLine += 1;
      const parsed = ZendeskMetrics.safeParse(raw);
      const ticketId = parsed.success ? idText(parsed.data.ticket_id) : null;
      if (parsed.success && ticketId !== null) metrics.set(ticketId, parsed.data);
      else if (!parsed.success)
        result.rejected.push(zodRejection(metricLine, parsed.error, 'ticket_metrics'));
    }
    for (const raw of listOf(doc, 'audits', 'audit')) {
      auditLine += 1;
      const parsed = ZendeskAudit.safeParse(raw);
      const ticketId = parsed.success ? idText(parsed.data.ticket_id) : null;
      if (!parsed.success) result.rejected.push(zodRejection(auditLine, parsed.error, 'audits'));
      else if (ticketId !== null) {
        const entry = audits.get(ticketId) ?? { line: auditLine, audits: [] };
        entry.audits.push(parsed.data);
        audits.set(ticketId, entry);
      }
    }
  }
  const seen = new Set<string>();
  let line = 0;
  for (const raw of docs.flatMap((doc) => listOf(doc, 'tickets', 'ticket'))) {
    line += 1;
    result.read += 1;
    const parsed = ZendeskTicket.safeParse(raw);
    if (!parsed.success) {
      result.rejected.push(zodRejection(line, parsed.error));
      continue;
    }
    const id = idText(parsed.data.id) ?? '';
    seen.add(id);
    const summary = summariseAudits(audits.get(id)?.audits ?? []);
    const converted = ticketItem(
      parsed.data,
      parsed.data.metric_set ?? metrics.get(id) ?? null,
      summary,
      options,
    );
    if (converted.ok) result.records.push({ item: converted.item, line });
    else result.rejected.push({ line, field: converted.field, reason: converted.reason });
  }
  for (const [id, entry] of audits) {
    if (seen.has(id)) continue;
    result.read += 1;
    const summary = summariseAudits(entry.audits);
    const ticket = summary ? ticketFromAudits(id, summary) : null;
    if (ticket === null || summary === null) {
      result.rejected.push({
        line: entry.line,
        field: 'audits',
        reason: `ticket ${id}: its audits lack the one that created it; import the ticket itself too`,
      });
      continue;
    }
    const converted = ticketItem(ticket, metrics.get(id) ?? null, summary, options);
    if (converted.ok) result.records.push({ item: converted.item, line: entry.line });
    else result.rejected.push({ line: entry.line, field: converted.field, reason: converted.reason });
  }
  return result;
}
