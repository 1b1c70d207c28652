import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { z } from 'zod';
import { CohortField } from '../../domain/baseline/cohort-key.js';
import { WorkledgerError } from '../../domain/errors.js';
import type { BaselineKpis } from '../../domain/baseline/baseline.js';
import type { KpiName } from '../../domain/kpis/kpi-value.js';
import { parseIsoTime } from '../../domain/time.js';
import {
  freezeBaseline,
  listBaselines,
  previewBaseline,
  showBaseline,
} from '../../services/value/baselines.js';
import { listAllDeployments, putDeployment } from '../../services/config/deployments.js';
import { listAllRateCards, putRateCard } from '../../services/config/rate-cards.js';
import { onTarget, remoteAnswer, remoteClient, resolveTarget, type TenantFlags } from '../connection.js';
import type {
  Baseline,
  BaselinePreview,
  BaselineSummary,
  Deployment,
  RateCard,
} from '../../http/contract/baselines.js';
import type { RateCard as RateCardInput } from '../../domain/baseline/rate-card.js';
import { formatTable, printJson, type Io } from '../output.js';
import { withTenantFlags } from '../flags.js';
import { formatKpiValue } from '../format-kpi.js';

interface WindowFlags extends TenantFlags {
  from?: string;
  to?: string;
  groupBy?: string;
  rateCard?: string;
  name?: string;
  version?: string;
  json?: boolean;
}

function time(text: string | undefined, flag: string): number {
  if (!text) throw new WorkledgerError('VALIDATION', `--${flag} is required (ISO-8601 date or time)`, flag);
  const ms = parseIsoTime(text);
  if (ms === null)
    throw new WorkledgerError('VALIDATION', `--${flag}: not an ISO-8601 date or time: ${text}`, flag);
  return ms;
}

function cohortBy(text: string | undefined): CohortField[] | undefined {
  return text?.split(',').map((v) => {
    const parsed = CohortField.safeParse(v.trim());
    if (!parsed.success)
      throw new WorkledgerError(
        'VALIDATION',
        `--group-by: ${v} is not one of workflow, category, priority, channel`,
      );
    return parsed.data;
  });
}

/** What `baseline compute|freeze|show` print: a preview or a frozen version (the API's answers). */
type PrintableBaseline = Pick<z.infer<typeof BaselinePreview>, 'warnings' | 'cohorts'> & { version?: number };

const BASELINE_KPIS: (keyof BaselineKpis & KpiName)[] = [
  'latency_p50_s',
  'mttr_s',
  'fcr_rate',
  'reopen_rate',
  'escalation_rate',
  'sla_adherence',
];

function printBaseline(io: Io, b: PrintableBaseline): void {
  const rows = b.cohorts.map((c) => [
    Object.values(c.key).map(String).join(' / '),
    String(c.kpis.items_handled.value ?? 0),
    ...BASELINE_KPIS.map((k) => formatKpiValue(k, c.kpis[k].value, '')),
    (c.kpis.cost_per_item.value ?? 0).toFixed(2),
  ]);
  if (b.version !== undefined) io.out(`baseline version ${b.version}`);
  io.out(formatTable(['cohort', 'items', ...BASELINE_KPIS, 'cost/item'], rows));
  for (const w of b.warnings) io.err(`warning: ${w}`);
}

