import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/cli/start-server.js';
import { createApiKey } from '../../src/services/access/api-keys.js';
import type { Store } from '../../src/services/runtime.js';
import { HAS_ZENDESK_DATA, SHARED_DATA } from '../helpers/shared-data.js';
import { BPI_LOG, DATA, REST_CSV, runCli, storedItems, tempStore, tenantCtx } from './import-fixtures.js';

describe('workledger import', () => {
  let store: Store;
  let dir: string;
  let db: string;
  let server: RunningServer;
  beforeAll(async () => {
    ({ store, dir, path: db } = await tempStore());
    server = await startServer(store, 0, '127.0.0.1', true);
  });
  afterAll(async () => {
    await server.close();
    await store.close();
  });

  it('prints a summary, and the same file twice leaves everything unchanged', async () => {
    const ctx = await tenantCtx(store);
    const first = await runCli(dir, 'import', 'servicenow', REST_CSV, '--db', db, '--tenant', ctx.tenantId);
    expect(first).toMatchObject({ code: 0, err: '' });
    expect(first.out).toBe(
      [
        'servicenow: read 67 from 1 source, 67 items',
        '  created    67',
        '  updated    0',
        '  unchanged  0',
        '  rejected   0',
        '',
      ].join('\n'),
    );
    const second = await runCli(dir, 'import', 'servicenow', REST_CSV, '--db', db, '--tenant', ctx.tenantId);
    expect(second.out).toContain('  created    0\n  updated    0\n  unchanged  67\n  rejected   0\n');
  });

  it('sends the same items through a running server with --url/--key', async () => {
    const direct = await tenantCtx(store);
    const remote = await tenantCtx(store);
    const { key } = await createApiKey({ ctx: remote, input: { role: 'ingest' } });
    await runCli(dir, 'import', 'servicenow', REST_CSV, '--db', db, '--tenant', direct.tenantId);
    const viaServer = await runCli(
      dir,
      'import',
      'servicenow',
      REST_CSV,
      '--url',
      server.url,
      '--key',
      key,
      '--json',
    );
    expect(viaServer.err).toBe('');
    expect(JSON.parse(viaServer.out)).toMatchObject({ read: 67, items: 67, created: 67, rejected: 0 });
    const again = await runCli(
      dir,
      'import',
      'servicenow',
      REST_CSV,
      '--url',
      server.url,
      '--key',
      key,
      '--json',
    );
    expect(JSON.parse(again.out)).toMatchObject({ created: 0, updated: 0, unchanged: 67 });
    const hashes = async (ctx: typeof direct) =>
      [...(await storedItems(ctx, 'servicenow')).values()].map((r) => r.content_hash).sort();
    expect(await hashes(remote)).toEqual(await hashes(direct));
    const pull = await runCli(
      dir,
      'import',
      'servicenow',
      '--instance',
      'http://127.0.0.1:9',
      '--url',
      server.url,
      '--key',
      key,
    );
    expect(pull).toMatchObject({ code: 2, err: 'workledger: --instance: use --tenant, not --url\n' });
  });

  it('shows 20 rejections and counts the rest', async () => {
    const ctx = await tenantCtx(store);
    const file = join(dir, 'many-bad.csv');
    const bad = Array.from({ length: 25 }, (_, i) => `INC${i},New,0,not a date`);
    writeFileSync(
      file,
      ['number,incident_state,sys_mod_count,opened_at', ...bad, 'INC99,New,0,1/3/2016 10:00'].join('\n'),
    );
    const result = await runCli(dir, 'import', 'servicenow', file, '--db', db, '--tenant', ctx.tenantId);
    const lines = result.out.trimEnd().split('\n');
    expect(lines.slice(0, 5)).toEqual([
      'servicenow: read 26 from 1 source, 1 items',
      '  created    1',
      '  updated    0',
      '  unchanged  0',
      '  rejected   25',
    ]);
    expect(lines[5]).toBe(`    ${file}:2: opened_at: not a date and time: "not a date"`);
    expect(lines.slice(5)).toHaveLength(21);
    expect(lines[25]).toBe('    … and 5 more (--json lists all)');
  });

  it('imports a Jira file through its converter', async () => {
    const ctx = await tenantCtx(store);
    const jira = await runCli(
      dir,
      'import',
      'jira',
      join(DATA, 'jira', 'webhook-issue-created.json'),
      '--db',
      db,
      '--tenant',
      ctx.tenantId,
      '--json',
    );
    expect(jira.err).toBe('');
    expect(JSON.parse(jira.out)).toMatchObject({ format: 'jira', created: 1 });
  });

  // The Zendesk captures are GPL-3.0 and never vendored: read from ../shared/data when it is there.
  it.skipIf(!HAS_ZENDESK_DATA)('imports a Zendesk file through its converter (../shared/data)', async () => {
    const ctx = await tenantCtx(store);
    const zendesk = await runCli(
      dir,
      'import',
      'zendesk',
      join(SHARED_DATA, 'zendesk', 'zendesk_tickets_list.json'),
      '--db',
      db,
      '--tenant',
      ctx.tenantId,
      '--json',
    );
    expect(zendesk.err).toBe('');
    expect(JSON.parse(zendesk.out)).toMatchObject({ format: 'zendesk', read: 91, items: 91, created: 91 });
  });

  it.skipIf(!HAS_ZENDESK_DATA)('joins Zendesk tickets with the audits given in another file', async () => {
    const tickets = join(SHARED_DATA, 'zendesk', 'zendesk_tickets_list.json');
    const audits = join(SHARED_DATA, 'zendesk', 'zendesk_ticket_audits.json');
    const alone = await tenantCtx(store);
    const joined = await tenantCtx(store);
    await runCli(dir, 'import', 'zendesk', tickets, '--db', db, '--tenant', alone.tenantId);
    const both = await runCli(
      dir,
      'import',
      'zendesk',
      tickets,
      audits,
      '--db',
      db,
      '--tenant',
      joined.tenantId,
      '--json',
    );
    expect(both.err).toBe('');
    // 91 tickets, 86 of them with audits in the second file: the same 91 items
    expect(JSON.parse(both.out)).toMatchObject({ files: [tickets, audits], items: 91, created: 91 });
    const without = await storedItems(alone, 'zendesk');
    const withAudits = await storedItems(joined, 'zendesk');
    expect(withAudits.size).toBe(91);
    // the list has no metrics: first replies come from the audits only when they are joined
    const replied = (rows: typeof without) =>
      [...rows.values()].filter((r) => r.first_response_at !== null).length;
    expect(replied(without)).toBe(0);
    expect(replied(withAudits)).toBeGreaterThan(0);
  });

  it('refuses a file of another format before writing anything, naming what it lacks', async () => {
    const ctx = await tenantCtx(store);
    // the BPI 2013 log given to `import servicenow`: not one row has a ServiceNow number
    const wrong = await runCli(
      dir,
      'import',
      'servicenow',
      REST_CSV,
      BPI_LOG,
      '--db',
      db,
      '--tenant',
      ctx.tenantId,
    );
    expect(wrong.code).toBe(2);
    expect(wrong.err).toMatch(
      new RegExp(
        `^workledger: ${BPI_LOG}: not one of its [\\d,]+ records reads as servicenow \\(the first: ${BPI_LOG}:2: .+\\); is it a servicenow file\\? Nothing was imported\n$`,
      ),
    );
    expect(wrong.out).toBe('');
    // the good file named before it was not imported either
    expect((await storedItems(ctx, 'servicenow')).size).toBe(0);
    const headerOnly = join(dir, 'header-only.csv');
    writeFileSync(headerOnly, 'number,incident_state,sys_mod_count,opened_at\n');
    const empty = await runCli(
      dir,
      'import',
      'servicenow',
      headerOnly,
      '--db',
      db,
      '--tenant',
      ctx.tenantId,
      '--json',
    );
    expect(empty.code).toBe(2);
    expect(JSON.parse(empty.err)).toEqual({
      error: {
        code: 'VALIDATION',
        message: `${headerOnly}: no records in it to import as servicenow`,
        field: 'files',
      },
    });
  });

  it("warns, with a count, when an import's records share their numbers with another instance's", async () => {
    const ctx = await tenantCtx(store);
    await runCli(dir, 'import', 'servicenow', REST_CSV, '--db', db, '--tenant', ctx.tenantId);
    // a second instance's export: the same incident numbers, each its own record (another sys_id)
    const other = join(dir, 'other-instance.csv');
    const text = readFileSync(REST_CSV, 'utf8').replace(
      /(INC\d+),([0-9a-f]{32}),/g,
      (_, number: string, sysId: string) => `${number},${[...sysId].reverse().join('')},`,
    );
    writeFileSync(other, text);
    const second = await runCli(
      dir,
      'import',
      'servicenow',
      other,
      '--db',
      db,
      '--tenant',
      ctx.tenantId,
      '--json',
    );
    expect(second.code).toBe(0);
    // as old as the stored ones (the same sys_updated_on), so the stored ones stay and the second
    // instance's are lost: the warning says so
    expect(JSON.parse(second.out)).toMatchObject({ unchanged: 67, other_records: 67 });
    expect(second.err).toMatch(
      /^warning: 67 records of this import share their numbers with another record that another import stored \(another sys_id: INC\d+, INC\d+, INC\d+, …\): of each pair only the newer is kept; import each instance under its own --source, e.g. --source servicenow:acme\n$/,
    );
    // the first export again: its own records, no warning
    const again = await runCli(
      dir,
      'import',
      'servicenow',
      REST_CSV,
      '--db',
      db,
      '--tenant',
      ctx.tenantId,
      '--json',
    );
    expect(again.err).toBe('');
    expect(JSON.parse(again.out)).toMatchObject({ unchanged: 67, other_records: 0 });
    // through a running server (--url): the server is asked (POST /v1/items/other-records), same warning
    const { key } = await createApiKey({ ctx, input: { role: 'ingest' } });
    const remote = await runCli(
      dir,
      'import',
      'servicenow',
      other,
      '--url',
      server.url,
      '--key',
      key,
      '--json',
    );
    expect(remote.code).toBe(0);
    expect(JSON.parse(remote.out)).toMatchObject({ unchanged: 67, other_records: 67 });
    expect(remote.err).toMatch(/^warning: 67 records of this import share their numbers with another record/);
  });

  it('files items under --source, so two instances of one system never overwrite each other', async () => {
    const ctx = await tenantCtx(store);
    for (const source of ['servicenow:acme', 'servicenow:globex']) {
      const result = await runCli(
        dir,
        'import',
        'servicenow',
        REST_CSV,
        '--source',
        source,
        '--db',
        db,
        '--tenant',
        ctx.tenantId,
        '--json',
      );
      expect(result.err).toBe('');
      expect(JSON.parse(result.out)).toMatchObject({ created: 67, source });
    }
    const acme = await storedItems(ctx, 'servicenow:acme');
    const globex = await storedItems(ctx, 'servicenow:globex');
    expect(acme.size).toBe(67);
    expect(globex.size).toBe(67);
    expect([...acme.keys()].sort()).toEqual([...globex.keys()].sort()); // the same numbers, kept apart
    expect((await storedItems(ctx, 'servicenow')).size).toBe(0);
    const bad = await runCli(
      dir,
      'import',
      'servicenow',
      REST_CSV,
      '--source',
      'acme prod',
      '--db',
      db,
      '--tenant',
      ctx.tenantId,
    );
    expect(bad.code).toBe(2);
    expect(bad.err).toBe(
      "workledger: --source: letters, digits and . _ : - only, at most 100, like servicenow:acme (got 'acme prod')\n",
    );
  });

  it('says what is wrong in one line', async () => {
    const cases: [string[], number, string][] = [
      [
        ['import', 'remedy', 'x.csv'],
        2,
        'workledger: format: one of servicenow, jira, zendesk, csv, bpi2013',
      ],
      [['import', 'servicenow'], 2, 'workledger: name at least one file to import'],
      [
        ['import', 'bpi2013', REST_CSV, '--instance', 'http://x'],
        2,
        'workledger: --instance: only with `import servicenow` and no files',
      ],
      [
        ['import', 'servicenow', join(dir, 'nope.csv'), '--db', db],
        3,
        `workledger: ${join(dir, 'nope.csv')}: cannot read`,
      ],
      [
        ['import', 'servicenow', '--instance', 'ftp://x', '--db', db],
        2,
        'workledger: --instance: an http(s) URL',
      ],
    ];
    const ctx = await tenantCtx(store);
    for (const [args, code, message] of cases) {
      const result = await runCli(dir, ...args, '--tenant', ctx.tenantId);
      expect(result.code, args.join(' ')).toBe(code);
      expect(result.err.startsWith(message), result.err).toBe(true);
    }
  });
});
