import type { ItemDraft } from '../../domain/item-input.js';
import {
  closedAt,
  countChanges,
  doneStatusSet,
  isDoneStatus,
  type JiraChangeGroup,
} from './jira-changelog.js';
import {
  commentFirstResponse,
  jiraCategory,
  jiraPriority,
  jiraSlaMet,
  jiraSlas,
  jiraUserId,
  slaFirstResponse,
} from './jira-fields.js';
import type { JiraIssue } from './jira-schema.js';
import { jiraTime } from './jira-time.js';

export interface JiraConvertOptions {
  /** The workflow of every imported item; default 'it-helpdesk'. */
  workflow?: string;
  /** Status names that also mean "done" (a move out of one is a reopen), beyond the defaults. */
  doneStatuses?: readonly string[];
}

/** The workflow of imported items when the caller names none. */
export const DEFAULT_WORKFLOW = 'it-helpdesk';

/** One issue's item and the counters its change groups add, or the field that could not be read. */
export type IssueConversion =
  | { ok: true; item: ItemDraft; counts: { reassignments: number; reopens: number }; closedUnknown: boolean }
  | { ok: false; field: string; reason: string };

function fail(field: string, value: unknown): IssueConversion {
  return { ok: false, field, reason: `not a Jira time: ${JSON.stringify(value)}` };
}

/**
 * One Jira issue as an item of the human team. `groups` are its change groups with normalised
 * times (the REST changelog, or the one change of a webhook); `updatedAt` is the version's time.
 * `closedUnknown` says the issue is Closed but the groups do not say since when.
 */
export function issueItem(
  issue: JiraIssue,
  groups: readonly JiraChangeGroup[],
  updatedAt: string,
  options: JiraConvertOptions & { deleted?: boolean },
): IssueConversion {
  const { fields } = issue;
  const openedAt = jiraTime(fields.created);
  if (openedAt === null) return fail('fields.created', fields.created);
  let resolutionDate: string | null = null;
  if (fields.resolutiondate) {
    resolutionDate = jiraTime(fields.resolutiondate);
    if (resolutionDate === null) return fail('fields.resolutiondate', fields.resolutiondate);
  }
  const statusName = fields.status?.name ?? null;
  const categoryKey = fields.status?.statusCategory?.key ?? null;
  const doneNow =
    categoryKey === null
      ? isDoneStatus(statusName, doneStatusSet(options.doneStatuses))
      : categoryKey === 'done';
  const done = doneStatusSet([
    ...(options.doneStatuses ?? []),
    ...(doneNow && statusName ? [statusName] : []),
  ]);
  // Workflows without a resolution field: a done status resolves the issue when its category changed.
  const categoryChanged = fields.statuscategorychangedate ? jiraTime(fields.statuscategorychangedate) : null;
  const resolvedAt = resolutionDate ?? (doneNow ? (categoryChanged ?? updatedAt) : null);
  const closed = closedAt(groups, statusName);
  const slas = jiraSlas(fields);
  const counts = countChanges(groups, done);
  const deleted = options.deleted === true;
  const item: ItemDraft = {
    source: 'jira',
    external_id: issue.key,
    workflow: options.workflow ?? DEFAULT_WORKFLOW,
    category: jiraCategory(fields),
    priority: jiraPriority(fields.priority?.name),
    channel: 'jira',
    opened_at: openedAt,
    first_response_at: slaFirstResponse(slas) ?? commentFirstResponse(fields),
    resolved_at: resolvedAt,
    closed_at: closed,
    reassignment_count: counts.reassignments,
    reopen_count: counts.reopens,
    handled_by: 'human',
    outcome: resolvedAt !== null ? 'resolved' : deleted ? 'abandoned' : 'open',
    sla_met: jiraSlaMet(slas),
    updated_at: updatedAt,
    attributes: issueAttributes(issue, deleted),
  };
  return { ok: true, item, counts, closedUnknown: closed === null && statusName?.toLowerCase() === 'closed' };
}

function issueAttributes(issue: JiraIssue, deleted: boolean): Record<string, unknown> {
  const { fields } = issue;
  const attributes: Record<string, unknown> = {
    jira_id: issue.id === undefined || issue.id === null ? null : String(issue.id),
    project: fields.project?.key ?? null,
    issue_type: fields.issuetype?.name ?? null,
    status: fields.status?.name ?? null,
    status_category: fields.status?.statusCategory?.key ?? null,
    resolution: fields.resolution?.name ?? null,
    priority_name: fields.priority?.name ?? null,
    components: fields.components?.map((c) => c.name) ?? null,
    labels: fields.labels ?? null,
    assignee: jiraUserId(fields.assignee),
    reporter: jiraUserId(fields.reporter),
  };
  if (deleted) attributes.deleted = true;
  return Object.fromEntries(
    Object.entries(attributes).filter(([, v]) => v !== null && !(Array.isArray(v) && v.length === 0)),
  );
}
