import type { Ctx } from '../context.js';
import { READ_VERBS, type ReadInput, type ReadOutput, type ReadVerbName } from './read-verbs.js';

/** Runs read verbs somewhere else (the reader threads of read-pool.ts), as the composition root wires it. */
export interface ReadRunner {
  run<N extends ReadVerbName>(ctx: Ctx, name: N, input: ReadInput<N>): Promise<ReadOutput<N>>;
  /** The same read, answered as its JSON (serialised and UTF-8 encoded where it ran). */
  runJson<N extends ReadVerbName>(ctx: Ctx, name: N, input: ReadInput<N>): Promise<JsonBody>;
}

/**
 * Run an analytical read: on the reader threads when the server has them and the read is not part of a
 * transaction (SQLite's long reads must not hold the event loop), else in-process.
 */
export async function runRead<N extends ReadVerbName>(
  ctx: Ctx,
  name: N,
  input: ReadInput<N>,
): Promise<ReadOutput<N>> {
  if (ctx.readers && ctx.tx === undefined) return ctx.readers.run(ctx, name, input);
  // Safe: READ_VERBS[name] takes ReadInput<name> and answers ReadOutput<name> by their definition.
  const verb = READ_VERBS[name] as unknown as (v: {
    ctx: Ctx;
    input: ReadInput<N>;
  }) => Promise<ReadOutput<N>>;
  return verb({ ctx, input });
}

/** JSON for an HTTP answer: text, or its UTF-8 bytes when a reader thread made it. */
export type JsonBody = string | Uint8Array<ArrayBuffer>;

/**
 * An analytical read as JSON, for an HTTP answer: a large answer is never serialised or encoded on the
 * server thread (a year by agent × week is about 12 MB, 25–40 ms of the event loop to copy and encode).
 */
export async function runReadJson<N extends ReadVerbName>(
  ctx: Ctx,
  name: N,
  input: ReadInput<N>,
): Promise<JsonBody> {
  if (ctx.readers && ctx.tx === undefined) return ctx.readers.runJson(ctx, name, input);
  return JSON.stringify(await runRead(ctx, name, input));
}
