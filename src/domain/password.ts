import { timingSafeEqual } from 'node:crypto';

/** scrypt cost parameters (OWASP's minimum for scrypt: N=2^17, r=8, p=1) and the derived key length. */
export const SCRYPT_PARAMS = { N: 2 ** 17, r: 8, p: 1, keyLength: 64 } as const;
/** Passwords shorter than this are refused (NIST SP 800-63B asks for at least 8; a ledger asks more). */
export const MIN_PASSWORD_LENGTH = 12;

/** One scrypt derivation, with node:crypto's option names (`maxmem` leaves room for N and r). */
export interface ScryptJob {
  readonly password: string;
  readonly salt: Uint8Array;
  readonly keyLength: number;
  readonly N: number;
  readonly r: number;
  readonly p: number;
  readonly maxmem: number;
}

/** Runs one scrypt derivation; the runtime supplies it (services/access/password-hasher.ts), the domain only asks. */
export type DeriveKey = (job: ScryptJob) => Promise<Uint8Array>;

function scryptJob(
  password: string,
  salt: Uint8Array,
  params: { N: number; r: number; p: number; keyLength: number },
): ScryptJob {
  return {
    password: password.normalize('NFKC'),
    salt,
    keyLength: params.keyLength,
    N: params.N,
    r: params.r,
    p: params.p,
    maxmem: 256 * params.N * params.r,
  };
}

/**
 * The stored form of a password: `scrypt$N$r$p$salt$hash` (salt and hash base64url), so the
 * parameters can be raised later without invalidating existing hashes. The caller supplies a random salt.
 */
export async function hashPassword(
  password: string,
  salt: Buffer,
  derive: DeriveKey,
  params: { N: number; r: number; p: number; keyLength: number } = SCRYPT_PARAMS,
): Promise<string> {
  const key = Buffer.from(await derive(scryptJob(password, salt, params)));
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64url'), key.toString('base64url')].join(
    '$',
  );
}

/** Whether `password` matches `stored`; compares in constant time, and false for a malformed hash. */
export async function verifyPassword(password: string, stored: string, derive: DeriveKey): Promise<boolean> {
  const parts = stored.split('$');
  const [scheme, n, r, p, saltText, hashText] = parts;
  if (parts.length !== 6 || scheme !== 'scrypt' || saltText === undefined || hashText === undefined)
    return false;
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  if (![params.N, params.r, params.p].every((v) => Number.isInteger(v) && v > 0)) return false;
  const expected = Buffer.from(hashText, 'base64url');
  if (expected.length === 0) return false;
  const salt = Buffer.from(saltText, 'base64url');
  const actual = await derive(scryptJob(password, salt, { ...params, keyLength: expected.length }));
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
