import { z } from 'zod';
import { StoredText } from '../../domain/text.js';

/** A Jira user as issue fields and comments carry it (Cloud: accountId; Server: key/name). */
export const JiraUser = z.looseObject({
  accountId: z.string().nullish(),
  key: z.string().nullish(),
  name: z.string().nullish(),
});
export type JiraUser = z.infer<typeof JiraUser>;

const Named = z.looseObject({ name: z.string() });

export const JiraComment = z.looseObject({
  id: z.union([z.string(), z.number()]).nullish(),
  author: JiraUser.nullish(),
  created: z.string(),
  /** Jira Service Management: false for internal notes, true for replies the customer sees. */
  jsdPublic: z.boolean().nullish(),
});
export type JiraComment = z.infer<typeof JiraComment>;

/** One changelog item; `from`/`to` and their display strings are read through readChange. */
export const JiraChangeItem = z.record(z.string(), z.unknown());

export const JiraHistory = z.looseObject({
  created: z.string().nullish(),
  items: z.array(JiraChangeItem),
});

/** The issue fields the converter reads; every other field (custom fields included) passes through. */
export const JiraFields = z.looseObject({
  created: z.string(),
  updated: z.string().nullish(),
  resolutiondate: z.string().nullish(),
  statuscategorychangedate: z.string().nullish(),
  issuetype: Named.nullish(),
  components: z.array(Named).nullish(),
  priority: Named.nullish(),
  status: z
    .looseObject({ name: z.string(), statusCategory: z.looseObject({ key: z.string() }).nullish() })
    .nullish(),
  resolution: Named.nullish(),
  assignee: JiraUser.nullish(),
  reporter: JiraUser.nullish(),
  project: z.looseObject({ key: z.string() }).nullish(),
  labels: z.array(z.string()).nullish(),
  comment: z.looseObject({ comments: z.array(JiraComment) }).nullish(),
});
export type JiraFields = z.infer<typeof JiraFields>;

/** One issue of the REST search API (`expand=changelog`), or the `issue` of a webhook. */
export const JiraIssue = z.looseObject({
  id: z.union([z.string(), z.number()]).nullish(),
  key: z.string().trim().min(1).max(200),
  fields: JiraFields,
  changelog: z.looseObject({ histories: z.array(JiraHistory).nullish() }).nullish(),
});
export type JiraIssue = z.infer<typeof JiraIssue>;

/** The envelope of a Jira Cloud or Server webhook (old Server payloads lack issue_event_type_name). */
export const JiraWebhook = z.looseObject({
  timestamp: z.number(),
  webhookEvent: z.string(),
  issue_event_type_name: z.string().nullish(),
  issue: z.unknown().optional(),
  /** `id` names the change group: the same change sent twice (or by two webhooks) has the same id. */
  changelog: z
    .looseObject({
      id: z
        .union([StoredText.trim().min(1).max(100), z.number().int().min(0).max(Number.MAX_SAFE_INTEGER)])
        .nullish(),
      items: z.array(JiraChangeItem),
    })
    .nullish(),
  comment: z.unknown().optional(),
});
export type JiraWebhook = z.infer<typeof JiraWebhook>;

/** Jira Service Management SLA field value: cycles with `breached` and start/stop times. */
const SlaTime = z.looseObject({ epochMillis: z.number().nullish(), iso8601: z.string().nullish() });
const SlaCycle = z.looseObject({ breached: z.boolean().nullish(), stopTime: SlaTime.nullish() });
export const JiraSla = z.looseObject({
  name: z.string().nullish(),
  completedCycles: z.array(SlaCycle).nullish(),
  ongoingCycle: SlaCycle.nullish(),
});
export type JiraSla = z.infer<typeof JiraSla>;

/** Jira Service Management "Customer Request Type" field value. */
export const JsmRequestType = z.looseObject({ requestType: z.looseObject({ name: z.string() }) });
