import { createServer } from 'node:net';
import type { Command } from 'commander';
import { WorkledgerError } from '../../domain/errors.js';
import { openFromFlags, type DbFlags } from '../connection.js';
import type { Io } from '../output.js';
import { withDbFlags } from '../flags.js';
import { serveUntilSignal, startServer } from '../start-server.js';
import { parseSmtpConfig } from '../../jobs/smtp-config.js';
import { openInstanceKey, withAuditKeyFlag, type AuditKeyFlags } from '../audit-key.js';

/** The port a server command listens on: `--port`, else the `PORT` environment variable, else 8080. */
export function portOf(flag: string | undefined, env: NodeJS.ProcessEnv): number {
  if (flag !== undefined) return parsePort(flag);
  if (env.PORT !== undefined && env.PORT !== '') return parsePort(env.PORT, 'PORT');
  return 8080;
}

/**
 * Fail before any work when `port` on `host` is taken (a demo would otherwise load its whole history and
 * only then fail to listen). Port 0 picks a free one and is never taken.
 */
export async function checkPortFree(port: number, host: string): Promise<void> {
  if (port === 0) return;
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE' || error.code === 'EACCES'
          ? new WorkledgerError(
              'CONFLICT',
              `port: ${host}:${port} is ${error.code === 'EACCES' ? 'not open to this user' : 'taken'} (pass --port N, or set PORT; 0 picks a free one)`,
              'port',
            )
          : error,
      ),
    );
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}

export function parsePort(text: string, name = '--port'): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new WorkledgerError('VALIDATION', `${name}: not a port number: ${text}`, 'port');
  return port;
}

export function registerServe(program: Command, io: Io): void {
  withAuditKeyFlag(
    withDbFlags(program.command('serve').description('serve the API and run the scheduled jobs')),
  )
    .option('--port <n>', 'port (0 picks a free one; default PORT, else 8080)')
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--smtp-url <url>', 'mail weekly reports through smtp://host:port (or SMTP_URL)')
    .option('--report-from <address>', 'sender of report mail (or REPORT_FROM)')
    .action(
      async (
        flags: DbFlags &
          AuditKeyFlags & { port?: string; host: string; smtpUrl?: string; reportFrom?: string },
      ) => {
        const port = portOf(flags.port, io.env);
        await checkPortFree(port, flags.host);
        const smtp = parseSmtpConfig({
          smtpUrl: flags.smtpUrl ?? io.env.SMTP_URL,
          reportFrom: flags.reportFrom ?? io.env.REPORT_FROM,
        });
        const store = await openFromFlags(flags, io.env, { create: true });
        const auditKey = openInstanceKey(flags, io.env, store, { create: true });
        const server = await startServer(store, port, flags.host, false, { smtp, auditKey });
        io.out(`workledger serving ${store.engine} ${store.location} at ${server.url}`);
        await serveUntilSignal(server, store);
      },
    );
}
