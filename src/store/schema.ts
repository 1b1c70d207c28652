import type { Generated } from 'kysely';
import type { StoredItemRow } from '../domain/item-model.js';

/** Tables and columns. Times are epoch ms (bigint), money integer micro-units, JSON as text. */
export interface Database {
  tenants: TenantTable;
  api_keys: ApiKeyTable;
  workflows: WorkflowTable;
  agents: AgentTable;
  items: ItemTable;
  item_links: ItemLinkTable;
  costs: CostTable;
  model_prices: ModelPriceTable;
  audit_entries: AuditEntryTable;
  audit_leaves: AuditLeafTable;
  rate_cards: RateCardTable;
  deployments: DeploymentTable;
  baselines: BaselineTable;
  users: UserTable;
  rollups: RollupTable;
  rollup_state: RollupStateTable;
  rollup_periods: RollupPeriodTable;
  sessions: SessionTable;
}

export interface TenantTable {
  id: string;
  name: string;
  time_zone: string;
  currency: string;
  durability_window_ms: number;
  rework_window_ms: number;
  created_at: number;
}

export interface ApiKeyTable {
  tenant_id: string;
  id: string;
  key_hash: string;
  role: string;
  name: string | null;
  created_at: number;
  revoked_at: number | null;
  /** When the key stops authenticating; null: never. */
  expires_at: number | null;
}

export interface WorkflowTable {
  tenant_id: string;
  id: string;
  name: string;
  department: string | null;
  sla_hours: string;
  created_at: number;
  updated_at: number;
}

export interface AgentTable {
  tenant_id: string;
  id: string;
  name: string;
  vendor: string | null;
  version: string | null;
  scope: string | null;
  created_at: number;
  updated_at: number;
}

/**
 * One item: its fields as stored (ITEM_FIELDS of src/domain/item-input.ts, kept as item-model.ts says:
 * epoch-ms times, 0/1 flags, attributes as JSON text) and the row's own columns (ItemRowMarks).
 */
export type ItemTable = StoredItemRow;

export interface ItemLinkTable {
  tenant_id: string;
  from_item_id: string;
  kind: string;
  to_source: string;
  to_external_id: string;
}

export interface CostTable {
  tenant_id: string;
  id: string;
  agent_id: string;
  item_source: string | null;
  item_external_id: string | null;
  kind: string;
  amount_micros: number;
  currency: string;
  starts_at: number;
  ends_at: number | null;
  tokens_in: number | null;
  tokens_out: number | null;
  model: string | null;
  created_at: number;
}

export interface ModelPriceTable {
  tenant_id: string;
  model: string;
  input_per_million_micros: number;
  output_per_million_micros: number;
  currency: string;
  updated_at: number;
}

export interface AuditEntryTable {
  tenant_id: string;
  seq: number;
  at: number;
  actor: string;
  action: string;
  subject: string;
  merkle_root: string | null;
  detail: string;
  prev_hash: string;
  hash: string;
}

export interface AuditLeafTable {
  tenant_id: string;
  seq: number;
  idx: number;
  leaf_hash: string;
  subject: string;
}

/** Marker kept so `Generated` stays importable for later auto-id tables. */
export type AutoId = Generated<number>;

export interface RateCardTable {
  tenant_id: string;
  id: string;
  body: string;
  created_at: number;
  updated_at: number;
}

export interface DeploymentTable {
  tenant_id: string;
  agent_id: string;
  workflow: string;
  go_live_at: number;
  created_at: number;
  updated_at: number;
}

export interface BaselineTable {
  tenant_id: string;
  version: number;
  id: string;
  name: string | null;
  window_from: number;
  window_to: number;
  rate_card_id: string;
  body: string;
  body_hash: string;
  frozen_at: number;
  frozen_by: string;
}

export interface UserTable {
  tenant_id: string;
  id: string;
  email: string;
  password_hash: string;
  role: string;
  created_at: number;
  updated_at: number;
  /** When the user was disabled (no sign-in, no session); null: active. */
  disabled_at: number | null;
}

export interface SessionTable {
  tenant_id: string;
  id: string;
  user_id: string;
  csrf_token: string;
  expires_at: number;
  created_at: number;
}

/** One rollup bucket: the tally of a handler's items of one cohort opened in one day, week or month. */
export interface RollupTable {
  tenant_id: string;
  grain: string;
  period_start: number;
  handler: string;
  /** '' stands for no workflow, category or channel; 0 for no priority (keys cannot be NULL). */
  workflow: string;
  category: string;
  priority: number;
  channel: string;
  n_items: number;
  /** Every count of the tally as text, in a fixed order (rollup-row.ts, encodeCounts). */
  counts: string;
  latency: string;
  e2e: string;
  first_response: string;
}

/** Whether a tenant's rollups can be read ('ready'), are being rebuilt (up to `cursor`), or are stale. */
export interface RollupStateTable {
  tenant_id: string;
  status: string;
  cursor: string | null;
  updated_at: number;
}

/** A period's rollup version: raised whenever any rollup row of the period is written or dropped. */
export interface RollupPeriodTable {
  tenant_id: string;
  grain: string;
  period_start: number;
  version: number;
}
