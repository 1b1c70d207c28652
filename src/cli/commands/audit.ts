import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { z } from 'zod';
import { WorkledgerError } from '../../domain/errors.js';
import { postReportWebhook } from '../../jobs/report-transports.js';
import { describeAuditKey, sealAndSendCheckpoint } from '../../services/audit/audit-checkpoints.js';
import { getCheckpointWebhook, putCheckpointWebhook } from '../../services/audit/checkpoint-webhook.js';
import { verifyAudit } from '../../services/audit/verify-audit.js';
import type {
  AuditPublicKey,
  AuditVerdict,
  CheckpointSealing,
  CheckpointWebhook,
  VerifyBody,
} from '../../http/contract/audit.js';
import { openInstanceKey, withAuditKeyFlag, type AuditKeyFlags } from '../audit-key.js';
import { remoteAnswer, remoteClient, resolveTarget, type Target, type TenantFlags } from '../connection.js';
import { printJson, type Io } from '../output.js';
import { withTenantFlags } from '../flags.js';

type AuditFlags = TenantFlags & AuditKeyFlags & { json?: boolean };

type Verdict = z.infer<typeof AuditVerdict>;
type Webhook = z.infer<typeof CheckpointWebhook>;

function readText(file: string, flag: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new WorkledgerError(
      'NOT_FOUND',
      `${flag}: cannot read ${file} (${(error as Error).message})`,
      flag,
    );
  }
}

function readJsonFile(file: string, flag: string): unknown {
  try {
    return JSON.parse(readText(file, flag)) as unknown;
  } catch (error) {
    if (error instanceof WorkledgerError) throw error;
    throw new WorkledgerError(
      'VALIDATION',
      `${flag}: ${file} is not JSON (${(error as Error).message})`,
      flag,
    );
  }
}

/** Run `direct` on the store with the instance key (closing the store after), or `remote` through the server. */
async function onAudit<T>(
  target: Target,
  flags: AuditKeyFlags,
  io: Io,
  create: boolean,
  direct: (
    target: Extract<Target, { kind: 'direct' }>,
    key: ReturnType<typeof openInstanceKey>,
  ) => Promise<T>,
  remote: (target: Extract<Target, { kind: 'remote' }>) => Promise<T>,
): Promise<T> {
  if (target.kind === 'remote') return remote(target);
  try {
    return await direct(target, openInstanceKey(flags, io.env, target.store, { create }));
  } finally {
    await target.store.close();
  }
}

function describeRows(rows: Record<string, number>): string {
  const listed = Object.entries(rows).filter(([, n]) => n > 0);
  return listed.length ? listed.map(([table, n]) => `${table} ${n}`).join(', ') : 'none';
}

function auditCommand(parent: Command, name: string, description: string): Command {
  return withAuditKeyFlag(withTenantFlags(parent.command(name).description(description))).option(
    '--json',
    'print JSON',
  );
}

