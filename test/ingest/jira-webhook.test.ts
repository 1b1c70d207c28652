import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { WorkledgerError } from '../../src/domain/errors.js';
import { convertJiraWebhook, type JiraWebhookConversion } from '../../src/ingest/importers/jira.js';
import { fixtureFile } from '../helpers/shared-data.js';

function fixture(name: string): Record<string, unknown> {
  const value: unknown = JSON.parse(readFileSync(fixtureFile('jira', name), 'utf8'));
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error(`${name}: not an object`);
  return { ...value };
}

function upsert(conversion: JiraWebhookConversion) {
  if (conversion.kind !== 'upsert') throw new Error(`expected upsert, got ${conversion.kind}`);
  return conversion;
}

function fieldOfError(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof WorkledgerError && error.code === 'VALIDATION') return error.field;
    throw error;
  }
  throw new Error('expected a VALIDATION error');
}

describe('convertJiraWebhook', () => {
  it('tells each captured event apart', () => {
    const kinds = {
      'webhook-issue-created.json': 'upsert',
      'webhook-cloud-issue-created-many-fields.json': 'upsert',
      'webhook-cloud-issue-updated-custom-field.json': 'upsert',
      'webhook-issue-updated-assigned.json': 'upsert',
      'webhook-server-old-issue-updated-no-event-type-assigned.json': 'upsert',
      'webhook-server-issue-updated-closed.json': 'upsert',
      'webhook-issue-deleted.json': 'delete',
      'webhook-cloud-comment-created.json': 'comment',
    };
    for (const [name, kind] of Object.entries(kinds))
      expect(convertJiraWebhook(fixture(name)).kind, name).toBe(kind);
  });

  it('uses the webhook timestamp as updated_at and the change as increments', () => {
    // timestamp 1550287026531 ms = 2019-02-16T03:17:06.531Z; changelog Done -> To Do, resolution cleared
    const reopened = upsert(convertJiraWebhook(fixture('webhook-issue-updated-reopened.json')));
    expect(reopened.record).toMatchObject({
      updated_at: '2019-02-16T03:17:06.531Z',
      outcome: 'open',
      resolved_at: null,
    });
    expect(reopened.increments).toEqual({ reassignment_count: 0, reopen_count: 1 });
    expect(reopened.issueUpdatedAt).toBe('2019-02-16T03:17:06.501Z'); // fields.updated 19:17:06.501-0800

    const unassigned = upsert(convertJiraWebhook(fixture('webhook-issue-updated-assigned-nobody.json')));
    expect(unassigned.increments).toEqual({ reassignment_count: 1, reopen_count: 0 }); // Test User -> nobody
    const firstAssignment = upsert(convertJiraWebhook(fixture('webhook-issue-updated-assigned.json')));
    expect(firstAssignment.increments).toEqual({ reassignment_count: 0, reopen_count: 0 }); // nobody -> Test User
  });

  it('reads the old Server format without issue_event_type_name like the Cloud one', () => {
    const old = upsert(
      convertJiraWebhook(fixture('webhook-server-old-issue-updated-no-event-type-assigned.json')),
    );
    const cloud = upsert(convertJiraWebhook(fixture('webhook-issue-updated-assigned.json')));
    expect(old.record).toEqual(cloud.record);
    expect(old.eventId).toBe('changelog:10230'); // the same change group: one event
    expect(cloud.eventId).toBe('changelog:10230');
  });

  it('names each event by its change group, else by its kind, issue and timestamp', () => {
    const ids = {
      'webhook-issue-created.json': 'changelog:10222',
      'webhook-issue-updated-reopened.json': 'changelog:10229',
      'webhook-server-issue-updated-reopened.json': 'changelog:10507',
      'webhook-issue-deleted.json': 'jira:issue_deleted:IDT-19:1562177136176',
    };
    for (const [name, id] of Object.entries(ids)) {
      const conversion = convertJiraWebhook(fixture(name));
      expect(conversion.kind === 'ignore' ? null : conversion.eventId, name).toBe(id);
    }
    const numeric = {
      ...fixture('webhook-issue-updated-reopened.json'),
      changelog: { id: 10229, items: [] },
    };
    expect(upsert(convertJiraWebhook(numeric)).eventId).toBe('changelog:10229');
    const bad = { ...numeric, changelog: { id: 'a\u0000b', items: [] } };
    expect(fieldOfError(() => convertJiraWebhook(bad))).toBe('changelog.id');
  });

  it('counts a Server reopen from Resolved to Reopened', () => {
    const reopened = upsert(convertJiraWebhook(fixture('webhook-server-issue-updated-reopened.json')));
    expect(reopened.increments.reopen_count).toBe(1);
    expect(reopened.record.attributes).toMatchObject({ status: 'Reopened', status_category: 'new' });
    const inProgress = upsert(convertJiraWebhook(fixture('webhook-server-issue-updated-in-progress.json')));
    expect(inProgress.increments.reopen_count).toBe(0); // Reopened -> In Progress: neither is done
  });

  it('marks a deleted issue abandoned and reads comments', () => {
    const deleted = convertJiraWebhook(fixture('webhook-issue-deleted.json'));
    expect(deleted).toMatchObject({
      kind: 'delete',
      key: 'IDT-19',
      record: { outcome: 'abandoned', attributes: { deleted: true }, updated_at: '2019-07-03T18:05:36.176Z' },
    });
    expect(convertJiraWebhook(fixture('webhook-cloud-comment-created.json'))).toEqual({
      kind: 'comment',
      key: 'TES-41',
      eventId: 'comment_created:TES-41:1550286678321', // no changelog: kind, issue and timestamp
      // created 2019-02-15T19:11:18.321-0800
      comment: { at: '2019-02-16T03:11:18.321Z', author: '5c5f880629be9642ba529340', public: true },
      updatedAt: '2019-02-16T03:11:18.321Z',
    });
  });

  it('ignores events that do not change an item', () => {
    const sprint = { timestamp: 1550286113023, webhookEvent: 'sprint_started', sprint: { id: 1 } };
    expect(convertJiraWebhook(sprint)).toEqual({
      kind: 'ignore',
      reason: 'sprint_started events do not change an item',
    });
    const edited = { ...fixture('webhook-cloud-comment-created.json'), webhookEvent: 'comment_updated' };
    expect(convertJiraWebhook(edited).kind).toBe('ignore');
  });

  it('names the unreadable field', () => {
    const created = fixture('webhook-issue-created.json');
    const { timestamp: _timestamp, ...noTimestamp } = created;
    expect(fieldOfError(() => convertJiraWebhook(noTimestamp))).toBe('timestamp');
    expect(fieldOfError(() => convertJiraWebhook({ ...created, timestamp: 'soon' }))).toBe('timestamp');
    expect(fieldOfError(() => convertJiraWebhook([]))).toBe('body');
    const issue = { key: 'TES-41', fields: { created: 'a while ago' } };
    expect(fieldOfError(() => convertJiraWebhook({ ...created, issue }))).toBe('issue.fields.created');
    expect(fieldOfError(() => convertJiraWebhook({ ...created, issue: { fields: {} } }))).toBe('issue.key');
  });
});
