import type { Command } from 'commander';
import { z } from 'zod';
import { WorkledgerError } from '../../domain/errors.js';
import { parseIsoTime, DAY_MS } from '../../domain/time.js';
import { getRoi } from '../../services/value/get-roi.js';
import type { NextUseCases, RoiStatement } from '../../http/contract/value.js';
import { getNextUseCases } from '../../services/value/next-use-cases.js';
import { onTarget, remoteAnswer, remoteClient, resolveTarget, type TenantFlags } from '../connection.js';
import { formatTable, printJson, type Io } from '../output.js';
import { withTenantFlags } from '../flags.js';
import { formatKpiValue } from '../format-kpi.js';
import type { KpiName } from '../../domain/kpis/kpi-value.js';

interface RoiFlags extends TenantFlags {
  from?: string;
  to?: string;
  agent?: string;
  workflow?: string;
  json?: boolean;
}

function time(text: string, flag: string): number {
  const ms = parseIsoTime(text);
  if (ms === null)
    throw new WorkledgerError('VALIDATION', `--${flag}: not an ISO-8601 date or time: ${text}`, flag);
  return ms;
}

const list = (text: string | undefined) =>
  text
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** A p-value as people read it: two significant digits, or below 0.001. */
function formatP(p: number): string {
  return p < 0.001 ? '< 0.001' : p.toPrecision(2);
}

function money(value: number | null, currency: string): string {
  return value === null ? '—' : `${value.toLocaleString('en-US', { maximumFractionDigits: 0 })} ${currency}`;
}

/** One screen: value, cumulative ROI, what is significant, DiD, projection beside the bands. */
type RoiAnswer = z.infer<typeof RoiStatement>;
type NextUseCasesAnswer = z.infer<typeof NextUseCases>;

function printStatement(io: Io, s: RoiAnswer): void {
  io.out(`ROI statement, items opened ${s.from.slice(0, 10)} … ${s.to.slice(0, 10)} (${s.currency})`);
  io.out(
    s.baseline
      ? `baseline v${s.baseline.version}: ${s.baseline.from.slice(0, 10)} … ${s.baseline.to.slice(0, 10)}`
      : 'no baseline frozen',
  );
  const rows: string[][] = Object.entries(s.value).map(([name, kpi]) => {
    const note = kpi.value === null ? (kpi.reason ?? '') : kpi.low_n ? 'insufficient data (n < 30)' : '';
    return [name, formatKpiValue(name as KpiName, kpi.value, s.currency), String(kpi.n), note];
  });
  if (s.roi_cumulative)
    rows.push([
      'roi_cumulative',
      formatKpiValue('roi', s.roi_cumulative.value, s.currency),
      String(s.roi_cumulative.n),
      s.since_go_live ? `since ${s.since_go_live.slice(0, 10)}` : '',
    ]);
  io.out(formatTable(['value', '', 'n', 'note'], rows));
  if (s.significance.length) {
    io.out('\nagainst the baseline');
    io.out(
      formatTable(
        ['kpi', 'agent', 'baseline', 'verdict', 'p'],
        s.significance.map((r) => [
          r.kpi,
          formatKpiValue(r.kpi as KpiName, r.agent, s.currency),
          formatKpiValue(r.kpi as KpiName, r.baseline, s.currency),
          r.verdict,
          r.p === null ? '' : formatP(r.p),
        ]),
      ),
    );
  }
  if (s.difference_in_differences.rows.length) {
    io.out('\ndifference-in-differences against the concurrent human control group');
    for (const r of s.difference_in_differences.rows)
      io.out(
        `  ${r.kpi}: ${formatKpiValue(r.kpi, r.estimate, s.currency)} (95% CI ${formatKpiValue(r.kpi, r.ci[0], s.currency)} … ${formatKpiValue(r.kpi, r.ci[1], s.currency)}, p ${formatP(r.p)})`,
      );
  } else if (s.difference_in_differences.reason)
    io.out(`\ndifference-in-differences: ${s.difference_in_differences.reason}`);
  if (s.projection) {
    const p = s.projection;
    io.out(
      `\nprojected cumulative ROI: year one ${formatKpiValue('roi', p.year_one_roi.value, s.currency)}, year three ${formatKpiValue('roi', p.year_three_roi.value, s.currency)} (benchmark: ${p.benchmarks.year_three_cumulative_roi.text})`,
    );
  }
  for (const note of s.notes) io.out(`note: ${note}`);
  io.out(
    `net savings ${money(s.value.net_savings.value, s.currency)} on ${money(s.value.total_cost.value, s.currency)} of AI cost`,
  );
}

export function registerRoi(program: Command, io: Io): void {
  withTenantFlags(
    program.command('roi').description('a one-screen ROI statement (default: the last 30 days)'),
  )
    .option('--from <date>', 'start (ISO-8601)')
    .option('--to <date>', 'end, exclusive (default now)')
    .option('--agent <ids>', 'agent ids, comma-separated')
    .option('--workflow <ids>', 'workflows, comma-separated')
    .option('--json', 'print JSON')
    .action(async (flags: RoiFlags) => {
      const to = flags.to ? time(flags.to, 'to') : Date.now();
      const from = flags.from ? time(flags.from, 'from') : to - 30 * DAY_MS;
      const filter = { from, to, agent: list(flags.agent), workflow: list(flags.workflow) };
      const target = await resolveTarget(flags, io.env, io.cwd);
      const result = await onTarget<RoiAnswer>(
        target,
        (ctx) => getRoi({ ctx, input: { filter } }),
        (remote) =>
          remoteAnswer(
            remoteClient(remote).v1.roi.$get({
              query: {
                from: new Date(from).toISOString(),
                to: new Date(to).toISOString(),
                ...(filter.agent ? { agent: filter.agent.join(',') } : {}),
                ...(filter.workflow ? { workflow: filter.workflow.join(',') } : {}),
              },
            }),
          ),
      );
      if (flags.json) return printJson(io, result);
      printStatement(io, result);
    });

  withTenantFlags(
    program
      .command('next-use-cases')
      .description('workflows and categories to automate next, ranked by projected value'),
  )
    .option(
      '--automation-rate <rate>',
      'achievable automation rate 0..1 (default: the agents’ mean containment)',
    )
    .option('--json', 'print JSON')
    .action(async (flags: TenantFlags & { automationRate?: string; json?: boolean }) => {
      const rate = flags.automationRate === undefined ? undefined : Number(flags.automationRate);
      const target = await resolveTarget(flags, io.env, io.cwd);
      const result = await onTarget<NextUseCasesAnswer>(
        target,
        (ctx) => getNextUseCases({ ctx, input: { automationRate: rate } }),
        (remote) =>
          remoteAnswer(
            remoteClient(remote)['v1']['next-use-cases'].$get({
              query: rate === undefined ? {} : { automation_rate: String(rate) },
            }),
          ),
      );
      if (flags.json) return printJson(io, result);
      const ranking = result;
      io.out(
        `automation rate ${(ranking.automation_rate * 100).toFixed(0)}% (${ranking.automation_rate_source})`,
      );
      io.out(
        formatTable(
          ['workflow', 'category', 'items/month', 'cost/item', 'value/month'],
          ranking.candidates.map((c) => [
            c.workflow ?? '—',
            c.category ?? '—',
            c.monthly_volume.toFixed(0),
            c.baseline_cost_per_item.toFixed(2),
            c.projected_monthly_value.toFixed(0),
          ]),
        ),
      );
    });
}
