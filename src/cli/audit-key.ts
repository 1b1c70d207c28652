import type { Command } from 'commander';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { instanceKeyFromPem, type InstanceKey } from '../domain/audit/instance-key.js';
import { WorkledgerError } from '../domain/errors.js';
import type { Store } from '../services/runtime.js';

/** The file name of the instance's Ed25519 private key (PKCS#8 PEM, readable by its owner only). */
export const AUDIT_KEY_FILE = 'workledger-audit-key.pem';

/** The flag of commands that sign or check checkpoints. */
export interface AuditKeyFlags {
  auditKeyDir?: string;
}

/**
 * Where the instance key lives, outside the database, read once at start-up: --audit-key-dir or
 * WORKLEDGER_AUDIT_KEY_DIR, else beside the SQLite file, else (PostgreSQL) ~/.workledger.
 */
export function auditKeyPath(flags: AuditKeyFlags, env: NodeJS.ProcessEnv, store: Store): string {
  const dir =
    flags.auditKeyDir ??
    env.WORKLEDGER_AUDIT_KEY_DIR ??
    (store.engine === 'sqlite'
      ? path.dirname(path.resolve(store.location))
      : path.join(env.HOME ?? homedir(), '.workledger'));
  return path.join(dir, AUDIT_KEY_FILE);
}

/** Read the instance key at `file`, creating a new Ed25519 key there first when `create` and it is absent. */
export function loadInstanceKey(file: string, { create }: { create: boolean }): InstanceKey | null {
  if (!existsSync(file)) {
    if (!create) return null;
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const { privateKey } = generateKeyPairSync('ed25519');
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    try {
      // 'wx': when two processes start at once, the first key written wins and the other reads it.
      writeFileSync(file, pem, { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  try {
    return instanceKeyFromPem(readFileSync(file, 'utf8'));
  } catch (error) {
    if (error instanceof WorkledgerError) throw new WorkledgerError(error.code, `${file}: ${error.message}`);
    throw error;
  }
}

/** The instance key for a command on `store`: its file per the flags, created on first use when `create`. */
export function openInstanceKey(
  flags: AuditKeyFlags,
  env: NodeJS.ProcessEnv,
  store: Store,
  options: { create: boolean },
): InstanceKey | null {
  return loadInstanceKey(auditKeyPath(flags, env, store), options);
}

/** --audit-key-dir on the commands that sign or check checkpoints. */
export function withAuditKeyFlag(command: Command): Command {
  return command.option(
    '--audit-key-dir <dir>',
    `folder of ${AUDIT_KEY_FILE} (or WORKLEDGER_AUDIT_KEY_DIR; default beside the SQLite file, or ~/.workledger)`,
  );
}
