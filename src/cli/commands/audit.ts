import type { Command } from 'commander';
import { z } from 'zod';
import { WorkledgerError } from '../../domain/errors.js';
import { verifyAudit, type AuditVerdict } from '../../services/verify-audit.js';
import { remoteGet, resolveTarget, type TenantFlags } from '../connection.js';
import { printJson, type Io } from '../output.js';
import { withTenantFlags } from '../flags.js';

const Verdict = z.union([
  z.object({ ok: z.literal(true), entries: z.number(), leaves: z.number(), head: z.string() }),
  z.object({
    ok: z.literal(false),
    entries_checked: z.number(),
    seq: z.number().nullable(),
    reason: z.string(),
  }),
]);

export function registerAudit(program: Command, io: Io): void {
  const audit = program.command('audit').description('the tamper-evident audit trail');
  withTenantFlags(
    audit
      .command('verify')
      .description('recompute the hash chain and Merkle roots; name the first bad entry'),
  )
    .option('--json', 'print JSON')
    .action(async (flags: TenantFlags & { json?: boolean }) => {
      const target = await resolveTarget(flags, io.env, io.cwd);
      let verdict: AuditVerdict;
      if (target.kind === 'remote') verdict = Verdict.parse(await remoteGet(target, '/v1/audit/verify'));
      else {
        try {
          verdict = await verifyAudit(target.ctx);
        } finally {
          await target.store.close();
        }
      }
      if (flags.json) printJson(io, verdict);
      else if (verdict.ok)
        io.out(
          `audit chain intact: ${verdict.entries} entries, ${verdict.leaves} records, head ${verdict.head}`,
        );
      if (!verdict.ok) throw new WorkledgerError('CONFLICT', `audit chain broken: ${verdict.reason}`);
    });
}
