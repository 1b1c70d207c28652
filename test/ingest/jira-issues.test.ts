import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ItemInput } from '../../src/domain/item-input.js';
import { convertJiraIssues } from '../../src/ingest/importers/jira.js';
import { jiraPriority } from '../../src/ingest/importers/jira-fields.js';
import { jiraTime } from '../../src/ingest/importers/jira-time.js';
import { FIXTURE_DATA, fixtureFile } from '../helpers/shared-data.js';

function fixture(name: string): Record<string, unknown> {
  const value: unknown = JSON.parse(readFileSync(fixtureFile('jira', name), 'utf8'));
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error(`${name}: not an object`);
  return { ...value };
}

function objectAt(value: unknown, key: string): Record<string, unknown> {
  const inner: unknown = typeof value === 'object' && value !== null ? Reflect.get(value, key) : undefined;
  if (typeof inner !== 'object' || inner === null || Array.isArray(inner))
    throw new Error(`${key}: not an object`);
  return { ...inner };
}

/**
 * A REST search answer (`expand=changelog`) built from the real TES-41 webhooks: the issue as the
 * last webhook shows it, and one history per captured change, at the webhook's time.
 */
function searchAnswerForTes41(): unknown {
  const steps = [
    'webhook-issue-created.json',
    'webhook-issue-updated-started-working.json',
    'webhook-issue-updated-resolved.json',
    'webhook-issue-updated-reopened.json',
    'webhook-issue-updated-assigned.json',
    'webhook-issue-updated-assigned-nobody.json',
    'webhook-issue-updated-raised-priority.json',
  ];
  const histories = steps.map((name) => {
    const hook = fixture(name);
    return {
      created: new Date(Number(hook.timestamp)).toISOString(),
      items: objectAt(hook, 'changelog').items,
    };
  });
  const last = objectAt(fixture('webhook-issue-updated-raised-priority.json'), 'issue');
  return { startAt: 0, maxResults: 50, total: 1, issues: [{ ...last, changelog: { histories } }] };
}

describe('Jira times', () => {
  it('normalises an offset without colon to UTC ISO', () => {
    // 19:01:52.971 at UTC-8 is 19:01:52.971 + 8 h = 03:01:52.971 on the next day, UTC
    expect(jiraTime('2019-02-15T19:01:52.971-0800')).toBe('2019-02-16T03:01:52.971Z');
    // 06:14:23.580 at UTC+8 is 06:14:23.580 - 8 h = 22:14:23.580 on the day before, UTC
    expect(jiraTime('2019-08-13T06:14:23.580+0800')).toBe('2019-08-12T22:14:23.580Z');
    expect(jiraTime('2019-08-13T06:14:23.580+08:00')).toBe('2019-08-12T22:14:23.580Z');
    expect(jiraTime('2019-08-13T06:14:23.580')).toBe('2019-08-13T06:14:23.580');
    expect(jiraTime('13/08/2019')).toBeNull();
    expect(jiraTime('2019-02-30T10:00:00.000+0000')).toBeNull();
  });

  it('maps priority names to 1..5', () => {
    const names = [
      'Highest',
      'High',
      'Medium',
      'Low',
      'Lowest',
      'Blocker',
      'Critical',
      'Major',
      'Minor',
      'Trivial',
    ];
    expect(names.map(jiraPriority)).toEqual([1, 2, 3, 4, 5, 1, 2, 3, 4, 5]);
    expect([
      jiraPriority('P2'),
      jiraPriority('3 - Moderate'),
      jiraPriority('Urgentish'),
      jiraPriority(null),
    ]).toEqual([2, 3, null, null]);
  });
});

