/**
 * Import jobs: each preview, import or undo runs in a worker thread (worker.ts) with its own database
 * connection, so the host's thread (Electron's main process, the HTTP host) never blocks. Progress
 * is read from shared memory; cancel sets a shared flag the worker checks between chunks.
 */
import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { ApiError, type ApiErrorShape } from '../common/errors.ts';
import { said } from '../common/core-messages.ts';
import type { ImportProgress, ImportSummary, JobState } from './contract.ts';
import { PHASES, PROGRESS_SLOTS, type WorkerInput, type WorkerOutput } from './worker.ts';
import { workerFile } from './worker-file.ts';

interface Job {
  id: string;
  kind: WorkerInput['kind'];
  dbPath: string;
  input: WorkerInput;
  /** null while the job waits for the one before it. */
  worker: Worker | null;
  progress: Float64Array;
  cancel: Int32Array;
  state: JobState;
  result: unknown;
  error: ApiErrorShape | null;
  done: Promise<void>;
  finish: (state: JobState, result: unknown, error: ApiErrorShape | null) => void;
  finishedAt: number | null;
  /** The window or tab that started it: when it goes away, so does the job. */
  owner: string;
  report: ((progress: ImportProgress) => void) | null;
  timeoutMs: number;
  ticker?: NodeJS.Timeout;
  deadline?: NodeJS.Timeout;
}

const jobs = new Map<string, Job>();
/** Jobs waiting, per database file: one job at a time writes to (or reads all of) a database. */
const queues = new Map<string, Job[]>();
/** How a job's messages name it. */
const JOB_NAMES: Record<WorkerInput['kind'], string> = {
  import: 'The import',
  preview: 'The check of the file',
  undo: 'Undoing the import',
  pack: 'Loading the pack',
};
const KEEP_FINISHED = 20;
/** A worker that does not stop within this time after cancel is terminated (its transaction dies with it). */
const CANCEL_GRACE_MS = 5000;
/**
 * The longest a job may run: far beyond the largest file measured (5 million rows imported in about
 * 30 s), short enough that a stuck job does not hold the database for good.
 */
export const JOB_TIMEOUT_MS: Record<WorkerInput['kind'], number> = {
  preview: 10 * 60_000,
  import: 2 * 60 * 60_000,
  undo: 30 * 60_000,
  pack: 10 * 60_000,
};
/** How often a running job's progress is pushed to the page. */
const REPORT_EVERY_MS = 250;

function prune(): void {
  const finished = [...jobs.values()].filter((j) => j.finishedAt !== null).sort((a, b) => (a.finishedAt ?? 0) - (b.finishedAt ?? 0));
  while (finished.length > KEEP_FINISHED) jobs.delete(finished.shift()!.id);
}

export interface JobOptions {
  /** Progress as it moves and when the job ends (the hosts push it to the page). */
  report?: (progress: ImportProgress) => void;
  /** The window or tab that asked (cancelJobsOf stops its jobs). */
  owner?: string;
  /** Overrides JOB_TIMEOUT_MS (tests). */
  timeoutMs?: number;
}

/**
 * Queues a job; it runs in a worker once the jobs before it on the same database have ended. The
 * returned job settles (state done/failed/cancelled) when it ends, however it ends.
 */
export function startJob(kind: WorkerInput['kind'], dbPath: string, options: WorkerInput['options'], jobOptions: JobOptions = {}): Job {
  if (!dbPath || dbPath === ':memory:') throw new ApiError('internal', said('importNeedsFile'));
  const progressBuffer = new SharedArrayBuffer(8 * 6);
  const cancelBuffer = new SharedArrayBuffer(4);
  const input: WorkerInput = { kind, dbPath, options, progress: progressBuffer, cancel: cancelBuffer };
  const job: Job = {
    id: randomUUID(),
    kind,
    dbPath,
    input,
    worker: null,
    progress: new Float64Array(progressBuffer),
    cancel: new Int32Array(cancelBuffer),
    state: 'running',
    result: null,
    error: null,
    done: Promise.resolve(),
    finish: () => undefined,
    finishedAt: null,
    owner: jobOptions.owner ?? '',
    report: jobOptions.report ?? null,
    timeoutMs: jobOptions.timeoutMs ?? JOB_TIMEOUT_MS[kind],
  };
  job.done = new Promise<void>((resolve) => {
    job.finish = (state, result, error) => {
      if (job.state !== 'running') return;
      job.state = state;
      job.result = result;
      // A reason given before the worker ended (a timeout) is kept over the worker's own.
      job.error = job.error ?? error;
      job.finishedAt = Date.now();
      clearInterval(job.ticker);
      clearTimeout(job.deadline);
      const queue = queues.get(dbPath) ?? [];
      const at = queue.indexOf(job);
      if (at >= 0) queue.splice(at, 1);
      resolve();
      tell(job);
      prune();
      // The next job on this database starts; the others move up a place.
      const next = queue[0];
      if (next && !next.worker && next.state === 'running') run(next);
      for (const waiting of queue.slice(1)) tell(waiting);
      if (queue.length === 0) queues.delete(dbPath);
    };
  });

  jobs.set(job.id, job);
  const queue = queues.get(dbPath) ?? [];
  queues.set(dbPath, queue);
  queue.push(job);
  if (queue.length === 1) run(job);
  else tell(job);
  return job;
}

