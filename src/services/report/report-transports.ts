import type { PdfPrinter } from './render-report.js';

/** One signed (or unsigned) POST of the report to a webhook. */
export interface WebhookPost {
  url: string;
  /** Shared secret of the HMAC-SHA256 signature header; null posts unsigned. */
  secret: string | null;
  /** The JSON body, exactly as signed and sent. */
  body: string;
  /** The `x-workledger-event` header; `weekly_report` when omitted. */
  event?: string;
}

/** One mail of the report to one recipient. */
export interface ReportMail {
  to: string;
  subject: string;
  html: string;
  text: string;
  attachments: { filename: string; contentType: string; content: Uint8Array }[];
}

/**
 * How reports leave the process: built by the adapters (jobs/) from the start-up config, passed in, so
 * services never read the environment and tests can point them at local receivers.
 */
export interface ReportTransports {
  /** POST and answer the HTTP status; throws on network errors and timeouts. */
  postWebhook(post: WebhookPost): Promise<{ status: number }>;
  /** Null when no SMTP server is configured: email deliveries are then logged as skipped. */
  sendMail: ((mail: ReportMail) => Promise<void>) | null;
  /** Null when headless Chromium is unavailable: mails go without the PDF. */
  printPdf: PdfPrinter | null;
}
