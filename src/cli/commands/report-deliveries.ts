import type { Command } from 'commander';
import type { z } from 'zod';
import type { ReportDeliveryLogEntry } from '../../http/contract/reports.js';
import { createChromiumPdfPrinter } from '../../jobs/pdf.js';
import { createReportTransports } from '../../jobs/report-transports.js';
import { parseSmtpConfig } from '../../jobs/smtp-config.js';
import { deliverQueuedReports } from '../../services/report/report-delivery.js';
import {
  getReportDeliveries,
  listReportDeliveryLog,
  putReportDeliveries,
} from '../../services/report/report-deliveries.js';
import {
  openFromFlags,
  remoteAnswer,
  remoteClient,
  resolveTarget,
  type DbFlags,
  type TenantFlags,
} from '../connection.js';
import { withDbFlags, withTenantFlags } from '../flags.js';
import { formatTable, printJson, type Io } from '../output.js';

const collect = (value: string, previous: string[]): string[] => [...previous, value];

type LogAnswer = { deliveries: z.infer<typeof ReportDeliveryLogEntry>[] };

/** `report deliveries show|set|log` and `report deliver`: the weekly report's targets and its sending. */
export function registerReportDeliveries(report: Command, io: Io): void {
  const deliveries = report.command('deliveries').description('where the weekly report is delivered');
  withTenantFlags(
    deliveries.command('show').description('the webhooks and email recipients (secrets hidden)'),
  ).action(async (flags: TenantFlags) => {
    const target = await resolveTarget(flags, io.env, io.cwd);
    if (target.kind === 'remote')
      return printJson(io, await remoteAnswer(remoteClient(target).v1['report-deliveries'].$get()));
    try {
      printJson(io, await getReportDeliveries(target.ctx));
    } finally {
      await target.store.close();
    }
  });
  withTenantFlags(
    deliveries
      .command('set')
      .description('replace the targets; webhook posts are signed with --secret (or REPORT_WEBHOOK_SECRET)'),
  )
    .option('--webhook <url>', 'a webhook URL (repeat for several)', collect, [])
    .option('--secret <secret>', 'shared HMAC secret of the webhooks given here (16+ characters)')
    .option('--unsigned', 'post to the webhooks without a signature')
    .option('--email <address>', 'an email recipient (repeat for several)', collect, [])
    .action(
      async (
        flags: TenantFlags & { webhook: string[]; email: string[]; secret?: string; unsigned?: boolean },
      ) => {
        const secret = flags.unsigned ? null : (flags.secret ?? io.env.REPORT_WEBHOOK_SECRET);
        const body = {
          webhooks: flags.webhook.map((url) => ({ url, ...(secret === undefined ? {} : { secret }) })),
          emails: flags.email,
        };
        const target = await resolveTarget(flags, io.env, io.cwd);
        if (target.kind === 'remote')
          return printJson(
            io,
            await remoteAnswer(remoteClient(target).v1['report-deliveries'].$put({ json: body })),
          );
        try {
          printJson(io, await putReportDeliveries({ ctx: target.ctx, input: body }));
        } finally {
          await target.store.close();
        }
      },
    );
  withTenantFlags(deliveries.command('log').description('recent deliveries, newest first'))
    .option('--limit <n>', 'how many', '20')
    .option('--json', 'print JSON')
    .action(async (flags: TenantFlags & { limit: string; json?: boolean }) => {
      const target = await resolveTarget(flags, io.env, io.cwd);
      let answer: LogAnswer;
      if (target.kind === 'remote')
        answer = await remoteAnswer(
          remoteClient(target).v1['report-deliveries'].log.$get({ query: { limit: flags.limit } }),
        );
      else
        try {
          answer = {
            deliveries: await listReportDeliveryLog({
              ctx: target.ctx,
              input: { limit: Number(flags.limit) },
            }),
          };
        } finally {
          await target.store.close();
        }
      if (flags.json) return printJson(io, answer);
      io.out(
        formatTable(
          ['week', 'channel', 'target', 'status', 'attempts', 'error'],
          answer.deliveries.map((d) => [
            d.week,
            d.channel,
            d.target,
            d.status,
            String(d.attempts),
            d.error ?? '',
          ]),
        ),
      );
    });
  withDbFlags(
    report
      .command('deliver')
      .description('send queued report deliveries now (the server does this every minute)'),
  )
    .option('--tenant <id>', 'only this tenant')
    .option('--smtp-url <url>', 'SMTP server (or SMTP_URL)')
    .option('--report-from <address>', 'sender (or REPORT_FROM)')
    .action(async (flags: DbFlags & { tenant?: string; smtpUrl?: string; reportFrom?: string }) => {
      const smtp = parseSmtpConfig({
        smtpUrl: flags.smtpUrl ?? io.env.SMTP_URL,
        reportFrom: flags.reportFrom ?? io.env.REPORT_FROM,
      });
      const store = await openFromFlags(flags, io.env);
      try {
        const transports = createReportTransports({ smtp, printPdf: createChromiumPdfPrinter() });
        printJson(io, { deliveries: await deliverQueuedReports(store, transports, Date.now, flags.tenant) });
      } finally {
        await store.close();
      }
    });
}
