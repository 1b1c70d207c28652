import type { Command } from 'commander';
import { getItem } from '../../services/read-items.js';
import { remoteGet, resolveTarget, type TenantFlags } from '../connection.js';
import { printJson, type Io } from '../output.js';
import { withTenantFlags } from '../flags.js';

export function registerItems(program: Command, io: Io): void {
  const items = program.command('items').description('work items');
  withTenantFlags(
    items
      .command('get <source> <external_id>')
      .description('one item with its verification state, links, costs and audit entries'),
  )
    .option('--json', 'print JSON (the default; kept for symmetry)')
    .action(async (source: string, externalId: string, flags: TenantFlags & { json?: boolean }) => {
      const target = await resolveTarget(flags, io.env, io.cwd);
      if (target.kind === 'remote') {
        printJson(
          io,
          await remoteGet(
            target,
            `/v1/items/${encodeURIComponent(source)}/${encodeURIComponent(externalId)}`,
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
