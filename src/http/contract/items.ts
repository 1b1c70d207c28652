import { createRoute, z } from '@hono/zod-openapi';
import { CostInput, ItemFields, ItemInput, ItemViewFields } from '../../domain/item-input.js';
import { OUTCOMES } from '../../domain/kpi-item.js';
import { VERIFICATION_STATES } from '../../domain/verification.js';
import { KPI_NAMES } from '../../domain/kpis/kpi-value.js';
import { KPI_PARTS } from '../../domain/kpis/kpi-members.js';
import { MAX_BATCH_RECORDS } from '../../ingest/batch-body.js';
import { MAX_BODY_BYTES, MAX_INFLATED_BYTES } from '../read-body.js';
import { ErrorBody, json, jsonBody, named } from './declare.js';
import { OtherRecordsQuery } from '../../services/ingest/other-records.js';
import { FilterQuery, ListParam } from './kpis.js';

/**
 * One stored item as the API shows it (src/services/kpis/read-items.ts, itemView): its id, the fields the
 * view shows (ItemViewFields, built from the one field list of src/domain/item-input.ts), its attached
 * cost and its verification.
 */
export const Item = z
  .strictObject({
    id: z.string(),
    ...ItemViewFields.shape,
    attached_cost: z.number().openapi({ description: 'the costs sent for the item, in currency units' }),
    verification: z.strictObject({
      state: z
        .enum(VERIFICATION_STATES)
        .nullable()
        .openapi({ description: 'as of `as_of`; null for an item no agent resolved' }),
      window_closes_at: z.string().nullable(),
      reversed_at: z.string().nullable(),
      reversal_reason: z.string().nullable(),
    }),
  })
  .openapi('Item');

/** One item with what points at it and from it, the costs attached to it and its audit entries. */
export const ItemDetail = z
  .strictObject({
    ...Item.shape,
    links: ItemFields.shape.links,
    linked_from: z.array(
      z.strictObject({
        kind: z.string(),
        source: z.string(),
        external_id: z.string(),
        opened_at: z.string(),
      }),
    ),
    costs: z.array(
      z.strictObject({
        id: z.string(),
        kind: z.string(),
        amount: z.number(),
        currency: z.string(),
        starts_at: z.string(),
        tokens_in: z.number().nullable(),
        tokens_out: z.number().nullable(),
        model: z.string().nullable(),
      }),
    ),
    audit: z.array(
      z.strictObject({
        seq: z.number(),
        at: z.string(),
        actor: z.string(),
        action: z.string(),
        hash: z.string(),
      }),
    ),
  })
  .openapi('ItemDetail');

const nextCursor = z
  .string()
  .nullable()
  .openapi({ description: 'pass as `cursor` for the next page; null on the last page' });

/** A page of items, oldest first. */
export const ItemPage = z.strictObject({ items: z.array(Item), next_cursor: nextCursor }).openapi('ItemPage');

/** A page of the items one side of a KPI counts, with how many there are in all. */
export const KpiItemPage = z
  .strictObject({
    kpi: z.enum(KPI_NAMES),
    part: z.enum(KPI_PARTS),
    count: z.number().openapi({ description: "the items of that part in all: the KPI's n or its count" }),
    items: z.array(Item),
    next_cursor: nextCursor,
  })
  .openapi('KpiItemPage');

/** One record of a batch that was not stored, and why. */
export const RecordError = z
  .strictObject({
    index: z.number().openapi({ description: 'its position in the batch (its line, counted from 0)' }),
    field: z.string(),
    message: z.string(),
  })
  .openapi('RecordError');

/** What POST /v1/items did with a batch. */
export const ItemIngestResult = z
  .strictObject({
    created: z.number(),
    updated: z.number(),
    unchanged: z.number(),
    accepted: z.number(),
    errors: z.array(RecordError),
  })
  .openapi('ItemIngestResult');

/** What POST /v1/costs did with a batch. */
export const CostIngestResult = z
  .strictObject({
    accepted: z.number(),
    created: z.number(),
    unchanged: z.number(),
    errors: z.array(RecordError),
  })
  .openapi('CostIngestResult');

const BATCH = `JSON, or NDJSON (one record a line; also as application/ndjson or application/jsonl); either maybe gzip-encoded (Content-Encoding: gzip); at most ${MAX_BATCH_RECORDS} records, ${MAX_BODY_BYTES / 1024 / 1024} MiB as sent and ${MAX_INFLATED_BYTES / 1024 / 1024} MiB inflated`;

/** A batch body: the records as JSON (`batch`), or one record a line as NDJSON. */
function batchBody<B extends z.ZodType, S extends z.ZodType>(batch: B, record: S, what: string) {
  return {
    description: `${what}: ${BATCH}`,
    required: true,
    content: { 'application/json': { schema: batch }, 'application/x-ndjson': { schema: record } },
  } as const;
}

