import type { Command } from 'commander';
import { WorkledgerError } from '../../domain/errors.js';
import { DAY_MS } from '../../domain/time.js';
import type { z } from 'zod';
import type { ItemPage } from '../../http/contract/items.js';
import { getItem, listItems } from '../../services/kpis/read-items.js';
import { remoteAnswer, remoteClient, resolveTarget, type TenantFlags } from '../connection.js';
import { formatTable, printJson, type Io } from '../output.js';
import { list, time } from './kpis.js';
import { withTenantFlags } from '../flags.js';

interface ListFlags extends TenantFlags {
  from?: string;
  to?: string;
  agent?: string;
  handledBy?: string;
  outcome?: string;
  limit: string;
  cursor?: string;
  json?: boolean;
}

export function registerItems(program: Command, io: Io): void {
  const items = program.command('items').description('work items');
  withTenantFlags(
    items
      .command('list')
      .description('items opened in [from, to), in opened order: source, id, handler, outcome, verification'),
  )
    .option('--from <time>', 'start (ISO-8601 date or time; default 30 days before --to)')
    .option('--to <time>', 'end, exclusive (default now)')
    .option('--agent <ids>', 'agent ids, comma-separated')
    .option('--handled-by <who>', 'agent or human')
    .option('--outcome <outcomes>', 'resolved, escalated, failed, abandoned, open; comma-separated')
    .option('--limit <n>', 'items per page, 1..1000', '20')
    .option('--cursor <cursor>', 'the next page: the cursor the previous page printed')
    .option('--json', 'print the API answer as JSON')
    .action(async (flags: ListFlags) => {
      const to = flags.to ? time(flags.to, 'to') : Date.now();
      const from = flags.from ? time(flags.from, 'from') : to - 30 * DAY_MS;
      const handledBy = handledByOf(flags.handledBy);
      const limit = Number(flags.limit);
      const filter = { from, to, agent: list(flags.agent), outcome: list(flags.outcome), handledBy };
      const target = await resolveTarget(flags, io.env, io.cwd);
      let page: z.infer<typeof ItemPage>;
      if (target.kind === 'remote') {
        page = await remoteAnswer(
          remoteClient(target).v1.items.$get({
            query: {
              from: new Date(from).toISOString(),
              to: new Date(to).toISOString(),
              ...(filter.agent ? { agent: filter.agent.join(',') } : {}),
              ...(filter.outcome ? { outcome: filter.outcome.join(',') } : {}),
              ...(handledBy ? { handled_by: handledBy } : {}),
              limit: flags.limit,
              ...(flags.cursor ? { cursor: flags.cursor } : {}),
            },
          }),
        );
      } else {
        try {
          page = await listItems({
            ctx: target.ctx,
            input: { filter, limit, ...(flags.cursor ? { cursor: flags.cursor } : {}) },
          });
        } finally {
          await target.store.close();
        }
      }
      if (flags.json) return printJson(io, page);
      io.out(
        formatTable(
          ['source', 'external_id', 'handled_by', 'opened_at', 'outcome', 'verification'],
          page.items.map((i) => [
            i.source,
            i.external_id,
            i.handled_by,
            i.opened_at,
            i.outcome,
            i.verification.state ?? '',
          ]),
        ),
      );
      if (page.next_cursor) io.err(`more: --cursor ${page.next_cursor}`);
    });
  withTenantFlags(
    items
      .command('get <source> <external_id>')
      .description('one item with its verification state, links, costs and audit entries'),
  )
    .option('--json', 'print JSON (the default; kept for symmetry)')
    .action(async (source: string, externalId: string, flags: TenantFlags & { json?: boolean }) => {
      const target = await resolveTarget(flags, io.env, io.cwd);
      if (target.kind === 'remote') {
        const client = remoteClient(target);
        printJson(
          io,
          await remoteAnswer(
            client.v1.items[':source'][':external_id'].$get({
              param: { source, external_id: externalId },
              query: {},
            }),
          ),
        );
        return;
      }
      try {
        printJson(io, await getItem({ ctx: target.ctx, input: { source, externalId } }));
      } finally {
        await target.store.close();
      }
    });
}

function handledByOf(text: string | undefined): 'agent' | 'human' | undefined {
  if (text === undefined || text === 'agent' || text === 'human') return text;
  throw new WorkledgerError('VALIDATION', `--handled-by: agent or human, got ${text}`, 'handled_by');
}
