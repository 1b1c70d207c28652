import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { z } from 'zod';
import { WorkledgerError } from '../../domain/errors.js';
import type { DeriveKey, ScryptJob } from '../../domain/password.js';

// A CommonJS script run with `eval`, so the same code starts from the TypeScript sources under Vitest
// and from dist without a loader; it only runs scryptSync, the domain keeps the format and parameters.
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { scryptSync } = require('node:crypto');
parentPort.on('message', (job) => {
  try {
    const options = { N: job.N, r: job.r, p: job.p, maxmem: job.maxmem };
    parentPort.postMessage({ key: scryptSync(job.password, job.salt, job.keyLength, options) });
  } catch (error) {
    parentPort.postMessage({ error: error instanceof Error ? error.message : String(error) });
  }
});
`;

const WorkerAnswer = z.union([z.object({ key: z.instanceof(Uint8Array) }), z.object({ error: z.string() })]);

/** How many scrypt workers run at once, and how many derivations may wait for one before refusing. */
export interface ScryptPoolOptions {
  readonly workers: number;
  readonly maxQueued: number;
}

// Two workers (one on a single CPU) sign in as fast as libuv's pool did on two CPUs, and zlib and fs keep
// all its threads; 32 waiting is about 4 s of work at 250 ms a derivation, past that UNAVAILABLE (503).
/** The process pool's size: two workers at most, and 32 derivations waiting before a refusal. */
export const SCRYPT_POOL: ScryptPoolOptions = {
  workers: Math.min(2, os.availableParallelism()),
  maxQueued: 32,
};

/** A pool of worker threads that run scrypt, so it never occupies libuv's shared thread pool. */
export interface ScryptPool {
  readonly derive: DeriveKey;
  close(): Promise<void>;
}

interface Pending {
  readonly job: ScryptJob;
  resolve(key: Uint8Array): void;
  reject(error: unknown): void;
}

/** A scrypt pool whose workers start on first use; a full queue refuses with UNAVAILABLE. */
export function createScryptPool({ workers, maxQueued }: ScryptPoolOptions): ScryptPool {
  const live = new Set<Worker>();
  const idle: Worker[] = [];
  const busy = new Map<Worker, Pending>();
  const queue: Pending[] = [];
  let closed = false;

  function settle(worker: Worker, message: unknown): void {
    const pending = busy.get(worker);
    busy.delete(worker);
    // An idle worker never keeps the process alive; a busy one does, so an awaited hash is not cut short.
    worker.unref();
    idle.push(worker);
    const answer = WorkerAnswer.safeParse(message);
    if (!answer.success) pending?.reject(new Error('scrypt worker: unreadable answer'));
    else if ('key' in answer.data) pending?.resolve(answer.data.key);
    else pending?.reject(new Error(`scrypt: ${answer.data.error}`));
    dispatch();
  }

  function forget(worker: Worker, error: Error): void {
    // 'error' is followed by 'exit': the worker is forgotten, and its job rejected, once.
    if (!live.delete(worker)) return;
    const at = idle.indexOf(worker);
    if (at !== -1) idle.splice(at, 1);
    const pending = busy.get(worker);
    busy.delete(worker);
    pending?.reject(error);
    dispatch();
  }

  function spawn(): Worker {
    const worker = new Worker(WORKER_SOURCE, { eval: true });
    live.add(worker);
    worker.on('message', (message: unknown) => settle(worker, message));
    worker.on('error', (error) => forget(worker, error));
    worker.on('exit', (code) => forget(worker, new Error(`scrypt worker exited with code ${code}`)));
    return worker;
  }

  function dispatch(): void {
    while (!closed && queue.length > 0) {
      const worker = idle.pop() ?? (live.size < workers ? spawn() : undefined);
      if (!worker) return;
      const pending = queue.shift();
      if (!pending) return;
      busy.set(worker, pending);
      worker.ref();
      worker.postMessage(pending.job);
    }
  }

  return {
    derive(job) {
      if (closed) return Promise.reject(new Error('the scrypt pool is closed'));
      // dispatch runs after every change, so anything still queued waits behind busy workers
      if (queue.length >= maxQueued)
        return Promise.reject(
          new WorkledgerError('UNAVAILABLE', 'too many password checks at once; retry in a few seconds'),
        );
      return new Promise<Uint8Array>((resolve, reject) => {
        queue.push({ job, resolve, reject });
        dispatch();
      });
    },
    async close() {
      closed = true;
      for (const pending of queue.splice(0)) pending.reject(new Error('the scrypt pool is closed'));
      await Promise.all([...live].map((worker) => worker.terminate()));
    },
  };
}

// One pool per process, like libuv's own: it holds threads, not state, so tests and apps can share it.
let processPool: ScryptPool | undefined;

/** Derive a scrypt key on the process's dedicated worker pool, started on the first password check. */
export const deriveScryptKey: DeriveKey = (job) => {
  processPool ??= createScryptPool(SCRYPT_POOL);
  return processPool.derive(job);
};
