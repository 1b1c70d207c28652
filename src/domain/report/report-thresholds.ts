import { z } from 'zod';

/**
 * The parameters of the weekly report's judgements, shown in the report beside its verdicts: the
 * error-rate limit of the expand/restrict rule and the SLA target (α is the shared 0.05 of KPIS.md).
 */
export const ReportThresholds = z.strictObject({
  /** Highest acceptable error rate (failed + reversed ÷ settled) for an agent to be expanded. */
  max_error_rate: z.number().min(0).max(1).default(0.1),
  /** SLA adherence target; an interval wholly below it is an open risk. */
  min_sla_adherence: z.number().min(0).max(1).default(0.95),
});
export type ReportThresholds = z.infer<typeof ReportThresholds>;

/** The defaults: error rate ≤ 10%, SLA adherence ≥ 95%. */
export const DEFAULT_REPORT_THRESHOLDS: ReportThresholds = ReportThresholds.parse({});
