import type { ErrorCode } from '../domain/errors.js';

/** The CLI's one mapping of error codes to exit codes. */
export const EXIT_CODE: Record<ErrorCode, number> = {
  VALIDATION: 2,
  UNSUPPORTED_MEDIA_TYPE: 2,
  LIMIT_EXCEEDED: 2,
  NOT_FOUND: 3,
  UNAUTHENTICATED: 4,
  FORBIDDEN: 4,
  CONFLICT: 5,
  // EX_TEMPFAIL of sysexits.h: the database (or the password pool) could not answer now; retry later.
  UNAVAILABLE: 75,
  INTERNAL: 1,
};
