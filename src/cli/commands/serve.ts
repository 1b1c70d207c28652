import type { Command } from 'commander';
import { WorkledgerError } from '../../domain/errors.js';
import { openFromFlags, type DbFlags } from '../connection.js';
import type { Io } from '../output.js';
import { withDbFlags } from '../flags.js';
import { serveUntilSignal, startServer } from '../start-server.js';
import { parseSmtpConfig } from '../../jobs/smtp-config.js';
import { openInstanceKey, withAuditKeyFlag, type AuditKeyFlags } from '../audit-key.js';

export function parsePort(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new WorkledgerError('VALIDATION', `--port: not a port number: ${text}`, 'port');
  return port;
}

export function registerServe(program: Command, io: Io): void {
  withAuditKeyFlag(
    withDbFlags(program.command('serve').description('serve the API and run the scheduled jobs')),
  )
    .option('--port <n>', 'port (0 picks a free one)', '8080')
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--smtp-url <url>', 'mail weekly reports through smtp://host:port (or SMTP_URL)')
    .option('--report-from <address>', 'sender of report mail (or REPORT_FROM)')
    .action(
      async (
        flags: DbFlags &
          AuditKeyFlags & { port: string; host: string; smtpUrl?: string; reportFrom?: string },
      ) => {
        const port = parsePort(flags.port);
        const smtp = parseSmtpConfig({
          smtpUrl: flags.smtpUrl ?? io.env.SMTP_URL,
          reportFrom: flags.reportFrom ?? io.env.REPORT_FROM,
        });
        const store = await openFromFlags(flags, io.env);
        const auditKey = openInstanceKey(flags, io.env, store, { create: true });
        const server = await startServer(store, port, flags.host, false, { smtp, auditKey });
        io.out(`workledger serving ${store.engine} ${store.location} at ${server.url}`);
        await serveUntilSignal(server, store);
      },
    );
}
