import { expect, it } from 'vitest';
import { runImport } from '../../src/ingest/import-runner.js';
import { convertGenericCsv, parseCsvMapping } from '../../src/ingest/importers/generic-csv.js';
import { convertServiceNowCsv } from '../../src/ingest/importers/servicenow-csv.js';
import { convertZendeskTickets } from '../../src/ingest/importers/zendesk.js';
import { forEachEngine } from '../helpers/engines.js';
import { newTenant } from '../helpers/ledger.js';
import { rowOf, storedItems } from './import-fixtures.js';

const NOW = Date.UTC(2026, 0, 1);

forEachEngine('importers and unstorable or out-of-range rows', ({ store }) => {
  it('generic CSV: a NUL cell or an epoch past 2199 rejects its row, naming the field; the rest is imported', async () => {
    const ctx = await newTenant(store(), { now: NOW });
    const mapping = parseCsvMapping({
      source: 'desk',
      columns: { external_id: 'id', opened_at: 'at', category: 'cat' },
      date_format: 'epoch_s',
      attributes: { customer: 'customer' },
    });
    const csv = [
      'id,at,cat,customer',
      'T-1,1456826400,vpn,ACME',
      'T-2,1456826400,v\u0000pn,ACME',
      'T-3,1456826400,vpn,AC\u0000ME',
      'T-4,99999999999999999999,vpn,ACME', // was a RangeError that ended the whole import
      'T-5,1456826400,vpn,Gamma',
      '',
    ].join('\n');
    const summary = await runImport(ctx, convertGenericCsv(csv, mapping));
    expect(summary).toMatchObject({ read: 5, created: 2 });
    expect(summary.rejected.map((r) => [r.line, r.field, r.reason])).toEqual([
      [3, 'category', expect.stringMatching(/NUL/)],
      [4, 'attributes.customer', expect.stringMatching(/NUL/)],
      [5, 'opened_at', expect.any(String)],
    ]);
    const rows = await storedItems(ctx, 'desk');
    expect([...rows.keys()].sort()).toEqual(['T-1', 'T-5']);
    expect(rowOf(rows, 'T-5').attributes).toBe('{"customer":"Gamma"}');
  });

  it('ServiceNow CSV: a number with a lone surrogate or an impossible time rejects only that row', async () => {
    const ctx = await newTenant(store(), { now: NOW });
    const csv = [
      'number,opened_at,category,priority,incident_state',
      'INC1,2016-02-29 10:00:00,Network,3 - Moderate,New',
      'INC\uD8002,2016-02-29 10:00:00,Network,3 - Moderate,New',
      'INC3,2016-02-29 10:99:00,Network,3 - Moderate,New',
      '',
    ].join('\n');
    const summary = await runImport(ctx, convertServiceNowCsv(csv));
    expect(summary.created).toBe(1);
    expect(summary.rejected.map((r) => r.field)).toEqual(['external_id', 'opened_at']);
    expect([...(await storedItems(ctx, 'servicenow')).keys()]).toEqual(['INC1']);
  });

  it('Zendesk: a reply-time metric past 2199 rejects its ticket instead of ending the import', async () => {
    const ctx = await newTenant(store(), { now: NOW });
    const ticket = { created_at: '2024-01-02T10:00:00Z', updated_at: '2024-01-02T12:00:00Z', status: 'open' };
    const converted = convertZendeskTickets({
      tickets: [
        { ...ticket, id: 1 },
        { ...ticket, id: 2, metric_set: { reply_time_in_minutes: { calendar: 1e15 } } },
        { ...ticket, id: 3, metric_set: { reply_time_in_minutes: { calendar: 30 } } },
      ],
    });
    const summary = await runImport(ctx, converted);
    expect(summary.created).toBe(2);
    expect(summary.rejected).toEqual([
      { line: 2, field: 'first_response_at', reason: expect.stringMatching(/outside 1970-01-01/) },
    ]);
    expect(rowOf(await storedItems(ctx, 'zendesk'), '3').first_response_at).toBe(
      Date.UTC(2024, 0, 2, 10, 30),
    );
  });
});
