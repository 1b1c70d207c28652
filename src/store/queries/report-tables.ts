/**
 * The tables of migration 006 (weekly report delivery), merged into the one `Database` type so the
 * queries are typed like every other; kept beside their queries while other tables are being added.
 */
declare module '../schema.js' {
  interface Database {
    report_delivery_settings: ReportDeliverySettingsTable;
    report_runs: ReportRunTable;
    report_deliveries: ReportDeliveryTable;
  }
}

/** Per tenant: where the weekly report goes. */
export interface ReportDeliverySettingsTable {
  tenant_id: string;
  /** JSON: [{ url, secret }] (secret null when the target takes unsigned posts). */
  webhooks: string;
  /** JSON: ["name@example.com", …]. */
  emails: string;
  updated_at: number;
}

/** One built weekly report per tenant and week: the delivery queue's payload. */
export interface ReportRunTable {
  tenant_id: string;
  /** ISO week, `2026-W47`. */
  week: string;
  built_at: number;
  /** The report model as JSON, rendered again for each delivery. */
  report: string;
}

/** One delivery of one week's report to one target: the queue and the log. */
export interface ReportDeliveryTable {
  tenant_id: string;
  id: string;
  week: string;
  channel: string;
  /** The webhook URL or the email address. */
  target: string;
  /** pending → sending → sent | failed | skipped; a failed attempt below the limit returns to pending. */
  status: string;
  attempts: number;
  queued_at: number;
  attempted_at: number | null;
  delivered_at: number | null;
  response_status: number | null;
  error: string | null;
}
