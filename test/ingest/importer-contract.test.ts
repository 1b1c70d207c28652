import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isWorkledgerError } from '../../src/domain/errors.js';
import { ItemInput } from '../../src/domain/item-input.js';
import { runImport, type ConvertedImport } from '../../src/ingest/import-runner.js';
import { convertBpi2013Csv } from '../../src/ingest/importers/bpi2013.js';
import { parseCsv, readSourceText } from '../../src/ingest/importers/csv-rows.js';
import { convertGenericCsv, parseCsvMappingText } from '../../src/ingest/importers/generic-csv.js';
import { convertJiraIssues } from '../../src/ingest/importers/jira.js';
import { convertServiceNowExport } from '../../src/ingest/importers/servicenow-export.js';
import { convertServiceNowJson } from '../../src/ingest/importers/servicenow-json.js';
import { convertZendeskTickets, joinZendeskDocuments } from '../../src/ingest/importers/zendesk.js';
import type { Store } from '../../src/services/runtime.js';
import { HAS_ZENDESK_DATA, SHARED_DATA } from '../helpers/shared-data.js';
import { BPI_LOG, DATA, REST_CSV, tempStore, tenantCtx, UCI_SAMPLE } from './import-fixtures.js';

/**
 * One contract every importer passes, on real data: what it converts is valid item input, one record per
 * item, the same every time, counted honestly, and imports once (a second import changes nothing); what
 * is not its format is refused — rejected row by row, or refused whole with a VALIDATION error — never
 * half-read into items.
 */
interface ImporterCase {
  name: string;
  skip?: boolean;
  convert(): Promise<ConvertedImport>;
  /** A file of another format given to this importer. */
  other(): Promise<ConvertedImport>;
}

const MAPPING = JSON.stringify({
  source: 'helpdesk',
  columns: { external_id: 'Ticket', opened_at: 'Opened', resolved_at: 'Resolved', category: 'Type' },
});
const CSV = [
  'Ticket,Opened,Resolved,Type',
  'T-1,2025-01-02T09:00:00Z,2025-01-02T11:00:00Z,password',
  'T-2,2025-01-03T10:00:00Z,,vpn',
].join('\n');
const restJson = () => {
  const table = parseCsv(readFileSync(REST_CSV, 'utf8'));
  return {
    result: table.rows.map((row) => Object.fromEntries(table.header.map((h, i) => [h, row.values[i] ?? '']))),
  };
};
const json = async (path: string): Promise<unknown> => JSON.parse(await readSourceText(path)) as unknown;

const CASES: ImporterCase[] = [
  {
    name: 'servicenow (incident list CSV)',
    convert: async () => convertServiceNowExport(await readSourceText(REST_CSV), { file: REST_CSV }),
    other: async () => convertServiceNowExport(await readSourceText(BPI_LOG), { file: BPI_LOG }),
  },
  {
    name: 'servicenow (the UCI event log)',
    convert: async () => convertServiceNowExport(await readSourceText(UCI_SAMPLE), { file: UCI_SAMPLE }),
    other: async () => convertServiceNowExport(CSV, { file: 'other.csv' }),
  },
  {
    name: 'servicenow (Table API JSON)',
    convert: async () => convertServiceNowJson(restJson(), { file: 'rest.json' }),
    other: async () =>
      convertServiceNowJson({ result: [{ key: 'PROJ-1', fields: {} }] }, { file: 'jira.json' }),
  },
  {
    name: 'bpi2013',
    convert: async () => convertBpi2013Csv(await readSourceText(BPI_LOG), { file: BPI_LOG }),
    other: async () => convertBpi2013Csv(await readSourceText(REST_CSV), { file: REST_CSV }),
  },
  {
    name: 'csv with a mapping',
    convert: async () =>
      convertGenericCsv(CSV, parseCsvMappingText(MAPPING, 'mapping.json'), { file: 'tickets.csv' }),
    other: async () =>
      convertGenericCsv(await readSourceText(REST_CSV), parseCsvMappingText(MAPPING, 'mapping.json'), {
        file: REST_CSV,
      }),
  },
  {
    name: 'jira',
    convert: async () =>
      convertJiraIssues(await json(join(DATA, 'jira', 'webhook-issue-updated-resolved.json'))),
    other: async () => convertJiraIssues(restJson()),
  },
  {
    name: 'zendesk (../shared/data)',
    skip: !HAS_ZENDESK_DATA,
    convert: async () =>
      convertZendeskTickets(
        joinZendeskDocuments([
          await json(join(SHARED_DATA, 'zendesk', 'zendesk_tickets_list.json')),
          await json(join(SHARED_DATA, 'zendesk', 'zendesk_ticket_audits.json')),
        ]),
      ),
    other: async () => convertZendeskTickets(restJson()),
  },
];

describe('every importer', () => {
  let store: Store;
  beforeAll(async () => {
    ({ store } = await tempStore());
  });
  afterAll(async () => store.close());

  for (const importer of CASES)
    describe(importer.name, () => {
      it.skipIf(importer.skip === true)(
        'converts valid items, one per item, the same every time',
        async () => {
          const converted = await importer.convert();
          expect(converted.records.length).toBeGreaterThan(0);
          // read counts source rows: at least one per item (an event log has several)
          expect(converted.read).toBeGreaterThanOrEqual(converted.records.length);
          for (const record of converted.records) {
            const parsed = ItemInput.safeParse(record.item);
            expect(
              parsed.success,
              `${importer.name} line ${record.line}: ${JSON.stringify(parsed.error?.issues[0])}`,
            ).toBe(true);
            expect(Number.isInteger(record.line) && record.line >= 1).toBe(true);
            // the importers bring the human team's history
            expect(record.item.handled_by).toBe('human');
          }
          for (const rejection of converted.rejected) {
            expect(Number.isInteger(rejection.line) && rejection.line >= 1).toBe(true);
            expect(rejection.reason.length).toBeGreaterThan(0);
          }
          const keys = converted.records.map((r) => `${String(r.item.source)}|${String(r.item.external_id)}`);
          expect(new Set(keys).size).toBe(keys.length);
          expect(await importer.convert()).toEqual(converted);
        },
      );

      it.skipIf(importer.skip === true)('imports once: the same records again change nothing', async () => {
        const converted = await importer.convert();
        const ctx = await tenantCtx(store);
        const first = await runImport(ctx, converted);
        expect(first.rejected).toEqual(converted.rejected);
        expect(first.created).toBe(converted.records.length);
        const second = await runImport(ctx, converted);
        expect(second).toMatchObject({ created: 0, updated: 0, unchanged: converted.records.length });
      });

      it.skipIf(importer.skip === true)('refuses a file of another format: no items from it', async () => {
        let converted: ConvertedImport | null = null;
        try {
          converted = await importer.other();
        } catch (error) {
          // refused whole: the format's own one-line reason
          expect(isWorkledgerError(error) && error.code === 'VALIDATION', String(error)).toBe(true);
          return;
        }
        expect(converted.records).toEqual([]);
      });
    });
});
