/**
 * The import worker thread: opens its own connection to the database file and runs one preview,
 * import or undo of an import (db/imports/importer.ts) or one briefing-pack load (db/packs/load.ts),
 * reporting progress through shared memory and its result as one message. A write that is certain to
 * change the database first takes the automatic backup (db/backup.ts `backupBeforeWrite`), so
 * nothing is backed up for an import or pack that changes nothing. The same script, started by an import with kind 'scan', is the import's reading
 * thread (db/imports/scan.ts). Loaded as db/imports/worker.ts (Node runs the TypeScript directly: the HTTP host,
 * tests) or as out/main/import-worker.js (the Electron bundle's second entry).
 */
import Database from 'better-sqlite3';
import { basename } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { backupBeforeWrite } from '../backup.ts';
import { ApiError } from '../common/errors.ts';
import { mapSqliteError, type Db } from '../open.ts';
import { loadPack, readPackFile, type PackProgress } from '../packs/load.ts';
import { importFile, previewFile, undoImport, type ImportOptions, type PreviewOptions, type ProgressCounts } from './importer.ts';
import { serveScan, type ScanWorkerInput } from './scan.ts';

/** Undoing an import deletes its rows: seconds for a file of millions of rows, so it runs here too. */
export interface UndoOptions {
  importId: number;
}

/** A briefing pack file (already resolved by the host) and who loads it (for the edit log). */
export interface PackOptions {
  path: string;
  userName: string;
}

export interface WorkerInput {
  kind: 'import' | 'preview' | 'undo' | 'pack';
  dbPath: string;
  options:
    | Omit<ImportOptions, 'isCancelled' | 'onProgress' | 'beforeWrite'>
    | Omit<PreviewOptions, 'isCancelled' | 'onProgress'>
    | UndoOptions
    | PackOptions;
  /** Float64Array view: see PROGRESS_SLOTS. */
  progress: SharedArrayBuffer;
  /** Int32Array view: [0] = 1 asks the worker to stop. */
  cancel: SharedArrayBuffer;
}

export type WorkerOutput = { ok: true; result: unknown } | { ok: false; error: { code: string; message: string; details?: unknown } };

/** Slots of the shared progress array. */
export const PROGRESS_SLOTS = { phase: 0, bytesRead: 1, bytesTotal: 2, rowsRead: 3, rowsAdded: 4, rowsSkipped: 5 } as const;
export const PHASES = ['starting', 'reading', 'indexing', 'committing', 'finished'] as const;

/** A connection for the worker: the main thread already opened, checked and migrated the file. */
function connect(path: string): Db {
  const db = new Database(path, { fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = NORMAL');
  return db;
}

function loadPackFile(
  db: Db,
  options: PackOptions,
  hooks: { beforeWrite: () => void; isCancelled: () => boolean; onProgress: (p: PackProgress) => void },
) {
  const { pack } = readPackFile(options.path, { onProgress: hooks.onProgress });
  return loadPack(db, pack, { userName: options.userName, ...hooks });
}

function run(input: WorkerInput): WorkerOutput {
  const progress = new Float64Array(input.progress);
  const cancel = new Int32Array(input.cancel);
  const onProgress = (p: ProgressCounts): void => {
    progress[PROGRESS_SLOTS.phase] = PHASES.indexOf(p.phase);
    progress[PROGRESS_SLOTS.bytesRead] = p.bytesRead;
    progress[PROGRESS_SLOTS.bytesTotal] = p.bytesTotal;
    progress[PROGRESS_SLOTS.rowsRead] = p.rowsRead;
    progress[PROGRESS_SLOTS.rowsAdded] = p.rowsAdded;
    progress[PROGRESS_SLOTS.rowsSkipped] = p.rowsSkipped;
  };
  const isCancelled = (): boolean => Atomics.load(cancel, 0) === 1;
  let db: Db | undefined;
  try {
    db = connect(input.dbPath);
    const dbPath = input.dbPath;
    const backup = (reason: string) => (): void => void backupBeforeWrite(dbPath, reason);
    const onPackProgress = (p: PackProgress): void =>
      onProgress({
        phase: p.phase,
        bytesRead: p.bytesRead,
        bytesTotal: p.bytesTotal,
        rowsRead: p.elements,
        rowsAdded: p.written,
        rowsSkipped: 0,
      });
    const result =
      input.kind === 'import'
        ? importFile(db, { ...(input.options as ImportOptions), isCancelled, onProgress, beforeWrite: backup('import') })
        : input.kind === 'preview'
          ? previewFile(db, { ...(input.options as PreviewOptions), isCancelled, onProgress })
          : input.kind === 'undo'
            ? undoImport(db, (input.options as UndoOptions).importId, backup('undo-import'))
            : loadPackFile(db, input.options as PackOptions, {
                beforeWrite: backup('import-pack'),
                isCancelled,
                onProgress: onPackProgress,
              });
    progress[PROGRESS_SLOTS.phase] = PHASES.indexOf('finished');
    return { ok: true, result };
  } catch (caught) {
    // SQLite's codes (a full disk, a read-only file) become the errors the user can act on.
    const error = mapSqliteError(caught, basename(input.dbPath));
    if (error instanceof ApiError) return { ok: false, error: error.toJSON() };
    return { ok: false, error: { code: 'internal', message: (error as Error).message } };
  } finally {
    db?.close();
  }
}

const input = workerData as Partial<WorkerInput | ScanWorkerInput> | undefined;
if (parentPort && input?.kind === 'scan') serveScan(input as ScanWorkerInput);
else if (parentPort && input?.kind) parentPort.postMessage(run(input as WorkerInput));
