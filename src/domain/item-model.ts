import {
  ITEM_FIELDS,
  type ItemFields,
  type ItemInput,
  type ItemLinkInput,
  type ItemTimeField,
} from './item-input.js';

// The shapes of a stored item, derived from the one field list (ITEM_FIELDS in item-input.ts): a field
// added there appears in each of them, and every conversion that builds one fails to compile until it
// fills the new field in. They differ from the list only in how a value is kept, as each says.

/** `external_id` → `externalId`: the normalised record and the KPI item name fields in camelCase. */
export type CamelCase<S extends string> = S extends `${infer Head}_${infer Tail}`
  ? `${Head}${Capitalize<CamelCase<Tail>>}`
  : S;

/** An item's fields kept in its own row: all but its links (rows of item_links). */
export type ItemColumnName = Exclude<keyof ItemFields, 'links'>;

/** A time shown as ISO-8601 text, kept as epoch milliseconds (null stays null). */
type EpochMs<V> = Exclude<V, string> | number;

/**
 * How the store keeps a shown value: times as epoch ms (bigint), flags as 0/1 integers, JSON objects as
 * their text, and the outcome as text (parsed again when read).
 */
type ColumnValue<K, V> = K extends ItemTimeField
  ? EpochMs<V>
  : V extends boolean
    ? number
    : V extends Record<string, unknown>
      ? string
      : V;

/** An item's fields as its row stores them (the items table, src/store/schema.ts). */
export type ItemColumns = { [K in ItemColumnName]: ColumnValue<K, ItemFields[K]> };

/**
 * The columns of an items row besides the item's fields: its identity in the tenant, the marks of its
 * verification, and the ingestion core's bookkeeping.
 */
export interface ItemRowMarks {
  tenant_id: string;
  id: string;
  reversed_at: number | null;
  reversal_reason: string | null;
  disputed_at: number | null;
  durable_at: number | null;
  content_hash: string;
  ingested_at: number;
  /** When a pending agent resolution's window closes; null once it is durable, reversed or disputed. */
  settles_at: number | null;
  /** The earliest opened_at of a later item naming this one caused_by/follow_up_of. */
  rework_opened_at: number | null;
}

/** The names of ItemRowMarks, as a list (the store writes these columns besides the item's fields). */
export const ITEM_ROW_MARKS = [
  'tenant_id',
  'id',
  'reversed_at',
  'reversal_reason',
  'disputed_at',
  'durable_at',
  'content_hash',
  'ingested_at',
  'settles_at',
  'rework_opened_at',
] as const satisfies readonly (keyof ItemRowMarks)[];
// A mark added to ItemRowMarks and not to the list fails to compile.
const EVERY_MARK_LISTED: [Exclude<keyof ItemRowMarks, (typeof ITEM_ROW_MARKS)[number]>] extends [never]
  ? true
  : never = true;
void EVERY_MARK_LISTED;

/** The item's fields kept in its own row, from the one field list. */
export const ITEM_COLUMN_NAMES = (Object.keys(ITEM_FIELDS) as (keyof ItemFields)[]).filter(
  (name): name is ItemColumnName => name !== 'links',
);

type Flat<T> = { [K in keyof T]: T[K] };

/** One items row: the item's fields as stored, and the row's own columns. */
export type StoredItemRow = Flat<ItemRowMarks & ItemColumns>;

/**
 * A field of the normalised record: the value ItemInput checked (the outcome an Outcome, not text),
 * null where the stored item shows null for a field not sent, the default otherwise; times in epoch ms.
 */
type RecordValue<K extends ItemColumnName> = K extends ItemTimeField
  ? EpochMs<ItemFields[K]>
  : Exclude<ItemInput[K], undefined> | Extract<ItemFields[K], null>;

/** An item's fields as the normalised record (ItemRecord, item-record.ts) names and keeps them. */
export type ItemRecordFields = { [K in ItemColumnName as CamelCase<K>]: RecordValue<K> };

/** A link as the normalised record keeps it (camelCase, like the record). */
export type ItemLink = { [K in keyof ItemLinkInput as CamelCase<K>]: ItemLinkInput[K] };
