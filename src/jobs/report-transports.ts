import { createHmac } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { PdfPrinter } from '../services/report/render-report.js';
import type { ReportTransports, WebhookPost } from '../services/report/report-transports.js';
import type { SmtpConfig } from './smtp-config.js';

/** Header names of a report webhook post. */
export const SIGNATURE_HEADER = 'x-workledger-signature';
export const TIMESTAMP_HEADER = 'x-workledger-timestamp';

const WEBHOOK_TIMEOUT_MS = 10_000;

/**
 * `sha256=` + hex HMAC-SHA256 of `${timestamp}.${body}` under the shared secret: the receiver recomputes
 * it, compares in constant time, and rejects old timestamps to stop replays.
 */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** POST a report or checkpoint, signed when the target has a secret; the status is the caller's to judge. */
export async function postReportWebhook(
  post: WebhookPost,
  now: () => number = Date.now,
): Promise<{ status: number }> {
  const timestamp = String(Math.floor(now() / 1000));
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': 'workledger-report/1',
    'x-workledger-event': post.event ?? 'weekly_report',
    [TIMESTAMP_HEADER]: timestamp,
  };
  if (post.secret !== null) headers[SIGNATURE_HEADER] = signWebhook(post.secret, timestamp, post.body);
  const response = await fetch(post.url, {
    method: 'POST',
    headers,
    body: post.body,
    redirect: 'manual',
    signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
  });
  await response.arrayBuffer().catch(() => undefined);
  return { status: response.status };
}

/** The transports of the weekly report from the start-up config: webhooks always, SMTP and PDF when available. */
export function createReportTransports(options: {
  smtp: SmtpConfig | null;
  printPdf: PdfPrinter | null;
}): ReportTransports {
  const { smtp } = options;
  const mailer = smtp ? nodemailer.createTransport(smtp.url) : null;
  return {
    postWebhook: (post) => postReportWebhook(post),
    printPdf: options.printPdf,
    sendMail:
      mailer && smtp
        ? async (mail) => {
            await mailer.sendMail({
              from: smtp.from,
              to: mail.to,
              subject: mail.subject,
              html: mail.html,
              text: mail.text,
              attachments: mail.attachments.map((a) => ({
                filename: a.filename,
                contentType: a.contentType,
                content: Buffer.from(a.content),
              })),
            });
          }
        : null,
  };
}
