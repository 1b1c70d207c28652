import type { Command } from 'commander';
import type { z } from 'zod';
import { WorkledgerError } from '../../domain/errors.js';
import { KPI_NAMES } from '../../domain/kpis/kpi-value.js';
import type { KpiAnswer } from '../../http/contract/kpis.js';
import { parseIsoTime, DAY_MS } from '../../domain/time.js';
import { GROUP_DIMENSIONS, getKpis, type GroupDimension } from '../../services/kpis/get-kpis.js';
import { remoteAnswer, remoteClient, resolveTarget, type TenantFlags } from '../connection.js';
import { formatTable, printJson, type Io } from '../output.js';
import { withTenantFlags } from '../flags.js';
import { kpiRow } from '../format-kpi.js';

interface KpiFlags extends TenantFlags {
  from?: string;
  to?: string;
  agent?: string;
  workflow?: string;
  category?: string;
  priority?: string;
  channel?: string;
  groupBy?: string;
  asOf?: string;
  json?: boolean;
}

export function list(text: string | undefined): string[] | undefined {
  const values = text
    ?.split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');
  return values?.length ? values : undefined;
}

export function time(text: string, field: string): number {
  const ms = parseIsoTime(text);
  if (ms === null)
    throw new WorkledgerError('VALIDATION', `--${field}: not an ISO-8601 time or date: ${text}`, field);
  return ms;
}

export function registerKpis(program: Command, io: Io): void {
  withTenantFlags(
    program
      .command('kpis')
      .description('outcome KPIs of KPIS.md over the items opened in [from, to) (default: the last 30 days)'),
  )
    .option('--from <time>', 'start (ISO-8601 date or time)')
    .option('--to <time>', 'end, exclusive (default now)')
    .option('--agent <ids>', 'agent ids, comma-separated')
    .option('--workflow <ids>', 'workflows, comma-separated')
    .option('--category <names>', 'categories, comma-separated')
    .option('--priority <n>', 'priorities 1..5, comma-separated')
    .option('--channel <names>', 'channels, comma-separated')
    .option('--group-by <dims>', `any of ${GROUP_DIMENSIONS.join(', ')}`)
    .option('--as-of <time>', 'verification states as of this time (default now)')
    .option('--json', 'print the API answer as JSON')
    .action(async (flags: KpiFlags) => {
      const now = Date.now();
      const to = flags.to ? time(flags.to, 'to') : now;
      const from = flags.from ? time(flags.from, 'from') : to - 30 * DAY_MS;
      const groupBy = (list(flags.groupBy) ?? []).map((d): GroupDimension => {
        const found = GROUP_DIMENSIONS.find((g) => g === d);
        if (!found)
          throw new WorkledgerError(
            'VALIDATION',
            `--group-by: ${d} is not one of ${GROUP_DIMENSIONS.join(', ')}`,
          );
        return found;
      });
      const priority = list(flags.priority)?.map((p) => {
        const n = Number(p);
        if (!Number.isInteger(n) || n < 1 || n > 5)
          throw new WorkledgerError('VALIDATION', `--priority: must be 1..5, got ${p}`);
        return n;
      });
      const filter = {
        from,
        to,
        agent: list(flags.agent),
        workflow: list(flags.workflow),
        category: list(flags.category),
        priority,
        channel: list(flags.channel),
      };
      const asOf = flags.asOf ? time(flags.asOf, 'as-of') : undefined;
      const target = await resolveTarget(flags, io.env, io.cwd);
      let answer: ShownAnswer;
      if (target.kind === 'remote') {
        const query = {
          from: new Date(from).toISOString(),
          to: new Date(to).toISOString(),
          ...Object.fromEntries(
            Object.entries({ ...filter, group_by: groupBy })
              .filter(([, values]) => Array.isArray(values) && values.length > 0)
              .map(([name, values]) => [name, (values as (string | number)[]).join(',')]),
          ),
          ...(asOf === undefined ? {} : { as_of: new Date(asOf).toISOString() }),
        };
        answer = await remoteAnswer(remoteClient(target).v1.kpis.$get({ query }));
      } else {
        try {
          answer = await getKpis({ ctx: target.ctx, input: { filter, groupBy, asOf } });
        } finally {
          await target.store.close();
        }
      }
      if (flags.json) return printJson(io, answer);
      io.out(`KPIs of items opened ${answer.from} … ${answer.to} (verification as of ${answer.as_of})`);
      io.out(
        answer.maturity.settled
          ? `settled on ${answer.maturity.settles_at}`
          : `PROVISIONAL: these figures settle on ${answer.maturity.settles_at} and still move until then`,
      );
      for (const group of answer.groups) {
        const label = Object.entries(group.key)
          .map(([k, v]) => `${k}=${String(v)}`)
          .join(' ');
        if (label) io.out(`\n${label}`);
        io.out(
          formatTable(
            ['kpi', 'value', '95% interval', 'n', 'note'],
            KPI_NAMES.map((name) => kpiRow(name, group.kpis[name], answer.currency)),
          ),
        );
      }
    });
}

/** What the command prints: the API's answer (the route's declared type; the service's answer is one). */
type ShownAnswer = z.infer<typeof KpiAnswer>;
