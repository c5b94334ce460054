import type { Context } from '../context.ts';
import type { HandlersOf } from '../area.ts';
import type { LoadPackResult } from '../packs/load.ts';
import type { ImportPreview, ImportRunInfo, importsContract, ImportSummary } from './contract.ts';
import { currentCaller } from '../caller.ts';
import { cancelJob, jobProgress, runJob, startJob, type JobOptions } from './jobs.ts';
import { importRuns } from './sql.ts';
import { isCoreMessageCode, type CoreParams } from '../common/core-messages.ts';

export function importsHandlers(ctx: Context): HandlersOf<typeof importsContract> {
  /** Progress goes to the page as events; the job belongs to the window or tab that asked. */
  const jobOptions = (): JobOptions => ({ report: (progress) => ctx.emit({ type: 'job', progress }), owner: currentCaller() });
  /** Jobs write through their own connection: the hosts learn of the change from here. */
  const changed = (method: string, client: string): void => ctx.emit({ type: 'data-changed', method, client });
  return {
    previewImport: async (input) => {
      const { path } = ctx.files.read(input.file);
      return runJob<ImportPreview>(
        'preview',
        ctx.db.name,
        {
          path,
          format: input.format,
          mapping: input.mapping,
          sheet: input.sheet,
          encoding: input.encoding,
          headerRow: input.headerRow,
        },
        jobOptions(),
      );
    },

    startImport: async (input) => {
      const file = ctx.files.take(input.file);
      const options = jobOptions();
      // The worker backs the database up once it knows the import will write (not for a file already imported or without rows).
      const job = startJob(
        'import',
        ctx.db.name,
        {
          path: file.path,
          format: input.format,
          mapping: input.mapping,
          publisher: input.publisher,
          sheet: input.sheet,
          encoding: input.encoding,
          headerRow: input.headerRow,
          onlyValidRows: input.onlyValidRows,
          userName: ctx.userName,
        },
        options,
      );
      void job.done.then(() => {
        file.done();
        if (job.state === 'done') changed('startImport', options.owner ?? '');
      });
      return { jobId: job.id };
    },

    importProgress: ({ jobId }) => jobProgress(jobId),
    cancelImport: ({ jobId }) => cancelJob(jobId),

    listImports: () =>
      importRuns(ctx.db).map((r): ImportRunInfo => ({
        id: r.id,
        fileName: r.file_name,
        fileHash: r.file_hash,
        format: r.format,
        startedAt: r.started_at,
        finishedAt: r.finished_at,
        userName: r.user_name,
        rowsRead: r.rows_read,
        rowsAdded: r.rows_added,
        rowsSkipped: r.rows_skipped,
        problemCount: r.problem_count,
        skipped: skippedByReason(r.skipped_by_reason),
        rowsPresent: r.rows_present,
        source: r.source_id ? { id: r.source_id, label: r.s_label ?? '', publisher: r.s_publisher ?? '', title: r.s_title ?? '' } : null,
      })),

    undoImport: async ({ id }) => {
      const options = jobOptions();
      const result = await runJob<{ removedRows: number }>('undo', ctx.db.name, { importId: id }, options);
      changed('undoImport', options.owner ?? '');
      return result;
    },

    // Read, checked and loaded in the import worker (size limits in db/packs/load.ts), backed up there if it will write.
    importPack: async ({ file }) => {
      const taken = ctx.files.take(file);
      const options = jobOptions();
      try {
        const result = await runJob<LoadPackResult>('pack', ctx.db.name, { path: taken.path, userName: ctx.userName }, options);
        if (result.changed) changed('importPack', options.owner ?? '');
        return result;
      } finally {
        taken.done();
      }
    },
  };
}

export type { ImportSummary };

/**
 * A run's skipped rows by reason as stored: a list with each reason's code and values (what imports write), or an
 * object of English reasons and counts (what imports wrote before they kept the codes).
 */
function skippedByReason(stored: string): ImportRunInfo['skipped'] {
  const value = JSON.parse(stored) as unknown;
  const list = Array.isArray(value)
    ? (value as { reason: string; count: number; messageCode?: unknown; params?: CoreParams }[])
    : Object.entries(value as Record<string, number>).map(([reason, count]) => ({ reason, count, messageCode: undefined, params: {} }));
  return list.map((s) => ({
    reason: s.reason,
    count: s.count,
    // The rows with problems are counted under the scan's own key, 'invalid', which has no sentence of its own.
    reasonText: isCoreMessageCode(s.messageCode)
      ? { messageCode: s.messageCode, params: s.params ?? {} }
      : s.reason === 'invalid'
        ? { messageCode: 'skipInvalid', params: {} }
        : null,
  }));
}