/** Starts a queued job's worker. */
function run(j: Job): void {
  const what = JOB_NAMES[j.kind];
  const worker = new Worker(workerFile(), { workerData: j.input, resourceLimits: { maxOldGenerationSizeMb: 256 } });
  j.worker = worker;
  worker.once('message', (message: WorkerOutput) => {
    if (message.ok) j.finish('done', message.result, null);
    else j.finish(message.error.code === 'cancelled' ? 'cancelled' : 'failed', null, message.error as ApiErrorShape);
  });
  worker.once('error', (error) =>
    j.finish('failed', null, { code: 'internal', message: `${what} stopped: ${error.message}. Nothing was changed.` }),
  );
  worker.once('exit', (code) => {
    if (Atomics.load(j.cancel, 0) === 1)
      j.finish('cancelled', null, { code: 'cancelled', message: `${what} was cancelled: nothing was changed.` });
    else j.finish('failed', null, { code: 'internal', message: `${what} stopped unexpectedly (exit code ${code}). Nothing was changed.` });
  });
  j.ticker = setInterval(() => tell(j), REPORT_EVERY_MS);
  j.ticker.unref();
  const limit = j.timeoutMs;
  j.deadline = setTimeout(() => {
    const took = limit >= 60_000 ? `${Math.round(limit / 60_000)} minutes` : `${limit} ms`;
    j.error = { code: 'cancelled', message: `${what} took longer than ${took} and was stopped: nothing was changed.` };
    stop(j);
  }, limit);
  j.deadline.unref();
  tell(j);
}

/** Pushes a job's progress to whoever listens. */
function tell(job: Job): void {
  if (!job.report) return;
  try {
    job.report(progressOf(job));
  } catch {
    job.report = null;
  }
}

/** Runs a job to its end and returns its result or throws its error. */
export async function runJob<T>(
  kind: WorkerInput['kind'],
  dbPath: string,
  options: WorkerInput['options'],
  jobOptions: JobOptions = {},
): Promise<T> {
  const job = startJob(kind, dbPath, options, jobOptions);
  await job.done;
  jobs.delete(job.id);
  if (job.state === 'done') return job.result as T;
  throw job.error ? ApiError.from(job.error) : new ApiError('internal', said('importJobFailed'));
}

function getJob(jobId: string): Job {
  const job = jobs.get(jobId);
  if (!job) throw new ApiError('not-found', said('importJobGone', { job: jobId }));
  return job;
}

export function jobProgress(jobId: string): ImportProgress {
  return progressOf(getJob(jobId));
}

function progressOf(job: Job): ImportProgress {
  const p = job.progress;
  const queue = queues.get(job.dbPath) ?? [];
  const place = job.state === 'running' && !job.worker ? queue.indexOf(job) : -1;
  const phase = job.state === 'running' ? (PHASES[p[PROGRESS_SLOTS.phase] ?? 0] ?? 'starting') : 'finished';
  return {
    jobId: job.id,
    kind: job.kind,
    state: job.state,
    phase: place > 0 ? 'queued' : phase,
    queuePosition: place > 0 ? place : null,
    bytesRead: p[PROGRESS_SLOTS.bytesRead] ?? 0,
    bytesTotal: p[PROGRESS_SLOTS.bytesTotal] ?? 0,
    rowsRead: p[PROGRESS_SLOTS.rowsRead] ?? 0,
    rowsAdded:
      job.state === 'done'
        ? ((job.result as ImportSummary).rowsAdded ?? 0)
        : job.state === 'running'
          ? (p[PROGRESS_SLOTS.rowsAdded] ?? 0)
          : 0,
    rowsSkipped: p[PROGRESS_SLOTS.rowsSkipped] ?? 0,
    summary: job.state === 'done' && job.kind === 'import' ? (job.result as ImportSummary) : null,
    error: job.error,
  };
}

export function cancelJob(jobId: string): { cancelled: boolean } {
  const job = getJob(jobId);
  if (job.state !== 'running') return { cancelled: false };
  stop(job);
  return { cancelled: true };
}

/** Stops a job: a waiting one leaves the queue, a running one is asked to stop, then terminated. */
function stop(job: Job): void {
  const what = JOB_NAMES[job.kind];
  if (!job.worker) {
    job.finish('cancelled', null, job.error ?? { code: 'cancelled', message: `${what} was cancelled: nothing was changed.` });
    return;
  }
  const worker = job.worker;
  Atomics.store(job.cancel, 0, 1);
  const timer = setTimeout(() => void worker.terminate(), CANCEL_GRACE_MS);
  void job.done.then(() => clearTimeout(timer));
}

/** The window or tab `owner` went away: its jobs stop (an import nobody watches is not left running). */
export function cancelJobsOf(owner: string): number {
  if (!owner) return 0;
  let stopped = 0;
  for (const job of jobs.values()) {
    if (job.owner === owner && job.state === 'running') {
      stop(job);
      stopped += 1;
    }
  }
  return stopped;
}

/** Waits for a job to end (tests, shutdown). */
export function jobDone(jobId: string): Promise<void> {
  return getJob(jobId).done;
}
