/**
 * Import jobs: each preview, import or undo runs in a worker thread (worker.ts) with its own database
 * connection, so the host's thread (Electron's main process, the HTTP host) never blocks. Progress
 * is read from shared memory; cancel sets a shared flag the worker checks between chunks.
 */
import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { ApiError, type ApiErrorShape, type ErrorCode } from '../errors.ts';
import type { ImportProgress, ImportSummary, JobState } from './contract.ts';
import { PHASES, PROGRESS_SLOTS, type WorkerInput, type WorkerOutput } from './worker.ts';
import { workerFile } from './worker-file.ts';

interface Job {
  id: string;
  kind: WorkerInput['kind'];
  worker: Worker;
  progress: Float64Array;
  cancel: Int32Array;
  state: JobState;
  result: unknown;
  error: ApiErrorShape | null;
  done: Promise<void>;
  finishedAt: number | null;
}

const jobs = new Map<string, Job>();
/** How a job's messages name it. */
const JOB_NAMES: Record<WorkerInput['kind'], string> = {
  import: 'The import', preview: 'The check of the file', undo: 'Undoing the import', pack: 'Loading the pack',
};
const KEEP_FINISHED = 20;
/** A worker that does not stop within this time after cancel is terminated (its transaction dies with it). */
const CANCEL_GRACE_MS = 5000;

function prune(): void {
  const finished = [...jobs.values()].filter((j) => j.finishedAt !== null).sort((a, b) => (a.finishedAt ?? 0) - (b.finishedAt ?? 0));
  while (finished.length > KEEP_FINISHED) jobs.delete(finished.shift()!.id);
}

/** Starts a worker; the returned job settles (state done/failed/cancelled) when it ends, however it ends. */
export function startJob(kind: WorkerInput['kind'], dbPath: string, options: WorkerInput['options']): Job {
  if (!dbPath || dbPath === ':memory:') throw new ApiError('internal', 'Imports need a database file (not an in-memory database).');
  const progressBuffer = new SharedArrayBuffer(8 * 6);
  const cancelBuffer = new SharedArrayBuffer(4);
  const input: WorkerInput = { kind, dbPath, options, progress: progressBuffer, cancel: cancelBuffer };
  const worker = new Worker(workerFile(), { workerData: input, resourceLimits: { maxOldGenerationSizeMb: 256 } });
  const job: Job = {
    id: randomUUID(), kind, worker, progress: new Float64Array(progressBuffer), cancel: new Int32Array(cancelBuffer),
    state: 'running', result: null, error: null, done: Promise.resolve(), finishedAt: null,
  };
  job.done = new Promise<void>((resolve) => {
    const finish = (state: JobState, result: unknown, error: ApiErrorShape | null): void => {
      if (job.state !== 'running') return;
      job.state = state;
      job.result = result;
      job.error = error;
      job.finishedAt = Date.now();
      resolve();
      prune();
    };
    worker.once('message', (message: WorkerOutput) => {
      if (message.ok) finish('done', message.result, null);
      else finish(message.error.code === 'cancelled' ? 'cancelled' : 'failed', null, message.error as ApiErrorShape);
    });
    const what = JOB_NAMES[kind];
    worker.once('error', (error) => finish('failed', null, { code: 'internal', message: `${what} stopped: ${error.message}. Nothing was changed.` }));
    worker.once('exit', (code) => {
      if (Atomics.load(job.cancel, 0) === 1) finish('cancelled', null, { code: 'cancelled', message: `${what} was cancelled: nothing was changed.` });
      else finish('failed', null, { code: 'internal', message: `${what} stopped unexpectedly (exit code ${code}). Nothing was changed.` });
    });
  });
  jobs.set(job.id, job);
  return job;
}

/** Runs a job to its end and returns its result or throws its error. */
export async function runJob<T>(kind: WorkerInput['kind'], dbPath: string, options: WorkerInput['options']): Promise<T> {
  const job = startJob(kind, dbPath, options);
  await job.done;
  jobs.delete(job.id);
  if (job.state === 'done') return job.result as T;
  throw new ApiError((job.error?.code ?? 'internal') as ErrorCode, job.error?.message ?? 'The job failed.', job.error?.details);
}

function getJob(jobId: string): Job {
  const job = jobs.get(jobId);
  if (!job) throw new ApiError('not-found', `No import job ${jobId} (finished jobs are kept for a while only).`);
  return job;
}

export function jobProgress(jobId: string): ImportProgress {
  const job = getJob(jobId);
  const p = job.progress;
  const phase = job.state === 'running' ? (PHASES[p[PROGRESS_SLOTS.phase] ?? 0] ?? 'starting') : 'finished';
  return {
    jobId,
    state: job.state,
    phase,
    bytesRead: p[PROGRESS_SLOTS.bytesRead] ?? 0,
    bytesTotal: p[PROGRESS_SLOTS.bytesTotal] ?? 0,
    rowsRead: p[PROGRESS_SLOTS.rowsRead] ?? 0,
    rowsAdded: job.state === 'done' ? ((job.result as ImportSummary).rowsAdded ?? 0) : job.state === 'running' ? (p[PROGRESS_SLOTS.rowsAdded] ?? 0) : 0,
    rowsSkipped: p[PROGRESS_SLOTS.rowsSkipped] ?? 0,
    summary: job.state === 'done' && job.kind === 'import' ? (job.result as ImportSummary) : null,
    error: job.error,
  };
}

export function cancelJob(jobId: string): { cancelled: boolean } {
  const job = getJob(jobId);
  if (job.state !== 'running') return { cancelled: false };
  Atomics.store(job.cancel, 0, 1);
  const timer = setTimeout(() => void job.worker.terminate(), CANCEL_GRACE_MS);
  void job.done.then(() => clearTimeout(timer));
  return { cancelled: true };
}

/** Waits for a job to end (tests, shutdown). */
export function jobDone(jobId: string): Promise<void> {
  return getJob(jobId).done;
}
