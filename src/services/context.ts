import type { Kysely, Transaction } from 'kysely';
import { WorkledgerError } from '../domain/errors.js';
import { canRole, type Permission, type Role } from '../domain/roles.js';
import type { Database } from '../store/schema.js';
import type { Store } from '../store/connect.js';

/** Who acts: an API key, a signed-in user, a scheduled job, or an operator at the CLI on the server. */
export type Actor =
  | { kind: 'api_key'; keyId: string; role: Role }
  | { kind: 'user'; userId: string; role: Role }
  | { kind: 'system'; job: string }
  | { kind: 'cli'; user: string };

/** Everything a service verb needs; built by each adapter (http, cli, jobs). */
export interface Ctx {
  readonly store: Store;
  readonly tenantId: string;
  readonly actor: Actor;
  readonly requestId: string;
  readonly now: () => number;
  readonly tx?: Transaction<Database>;
  /** Where analytical reads run when not in-process (the server's reader threads); absent: here. */
  readonly readers?: ReadRunner;
}

/**
 * Runs read verbs elsewhere (the server's reader threads), by name. Untyped here, so the context does not
 * depend on the verbs it is passed to; reads/run-read.ts types each call by the verb table.
 */
export interface ReadRunner {
  run(ctx: Ctx, name: string, input: unknown): Promise<unknown>;
  /** The same read, answered as its JSON (serialised and UTF-8 encoded where it ran). */
  runJson(ctx: Ctx, name: string, input: unknown): Promise<string | Uint8Array<ArrayBuffer>>;
}

export interface Verb<I> {
  ctx: Ctx;
  input: I;
}

/**
 * The context with its clock stopped at this moment: every `ctx.now()` of one read, or of one job run,
 * is the same instant. A read's default as-of and the clock it is compared with must agree: the KPI
 * reads use the rollups (and the kept settled periods) only for a read as of now, and a clock that
 * moved on between the two readings sent every in-process read (the CLI, jobs, a server without
 * reader threads) to the items instead. The reader threads stop the clock the same way.
 */
export function atOneInstant(ctx: Ctx): Ctx {
  const at = ctx.now();
  return { ...ctx, now: () => at };
}

export function actorLabel(actor: Actor): string {
  switch (actor.kind) {
    case 'api_key':
      return `key:${actor.keyId}`;
    case 'user':
      return `user:${actor.userId}`;
    case 'system':
      return `system:${actor.job}`;
    case 'cli':
      return `cli:${actor.user}`;
    default: {
      const unreachable: never = actor;
      return String(unreachable);
    }
  }
}

/** Throw FORBIDDEN unless the actor holds `permission`; system jobs and the local CLI hold all. */
export function requirePermission(ctx: Ctx, permission: Permission): void {
  const { actor } = ctx;
  if (actor.kind === 'system' || actor.kind === 'cli') return;
  if (!canRole(actor.role, permission))
    throw new WorkledgerError('FORBIDDEN', `role '${actor.role}' may not ${permission.replace('_', ' ')}`);
}

/** The open transaction if the caller has one, else the database. */
export function reader(ctx: Ctx): Kysely<Database> {
  return ctx.tx ?? ctx.store.db;
}

/** Run `fn` in the caller's transaction, or in a new one; verbs compose through ctx.tx. */
export async function withTransaction<T>(
  ctx: Ctx,
  fn: (tx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  if (ctx.tx) return fn(ctx.tx);
  return ctx.store.db.transaction().execute(fn);
}