describe('convertJiraIssues', () => {
  it('converts every vendored Jira capture', () => {
    const files = readdirSync(`${FIXTURE_DATA}/jira`).filter((f) => f.endsWith('.json'));
    expect(files).toHaveLength(16);
    let records = 0;
    for (const name of files) {
      const result = convertJiraIssues(fixture(name));
      expect(result.read, name).toBe(1);
      records += result.records.length;
      for (const record of result.records) {
        expect(ItemInput.safeParse(record.item).success, name).toBe(true);
        expect(record.item).toMatchObject({ source: 'jira', handled_by: 'human', workflow: 'it-helpdesk' });
      }
      if (name === 'webhook-cloud-comment-created.json')
        expect(result.rejected).toEqual([expect.objectContaining({ line: 1, field: 'issue' })]);
      else expect(result.rejected, name).toEqual([]);
    }
    // 16 webhooks; the comment event carries no issue times
    expect(records).toBe(15);
  });

  it('reads the created TES-41 webhook field by field', () => {
    const [record] = convertJiraIssues(fixture('webhook-issue-created.json'), {
      workflow: 'eng-support',
    }).records;
    expect(record?.line).toBe(1);
    expect(record?.item).toEqual({
      source: 'jira',
      external_id: 'TES-41',
      workflow: 'eng-support',
      category: 'COMP-1', // first component before the issue type (Story)
      priority: 2, // High
      channel: 'jira',
      opened_at: '2019-02-16T03:01:52.971Z', // 2019-02-15T19:01:52.971-0800
      first_response_at: null,
      resolved_at: null,
      closed_at: null,
      reassignment_count: 0,
      reopen_count: 0,
      handled_by: 'human',
      outcome: 'open',
      sla_met: null,
      updated_at: '2019-02-16T03:01:53.023Z', // timestamp 1550286113023
      attributes: {
        jira_id: '10040',
        project: 'TES',
        issue_type: 'Story',
        status: 'To Do',
        status_category: 'new',
        priority_name: 'High',
        components: ['COMP-1'],
        labels: ['test-label'],
        reporter: '5c5f880629be9642ba529340',
      },
    });
  });

  it('reads the Server closed webhook: resolution date, closed at the event, +0800 offsets', () => {
    const [record] = convertJiraIssues(fixture('webhook-server-issue-updated-closed.json')).records;
    expect(record?.item).toMatchObject({
      external_id: 'TES-4',
      category: 'Bug',
      priority: 3, // Medium
      opened_at: '2019-08-12T22:14:23.580Z', // 2019-08-13T06:14:23.580+0800
      resolved_at: '2019-08-14T03:03:02.179Z', // resolutiondate 2019-08-14T11:03:02.179+0800
      closed_at: '2019-08-14T03:07:58.358Z', // status Resolved -> Closed in this event, timestamp 1565752078358
      outcome: 'resolved',
      reopen_count: 0, // Resolved -> Closed stays done
    });
  });

  it('counts reopens and reassignments from the changelog of a search answer', () => {
    const result = convertJiraIssues(searchAnswerForTes41());
    expect(result).toMatchObject({ read: 1, rejected: [] });
    expect(result.records[0]?.item).toMatchObject({
      external_id: 'TES-41',
      // Done -> To Do (resolution cleared) once
      reopen_count: 1,
      // null -> admin is the first assignment; admin -> nobody moves it away from an assignee
      reassignment_count: 1,
      outcome: 'open',
      resolved_at: null,
      updated_at: '2019-02-16T21:15:16.037Z', // fields.updated 2019-02-16T13:15:16.037-0800
    });
  });

  it('accepts a bare array and a single issue, numbering issues by position', () => {
    const created = objectAt(fixture('webhook-issue-created.json'), 'issue');
    const closed = objectAt(fixture('webhook-server-issue-updated-closed.json'), 'issue');
    const broken = { key: 'TES-99', fields: { ...objectAt(closed, 'fields'), created: 'yesterday' } };
    const array = convertJiraIssues([created, { fields: {} }, closed, broken]);
    expect(array.read).toBe(4);
    expect(array.records.map((r) => [r.line, r.item.external_id])).toEqual([
      [1, 'TES-41'],
      [3, 'TES-4'],
    ]);
    expect(array.rejected).toEqual([
      { line: 2, field: 'key', reason: expect.any(String) },
      { line: 4, field: 'fields.created', reason: 'not a Jira time: "yesterday"' },
    ]);
    expect(convertJiraIssues(created).records.map((r) => r.item.external_id)).toEqual(['TES-41']);
    expect(() => convertJiraIssues({ hello: 'world' })).toThrow(/not Jira JSON/);
  });

  it('reads JSM SLA cycles and first responses', () => {
    const issue = objectAt(fixture('webhook-issue-created.json'), 'issue');
    const fields = objectAt(issue, 'fields');
    // SLA and comment shapes as the Jira Service Management REST API documents them
    const sla = (name: string, breached: boolean, stop: number) => ({
      id: '1',
      name,
      completedCycles: [
        { startTime: { epochMillis: 1550286112971 }, stopTime: { epochMillis: stop }, breached },
      ],
    });
    const comments = [
      { author: { accountId: '5c5f880629be9642ba529340' }, created: '2019-02-15T19:05:00.000-0800' },
      { author: { accountId: 'agent-1' }, created: '2019-02-15T19:09:00.000-0800', jsdPublic: false },
      { author: { accountId: 'agent-1' }, created: '2019-02-15T19:10:00.000-0800', jsdPublic: true },
    ];
    const withSla = {
      ...issue,
      fields: {
        ...fields,
        customfield_10030: sla('Time to resolution', false, 1550287000000),
        customfield_10031: sla('Time to first response', false, 1550286500000),
        customfield_10040: { requestType: { id: '10', name: 'Get IT help' } },
      },
    };
    const bySla = convertJiraIssues(withSla).records[0]?.item;
    expect(bySla).toMatchObject({
      sla_met: true,
      first_response_at: '2019-02-16T03:08:20.000Z',
      category: 'Get IT help',
    });
    const breached = {
      ...withSla,
      fields: { ...withSla.fields, customfield_10030: sla('Time to resolution', true, 1) },
    };
    expect(convertJiraIssues(breached).records[0]?.item).toMatchObject({ sla_met: false });
    // no SLA: the first public comment by someone other than the reporter (19:10 -0800 = 03:10 UTC)
    const byComment = convertJiraIssues({ ...issue, fields: { ...fields, comment: { comments } } }).records[0]
      ?.item;
    expect(byComment).toMatchObject({ sla_met: null, first_response_at: '2019-02-16T03:10:00.000Z' });
  });
});
