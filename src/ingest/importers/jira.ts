import { WorkledgerError } from '../../domain/errors.js';
import type { ConvertedImport } from '../import-runner.js';
import { readChange, type JiraChangeGroup } from './jira-changelog.js';
import { issueItem, type JiraConvertOptions } from './jira-issue.js';
import { JiraIssue } from './jira-schema.js';
import { jiraTime } from './jira-time.js';
import { convertJiraWebhook } from './jira-webhook.js';
import { isObject, zodRejection } from './import-helpers.js';

export { convertJiraWebhook, type JiraWebhookConversion, type JiraCommentEvent } from './jira-webhook.js';
export type { JiraConvertOptions } from './jira-issue.js';

/** The issues of a search answer (`{ issues }`), a bare array, or a single issue. */
function issueList(json: unknown): unknown[] {
  if (Array.isArray(json)) return json;
  if (isObject(json) && Array.isArray(json.issues)) return json.issues;
  if (isObject(json) && 'key' in json && 'fields' in json) return [json];
  throw new WorkledgerError(
    'VALIDATION',
    'not Jira JSON: expected a search answer { "issues": [...] }, an array of issues, an issue or a webhook',
    'issues',
  );
}

function historyGroups(issue: JiraIssue): JiraChangeGroup[] {
  return (issue.changelog?.histories ?? []).map((h) => ({
    at: h.created ? jiraTime(h.created) : null,
    changes: h.items.map(readChange),
  }));
}

/** A webhook saved to a file imports as the one issue version it carries. */
function convertWebhookFile(json: unknown, options: JiraConvertOptions): ConvertedImport {
  const result: ConvertedImport = { records: [], rejected: [], read: 1 };
  try {
    const conversion = convertJiraWebhook(json, options);
    switch (conversion.kind) {
      case 'upsert':
      case 'delete':
        result.records.push({ item: conversion.record, line: 1 });
        break;
      case 'comment':
        result.rejected.push({
          line: 1,
          field: 'issue',
          reason:
            'a comment event carries no issue times; POST it to /v1/webhooks/jira to record a first response',
        });
        break;
      case 'ignore':
        result.rejected.push({ line: 1, field: 'webhookEvent', reason: conversion.reason });
        break;
      default: {
        const unreachable: never = conversion;
        throw new Error(`unknown conversion ${String(unreachable)}`);
      }
    }
  } catch (error) {
    if (!(error instanceof WorkledgerError)) throw error;
    result.rejected.push({ line: 1, field: error.field, reason: error.message });
  }
  return result;
}

/**
 * Convert Jira issue JSON (REST search answer with `expand=changelog`, a bare array of issues, one
 * issue, or one saved webhook) to human-handled items. Reassignments and reopens are counted from
 * the changelog; `line` is the issue's 1-based position in the answer. Pure: no I/O, no clock.
 */
export function convertJiraIssues(json: unknown, options: JiraConvertOptions = {}): ConvertedImport {
  if (isObject(json) && 'webhookEvent' in json) return convertWebhookFile(json, options);
  const issues = issueList(json);
  const result: ConvertedImport = { records: [], rejected: [], read: issues.length };
  issues.forEach((raw, index) => {
    const line = index + 1;
    const parsed = JiraIssue.safeParse(raw);
    if (!parsed.success) {
      result.rejected.push(zodRejection(line, parsed.error));
      return;
    }
    const issue = parsed.data;
    const updatedText = issue.fields.updated ?? issue.fields.created;
    const updatedAt = jiraTime(updatedText);
    if (updatedAt === null) {
      result.rejected.push({
        line,
        field: 'fields.updated',
        reason: `not a Jira time: ${JSON.stringify(updatedText)}`,
      });
      return;
    }
    const converted = issueItem(issue, historyGroups(issue), updatedAt, options);
    if (converted.ok) result.records.push({ item: converted.item, line });
    else result.rejected.push({ line, field: converted.field, reason: converted.reason });
  });
  return result;
}
