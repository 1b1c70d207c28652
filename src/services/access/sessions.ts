import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { WorkledgerError } from '../../domain/errors.js';
import { verifyPassword } from '../../domain/password.js';
import { canRole, isRole, PERMISSIONS, type Permission, type Role } from '../../domain/roles.js';
import { StoredText } from '../../domain/text.js';
import type { Store } from '../../store/connect.js';
import {
  deleteExpiredSessions,
  deleteSession,
  findSessionById,
  insertSession,
} from '../../store/queries/sessions.js';
import { findUserByEmail, listUsersByEmail, type UserRow } from '../../store/queries/users.js';
import { reader, withTransaction, type Ctx, type Verb } from '../context.js';
import { emitAudit } from '../audit/emit-audit.js';
import { deriveScryptKey } from './password-hasher.js';
import { getTenantSettings } from '../config/tenant-settings.js';
import { parseInput } from '../parse-input.js';
import { Email, newPasswordHash } from './users.js';

/** A session lasts a working day; signing in again starts a new one. */
export const SESSION_TTL_MS = 12 * 3_600_000;

/** The one answer to every failed sign-in, so it never tells which part was wrong. */
export const SIGN_IN_FAILED = 'email or password is wrong';

export const SignInInput = z.strictObject({
  tenant: StoredText.trim().min(1).max(200).optional(),
  email: z.string().max(320),
  password: z.string().max(1024),
});

export interface SessionView {
  user: { id: string; email: string; role: Role };
  tenant: { id: string; name: string; currency: string; time_zone: string };
  permissions: Permission[];
  csrf_token: string;
  expires_at: string;
}

export interface SignedIn extends SessionView {
  /** The cookie's secret; only its SHA-256 is stored. */
  token: string;
}

export interface AuthenticatedSession {
  tenantId: string;
  userId: string;
  role: Role;
  csrfToken: string;
}

function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

// Unknown emails are checked against this hash, so they take as long as a wrong password. A failed
// attempt (the scrypt queue was full) is not kept, so the next sign-in makes it again.
let dummyHash: Promise<string> | undefined;
function unknownUserHash(): Promise<string> {
  dummyHash ??= newPasswordHash(randomBytes(16).toString('hex')).catch((error: unknown) => {
    dummyHash = undefined;
    throw error;
  });
  return dummyHash;
}

/** Check an email and password and open a session; UNAUTHENTICATED with one uniform message otherwise. */
export async function signIn({
  store,
  now,
  requestId,
  input,
}: {
  store: Store;
  now: () => number;
  requestId: string;
  input: unknown;
}): Promise<SignedIn> {
  const parsed = parseInput(SignInInput, input);
  const email = Email.safeParse(parsed.email);
  let candidates: UserRow[] = [];
  if (email.success) {
    if (parsed.tenant === undefined) candidates = await listUsersByEmail(store.db, email.data);
    else {
      const one = await findUserByEmail(store.db, parsed.tenant, email.data);
      candidates = one ? [one] : [];
    }
  }
  const matches: UserRow[] = [];
  if (candidates.length === 0)
    await verifyPassword(parsed.password, await unknownUserHash(), deriveScryptKey);
  for (const user of candidates)
    if (await verifyPassword(parsed.password, user.password_hash, deriveScryptKey)) matches.push(user);
  const active = matches.filter((m) => m.disabled_at === null);
  // the password proved who it is: a disabled user is told so, not sent to retype it
  if (active.length === 0 && matches.length > 0)
    throw new WorkledgerError('UNAUTHENTICATED', 'this user is disabled: ask an admin of the tenant');
  const user = active[0];
  if (!user || !isRole(user.role)) throw new WorkledgerError('UNAUTHENTICATED', SIGN_IN_FAILED);
  if (active.length > 1)
    throw new WorkledgerError(
      'VALIDATION',
      'tenant: required, this email and password sign in to several tenants',
      'tenant',
    );
  const role = user.role;
  const ctx: Ctx = {
    store,
    tenantId: user.tenant_id,
    actor: { kind: 'user', userId: user.id, role },
    requestId,
    now,
  };
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  const at = now();
  const expiresAt = at + SESSION_TTL_MS;
  await withTransaction(ctx, async (tx) => {
    await deleteExpiredSessions(tx, ctx.tenantId, user.id, at);
    await insertSession(tx, {
      tenant_id: ctx.tenantId,
      id: tokenHash(token),
      user_id: user.id,
      csrf_token: csrfToken,
      expires_at: expiresAt,
      created_at: at,
    });
    await emitAudit(tx, ctx, {
      action: 'session.create',
      subject: `user:${user.id}`,
      detail: { email: user.email, role, expires_at: new Date(expiresAt).toISOString() },
    });
  });
  const tenant = await getTenantSettings(ctx);
  return {
    token,
    ...view(
      { id: user.id, email: user.email, role },
      { id: tenant.id, name: tenant.name, currency: tenant.currency, time_zone: tenant.time_zone },
      csrfToken,
      expiresAt,
    ),
  };
}

/** The tenant, user and role of a session token; UNAUTHENTICATED when unknown, expired or signed out. */
export async function authenticateSession(
  store: Store,
  token: string,
  now: number,
): Promise<AuthenticatedSession> {
  const row = await findSessionById(store.db, tokenHash(token));
  if (!row || row.expires_at <= now || row.disabled_at !== null || !isRole(row.role))
    throw new WorkledgerError('UNAUTHENTICATED', 'the session has expired or was signed out: sign in again');
  return { tenantId: row.tenant_id, userId: row.user_id, role: row.role, csrfToken: row.csrf_token };
}

/** Whether a request's X-CSRF-Token matches its session's, compared in constant time. */
export function isCsrfTokenValid(session: AuthenticatedSession, presented: string | undefined): boolean {
  if (presented === undefined) return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(session.csrfToken);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Who is signed in with `token`, the tenant's display settings, what the role may do, and the CSRF token. */
export async function describeSession({ ctx, input }: Verb<{ token: string }>): Promise<SessionView> {
  const row = await findSessionById(reader(ctx), tokenHash(input.token));
  if (!row || row.tenant_id !== ctx.tenantId || row.expires_at <= ctx.now() || !isRole(row.role))
    throw new WorkledgerError('UNAUTHENTICATED', 'no session: sign in with POST /v1/session');
  const tenant = await getTenantSettings(ctx);
  return view(
    { id: row.user_id, email: row.email, role: row.role },
    { id: tenant.id, name: tenant.name, currency: tenant.currency, time_zone: tenant.time_zone },
    row.csrf_token,
    row.expires_at,
  );
}

/** End the session of `token` (signing out twice is not an error). */
export async function signOut({ ctx, input }: Verb<{ token: string }>): Promise<void> {
  const id = tokenHash(input.token);
  await withTransaction(ctx, async (tx) => {
    await deleteSession(tx, ctx.tenantId, id);
    await emitAudit(tx, ctx, {
      action: 'session.end',
      subject: ctx.actor.kind === 'user' ? `user:${ctx.actor.userId}` : 'session',
    });
  });
}

function view(
  user: SessionView['user'],
  tenant: SessionView['tenant'],
  csrfToken: string,
  expiresAt: number,
) {
  return {
    user,
    tenant,
    permissions: PERMISSIONS.filter((p) => canRole(user.role, p)),
    csrf_token: csrfToken,
    expires_at: new Date(expiresAt).toISOString(),
  };
}
