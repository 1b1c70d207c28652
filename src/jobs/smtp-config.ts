import { z } from 'zod';
import { WorkledgerError } from '../domain/errors.js';

/** Where report mail goes out: an SMTP URL (`smtp://host:port`, `smtps://user:pass@host`) and a sender. */
export interface SmtpConfig {
  url: string;
  from: string;
}

const SmtpUrl = z.url({ protocol: /^smtps?$/ });
const Sender = z.string().trim().min(3).max(320);

/**
 * Parse the SMTP settings once at start-up (flags, else SMTP_URL and REPORT_FROM); null when no SMTP
 * URL is given, so mail is simply not sent. The sender defaults to `workledger@<smtp host>`.
 */
export function parseSmtpConfig(values: { smtpUrl?: string; reportFrom?: string }): SmtpConfig | null {
  const text = values.smtpUrl?.trim();
  if (!text) return null;
  const url = SmtpUrl.safeParse(text);
  if (!url.success)
    throw new WorkledgerError(
      'VALIDATION',
      `--smtp-url: not an smtp:// or smtps:// URL: ${text.replace(/\/\/[^@/]*@/, '//***@')}`,
      'smtp-url',
    );
  const from = Sender.safeParse(values.reportFrom ?? `workledger@${new URL(url.data).hostname}`);
  if (!from.success)
    throw new WorkledgerError('VALIDATION', '--report-from: not a sender address', 'report-from');
  return { url: url.data, from: from.data };
}
