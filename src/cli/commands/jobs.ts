import type { Command } from 'commander';
import { WorkledgerError } from '../../domain/errors.js';
import { JOB_NAMES, runJob } from '../../services/jobs/run-job.js';
import { openFromFlags, type DbFlags } from '../connection.js';
import { printJson, type Io } from '../output.js';
import { withDbFlags } from '../flags.js';

export function registerJobs(program: Command, io: Io): void {
  const jobs = program.command('jobs').description('run scheduled jobs now');
  withDbFlags(jobs.command('run <job>').description(`run a job now: ${JOB_NAMES.join(', ')}`))
    .option('--tenant <id>', 'only this tenant')
    .option('--json', 'print JSON')
    .action(async (name: string, flags: DbFlags & { tenant?: string; json?: boolean }) => {
      const job = JOB_NAMES.find((j) => j === name);
      if (!job)
        throw new WorkledgerError('VALIDATION', `unknown job ${name}: one of ${JOB_NAMES.join(', ')}`);
      const store = await openFromFlags(flags, io.env);
      try {
        const runs = await runJob(store, job, Date.now, flags.tenant);
        if (flags.json) printJson(io, { runs });
        else
          for (const run of runs)
            io.out(`${run.tenant} ${run.job}: ${run.skipped ?? JSON.stringify(run.result)}`);
      } finally {
        await store.close();
      }
    });
}
