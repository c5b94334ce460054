import { existsSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { backupBeforeChange } from '../backup.ts';
import type { Context } from '../context.ts';
import type { Handlers } from '../contract.ts';
import { ApiError } from '../errors.ts';
import { exportPackFile } from '../exports/pack.ts';
import { exportTable, exportTrade } from '../exports/tables.ts';
import { loadPack, readPackFile } from '../packs/load.ts';
import type { ImportPreview, ImportRunInfo, ImportSummary } from './contract.ts';
import { cancelJob, jobProgress, runJob, startJob } from './jobs.ts';

type ImportsMethods =
  | 'previewImport' | 'startImport' | 'importProgress' | 'cancelImport' | 'listImports' | 'undoImport'
  | 'importPack' | 'exportPack' | 'exportTradeCsv' | 'exportTradeXlsx' | 'exportTableCsv' | 'exportTableXlsx' | 'saveCopyAs';

interface RunRow {
  id: number;
  file_name: string;
  file_hash: string;
  format: string;
  started_at: string;
  finished_at: string | null;
  user_name: string | null;
  rows_read: number;
  rows_added: number;
  rows_skipped: number;
  problem_count: number;
  skipped_by_reason: string;
  rows_present: number;
  source_id: string | null;
  s_label: string | null;
  s_publisher: string | null;
  s_title: string | null;
}

function checkInputFile(path: string): string {
  const full = resolve(path);
  if (!existsSync(full) || !statSync(full).isFile()) {
    throw new ApiError('invalid-file', `${basename(full)} does not exist or is not a file (${full}).`, { path: full });
  }
  return full;
}

function checkOutputFile(path: string, overwrite: boolean, ctx: Context): string {
  const full = resolve(path);
  if (full === resolve(ctx.db.name)) throw new ApiError('conflict', 'That is the open database itself: choose another file.');
  if (!overwrite && existsSync(full)) throw new ApiError('conflict', `${basename(full)} already exists: choose another name.`, { path: full });
  return full;
}

export function importsHandlers(ctx: Context): Pick<Handlers, ImportsMethods> {
  return {
    previewImport: async (input) => {
      const path = checkInputFile(input.path);
      return runJob<ImportPreview>('preview', ctx.db.name, {
        path, format: input.format, mapping: input.mapping, sheet: input.sheet, encoding: input.encoding, headerRow: input.headerRow,
      });
    },

    startImport: async (input) => {
      const path = checkInputFile(input.path);
      // A restorable copy of the database as it was, before any import writes.
      await backupBeforeChange(ctx.db, 'import');
      const job = startJob('import', ctx.db.name, {
        path, format: input.format, mapping: input.mapping, publisher: input.publisher, sheet: input.sheet,
        encoding: input.encoding, headerRow: input.headerRow, onlyValidRows: input.onlyValidRows, userName: ctx.userName,
      });
      return { jobId: job.id };
    },

    importProgress: ({ jobId }) => jobProgress(jobId),
    cancelImport: ({ jobId }) => cancelJob(jobId),

    listImports: () => {
      const rows = ctx.db.prepare(`
        SELECT r.id, r.file_name, r.file_hash, r.format, r.started_at, r.finished_at, r.user_name, r.rows_read, r.rows_added,
               r.rows_skipped, r.problem_count, r.skipped_by_reason, r.source_id,
               (SELECT count(*) FROM trade_flow f WHERE f.import_id = r.id) AS rows_present,
               s.label AS s_label, s.publisher AS s_publisher, s.title AS s_title
        FROM import_run r LEFT JOIN source s ON s.id = r.source_id
        ORDER BY r.id DESC`).all() as RunRow[];
      return rows.map((r): ImportRunInfo => ({
        id: r.id, fileName: r.file_name, fileHash: r.file_hash, format: r.format, startedAt: r.started_at, finishedAt: r.finished_at,
        userName: r.user_name, rowsRead: r.rows_read, rowsAdded: r.rows_added, rowsSkipped: r.rows_skipped, problemCount: r.problem_count,
        skipped: Object.entries(JSON.parse(r.skipped_by_reason) as Record<string, number>).map(([reason, count]) => ({ reason, count })),
        rowsPresent: r.rows_present,
        source: r.source_id ? { id: r.source_id, label: r.s_label ?? '', publisher: r.s_publisher ?? '', title: r.s_title ?? '' } : null,
      }));
    },

    undoImport: async ({ id }) => {
      await backupBeforeChange(ctx.db, 'undo-import');
      return runJob<{ removedRows: number }>('undo', ctx.db.name, { importId: id });
    },

    importPack: async ({ path }) => {
      const { pack } = readPackFile(checkInputFile(path));
      await backupBeforeChange(ctx.db, 'import-pack');
      return loadPack(ctx.db, pack);
    },

    exportPack: (input) => exportPackFile(ctx.db, checkOutputFile(input.path, input.overwrite, ctx), input),
    exportTradeCsv: (input) => exportTrade(ctx.db, checkOutputFile(input.path, input.overwrite, ctx), input, 'csv'),
    exportTradeXlsx: (input) => exportTrade(ctx.db, checkOutputFile(input.path, input.overwrite, ctx), input, 'xlsx'),
    exportTableCsv: (input) => exportTable(ctx.db, checkOutputFile(input.path, input.overwrite, ctx), input.table, 'csv'),
    exportTableXlsx: (input) => exportTable(ctx.db, checkOutputFile(input.path, input.overwrite, ctx), input.table, 'xlsx'),

    saveCopyAs: async (input) => {
      const path = checkOutputFile(input.path, input.overwrite, ctx);
      try {
        await ctx.db.backup(path);
      } catch (error) {
        throw new ApiError('invalid-file', `The copy could not be written to ${path}: ${(error as Error).message}`, { path });
      }
      return { path, bytes: statSync(path).size };
    },
  };
}

export type { ImportSummary };
