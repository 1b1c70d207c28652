import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { WorkledgerError } from '../../domain/errors.js';
import { createChromiumPdfPrinter } from '../../jobs/pdf.js';
import { buildWeeklyReport } from '../../services/report/report-build.js';
import { parseReportFormat, renderReport, REPORT_FORMATS } from '../../services/report/render-report.js';
import { remoteBytes, remoteClient, resolveTarget, type TenantFlags } from '../connection.js';
import { withTenantFlags } from '../flags.js';
import type { Io } from '../output.js';
import { registerReportDeliveries } from './report-deliveries.js';

interface WeeklyFlags extends TenantFlags {
  week?: string;
  format: string;
  out?: string;
}

/** `workledger report weekly` and the delivery commands. */
export function registerReport(program: Command, io: Io): void {
  const report = program.command('report').description('the weekly report and its delivery');
  withTenantFlags(
    report
      .command('weekly')
      .description(
        'the weekly report of an ISO week (default: the most recent settled week in the tenant zone)',
      ),
  )
    .option('--week <week>', 'ISO week, e.g. 2026-W47')
    .option('--format <format>', `one of ${REPORT_FORMATS.join(', ')}`, 'md')
    .option('--out <file>', 'write to this file (required for pdf)')
    .action(async (flags: WeeklyFlags) => {
      const format = parseReportFormat(flags.format);
      if (!format)
        throw new WorkledgerError(
          'VALIDATION',
          `--format: one of ${REPORT_FORMATS.join(', ')}, got ${flags.format}`,
        );
      if (format === 'pdf' && !flags.out)
        throw new WorkledgerError('VALIDATION', '--format pdf needs --out <file>');
      const target = await resolveTarget(flags, io.env, io.cwd);
      let bytes: Uint8Array;
      if (target.kind === 'remote') {
        bytes = await remoteBytes(
          remoteClient(target).v1.reports.weekly.$get({
            query: { format, ...(flags.week ? { week: flags.week } : {}) },
          }),
        );
      } else {
        try {
          const built = await buildWeeklyReport({
            ctx: target.ctx,
            input: flags.week ? { week: flags.week } : {},
          });
          bytes = await renderReport(built, format, format === 'pdf' ? createChromiumPdfPrinter() : null);
        } finally {
          await target.store.close();
        }
      }
      if (flags.out) {
        writeFileSync(flags.out, bytes);
        io.err(`wrote ${flags.out} (${bytes.length} bytes)`);
      } else io.out(new TextDecoder().decode(bytes).trimEnd());
    });
  registerReportDeliveries(report, io);
}