export function registerBaseline(program: Command, io: Io): void {
  const baseline = program.command('baseline').description('the human baseline: compute, freeze, show');
  const windowed = (name: string, description: string) =>
    withTenantFlags(baseline.command(name).description(description))
      .option('--from <date>', 'window start (ISO-8601)')
      .option('--to <date>', 'window end, exclusive')
      .option('--group-by <fields>', 'cohort fields: workflow,category,priority[,channel]')
      .option('--rate-card <id>', 'rate card id', 'default')
      .option('--json', 'print JSON');

  windowed('compute', 'compute the baseline of a window without storing it').action(
    async (flags: WindowFlags) => {
      const input = {
        from: time(flags.from, 'from'),
        to: time(flags.to, 'to'),
        cohortBy: cohortBy(flags.groupBy),
        rateCardId: flags.rateCard,
      };
      const target = await resolveTarget(flags, io.env, io.cwd);
      const result = await onTarget<z.infer<typeof BaselinePreview>>(
        target,
        (ctx) => previewBaseline({ ctx, input }),
        (remote) =>
          remoteAnswer(
            remoteClient(remote).v1.baselines.preview.$get({
              query: {
                from: new Date(input.from).toISOString(),
                to: new Date(input.to).toISOString(),
                ...(flags.groupBy ? { cohort_by: flags.groupBy } : {}),
                ...(flags.rateCard ? { rate_card: flags.rateCard } : {}),
              },
            }),
          ),
      );
      if (flags.json) printJson(io, result);
      else printBaseline(io, result);
    },
  );

  windowed('freeze', 'compute and freeze the baseline as the next immutable version')
    .option('--name <name>', 'a label')
    .action(async (flags: WindowFlags) => {
      const input = {
        from: time(flags.from, 'from'),
        to: time(flags.to, 'to'),
        cohortBy: cohortBy(flags.groupBy),
        rateCardId: flags.rateCard,
        name: flags.name,
      };
      const target = await resolveTarget(flags, io.env, io.cwd);
      const result = await onTarget<z.infer<typeof Baseline>>(
        target,
        (ctx) => freezeBaseline({ ctx, input }),
        (remote) =>
          remoteAnswer(
            remoteClient(remote).v1.baselines.$post({
              json: {
                from: new Date(input.from).toISOString(),
                to: new Date(input.to).toISOString(),
                cohort_by: input.cohortBy,
                rate_card: input.rateCardId,
                name: input.name,
              },
            }),
          ),
      );
      if (flags.json) printJson(io, result);
      else printBaseline(io, result);
    });

  withTenantFlags(baseline.command('show').description('the latest frozen baseline, or --version N'))
    .option('--version <n>', 'a frozen version')
    .option('--json', 'print JSON')
    .action(async (flags: WindowFlags) => {
      const version = flags.version === undefined ? undefined : Number(flags.version);
      const target = await resolveTarget(flags, io.env, io.cwd);
      const result = await onTarget<z.infer<typeof Baseline>>(
        target,
        (ctx) => showBaseline({ ctx, input: { version } }),
        (remote) => {
          const client = remoteClient(remote);
          return remoteAnswer(
            version === undefined
              ? client.v1.baselines.current.$get()
              : client.v1.baselines[':version'].$get({ param: { version: String(version) } }),
          );
        },
      );
      if (flags.json) printJson(io, result);
      else printBaseline(io, result);
    });

  withTenantFlags(baseline.command('list').description('every frozen version'))
    .option('--json', 'print JSON')
    .action(async (flags: WindowFlags) => {
      const target = await resolveTarget(flags, io.env, io.cwd);
      const result = await onTarget<{ baselines: z.infer<typeof BaselineSummary>[] }>(
        target,
        async (ctx) => ({ baselines: await listBaselines(ctx) }),
        (remote) => remoteAnswer(remoteClient(remote).v1.baselines.$get()),
      );
      if (flags.json) return printJson(io, result);
      const rows = result.baselines;
      io.out(
        formatTable(
          ['version', 'from', 'to', 'cohorts', 'hash'],
          rows.map((r) => [String(r.version), r.from, r.to, String(r.cohorts), r.hash.slice(0, 16)]),
        ),
      );
    });

  const cards = program.command('rate-cards').description('loaded rates and handle hours of the human team');
  withTenantFlags(cards.command('set <id>').description('create or replace a rate card from a JSON file'))
    .requiredOption('--file <path>', 'the rate card as JSON (see docs/baseline.md)')
    .option('--json', 'print JSON')
    .action(async (id: string, flags: TenantFlags & { file: string; json?: boolean }) => {
      let body: unknown;
      try {
        body = JSON.parse(readFileSync(flags.file, 'utf8'));
      } catch (error) {
        throw new WorkledgerError(
          'VALIDATION',
          `--file: cannot read JSON from ${flags.file}: ${(error as Error).message}`,
        );
      }
      const target = await resolveTarget(flags, io.env, io.cwd);
      const result = await onTarget<z.infer<typeof RateCard>>(
        target,
        (ctx) => putRateCard({ ctx, input: { id, body } }),
        (remote) =>
          remoteAnswer(
            remoteClient(remote)['v1']['rate-cards'][':id'].$put({
              param: { id },
              // the file's JSON as it is: the server checks it and names the field it refuses
              json: body as z.input<typeof RateCardInput>,
            }),
          ),
      );
      if (flags.json) printJson(io, result);
      else io.out(`rate card ${id} saved`);
    });
  withTenantFlags(cards.command('list').description('list rate cards'))
    .option('--json', 'print JSON')
    .action(async (flags: TenantFlags & { json?: boolean }) => {
      const target = await resolveTarget(flags, io.env, io.cwd);
      const result = await onTarget<{ rate_cards: z.infer<typeof RateCard>[] }>(
        target,
        async (ctx) => ({ rate_cards: await listAllRateCards(ctx) }),
        (remote) => remoteAnswer(remoteClient(remote)['v1']['rate-cards'].$get()),
      );
      printJson(io, result);
    });

  const deployments = program.command('deployments').description("agents' go-live dates per workflow");
  withTenantFlags(deployments.command('set').description('record an agent going live on a workflow'))
    .requiredOption('--agent <id>', 'agent id')
    .requiredOption('--workflow <id>', 'workflow id')
    .requiredOption('--go-live <date>', 'go-live date or time (ISO-8601)')
    .option('--json', 'print JSON')
    .action(
      async (flags: TenantFlags & { agent: string; workflow: string; goLive: string; json?: boolean }) => {
        const body = { go_live_at: flags.goLive };
        const target = await resolveTarget(flags, io.env, io.cwd);
        const result = await onTarget<z.infer<typeof Deployment>>(
          target,
          (ctx) => putDeployment({ ctx, input: { agentId: flags.agent, workflow: flags.workflow, body } }),
          (remote) =>
            remoteAnswer(
              remoteClient(remote).v1.deployments[':agent'][':workflow'].$put({
                param: { agent: flags.agent, workflow: flags.workflow },
                json: body,
              }),
            ),
        );
        if (flags.json) printJson(io, result);
        else io.out(`${flags.agent} live on ${flags.workflow} since ${flags.goLive}`);
      },
    );
  withTenantFlags(deployments.command('list').description('list deployments'))
    .option('--json', 'print JSON')
    .action(async (flags: TenantFlags & { json?: boolean }) => {
      const target = await resolveTarget(flags, io.env, io.cwd);
      const result = await onTarget<{ deployments: z.infer<typeof Deployment>[] }>(
        target,
        async (ctx) => ({ deployments: await listAllDeployments(ctx) }),
        (remote) => remoteAnswer(remoteClient(remote).v1.deployments.$get()),
      );
      printJson(io, result);
    });
}
