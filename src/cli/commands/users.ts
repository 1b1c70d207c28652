import type { Command } from 'commander';
import { WorkledgerError } from '../../domain/errors.js';
import type { Ctx } from '../../services/context.js';
import type { Store } from '../../services/runtime.js';
import { createUser, disableUser, listTenantUsers, setUserPassword } from '../../services/access/users.js';
import { openFromFlags, type DbFlags } from '../connection.js';
import { formatTable, printJson, type Io } from '../output.js';
import { withDbFlags } from '../flags.js';

interface UserFlags extends DbFlags {
  tenant?: string;
  email?: string;
  role?: string;
  password?: string;
  json?: boolean;
}

/** `workledger users`: dashboard sign-ins of a tenant, managed by the installation operator. */
export function registerUsers(program: Command, io: Io): void {
  const users = program.command('users').description('dashboard users of a tenant');
  withDbFlags(
    users
      .command('create')
      .description('create a dashboard user; without --password one is generated and printed once'),
  )
    .requiredOption('--tenant <id>', 'tenant id')
    .requiredOption('--email <email>', 'sign-in email (unique in the tenant)')
    .requiredOption('--role <role>', 'admin | operator | ingest | viewer')
    .option('--password <password>', 'at least 12 characters (prefer the generated one)')
    .option('--json', 'print JSON')
    .action(async (flags: UserFlags) =>
      withCtx(flags, io, async (ctx) => {
        const { user, password } = await createUser({
          ctx,
          input: { email: flags.email ?? '', role: flags.role ?? '', password: flags.password },
        });
        if (flags.json) printJson(io, { ...user, ...(password === null ? {} : { password }) });
        else io.out(password === null ? `created ${user.email} (${user.role})` : `${user.email} ${password}`);
      }),
    );
  withDbFlags(
    users
      .command('set-password')
      .description('set a user password (generated and printed when not given) and end their sessions'),
  )
    .requiredOption('--tenant <id>', 'tenant id')
    .requiredOption('--email <email>', 'the user')
    .option('--password <password>', 'at least 12 characters (prefer the generated one)')
    .option('--json', 'print JSON')
    .action(async (flags: UserFlags) =>
      withCtx(flags, io, async (ctx) => {
        const { user, password } = await setUserPassword({
          ctx,
          input: { email: flags.email ?? '', password: flags.password },
        });
        if (flags.json) printJson(io, { ...user, ...(password === null ? {} : { password }) });
        else io.out(password === null ? `password set for ${user.email}` : `${user.email} ${password}`);
      }),
    );
  withDbFlags(users.command('list').description('list the users of a tenant'))
    .requiredOption('--tenant <id>', 'tenant id')
    .option('--json', 'print JSON')
    .action(async (flags: UserFlags) =>
      withCtx(flags, io, async (ctx) => {
        const rows = await listTenantUsers(ctx);
        if (flags.json) printJson(io, { users: rows });
        else
          io.out(
            formatTable(
              ['id', 'email', 'role', 'created', 'disabled'],
              rows.map((u) => [u.id, u.email, u.role, u.created_at, u.disabled_at ?? '']),
            ),
          );
      }),
    );
  withDbFlags(
    users
      .command('disable')
      .description('disable a user: no more sign-ins, open sessions end; the user stays in the audit trail'),
  )
    .requiredOption('--tenant <id>', 'tenant id')
    .requiredOption('--email <email>', 'the user')
    .option('--json', 'print JSON')
    .action(async (flags: UserFlags) =>
      withCtx(flags, io, async (ctx) => {
        const user = await disableUser({ ctx, input: { email: flags.email ?? '' } });
        if (flags.json) printJson(io, user);
        else io.out(`disabled ${user.email} (${user.role}) at ${user.disabled_at ?? ''}`);
      }),
    );
}

async function withCtx(flags: UserFlags, io: Io, run: (ctx: Ctx) => Promise<void>): Promise<void> {
  if (!flags.tenant) throw new WorkledgerError('VALIDATION', '--tenant is required', 'tenant');
  const store: Store = await openFromFlags(flags, io.env);
  try {
    await run({
      store,
      tenantId: flags.tenant,
      actor: { kind: 'cli', user: io.env.USER ?? 'operator' },
      requestId: 'cli',
      now: Date.now,
    });
  } finally {
    await store.close();
  }
}

/** The demo tenant's dashboard sign-in: created on first run, given a fresh password on every run. */
export const DEMO_USER_EMAIL = 'demo@workledger.local';

export async function ensureDemoUser(ctx: Ctx): Promise<{ email: string; password: string }> {
  const existing = (await listTenantUsers(ctx)).some((u) => u.email === DEMO_USER_EMAIL);
  const { password } = existing
    ? await setUserPassword({ ctx, input: { email: DEMO_USER_EMAIL } })
    : await createUser({ ctx, input: { email: DEMO_USER_EMAIL, role: 'admin' } });
  if (password === null) throw new WorkledgerError('INTERNAL', 'no password was generated for the demo user');
  return { email: DEMO_USER_EMAIL, password };
}
