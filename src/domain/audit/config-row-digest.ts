import { tableRowDigest } from './row-digest.js';

// One digest per configuration and access table, over every column as stored (see row-digest.ts).
// Each destructures the columns it covers, so a stray property of the row passed in never counts.

/** Digest of a tenants row: name, zone, currency and the durability and rework windows. */
export function tenantRowDigest(row: {
  id: string;
  name: string;
  time_zone: string;
  currency: string;
  durability_window_ms: number;
  rework_window_ms: number;
  created_at: number;
}): string {
  const { id, name, time_zone, currency, durability_window_ms, rework_window_ms, created_at } = row;
  return tableRowDigest('tenants', {
    id,
    name,
    time_zone,
    currency,
    durability_window_ms,
    rework_window_ms,
    created_at,
  });
}

/**
 * Digest of an api_keys row (the key's hash, role, revocation and expiry). The expiry counts once set:
 * keys stored before keys could expire keep the digests their leaves recorded.
 */
export function apiKeyRowDigest(row: {
  tenant_id: string;
  id: string;
  key_hash: string;
  role: string;
  name: string | null;
  created_at: number;
  revoked_at: number | null;
  expires_at: number | null;
}): string {
  const { tenant_id, id, key_hash, role, name, created_at, revoked_at, expires_at } = row;
  return tableRowDigest('api_keys', {
    tenant_id,
    id,
    key_hash,
    role,
    name,
    created_at,
    revoked_at,
    ...(expires_at === null ? {} : { expires_at }),
  });
}

/** Digest of a users row (email, password hash, role, and when disabled: counted once set, as above). */
export function userRowDigest(row: {
  tenant_id: string;
  id: string;
  email: string;
  password_hash: string;
  role: string;
  created_at: number;
  updated_at: number;
  disabled_at: number | null;
}): string {
  const { tenant_id, id, email, password_hash, role, created_at, updated_at, disabled_at } = row;
  return tableRowDigest('users', {
    tenant_id,
    id,
    email,
    password_hash,
    role,
    created_at,
    updated_at,
    ...(disabled_at === null ? {} : { disabled_at }),
  });
}

/** Digest of a workflows row (its SLA targets as their stored JSON text). */
export function workflowRowDigest(row: {
  tenant_id: string;
  id: string;
  name: string;
  department: string | null;
  sla_hours: string;
  created_at: number;
  updated_at: number;
}): string {
  const { tenant_id, id, name, department, sla_hours, created_at, updated_at } = row;
  return tableRowDigest('workflows', { tenant_id, id, name, department, sla_hours, created_at, updated_at });
}

/** Digest of an agents row. */
export function agentRowDigest(row: {
  tenant_id: string;
  id: string;
  name: string;
  vendor: string | null;
  version: string | null;
  scope: string | null;
  created_at: number;
  updated_at: number;
}): string {
  const { tenant_id, id, name, vendor, version, scope, created_at, updated_at } = row;
  return tableRowDigest('agents', { tenant_id, id, name, vendor, version, scope, created_at, updated_at });
}

/** Digest of a model_prices row (token prices in micro-units per million). */
export function modelPriceRowDigest(row: {
  tenant_id: string;
  model: string;
  input_per_million_micros: number;
  output_per_million_micros: number;
  currency: string;
  updated_at: number;
}): string {
  const { tenant_id, model, input_per_million_micros, output_per_million_micros, currency, updated_at } = row;
  return tableRowDigest('model_prices', {
    tenant_id,
    model,
    input_per_million_micros,
    output_per_million_micros,
    currency,
    updated_at,
  });
}

/** Digest of a rate_cards row (the card as its stored JSON text). */
export function rateCardRowDigest(row: {
  tenant_id: string;
  id: string;
  body: string;
  created_at: number;
  updated_at: number;
}): string {
  const { tenant_id, id, body, created_at, updated_at } = row;
  return tableRowDigest('rate_cards', { tenant_id, id, body, created_at, updated_at });
}

/** Digest of a deployments row (an agent's go-live on a workflow). */
export function deploymentRowDigest(row: {
  tenant_id: string;
  agent_id: string;
  workflow: string;
  go_live_at: number;
  created_at: number;
  updated_at: number;
}): string {
  const { tenant_id, agent_id, workflow, go_live_at, created_at, updated_at } = row;
  return tableRowDigest('deployments', { tenant_id, agent_id, workflow, go_live_at, created_at, updated_at });
}

/** Digest of a webhook_secrets row (the hash of an inbound webhook's secret). */
export function webhookSecretRowDigest(row: {
  tenant_id: string;
  source: string;
  secret_hash: string;
  created_at: number;
}): string {
  const { tenant_id, source, secret_hash, created_at } = row;
  return tableRowDigest('webhook_secrets', { tenant_id, source, secret_hash, created_at });
}

/** Digest of a report_delivery_settings row (the weekly report's targets, secrets included). */
export function reportDeliverySettingsRowDigest(row: {
  tenant_id: string;
  webhooks: string;
  emails: string;
  updated_at: number;
}): string {
  const { tenant_id, webhooks, emails, updated_at } = row;
  return tableRowDigest('report_delivery_settings', { tenant_id, webhooks, emails, updated_at });
}

/** Digest of an import_watermarks row (where a live pull resumes). */
export function importWatermarkRowDigest(row: {
  tenant_id: string;
  source: string;
  instance: string;
  watermark: string;
  updated_at: number;
}): string {
  const { tenant_id, source, instance, watermark, updated_at } = row;
  return tableRowDigest('import_watermarks', { tenant_id, source, instance, watermark, updated_at });
}

/** Digest of an audit_checkpoint_webhooks row (where signed checkpoints are sent). */
export function checkpointWebhookRowDigest(row: {
  tenant_id: string;
  url: string | null;
  secret: string | null;
  updated_at: number;
}): string {
  const { tenant_id, url, secret, updated_at } = row;
  return tableRowDigest('audit_checkpoint_webhooks', { tenant_id, url, secret, updated_at });
}
