import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ItemInput } from '../../src/domain/item-input.js';
import { convertZendeskTickets } from '../../src/ingest/importers/zendesk.js';
import { HAS_ZENDESK_DATA, sharedDataFile } from '../helpers/shared-data.js';

const FILES = {
  incremental: 'zendesk_incremental_tickets_start0.json',
  list: 'zendesk_tickets_list.json',
  audits: 'zendesk_ticket_audits.json',
} as const;

function text(name: string): string {
  return readFileSync(sharedDataFile('zendesk', name), 'utf8');
}

function itemOf(result: ReturnType<typeof convertZendeskTickets>, externalId: string) {
  return result.records.find((r) => r.item.external_id === externalId);
}

// The recorded files are GPL-3.0 and never vendored: read from ../shared/data when it is beside the repository.
describe.skipIf(!HAS_ZENDESK_DATA)('convertZendeskTickets on the recorded files (../shared/data)', () => {
  it('converts every file, all tickets', () => {
    const counts = Object.values(FILES).map((name) => {
      const result = convertZendeskTickets(JSON.parse(text(name)));
      for (const record of result.records) expect(ItemInput.safeParse(record.item).success).toBe(true);
      expect(result.rejected, name).toEqual([]);
      return [result.read, result.records.length];
    });
    // 87 incremental, 91 listed; the audits cover 86 tickets and include each one's creating audit
    expect(counts).toEqual([
      [87, 87],
      [91, 91],
      [86, 86],
    ]);
  });

  it('keeps 13-digit ids exact: none of the files holds an integer above 2^53', () => {
    const integers = Object.values(FILES).flatMap(
      (name) => text(name).match(/(?<![\d.])\d{13,}(?![\d.])/g) ?? [],
    );
    expect(integers.length).toBeGreaterThan(1000);
    expect(integers.every((n) => Number.isSafeInteger(Number(n)))).toBe(true);
    const result = convertZendeskTickets(JSON.parse(text(FILES.list)));
    expect(itemOf(result, '1')?.item.attributes).toMatchObject({ requester_id: '6130869168922' });
  });

  it('reads listed ticket 1 field by field', () => {
    const record = itemOf(convertZendeskTickets(JSON.parse(text(FILES.list)), { workflow: 'support' }), '1');
    expect(record?.line).toBe(1);
    expect(record?.item).toEqual({
      source: 'zendesk',
      external_id: '1',
      workflow: 'support',
      category: 'incident', // type
      priority: 3, // normal
      channel: 'sample_ticket', // via.channel
      opened_at: '2023-09-09T23:52:05Z',
      first_response_at: null,
      resolved_at: null,
      closed_at: null,
      reassignment_count: undefined, // no metrics, no audits: the core's default 0
      reopen_count: undefined,
      handled_by: 'human',
      outcome: 'open',
      csat: null,
      updated_at: '2024-02-07T00:11:18Z',
      attributes: {
        status: 'open',
        type: 'incident',
        priority_name: 'normal',
        tags: ['sample', 'support', 'zendesk'],
        requester_id: '6130869168922',
        assignee_id: '6130907993114',
        group_id: '6130852536346',
      },
    });
  });

  it('reads the incremental export: a deleted ticket, a web ticket, positions', () => {
    const result = convertZendeskTickets(JSON.parse(text(FILES.incremental)));
    expect(itemOf(result, '4034')).toMatchObject({
      line: 83,
      item: {
        outcome: 'abandoned',
        priority: 2, // high
        resolved_at: null,
        updated_at: '2023-10-24T04:19:53Z',
        attributes: { status: 'deleted', deleted: true },
      },
    });
    expect(itemOf(result, '4036')).toMatchObject({
      line: 76,
      item: {
        channel: 'web',
        priority: null,
        category: null,
        outcome: 'open',
        opened_at: '2023-10-29T01:40:58Z',
      },
    });
    expect(itemOf(result, '1')?.line).toBe(85);
  });

  it('derives the first response, reopens and reassignments from the audits', () => {
    const alone = convertZendeskTickets(JSON.parse(text(FILES.audits)));
    // ticket 1: the agent's public comment of 2024-02-07T00:09:24Z answers requester 6130869168922;
    // open -> deleted -> open is no reopen (deleted is not solved)
    expect(itemOf(alone, '1')?.item).toMatchObject({
      opened_at: '2023-09-09T23:52:05Z',
      first_response_at: '2024-02-07T00:09:24Z',
      reopen_count: 0,
      reassignment_count: 0,
      priority: 3,
      category: 'incident',
      channel: 'sample_ticket',
      outcome: 'open',
      updated_at: '2024-02-07T00:11:18Z',
    });
    const together = convertZendeskTickets([JSON.parse(text(FILES.list)), JSON.parse(text(FILES.audits))]);
    expect([together.read, together.records.length]).toEqual([91, 91]);
    expect(itemOf(together, '1')?.item).toMatchObject({
      first_response_at: '2024-02-07T00:09:24Z',
      reopen_count: 0,
    });
  });
});

/**
 * Tickets written for these tests in the shape of the Zendesk Support API v2 (the fields the converter
 * reads), so they run where the recorded files are not: ids and times like those of the recordings.
 */
