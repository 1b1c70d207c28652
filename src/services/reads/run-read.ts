import { atOneInstant, type Ctx } from '../context.js';
import { jsonOf } from './json-text.js';
import { READ_VERBS, type ReadInput, type ReadOutput, type ReadVerbName } from './read-verbs.js';

export type { ReadRunner } from '../context.js';

/**
 * Run an analytical read: on the reader threads when the server has them and the read is not part of a
 * transaction (SQLite's long reads must not hold the event loop), else in-process.
 */
export async function runRead<N extends ReadVerbName>(
  ctx: Ctx,
  name: N,
  input: ReadInput<N>,
): Promise<ReadOutput<N>> {
  // Safe: a reader thread runs READ_VERBS[name] on the input, so it answers ReadOutput<name>.
  if (ctx.readers && ctx.tx === undefined) return (await ctx.readers.run(ctx, name, input)) as ReadOutput<N>;
  // Safe: READ_VERBS[name] takes ReadInput<name> and answers ReadOutput<name> by their definition.
  const verb = READ_VERBS[name] as unknown as (v: {
    ctx: Ctx;
    input: ReadInput<N>;
  }) => Promise<ReadOutput<N>>;
  return verb({ ctx: atOneInstant(ctx), input });
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
  return jsonOf(await runRead(ctx, name, input));
}
