import { WorkledgerError } from '../../domain/errors.js';
import type { WeeklyReport } from '../../domain/report/weekly-report-model.js';
import { renderReportHtml } from './render-report-html.js';
import { renderReportMarkdown } from './render-report-markdown.js';

/** The formats of the weekly report; `pdf` is the HTML printed by a PdfPrinter (an adapter's). */
export const REPORT_FORMATS = ['html', 'md', 'json', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** The content type each format is served and posted with. */
export const REPORT_CONTENT_TYPES: Record<ReportFormat, string> = {
  html: 'text/html; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  json: 'application/json; charset=utf-8',
  pdf: 'application/pdf',
};

/** Prints an HTML page to PDF bytes; headless Chromium in production, provided by the adapters. */
export type PdfPrinter = (html: string) => Promise<Uint8Array<ArrayBuffer>>;

/** Read `--format` / `format=`; undefined when it is not one of REPORT_FORMATS. */
export function parseReportFormat(text: string): ReportFormat | undefined {
  return REPORT_FORMATS.find((f) => f === text);
}

/** The report as text in one of the text formats. */
export async function renderReportText(
  report: WeeklyReport,
  format: Exclude<ReportFormat, 'pdf'>,
): Promise<string> {
  switch (format) {
    case 'html':
      return renderReportHtml(report);
    case 'md':
      return renderReportMarkdown(report);
    case 'json':
      return JSON.stringify(report, null, 2) + '\n';
    default: {
      const unreachable: never = format;
      return String(unreachable);
    }
  }
}

/** The report in any format: text as UTF-8 bytes, PDF printed from the HTML by `printPdf`. */
export async function renderReport(
  report: WeeklyReport,
  format: ReportFormat,
  printPdf: PdfPrinter | null,
): Promise<Uint8Array<ArrayBuffer>> {
  if (format !== 'pdf') return new TextEncoder().encode(await renderReportText(report, format));
  if (!printPdf)
    throw new WorkledgerError(
      'INTERNAL',
      'format pdf needs headless Chromium, which is not available on this server',
    );
  return printPdf(await renderReportHtml(report));
}