export function registerAudit(program: Command, io: Io): void {
  const audit = program.command('audit').description('the tamper-evident audit trail');
  auditCommand(
    audit,
    'verify',
    'recompute the chain, Merkle roots, checkpoints and every audited row; name the first mismatch',
  )
    .option('--checkpoint <file>', 'a signed checkpoint kept elsewhere: the chain must still extend it')
    .option('--public-key <file>', 'check --checkpoint with this PEM public key instead of the instance key')
    .action(async (flags: AuditFlags & { checkpoint?: string; publicKey?: string }) => {
      const checkpoint =
        flags.checkpoint === undefined ? undefined : readJsonFile(flags.checkpoint, '--checkpoint');
      const publicKeyPem =
        flags.publicKey === undefined ? undefined : readText(flags.publicKey, '--public-key');
      if (publicKeyPem !== undefined && checkpoint === undefined)
        throw new WorkledgerError('VALIDATION', '--public-key goes with --checkpoint', 'public-key');
      const target = await resolveTarget(flags, io.env, io.cwd);
      const verdict: Verdict = await onAudit(
        target,
        flags,
        io,
        false,
        (t, key) =>
          verifyAudit({
            ctx: t.ctx,
            input: { key, checkpoint, ...(publicKeyPem === undefined ? {} : { publicKeyPem }) },
          }),
        async (t) => {
          const verify = remoteClient(t).v1.audit.verify;
          return remoteAnswer(
            checkpoint === undefined
              ? verify.$get()
              : verify.$post({
                  // the kept file as it is: the server checks it and names what it refuses
                  json: {
                    checkpoint: checkpoint as z.input<typeof VerifyBody>['checkpoint'],
                    ...(publicKeyPem === undefined ? {} : { public_key: publicKeyPem }),
                  },
                }),
          );
        },
      );
      if (flags.json) printJson(io, verdict);
      if (!verdict.ok) throw new WorkledgerError('CONFLICT', `audit trail broken: ${verdict.reason}`);
      if (flags.json) return;
      io.out(
        `audit trail intact: ${verdict.entries} entries, ${verdict.leaves} records, rows ${describeRows(verdict.rows)}, ` +
          `${verdict.checkpoints} checkpoints; head ${verdict.head} (entry ${verdict.head_seq})`,
      );
      if (verdict.checkpoint) io.out(`the chain extends the checkpoint at entry ${verdict.checkpoint.seq}`);
    });

  auditCommand(
    audit,
    'checkpoint',
    'seal the chain now with a signed checkpoint and print it (keep a copy)',
  ).action(async (flags: AuditFlags) => {
    const target = await resolveTarget(flags, io.env, io.cwd);
    const answer = await onAudit(
      target,
      flags,
      io,
      true,
      (t, key) =>
        sealAndSendCheckpoint({ ctx: t.ctx, input: { key, post: (post) => postReportWebhook(post) } }),
      async (t): Promise<z.infer<typeof CheckpointSealing>> =>
        remoteAnswer(remoteClient(t).v1.audit.checkpoints.$post()),
    );
    if (flags.json) return printJson(io, answer);
    const { checkpoint, delivery } = answer;
    io.out(
      answer.sealed
        ? `sealed entry ${checkpoint.seq} of tenant ${checkpoint.tenant} with key ${checkpoint.key_id}`
        : `the chain has not grown since the checkpoint at entry ${checkpoint.seq}`,
    );
    if (delivery)
      io.out(
        delivery.delivered
          ? `posted to ${delivery.url}`
          : `not posted to ${delivery.url}: ${delivery.error ?? ''}`,
      );
    io.out(JSON.stringify(checkpoint, null, 2));
  });

  auditCommand(audit, 'public-key', "the instance's Ed25519 public key (PEM) and its key id").action(
    async (flags: AuditFlags) => {
      const target = await resolveTarget(flags, io.env, io.cwd);
      const view = await onAudit(
        target,
        flags,
        io,
        true,
        async (t, key) => describeAuditKey({ ctx: t.ctx, input: { key } }),
        async (t): Promise<z.infer<typeof AuditPublicKey>> =>
          remoteAnswer(remoteClient(t).v1.audit['public-key'].$get()),
      );
      if (flags.json) return printJson(io, view);
      io.out(`key id ${view.key_id} (${view.algorithm})`);
      io.out(view.public_key_pem.trimEnd());
    },
  );

  const webhook = audit.command('checkpoint-webhook').description('where signed checkpoints are posted');
  auditCommand(webhook, 'show', 'the checkpoint webhook (its secret hidden)').action(
    async (flags: AuditFlags) => {
      const target = await resolveTarget(flags, io.env, io.cwd);
      const view = await onAudit(
        target,
        flags,
        io,
        false,
        async (t) => getCheckpointWebhook(t.ctx),
        async (t): Promise<Webhook> => remoteAnswer(remoteClient(t).v1.audit['checkpoint-webhook'].$get()),
      );
      printWebhook(io, view, flags.json);
    },
  );
  auditCommand(
    webhook,
    'set',
    'post each checkpoint to URL, signed with --secret (or CHECKPOINT_WEBHOOK_SECRET)',
  )
    .requiredOption('--webhook <url>', 'the receiving URL')
    .option('--secret <secret>', 'shared HMAC-SHA256 secret (16+ characters)')
    .option('--unsigned', 'post without a signature')
    .action(async (flags: AuditFlags & { webhook: string; secret?: string; unsigned?: boolean }) => {
      const secret = flags.unsigned ? null : (flags.secret ?? io.env.CHECKPOINT_WEBHOOK_SECRET);
      await putWebhook(io, flags, { url: flags.webhook, ...(secret === undefined ? {} : { secret }) });
    });
  auditCommand(webhook, 'clear', 'stop posting checkpoints').action(async (flags: AuditFlags) => {
    await putWebhook(io, flags, { url: null });
  });
}

async function putWebhook(io: Io, flags: AuditFlags, body: { url: string | null; secret?: string | null }) {
  const target = await resolveTarget(flags, io.env, io.cwd);
  const view = await onAudit(
    target,
    flags,
    io,
    false,
    async (t) => putCheckpointWebhook({ ctx: t.ctx, input: body }),
    async (t): Promise<Webhook> =>
      remoteAnswer(remoteClient(t).v1.audit['checkpoint-webhook'].$put({ json: body })),
  );
  printWebhook(io, view, flags.json);
}

function printWebhook(io: Io, view: Webhook, json: boolean | undefined): void {
  if (json) return printJson(io, view);
  io.out(
    view.url === null
      ? 'no checkpoint webhook'
      : `checkpoints post to ${view.url}${view.signed ? ' (signed)' : ''}`,
  );
}
