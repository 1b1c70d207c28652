import { Command, CommanderError } from 'commander';
import { ZodError } from 'zod';
import { isWorkledgerError, type ErrorCode } from '../domain/errors.js';
import { EXIT_CODE } from './exit-codes.js';
import type { Io } from './output.js';
import { registerServe } from './commands/serve.js';
import { registerMigrate } from './commands/migrate.js';
import { registerTenants } from './commands/tenants.js';
import { registerKeys } from './commands/keys.js';
import { registerUsers } from './commands/users.js';
import { registerWebhooks } from './commands/webhooks.js';
import { registerKpis } from './commands/kpis.js';
import { registerAudit } from './commands/audit.js';
import { registerDemo } from './commands/demo.js';
import { registerJobs } from './commands/jobs.js';
import { registerRollups } from './commands/rollups.js';
import { registerItems } from './commands/items.js';
import { registerBaseline } from './commands/baseline.js';
import { registerRoi } from './commands/roi.js';
import { registerImport } from './commands/import.js';
import { registerReport } from './commands/report.js';

const processIo: Io = {
  out: (text) => process.stdout.write(text + '\n'),
  err: (text) => process.stderr.write(text + '\n'),
  env: process.env,
  cwd: process.cwd(),
};

/**
 * Build the command tree; `io` lets tests capture what commands print. With `jsonErrors`, commander's
 * usage errors come out as the one JSON error line (subcommands copy this when they are created).
 */
export function buildProgram(io: Io, { jsonErrors = false }: { jsonErrors?: boolean } = {}): Command {
  const program = new Command('workledger')
    .description('Measure an AI workforce by its verified outcomes against the human baseline.')
    .version('0.1.0')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.out(s.trimEnd()),
      writeErr: (s) => io.err(s.trimEnd()),
      ...(jsonErrors
        ? {
            outputError: (s: string) =>
              io.err(
                JSON.stringify({ error: { code: 'VALIDATION', message: s.replace(/^error: /, '').trim() } }),
              ),
          }
        : {}),
    });
  if (!jsonErrors) program.showHelpAfterError('(see --help)');
  for (const register of [
    registerServe,
    registerDemo,
    registerMigrate,
    registerTenants,
    registerKeys,
    registerUsers,
    registerWebhooks,
    registerItems,
    registerImport,
    registerKpis,
    registerBaseline,
    registerRoi,
    registerReport,
    registerAudit,
    registerRollups,
    registerJobs,
  ]) {
    register(program, io);
  }
  for (const command of program.commands) command.exitOverride();
  return program;
}

/**
 * Run the CLI; returns the exit code (docs/cli.md). An error prints one line on stderr,
 * `workledger: <message>`, or under `--json` one JSON object `{ "error": { code, message, field? } }`;
 * bad input exits 2, whether a flag failed commander's checks or a value failed validation.
 */
export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  const json = argv.includes('--json');
  const fail = (code: ErrorCode, message: string, field?: string): number => {
    io.err(
      json
        ? JSON.stringify({ error: { code, message, ...(field ? { field } : {}) } })
        : `workledger: ${message}`,
    );
    return EXIT_CODE[code];
  };
  const program = buildProgram(io, { jsonErrors: json });
  try {
    await program.parseAsync([...argv]);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (isWorkledgerError(error)) return fail(error.code, error.message, error.field);
    if (error instanceof ZodError) {
      const issue = error.issues[0];
      const field = issue?.path.join('.') || undefined;
      return fail('VALIDATION', `${field ?? 'input'}: ${issue?.message ?? 'invalid'}`, field);
    }
    return fail('INTERNAL', error instanceof Error ? error.message : String(error));
  }
}

/**
 * A reader that stops early (`workledger kpis --json | head`) closes the pipe: the command ends quietly
 * with exit 0 instead of dying on EPIPE.
 */
export function endQuietlyOnClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}
