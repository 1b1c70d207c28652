import { parentPort, workerData } from 'node:worker_threads';
import { WorkledgerError, isWorkledgerError, type ErrorCode } from '../../domain/errors.js';
import { openStore, type Store, type StoreOptions } from '../../store/connect.js';
import type { Actor, Ctx } from '../context.js';
import { jsonOf } from './json-text.js';
import { READ_VERBS, isReadVerbName } from './read-verbs.js';

/** One read a server thread hands to this reader thread. */
export interface ReadRequest {
  id: number;
  name: string;
  tenantId: string;
  actor: Actor;
  requestId: string;
  now: number;
  input: unknown;
  /** Answer the JSON text instead of the value: a large answer is serialised here, off the server thread. */
  json: boolean;
}

/** The answer, or the error as the transports know it (a WorkledgerError's code, message, field). */
export type ReadReply =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: { code: ErrorCode; message: string; field?: string } };

const options = (workerData as { storeOptions: StoreOptions }).storeOptions;
let store: Promise<Store> | null = null;

parentPort?.on('message', (request: ReadRequest) => {
  void answer(request).then((reply) => {
    // JSON bytes are moved, not copied: the server thread only writes them to the socket
    const bytes = reply.ok && reply.value instanceof Uint8Array ? reply.value.buffer : null;
    parentPort?.postMessage(reply, bytes instanceof ArrayBuffer ? [bytes] : []);
  });
});

const utf8 = new TextEncoder();

async function answer(request: ReadRequest): Promise<ReadReply> {
  try {
    if (!isReadVerbName(request.name))
      throw new WorkledgerError('INTERNAL', `not a read verb: ${request.name}`);
    // A reader opens the database read-only: WAL lets it read while the server thread writes.
    store ??= openStore(options, { migrate: false, readOnly: true });
    const ctx: Ctx = {
      store: await store,
      tenantId: request.tenantId,
      actor: request.actor,
      requestId: request.requestId,
      now: () => request.now,
    };
    // Safe: the input was built for this verb by runRead on the server thread and cloned as it was.
    const verb = READ_VERBS[request.name] as unknown as (v: { ctx: Ctx; input: unknown }) => Promise<unknown>;
    const value = await verb({ ctx, input: request.input });
    return { id: request.id, ok: true, value: request.json ? utf8.encode(jsonOf(value)) : value };
  } catch (error) {
    if (isWorkledgerError(error))
      return {
        id: request.id,
        ok: false,
        error: { code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}) },
      };
    const message = error instanceof Error ? error.message : String(error);
    return { id: request.id, ok: false, error: { code: 'INTERNAL', message: `reader thread: ${message}` } };
  }
}