const WRITTEN: Record<number, Record<string, unknown>> = {
  1: {
    id: 1,
    via: { channel: 'email' },
    created_at: '2023-09-09T23:52:05Z',
    updated_at: '2024-02-07T00:11:18Z',
    type: 'incident',
    subject: 'Printer offline',
    priority: 'normal',
    status: 'open',
    assignee_id: 501,
    group_id: 601,
    tags: ['support'],
    satisfaction_rating: null,
  },
  28: {
    id: 28,
    via: { channel: 'api' },
    created_at: '2023-09-18T15:57:42Z',
    updated_at: '2023-09-18T15:57:42Z',
    subject: 'test',
    status: 'new',
    tags: [],
    satisfaction_rating: null,
    generated_timestamp: 1695052663,
  },
  4043: {
    id: 4043,
    via: { channel: 'web' },
    created_at: '2023-12-20T16:01:26Z',
    updated_at: '2023-12-20T16:01:26Z',
    subject: 'tags?',
    status: 'new',
    tags: ['foo', 'new', 'tag'],
    satisfaction_rating: null,
  },
};

function written(id: number): Record<string, unknown> {
  const found = WRITTEN[id];
  if (!found) throw new Error(`no written ticket ${id}`);
  return { ...found };
}

describe('convertZendeskTickets with metrics and audits written for the test', () => {
  it('takes metrics from a metric_sets side-load and a ticket metric_set', () => {
    const solved = { ...written(1), status: 'solved', satisfaction_rating: { score: 'good' } };
    const metric = {
      ticket_id: 1,
      reopens: 2,
      assignee_stations: 3,
      group_stations: 2,
      reply_time_in_minutes: { calendar: 90, business: 60 },
      solved_at: '2024-02-07T00:10:00Z',
    };
    const result = convertZendeskTickets({ tickets: [solved], metric_sets: [metric] });
    expect(result.records[0]?.item).toMatchObject({
      reopen_count: 2,
      reassignment_count: 2, // max(assignee_stations 3 - 1, group_stations 2 - 1)
      first_response_at: '2023-09-10T01:22:05.000Z', // 23:52:05 + 90 min
      resolved_at: '2024-02-07T00:10:00Z',
      outcome: 'resolved',
      csat: 5, // good
      attributes: { resolved_at_from: 'metrics' },
    });
    const embedded = {
      ...written(28),
      metric_set: { reply_time_in_seconds: { calendar: 45 } },
    };
    // created 15:57:42 + 45 s
    expect(convertZendeskTickets({ tickets: [embedded] }).records[0]?.item.first_response_at).toBe(
      '2023-09-18T15:58:27.000Z',
    );
  });

  it('maps priorities, CSAT, closed tickets and category tags', () => {
    const base = written(4043);
    const variants = [
      { ...base, priority: 'urgent', satisfaction_rating: { score: 'bad' } },
      { ...base, priority: 'low', satisfaction_rating: { score: 'offered' } },
      { ...base, status: 'closed', tags: ['foo', 'cat_vpn'] },
    ];
    const items = convertZendeskTickets({ tickets: variants }, { categoryTagPrefix: 'cat_' }).records.map(
      (r) => r.item,
    );
    expect(items.map((i) => [i.priority, i.csat])).toEqual([
      [1, 1],
      [4, null],
      [null, null],
    ]);
    // closed without metrics or audits: solved and closed at updated_at, said so in resolved_at_from
    expect(items[2]).toMatchObject({
      category: 'vpn',
      outcome: 'resolved',
      resolved_at: '2023-12-20T16:01:26Z',
      closed_at: '2023-12-20T16:01:26Z',
      attributes: { resolved_at_from: 'updated_at' },
    });
    expect(items[0]?.category).toBeNull(); // no cat_ tag and no type
  });

  it('uses generated_timestamp (epoch seconds) when updated_at is missing', () => {
    const { updated_at: _updatedAt, ...withoutUpdated } = written(28);
    // generated_timestamp 1695052663 s = 2023-09-18T15:57:43Z
    expect(convertZendeskTickets({ tickets: [withoutUpdated] }).records[0]?.item.updated_at).toBe(
      '2023-09-18T15:57:43.000Z',
    );
  });

  it('rejects unreadable tickets and ids that lost precision, and goes on', () => {
    const good = written(28);
    const result = convertZendeskTickets({
      tickets: [
        good,
        { ...good, id: 2 ** 53 + 2 },
        { ...good, created_at: undefined },
        { ...good, id: '9007199254740993' },
      ],
    });
    expect(result.read).toBe(4);
    expect(result.records.map((r) => [r.line, r.item.external_id])).toEqual([
      [1, '28'],
      [4, '9007199254740993'],
    ]);
    expect(result.rejected).toEqual([
      { line: 2, field: 'id', reason: expect.stringMatching(/2\^53/) },
      { line: 3, field: 'created_at', reason: expect.any(String) },
    ]);
    expect(() => convertZendeskTickets({ users: [] })).toThrow(/not Zendesk JSON/);
  });

  it('rejects audit-only tickets whose creating audit is missing', () => {
    const change = {
      ticket_id: 77,
      created_at: '2024-01-01T00:00:00Z',
      events: [{ id: 1, type: 'Change', field_name: 'status', value: 'open', previous_value: 'solved' }],
    };
    expect(convertZendeskTickets({ audits: [change] }).rejected).toEqual([
      { line: 1, field: 'audits', reason: expect.stringMatching(/ticket 77/) },
    ]);
  });
});
