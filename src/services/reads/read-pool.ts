import { Worker } from 'node:worker_threads';
import { WorkledgerError } from '../../domain/errors.js';
import type { StoreOptions } from '../../store/connect.js';
import type { Ctx } from '../context.js';
import type { ReadInput, ReadOutput, ReadVerbName } from './read-verbs.js';
import type { ReadReply, ReadRequest } from './read-worker.js';
import type { ReadRunner } from './run-read.js';

/** Reader threads and the reads waiting for one. */
export interface ReadPool extends ReadRunner {
  close(): Promise<void>;
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Worker threads that run the analytical reads on their own read-only connections, so a year-long KPI
 * query never holds the server's event loop (DESIGN.md, Shape). Reads queue and go to the next free
 * thread; a thread that dies is replaced and its read fails with INTERNAL.
 */
export function createReadPool(storeOptions: StoreOptions, threads: number): ReadPool {
  let next = 1;
  const waiting: { request: ReadRequest; pending: Pending }[] = [];
  const busy = new Map<Worker, { id: number; pending: Pending }>();
  const idle: Worker[] = [];
  const workers = new Set<Worker>();
  let closed = false;

  const dispatch = () => {
    while (idle.length && waiting.length) {
      const worker = idle.pop();
      const job = waiting.shift();
      if (!worker || !job) break;
      busy.set(worker, { id: job.request.id, pending: job.pending });
      worker.postMessage(job.request);
    }
  };

  const spawn = () => {
    const worker = new Worker(workerUrl(), { workerData: { storeOptions } });
    workers.add(worker);
    worker.on('message', (reply: ReadReply) => {
      const job = busy.get(worker);
      busy.delete(worker);
      idle.push(worker);
      if (job) {
        if (reply.ok) job.pending.resolve(reply.value);
        else
          job.pending.reject(new WorkledgerError(reply.error.code, reply.error.message, reply.error.field));
      }
      dispatch();
    });
    worker.on('error', (error) => {
      const job = busy.get(worker);
      busy.delete(worker);
      job?.pending.reject(new WorkledgerError('INTERNAL', `reader thread failed: ${error.message}`));
    });
    worker.on('exit', () => {
      workers.delete(worker);
      const at = idle.indexOf(worker);
      if (at >= 0) idle.splice(at, 1);
      if (!closed) spawn();
      dispatch();
    });
    idle.push(worker);
  };
  for (let i = 0; i < Math.max(1, threads); i++) spawn();

  const send = (ctx: Ctx, name: ReadVerbName, input: unknown, json: boolean): Promise<unknown> => {
    if (closed) return Promise.reject(new WorkledgerError('UNAVAILABLE', 'the server is shutting down'));
    return new Promise<unknown>((resolve, reject) => {
      const request: ReadRequest = {
        id: next++,
        name,
        tenantId: ctx.tenantId,
        actor: ctx.actor,
        requestId: ctx.requestId,
        now: ctx.now(),
        input,
        json,
      };
      waiting.push({ request, pending: { resolve, reject } });
      dispatch();
    });
  };

  return {
    run<N extends ReadVerbName>(ctx: Ctx, name: N, input: ReadInput<N>): Promise<ReadOutput<N>> {
      // Safe: the reader answers this verb's output for this request.
      return send(ctx, name, input, false) as Promise<ReadOutput<N>>;
    },
    async runJson<N extends ReadVerbName>(
      ctx: Ctx,
      name: N,
      input: ReadInput<N>,
    ): Promise<Uint8Array<ArrayBuffer>> {
      const bytes = await send(ctx, name, input, true);
      if (!(bytes instanceof Uint8Array) || !(bytes.buffer instanceof ArrayBuffer))
        throw new WorkledgerError('INTERNAL', 'a reader answered no JSON');
      return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    },
    async close() {
      closed = true;
      for (const job of waiting.splice(0))
        job.pending.reject(new WorkledgerError('UNAVAILABLE', 'the server is shutting down'));
      await Promise.all([...workers].map((w) => w.terminate()));
    },
  };
}

/**
 * The reader thread's script: beside this module once built; when this module runs from its TypeScript
 * source (the test runner), the built copy in dist/ — a worker cannot load TypeScript (npm test builds first).
 */
function workerUrl(): URL {
  const here = new URL(import.meta.url);
  if (!here.pathname.endsWith('.ts')) return new URL('./read-worker.js', here);
  return new URL(
    here.href.replace('/src/services/reads/read-pool.ts', '/dist/src/services/reads/read-worker.js'),
  );
}
