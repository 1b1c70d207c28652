import { OpenAPIHono } from '@hono/zod-openapi';
import type { Hono } from 'hono';
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
  renderReport,
  REPORT_CONTENT_TYPES,
  REPORT_FORMATS,
  type PdfPrinter,
} from '../../services/report/render-report.js';
import { queryLists, type AppEnv } from '../env.js';
import { rejectUnknown } from '../query-params.js';
import { readJson } from '../read-json.js';

/**
 * The weekly report (`GET /v1/reports/weekly?week=&format=`, readers) and its delivery targets and log
 * (`/v1/report-deliveries`, operators). PDF needs `printPdf` (headless Chromium, given by the server).
 */
export function registerReportRoutes(app: Hono<AppEnv>, { printPdf }: { printPdf: PdfPrinter | null }): void {
  app.get('/v1/reports/weekly', async (c) => {
    const ctx = c.get('ctx');
    requirePermission(ctx, 'read');
    const query = queryLists(c);
    rejectUnknown(query, ['week', 'format']);
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
    const body = await renderReport(report, format, printPdf);
    c.header('content-type', REPORT_CONTENT_TYPES[format]);
    if (format === 'pdf' || format === 'md')
      c.header('content-disposition', `inline; filename="workledger-${report.week}.${format}"`);
    return c.body(body);
  });

  app.get('/v1/report-deliveries', async (c) => c.json(await getReportDeliveries(c.get('ctx'))));
  app.put('/v1/report-deliveries', async (c) =>
    c.json(await putReportDeliveries({ ctx: c.get('ctx'), input: await readJson(c) })),
  );
  app.get('/v1/report-deliveries/log', async (c) => {
    const query = queryLists(c);
    rejectUnknown(query, ['limit']);
    const limit = query.limit?.[0];
    return c.json({
      deliveries: await listReportDeliveryLog({
        ctx: c.get('ctx'),
        input: limit === undefined ? {} : { limit: Number(limit) },
      }),
    });
  });
}

/** The routes of this file as a sub-app (being moved onto declared routes, see src/http/contract). */
export function reportRoutes(deps: { printPdf: PdfPrinter | null }) {
  const app = new OpenAPIHono<AppEnv>();
  registerReportRoutes(app, deps);
  return app;
}
