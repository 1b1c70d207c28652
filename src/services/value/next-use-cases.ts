import { rankNextUseCases, type NextUseCaseRanking } from '../../domain/value/next-use-case.js';
import { WorkledgerError } from '../../domain/errors.js';
import { listAgentCohorts } from '../../store/queries/items-read.js';
import { reader, requirePermission, type Verb } from '../context.js';
import { computeKpiGroups, loadKpiContext } from '../kpis/kpi-groups.js';
import { getTenantSettings } from '../config/tenant-settings.js';
import { DAY_MS } from '../../domain/time.js';

/**
 * Workflows and categories not yet automated, ranked by projected monthly value: baseline volume ×
 * baseline cost per item × achievable automation rate (the parameter, else the agents' mean
 * containment over the last 30 days, else the benchmark's low end).
 */
export async function getNextUseCases({
  ctx,
  input,
}: Verb<{ automationRate?: number }>): Promise<NextUseCaseRanking & { baseline_version: number }> {
  requirePermission(ctx, 'read');
  if (input.automationRate !== undefined && !(input.automationRate > 0 && input.automationRate <= 1))
    throw new WorkledgerError('VALIDATION', 'automation_rate: a rate in (0, 1]', 'automation_rate');
  const tenant = await getTenantSettings(ctx);
  const context = await loadKpiContext(ctx, tenant);
  if (!context.baseline)
    throw new WorkledgerError(
      'NOT_FOUND',
      'no baseline is frozen yet: workledger baseline freeze',
      'baseline',
    );
  const now = ctx.now();
  const recent = await computeKpiGroups(
    ctx,
    { ...context, baseline: null },
    { from: now - 30 * DAY_MS, to: now },
    ['agent'],
    now,
  );
  const containment = recent.map((g) => g.kpis.containment_rate.value).filter((v): v is number => v !== null);
  const agentItems = (await listAgentCohorts(reader(ctx), ctx.tenantId)).map((r) => ({
    workflow: r.workflow,
    category: r.category,
    handledBy: r.handled_by,
  }));
  const ranking = rankNextUseCases({
    baseline: context.baseline.baseline,
    agentItems,
    automationRate: input.automationRate,
    agentContainmentRates: containment,
  });
  return { ...ranking, baseline_version: context.baseline.version };
}
