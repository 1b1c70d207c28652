import type { ItemDraft } from '../domain/item-input.js';
import type { Ctx } from '../services/context.js';
import { acceptItemRecords } from './accept-items.js';

/** One record an importer produced, with where it came from for error reports. */
export interface ImportedRecord {
  /** The item as the importer drafted it (ItemInput's fields); validated by the ingestion core. */
  item: ItemDraft;
  /** 1-based line (CSV/NDJSON) or position (JSON) in the source, as people count it. */
  line: number;
  file?: string;
}

/** A source row that could not be read, reported with its line and the reason; the import goes on. */
export interface ImportRejection {
  line: number;
  file?: string;
  field?: string;
  reason: string;
}

/**
 * What every importer hands to runImport: the records, the rows it could not read, and how many source
 * rows it read. One type for all of them (ServiceNow, BPI 2013, generic CSV, Jira, Zendesk), and one
 * contract every importer passes (test/ingest/importer-contract.test.ts).
 */
export interface ConvertedImport {
  records: ImportedRecord[];
  rejected: ImportRejection[];
  read: number;
}

export interface ImportSummary {
  read: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: ImportRejection[];
}

export type ImportProgress = (done: number, total: number) => void;

export const IMPORT_BATCH = 5_000;

/** What a batch sink answers: the ingestion core's counts and its per-record errors. */
export interface BatchAnswer {
  created: number;
  updated: number;
  unchanged: number;
  errors: readonly { index: number; field: string; message: string }[];
}

/** Where batches go: the ingestion core in-process, or a running server's POST /v1/items. */
export type BatchSink = (items: ItemDraft[]) => Promise<BatchAnswer>;

/**
 * Send converted records through the one ingestion core in batches, and merge what the converter
 * could not read with what the core rejected into one summary. Importing the same file twice
 * changes nothing (the core upserts by key, newest `updated_at` wins).
 */
export async function runImport(
  ctx: Ctx,
  converted: { records: readonly ImportedRecord[]; rejected: readonly ImportRejection[]; read: number },
  progress?: ImportProgress,
): Promise<ImportSummary> {
  return runImportInto((items) => acceptItemRecords(ctx, items), converted, progress);
}

/** The batching and summary of runImport, into any sink. */
export async function runImportInto(
  sink: BatchSink,
  converted: { records: readonly ImportedRecord[]; rejected: readonly ImportRejection[]; read: number },
  progress?: ImportProgress,
): Promise<ImportSummary> {
  const summary: ImportSummary = {
    read: converted.read,
    created: 0,
    updated: 0,
    unchanged: 0,
    rejected: [...converted.rejected],
  };
  const total = converted.records.length;
  for (let offset = 0; offset < total; offset += IMPORT_BATCH) {
    const batch = converted.records.slice(offset, offset + IMPORT_BATCH);
    const result = await sink(batch.map((r) => r.item));
    summary.created += result.created;
    summary.updated += result.updated;
    summary.unchanged += result.unchanged;
    for (const error of result.errors) {
      const source = batch[error.index];
      summary.rejected.push({
        line: source?.line ?? -1,
        file: source?.file,
        field: error.field,
        reason: error.message,
      });
    }
    progress?.(Math.min(offset + IMPORT_BATCH, total), total);
  }
  summary.rejected.sort((a, b) => (a.file ?? '').localeCompare(b.file ?? '') || a.line - b.line);
  return summary;
}
