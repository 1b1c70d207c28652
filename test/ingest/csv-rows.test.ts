import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseCsv, readSourceText } from '../../src/ingest/importers/csv-rows.js';
import { detectDateOrder, serviceNowIso, splitTime } from '../../src/ingest/importers/servicenow-dates.js';
import { readState } from '../../src/ingest/importers/servicenow-fields.js';
import { tempStore } from './import-fixtures.js';

describe('CSV reading', () => {
  it('reads quotes, doubled quotes, line breaks in fields, CRLF and a byte-order mark, with start lines', () => {
    const table = parseCsv('\ufeffa,b,c\r\n1,"x, y","say ""hi"""\r\n2,"two\r\nlines",\r\n\r\n3,,"z"\r\n');
    expect(table.header).toEqual(['a', 'b', 'c']);
    expect(table.rows).toEqual([
      { line: 2, values: ['1', 'x, y', 'say "hi"'] },
      { line: 3, values: ['2', 'two\r\nlines', ''] },
      { line: 6, values: ['3', '', 'z'] },
    ]);
    expect(table.rejected).toEqual([]);
  });

  it('rejects unreadable rows by line and goes on', () => {
    const table = parseCsv('a,b\n1,2,3\n"x"y,2\n4,5\n"open,6\n7,8\n', { file: 'f.csv' });
    expect(table.rows).toEqual([{ line: 4, values: ['4', '5'] }]);
    expect(table.rejected).toEqual([
      { line: 2, file: 'f.csv', reason: 'has 3 fields; the header has 2' },
      { line: 3, file: 'f.csv', reason: 'unexpected text after the closing quote of field 1' },
      { line: 5, file: 'f.csv', reason: 'a quoted field is never closed' },
    ]);
    expect(parseCsv('a;b\n1;2\n', { delimiter: ';' }).rows).toEqual([{ line: 2, values: ['1', '2'] }]);
    expect(() => parseCsv('\n\n', { file: 'empty.csv' })).toThrow('empty.csv: no header row');
  });

  it('reads gzip by its magic bytes, whatever the name', async () => {
    const { dir, store } = await tempStore();
    await store.close();
    const file = join(dir, 'plain-name.csv');
    writeFileSync(file, gzipSync('\ufeffa\n1\n'));
    expect(await readSourceText(file)).toBe('a\n1\n');
  });
});

describe('ServiceNow dates and states', () => {
  it('detects day-first or month-first per file and reads every export format', () => {
    expect(detectDateOrder(['3/4/2016 10:00', '29/2/2016 01:16'])).toBe('dmy');
    expect(detectDateOrder(['3/4/2016 10:00', '12/13/2016 07:19:57 AM'])).toBe('mdy');
    expect(detectDateOrder(['2016-02-29 01:16:00', '3/4/2016'])).toBe('dmy');
    expect(serviceNowIso('29/2/2016 01:16', 'f', 'dmy', false)).toBe('2016-02-29T01:16:00');
    expect(serviceNowIso('05-03-2016 12:00', 'f', 'dmy', false)).toBe('2016-03-05T12:00:00');
    expect(serviceNowIso('2016-12-12 15:19:57', 'f', 'dmy', true)).toBe('2016-12-12T15:19:57Z');
    expect(serviceNowIso('12/13/2016 12:19:57 AM', 'f', 'mdy', false)).toBe('2016-12-13T00:19:57');
    expect(splitTime('30/2/2016 10:00', 'dmy')).toBeNull();
    expect(() => serviceNowIso('soon', 'closed_at', 'dmy', false)).toThrow('not a date and time: "soon"');
  });

  it('reads raw state codes and labels; anything else is unknown', () => {
    expect(['1', '2', '3', '6', '7', '8'].map((c) => readState(c))).toEqual([
      { label: 'New', kind: 'open' },
      { label: 'In Progress', kind: 'open' },
      { label: 'On Hold', kind: 'open' },
      { label: 'Resolved', kind: 'resolved' },
      { label: 'Closed', kind: 'closed' },
      { label: 'Canceled', kind: 'canceled' },
    ]);
    expect(readState('Awaiting User Info').kind).toBe('open');
    expect(readState('Active').kind).toBe('open');
    expect(readState('Cancelled').kind).toBe('canceled');
    expect(readState('-100')).toEqual({ label: '-100', kind: 'unknown' });
    expect(readState('?')).toEqual({ label: null, kind: 'unknown' });
  });
});
