import type { Command } from 'commander';
import { WorkledgerError } from '../../domain/errors.js';
import type { Ctx } from '../../services/context.js';
import { createWebhookSecret } from '../../services/config/webhook-secrets.js';
import { openFromFlags, type DbFlags } from '../connection.js';
import { withDbFlags } from '../flags.js';
import { printJson, type Io } from '../output.js';

interface WebhookFlags extends DbFlags {
  source?: string;
  tenant?: string;
  json?: boolean;
}

/** `workledger webhooks create-secret`: the shared secret a webhook sender (Jira) authenticates with. */
export function registerWebhooks(program: Command, io: Io): void {
  const webhooks = program.command('webhooks').description('webhook receivers (Jira) and their secrets');
  withDbFlags(
    webhooks
      .command('create-secret')
      .description('create or rotate the webhook secret of a tenant; the secret is printed once'),
  )
    .requiredOption('--source <source>', 'the sender: jira')
    .requiredOption('--tenant <id>', 'tenant id')
    .option('--json', 'print JSON')
    .action(async (flags: WebhookFlags) => {
      if (!flags.tenant) throw new WorkledgerError('VALIDATION', '--tenant is required', 'tenant');
      const store = await openFromFlags(flags, io.env);
      try {
        const ctx: Ctx = {
          store,
          tenantId: flags.tenant,
          actor: { kind: 'cli', user: io.env.USER ?? 'operator' },
          requestId: 'cli',
          now: Date.now,
        };
        const created = await createWebhookSecret({ ctx, input: { source: flags.source ?? '' } });
        if (flags.json) printJson(io, created);
        else {
          io.out(created.secret);
          io.err(
            `webhook URL path: ${created.webhook_path}${created.replaced ? ' (the previous secret no longer works)' : ''}`,
          );
        }
      } finally {
        await store.close();
      }
    });
}
