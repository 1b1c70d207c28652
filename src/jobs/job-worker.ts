import { parentPort, workerData } from 'node:worker_threads';
import { isWorkledgerError } from '../domain/errors.js';
import { openStore, type Store, type StoreOptions } from '../services/runtime.js';
import { isJobName, runJob, type JobRun } from '../services/jobs/run-job.js';

/** A job a server thread hands to the job thread. */
export interface JobRequest {
  id: number;
  job: string;
  now: number;
  tenantId?: string;
}

export type JobReply = { id: number; ok: true; runs: JobRun[] } | { id: number; ok: false; message: string };

const options = (workerData as { storeOptions: StoreOptions }).storeOptions;
let store: Promise<Store> | null = null;

parentPort?.on('message', (request: JobRequest) => {
  void answer(request).then((reply) => parentPort?.postMessage(reply));
});

async function answer(request: JobRequest): Promise<JobReply> {
  try {
    if (!isJobName(request.job)) throw new Error(`not a job: ${request.job}`);
    // Its own read-write connection: SQLite commits (and their fsync) happen on this thread.
    store ??= openStore(options, { migrate: false });
    const clock = Date.now() - request.now;
    const runs = await runJob(await store, request.job, () => Date.now() - clock, request.tenantId);
    return { id: request.id, ok: true, runs };
  } catch (error) {
    const message = isWorkledgerError(error) || error instanceof Error ? error.message : String(error);
    return { id: request.id, ok: false, message };
  }
}
