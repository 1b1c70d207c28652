import { Worker } from 'node:worker_threads';
import type { StoreOptions } from '../services/runtime.js';
import type { JobName, JobRun } from '../services/jobs/run-job.js';
import type { JobReply, JobRequest } from './job-worker.js';

/** Runs scheduled jobs one at a time on a thread of their own. */
export interface JobThread {
  run(job: JobName, now: () => number, tenantId?: string): Promise<JobRun[]>;
  close(): Promise<void>;
}

/**
 * The jobs' own thread with its own connection: the durability job's commits (and, on SQLite, their
 * fsync) never hold the server's event loop. Jobs run in turn; the thread is replaced if it dies.
 */
export function createJobThread(storeOptions: StoreOptions): JobThread {
  let next = 1;
  const pending = new Map<number, { resolve: (runs: JobRun[]) => void; reject: (error: Error) => void }>();
  let closed = false;
  let worker = spawn();

  function spawn(): Worker {
    const thread = new Worker(workerUrl(), { workerData: { storeOptions } });
    thread.on('message', (reply: JobReply) => {
      const job = pending.get(reply.id);
      pending.delete(reply.id);
      if (!job) return;
      if (reply.ok) job.resolve(reply.runs);
      else job.reject(new Error(reply.message));
    });
    thread.on('exit', () => {
      for (const job of pending.values()) job.reject(new Error('the job thread stopped'));
      pending.clear();
      if (!closed) worker = spawn();
    });
    return thread;
  }

  return {
    run(job, now, tenantId) {
      if (closed) return Promise.reject(new Error('the server is shutting down'));
      return new Promise<JobRun[]>((resolve, reject) => {
        const id = next++;
        pending.set(id, { resolve, reject });
        const request: JobRequest = { id, job, now: now(), ...(tenantId ? { tenantId } : {}) };
        worker.postMessage(request);
      });
    },
    async close() {
      closed = true;
      await worker.terminate();
    },
  };
}

/** The job thread's script, beside this module once built (from dist/ when run from the TypeScript source). */
function workerUrl(): URL {
  const here = new URL(import.meta.url);
  if (!here.pathname.endsWith('.ts')) return new URL('./job-worker.js', here);
  return new URL(here.href.replace('/src/jobs/job-thread.ts', '/dist/src/jobs/job-worker.js'));
}
