import { randomBytes, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { WorkledgerError } from '../domain/errors.js';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../domain/password.js';
import { ROLES, type Role } from '../domain/roles.js';
import { deleteUserSessions } from '../store/queries/sessions.js';
import { findUserByEmail, insertUser, listUsers, updateUserPassword } from '../store/queries/users.js';
import { reader, requirePermission, withTransaction, type Ctx, type Verb } from './context.js';
import { writtenRowLeaf } from './audited-tables.js';
import { emitAudit } from './emit-audit.js';
import { deriveScryptKey } from './password-hasher.js';
import { getTenantSettings } from './tenant-settings.js';
import { parseInput } from './parse-input.js';

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
    };
    await insertUser(tx, row);
    const user: UserView = {
      id: row.id,
      tenant_id: row.tenant_id,
      email: row.email,
      role: parsed.role,
      created_at: new Date(now).toISOString(),
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

function userView(row: { id: string; tenant_id: string; email: string; role: string; created_at: number }) {
  const role = ROLES.find((r) => r === row.role);
  if (!role) throw new WorkledgerError('INTERNAL', `user ${row.id} has an unknown role ${row.role}`);
  return {
    id: row.id,
    tenant_id: row.tenant_id,
    email: row.email,
    role,
    created_at: new Date(row.created_at).toISOString(),
  };
}
