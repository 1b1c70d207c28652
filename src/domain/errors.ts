/** Error codes every transport maps once: HTTP status in http/errors.ts, exit code in cli/exit-codes.ts. */
export const ERROR_CODES = [
  'VALIDATION',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'LIMIT_EXCEEDED',
  'UNSUPPORTED_MEDIA_TYPE',
  'UNAVAILABLE',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** The code, when `text` (an answer's `error.code`) is one. */
export function errorCodeOf(text: string): ErrorCode | undefined {
  return ERROR_CODES.find((code) => code === text);
}

/** The one error type the domain and services throw. */
export class WorkledgerError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;

  /** `options.cause` keeps the underlying error (a driver's) for the log, never for the client. */
  constructor(code: ErrorCode, message: string, field?: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'WorkledgerError';
    this.code = code;
    this.field = field;
  }
}

export function isWorkledgerError(value: unknown): value is WorkledgerError {
  return value instanceof WorkledgerError;
}