/** 200, 207 with the refused records, or 422 when not one was accepted: the first refusal as the error. */
function batchResponses<T extends z.core.$ZodLooseShape>(
  result: z.ZodObject<T, z.core.$strict>,
  refusedName: string,
) {
  return {
    200: json(result, 'every record was stored (or was already)'),
    207: json(result, 'some records were refused: `errors` names each, the others were stored'),
    422: json(
      z.strictObject({ error: ErrorBody.shape.error, ...result.shape }).openapi(refusedName),
      'not one record was accepted: the first refusal as the error, beside the summary',
    ),
  } as const;
}

const itemInput = named(ItemInput, 'ItemInput');
const costInput = named(CostInput, 'CostInput');

export const postItemsRoute = createRoute({
  method: 'post',
  path: '/v1/items',
  summary: 'Store a batch of work items (upsert by source and external_id, newest updated_at wins)',
  request: {
    body: batchBody(
      z.strictObject({ items: z.array(itemInput).max(MAX_BATCH_RECORDS) }),
      itemInput,
      'the items',
    ),
  },
  responses: batchResponses(ItemIngestResult, 'ItemIngestRefused'),
});

export const postCostsRoute = createRoute({
  method: 'post',
  path: '/v1/costs',
  summary: 'Store a batch of AI cost records',
  request: {
    body: batchBody(
      z.strictObject({ costs: z.array(costInput).max(MAX_BATCH_RECORDS) }),
      costInput,
      'the costs',
    ),
  },
  responses: batchResponses(CostIngestResult, 'CostIngestRefused'),
});

const asOf = z
  .string()
  .optional()
  .openapi({ description: 'verification states as of this time (ISO-8601; default now)' });

export const getItemRoute = createRoute({
  method: 'get',
  path: '/v1/items/{source}/{external_id}',
  summary: 'One item, with its links, attached costs and audit entries',
  request: {
    params: z.object({ source: z.string(), external_id: z.string() }),
    query: z.object({ as_of: asOf }),
  },
  responses: { 200: json(ItemDetail, 'the item') },
});

const DRILL_DOWN = 'with `kpi` (the drill-down form)';
const LIST_ONLY = 'not with `kpi` (the list form)';

export const listItemsRoute = createRoute({
  method: 'get',
  path: '/v1/items',
  summary:
    "Items opened in [from, to) matching the filters, oldest first; with `kpi`, the items that KPI's numerator or denominator counts",
  request: {
    query: z.object({
      ...FilterQuery,
      cursor: z.string().optional().openapi({ description: 'the `next_cursor` of the previous page' }),
      limit: z.string().optional().openapi({ description: 'items a page, 1..1000 (default 100)' }),
      as_of: asOf,
      outcome: ListParam.optional().openapi({ description: `any of ${OUTCOMES.join(', ')}; ${LIST_ONLY}` }),
      handled_by: z
        .enum(['human', 'agent'])
        .optional()
        .openapi({ description: `human or agent items; ${LIST_ONLY}` }),
      kpi: z
        .enum(KPI_NAMES)
        .optional()
        .openapi({ description: 'a KPI name of GET /v1/kpis: list the items it counts instead' }),
      part: z
        .enum(KPI_PARTS)
        .optional()
        .openapi({ description: `which side of the KPI (default denominator); only ${DRILL_DOWN}` }),
    }),
  },
  responses: {
    200: json(
      z.union([ItemPage, KpiItemPage]),
      'a page of items (ItemPage), or with `kpi` a page of the KPI items (KpiItemPage)',
    ),
  },
});

/** What an import would overwrite of another system's records with the same numbers. */
export const OtherRecords = z
  .strictObject({
    count: z
      .number()
      .int()
      .openapi({ description: 'stored items these records would update although they are other records' }),
    examples: z.array(z.string()).openapi({ description: 'up to three of their external ids' }),
  })
  .openapi('OtherRecords');

export const otherRecordsRoute = createRoute({
  method: 'post',
  path: '/v1/items/other-records',
  summary: "Before an import: which stored items it would update although they are another system's records",
  description:
    'Same source and external id, but another identity in their own system (ServiceNow `sys_id`, Jira `jira_id` in the attributes): two instances imported under one source. Reads only; the import client warns with the count.',
  request: {
    body: jsonBody(
      named(OtherRecordsQuery, 'OtherRecordsQuery'),
      "the identity attribute, and each record's key and identity",
    ),
  },
  responses: { 200: json(OtherRecords, 'how many, and a few of them') },
});
