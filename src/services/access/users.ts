import { randomBytes, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { WorkledgerError } from '../../domain/errors.js';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../../domain/password.js';
import { ROLES, type Role } from '../../domain/roles.js';
import { deleteUserSessions } from '../../store/queries/sessions.js';
import {
  findUserByEmail,
  getUser,
  insertUser,
  listUsers,
  setUserDisabled,
  updateUserPassword,
} from '../../store/queries/users.js';
import { reader, requirePermission, withTransaction, type Ctx, type Verb } from '../context.js';
import { writtenRowLeaf } from '../audit/audited-tables.js';
import { emitAudit } from '../audit/emit-audit.js';
import { deriveScryptKey } from './password-hasher.js';
import { getTenantSettings } from '../config/tenant-settings.js';
import { parseInput } from '../parse-input.js';

/** Emails are compared trimmed and lower-cased: one person, one account per tenant. */
export const Email = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email('an email address like ana@example.com').max(320));

const Password = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(1024, 'at most 1024 characters');

export const CreateUserInput = z.strictObject({
  email: Email,
  role: z.enum(ROLES, `one of ${ROLES.join(', ')}`),
  password: Password.optional(),
});

export interface UserView {
  id: string;
  tenant_id: string;
  email: string;
  role: Role;
  created_at: string;
  /** When an admin disabled the user; null: active. */
  disabled_at: string | null;
}

/** A password for people to copy once: 24 characters, 144 random bits. */
function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}

/** The stored hash of a new password, with a fresh random salt, derived on the scrypt worker pool. */
export async function newPasswordHash(password: string): Promise<string> {
  return hashPassword(password, randomBytes(16), deriveScryptKey);
}

/** Create a dashboard user; without a password one is generated and returned, once. */
export async function createUser({
  ctx,
  input,
}: Verb<{ email: string; role: string; password?: string }>): Promise<{
  user: UserView;
  password: string | null;
}> {
  requirePermission(ctx, 'manage_keys');
  const parsed = parseInput(CreateUserInput, input);
  await getTenantSettings(ctx);
  const password = parsed.password ?? generatePassword();
  const passwordHash = await newPasswordHash(password);
  return withTransaction(ctx, async (tx) => {
    if (await findUserByEmail(tx, ctx.tenantId, parsed.email))
      throw new WorkledgerError(
        'CONFLICT',
        `email: ${parsed.email} already has a user in this tenant`,
        'email',
      );
    const now = ctx.now();
    const row = {
      tenant_id: ctx.tenantId,
      id: `usr_${randomUUID().replaceAll('-', '').slice(0, 16)}`,
      email: parsed.email,
      password_hash: passwordHash,
      role: parsed.role,
      created_at: now,
      updated_at: now,
      disabled_at: null,
    };
    await insertUser(tx, row);
    const user: UserView = {
      id: row.id,
      tenant_id: row.tenant_id,
      email: row.email,
      role: parsed.role,
      created_at: new Date(now).toISOString(),
      disabled_at: null,
    };
    await emitAudit(tx, ctx, {
      action: 'user.create',
      subject: `user:${row.id}`,
      detail: { after: user },
      leaves: [await writtenRowLeaf(tx, ctx.tenantId, 'user', [row.id])],
    });
    return { user, password: parsed.password === undefined ? password : null };
  });
}

/** Set a user's password (generated when not given) and end their open sessions. */
export async function setUserPassword({
  ctx,
  input,
}: Verb<{ email: string; password?: string }>): Promise<{ user: UserView; password: string | null }> {
  requirePermission(ctx, 'manage_keys');
  const email = parseInput(Email, input.email, 'email');
  const given = input.password === undefined ? undefined : parseInput(Password, input.password, 'password');
  const password = given ?? generatePassword();
  const passwordHash = await newPasswordHash(password);
  return withTransaction(ctx, async (tx) => {
    const row = await findUserByEmail(tx, ctx.tenantId, email);
    if (!row) throw new WorkledgerError('NOT_FOUND', `email: no user ${email} in this tenant`, 'email');
    await updateUserPassword(tx, ctx.tenantId, row.id, passwordHash, ctx.now());
    await deleteUserSessions(tx, ctx.tenantId, row.id);
    await emitAudit(tx, ctx, {
      action: 'user.set_password',
      subject: `user:${row.id}`,
      leaves: [await writtenRowLeaf(tx, ctx.tenantId, 'user', [row.id])],
    });
    return { user: userView(row), password: given === undefined ? password : null };
  });
}

/** The tenant's users (never their hashes). */
export async function listTenantUsers(ctx: Ctx): Promise<UserView[]> {
  requirePermission(ctx, 'manage_keys');
  return (await listUsers(reader(ctx), ctx.tenantId)).map(userView);
}

/**
 * Disable a user (by email): no more sign-ins, and their open sessions end at once (audited). The user
 * stays, so the audit trail keeps naming who did what. Disabling a disabled user changes nothing.
 */
export async function disableUser({
  ctx,
  input,
}: Verb<{ email: string } | { id: string }>): Promise<UserView> {
  requirePermission(ctx, 'manage_keys');
  const by =
    'email' in input
      ? ({ field: 'email', value: parseInput(Email, input.email, 'email') } as const)
      : ({ field: 'id', value: parseInput(z.string().trim().min(1).max(200), input.id, 'id') } as const);
  return withTransaction(ctx, async (tx) => {
    const row =
      by.field === 'email'
        ? await findUserByEmail(tx, ctx.tenantId, by.value)
        : await getUser(tx, ctx.tenantId, by.value);
    if (!row)
      throw new WorkledgerError('NOT_FOUND', `${by.field}: no user ${by.value} in this tenant`, by.field);
    if (ctx.actor.kind === 'user' && ctx.actor.userId === row.id)
      throw new WorkledgerError('CONFLICT', `${by.field}: an admin cannot disable their own user`, by.field);
    if (row.disabled_at !== null) return userView(row);
    const now = ctx.now();
    await setUserDisabled(tx, ctx.tenantId, row.id, now);
    await deleteUserSessions(tx, ctx.tenantId, row.id);
    await emitAudit(tx, ctx, {
      action: 'user.disable',
      subject: `user:${row.id}`,
      detail: { email: row.email, role: row.role },
      leaves: [await writtenRowLeaf(tx, ctx.tenantId, 'user', [row.id])],
    });
    return userView({ ...row, disabled_at: now });
  });
}

function userView(row: {
  id: string;
  tenant_id: string;
  email: string;
  role: string;
  created_at: number;
  disabled_at: number | null;
}): UserView {
  const role = ROLES.find((r) => r === row.role);
  if (!role) throw new WorkledgerError('INTERNAL', `user ${row.id} has an unknown role ${row.role}`);
  return {
    id: row.id,
    tenant_id: row.tenant_id,
    email: row.email,
    role,
    created_at: new Date(row.created_at).toISOString(),
    disabled_at: row.disabled_at === null ? null : new Date(row.disabled_at).toISOString(),
  };
}
