import { KPI_NAMES, type KpiName } from '../../domain/kpis/kpi-value.js';
import type { IsoWeekWindow } from '../../domain/report/iso-week.js';
import type { BaselineComparison, BaselineInput } from '../../domain/report/weekly-report-model.js';
import type { Ctx } from '../context.js';
import { getRoi } from '../value/get-roi.js';

function kpiName(text: string): KpiName | undefined {
  return KPI_NAMES.find((n) => n === text);
}

/**
 * The week's significance against the frozen baseline, for all agents and for each agent, from the ROI
 * statement (compareToBaseline over the baseline re-weighted to the agents' cohorts); null without one.
 */
export async function weekAgainstBaseline(
  ctx: Ctx,
  window: IsoWeekWindow,
  agents: readonly string[],
  asOf: number,
): Promise<BaselineInput | null> {
  const filter = { from: window.from, to: window.to };
  const overall = await getRoi({ ctx, input: { filter, asOf } });
  if (!overall.baseline) return null;
  const comparisons: BaselineComparison[] = [];
  const scopes: { scope: string; rows: typeof overall.significance }[] = [
    { scope: 'all agents', rows: overall.significance },
  ];
  for (const agent of agents) {
    const statement = await getRoi({ ctx, input: { filter: { ...filter, agent: [agent] }, asOf } });
    scopes.push({ scope: agent, rows: statement.significance });
  }
  for (const { scope, rows } of scopes) {
    for (const row of rows) {
      const kpi = kpiName(row.kpi);
      if (kpi === undefined) continue;
      comparisons.push({
        scope,
        kpi,
        // the report corrects over its own statement's tests, so it takes the verdict before the ROI's correction
        verdict: row.uncorrected_verdict ?? row.verdict,
        test: row.test,
        p: row.p,
        baseline: row.baseline,
      });
    }
  }
  return {
    version: overall.baseline.version,
    from: Date.parse(overall.baseline.from),
    to: Date.parse(overall.baseline.to),
    comparisons,
  };
}
