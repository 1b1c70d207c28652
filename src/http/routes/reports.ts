import { OpenAPIHono, type z } from '@hono/zod-openapi';
import { WorkledgerError } from '../../domain/errors.js';
import { requirePermission } from '../../services/context.js';
import { runRead } from '../../services/reads/run-read.js';
import {
  getReportDeliveries,
  listReportDeliveryLog,
  putReportDeliveries,
} from '../../services/report/report-deliveries.js';
import {
  parseReportFormat,
  type PdfPrinter,
  renderReport,
  REPORT_CONTENT_TYPES,
  REPORT_FORMATS,
} from '../../services/report/render-report.js';
import type { AppEnv } from '../env.js';
import { readJson } from '../read-json.js';
import { declared, readQuery } from '../contract/declare.js';
import {
  getReportDeliveriesRoute,
  getReportDeliveryLogRoute,
  getWeeklyReportRoute,
  putReportDeliveriesRoute,
  type WeeklyReport,
} from '../contract/reports.js';

/**
 * The weekly report (`GET /v1/reports/weekly?week=&format=`, readers) and its delivery targets and log
 * (`/v1/report-deliveries`, operators). PDF needs `printPdf` (headless Chromium, given by the server).
 */
export function reportRoutes({ printPdf }: { printPdf: PdfPrinter | null }) {
  const app = new OpenAPIHono<AppEnv>();
  return app
    .openapi(declared(app, getWeeklyReportRoute), async (c) => {
      const ctx = c.get('ctx');
      requirePermission(ctx, 'read');
      const query = readQuery(c, getWeeklyReportRoute);
      const formatText = query.format?.[0] ?? 'json';
      const format = parseReportFormat(formatText);
      if (!format)
        throw new WorkledgerError(
          'VALIDATION',
          `format: one of ${REPORT_FORMATS.join(', ')}, got ${formatText}`,
          'format',
        );
      const week = query.week?.[0];
      const report = await runRead(ctx, 'buildWeeklyReport', week ? { week } : {});
      // as JSON the body is this report: the compiler holds it to the declared schema here
      const declaredAnswer: z.infer<typeof WeeklyReport> = report;
      const body = await renderReport(declaredAnswer, format, printPdf);
      c.header('content-type', REPORT_CONTENT_TYPES[format]);
      if (format === 'pdf' || format === 'md')
        c.header('content-disposition', `inline; filename="workledger-${report.week}.${format}"`);
      return c.body(body, 200);
    })
    .openapi(declared(app, getReportDeliveriesRoute), async (c) =>
      c.json(await getReportDeliveries(c.get('ctx')), 200),
    )
    .openapi(declared(app, putReportDeliveriesRoute), async (c) =>
      c.json(await putReportDeliveries({ ctx: c.get('ctx'), input: await readJson(c) }), 200),
    )
    .openapi(declared(app, getReportDeliveryLogRoute), async (c) => {
      const query = readQuery(c, getReportDeliveryLogRoute);
      const limit = query.limit?.[0];
      const deliveries = await listReportDeliveryLog({
        ctx: c.get('ctx'),
        input: limit === undefined ? {} : { limit: Number(limit) },
      });
      return c.json({ deliveries }, 200);
    });
}
