import { isWorkledgerError, WorkledgerError } from '../domain/errors.js';

/** Where a driver error arose: opening or checking out a connection, or running a statement on one. */
export type DriverPhase = 'connect' | 'query';

// Socket errors: the server is down, unreachable, or dropped the connection.
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

// PostgreSQL SQLSTATE classes 08 (connection exception) and 53 (insufficient resources: 53300 too many
// connections, 53100 disk full); 57P01–57P03 and 57P05 the server ended or refused the session;
// 55P03 a lock not granted within lock_timeout (connect.ts sets it).
const SQLSTATE_CLASSES = ['08', '53'];
const SQLSTATES = new Set(['57P01', '57P02', '57P03', '57P05', '55P03']);

// better-sqlite3 codes, extended ones included (SQLITE_BUSY_SNAPSHOT, SQLITE_IOERR_WRITE, …): the file is
// locked past busy_timeout, cannot be read or written, or the disk is full.
const SQLITE_PREFIXES = ['SQLITE_BUSY', 'SQLITE_IOERR', 'SQLITE_CANTOPEN', 'SQLITE_FULL'];

// pg's own errors for a connection that died under a query carry no code, only these messages.
const PG_CONNECTION_LOST = new Set([
  'Connection terminated',
  'Connection terminated unexpectedly',
  'Client has encountered a connection error and is not queryable',
  'Client was closed and is not queryable',
]);

function errorCode(error: object): string | undefined {
  return 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

/** Why `error` means the database cannot answer now (a code, never the server's text), else undefined. */
export function unavailableReason(error: unknown, phase: DriverPhase): string | undefined {
  if (typeof error !== 'object' || error === null) return phase === 'connect' ? 'cannot connect' : undefined;
  const code = errorCode(error);
  if (code !== undefined) {
    if (NETWORK_CODES.has(code)) return code;
    if (SQLSTATES.has(code) || SQLSTATE_CLASSES.some((c) => code.length === 5 && code.startsWith(c)))
      return `SQLSTATE ${code}`;
    if (SQLITE_PREFIXES.some((prefix) => code.startsWith(prefix))) return code;
  }
  if (error instanceof Error && PG_CONNECTION_LOST.has(error.message)) return 'connection lost';
  // No connection could be had at all (refused, timed out, pool full, database closed to connections).
  if (phase === 'connect') return code === undefined ? 'cannot connect' : `cannot connect: ${code}`;
  return undefined;
}

/**
 * The one place driver errors become UNAVAILABLE (HTTP 503 with Retry-After, CLI exit 75); any other
 * error, and a WorkledgerError already, passes through unchanged.
 */
export function translateDriverError(error: unknown, phase: DriverPhase): unknown {
  if (isWorkledgerError(error)) return error;
  const reason = unavailableReason(error, phase);
  if (reason === undefined) return error;
  return new WorkledgerError(
    'UNAVAILABLE',
    `the database is unavailable (${reason}); retry shortly`,
    undefined,
    {
      cause: error,
    },
  );
}
