import { Command, CommanderError } from 'commander';
import { isWorkledgerError } from '../domain/errors.js';
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

/** Build the command tree; `io` lets tests capture what commands print. */
export function buildProgram(io: Io): Command {
  const program = new Command('workledger')
    .description('Measure an AI workforce by its verified outcomes against the human baseline.')
    .version('0.1.0')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) })
    .showHelpAfterError('(see --help)');
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

/** Run the CLI; returns the exit code. Errors print one line: `workledger: <message>`. */
export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync([...argv]);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (isWorkledgerError(error)) {
      io.err(`workledger: ${error.message}`);
      return EXIT_CODE[error.code];
    }
    io.err(`workledger: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
