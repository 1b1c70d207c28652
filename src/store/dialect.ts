/** The two engines; the only place that knows they differ. */
export type Engine = 'sqlite' | 'postgres';

export interface DialectHelpers {
  /** Rows per multi-row INSERT so the statement stays under the engine's parameter limit. */
  readonly maxParameters: number;
  /** Whether a job must take an advisory lock so one replica runs it. */
  readonly needsJobLock: boolean;
  /** Whether SELECT … FOR UPDATE exists (SQLite locks the whole file for a write instead). */
  readonly supportsRowLocks: boolean;
}

export function dialectHelpers(engine: Engine): DialectHelpers {
  switch (engine) {
    case 'sqlite':
      return { maxParameters: 32_000, needsJobLock: false, supportsRowLocks: false };
    case 'postgres':
      return { maxParameters: 60_000, needsJobLock: true, supportsRowLocks: true };
    default: {
      const unreachable: never = engine;
      throw new Error(`unknown engine ${String(unreachable)}`);
    }
  }
}

/** Split rows into chunks of at most `maxParameters / columns` rows. */
export function chunkRows<T>(rows: readonly T[], columns: number, maxParameters: number): T[][] {
  const size = Math.max(1, Math.floor(maxParameters / Math.max(1, columns)));
  const chunks: T[][] = [];
  for (let i = 0; i < rows.length; i += size) chunks.push(rows.slice(i, i + size));
  return chunks;
}
