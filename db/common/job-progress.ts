/**
 * What an import job reports while it runs and when it ends: the core's import worker fills it in,
 * both hosts push it to the page as a host event (db/host-events.ts), the Data view shows it. Types only.
 */
import type { ApiErrorShape } from './errors.ts';
import type { ImportFormat } from './import-layouts.ts';
import type { CoreMessageCode, CoreParams, CoreText } from './core-messages.ts';

/** What is wrong in one cell: `message` in English, `messageCode` and `params` for the page's language. */
export interface ImportProblem extends CoreText {
  /** The file's line (the header is line 1). */
  line: number;
  column: string;
  value: string;
  message: string;
}

/** Rows not stored for one reason: 'invalid' (rows with problems) or a reason in English, with its code for the page. */
export interface SkippedRows {
  reason: string;
  count: number;
  reasonCode?: CoreMessageCode;
  params?: CoreParams;
}

/** One value column of a wide file: the figures it gave, and its cells left empty (not reported: no flow stored, never a zero). */
export interface WideColumnCount {
  figures: number;
  notReported: number;
}

/**
 * What a wide file (exports and imports in two value columns, no flow column) gave, counted over its rows without
 * problems; null for a column the mapping does not name.
 */
export interface WideFigures {
  exports: WideColumnCount | null;
  imports: WideColumnCount | null;
}

export interface ValidationReport {
  rowsRead: number;
  rowsValid: number;
  /** Rows not stored, by reason (including 'invalid' for rows with problems). */
  skipped: SkippedRows[];
  /** The first 100 problems. */
  problems: ImportProblem[];
  /** Every problem, counted. */
  problemCount: number;
  /** Economies the file names that the database does not know yet (they would be created). */
  newEconomies: string[];
  /** A wide file's export and import figures; null for a file with a flow column (one flow a row). */
  wide: WideFigures | null;
}

export interface ImportSummary extends ValidationReport {
  /**
   * imported: committed; nothing: the user chose all-or-nothing and there were problems; already-imported: same file hash;
   * no-rows: the file had no row to import (only a header, or every row invalid or skipped). Only `imported` changed the database.
   */
  outcome: 'imported' | 'nothing' | 'already-imported' | 'no-rows';
  /** Why nothing was imported, in words ("a header and no rows", "no valid rows: 3 problems"); null when imported. */
  reason: string | null;
  /** The reason's code and values, for the page's language; null when imported. */
  reasonText: CoreText | null;
  importId: number | null;
  sourceId: string | null;
  /** The source's footnote label (I3 for the third import): what the page names it by; null when nothing was imported. */
  sourceLabel: string | null;
  fileName: string;
  fileHash: string;
  format: ImportFormat;
  /** Trade figures (trade_flow rows) added: one per row of a long file, up to two per row of a wide one. */
  rowsAdded: number;
  /**
   * Of rowsAdded, the rows of one month (freqCode M, a YYYYMM period or a month column). They show in the Monthly view and
   * the trade chart's monthly option; a year without an annual figure shows in the annual series as the sum of its months.
   */
  monthlyRows: number;
  /** Rows that gave no figure (problems, skips), and figures given twice (duplicates: the first one stays). */
  rowsSkipped: number;
  economiesAdded: string[];
  durationMs: number;
}

export type JobState = 'running' | 'done' | 'cancelled' | 'failed';

export interface ImportProgress {
  jobId: string;
  /** What the job does: checks a file, imports it, undoes an import or loads a pack. */
  kind: 'preview' | 'import' | 'undo' | 'pack';
  state: JobState;
  phase: 'queued' | 'starting' | 'reading' | 'indexing' | 'committing' | 'finished';
  /** Waiting for the jobs before it on this database: its place (1 = next), else null. */
  queuePosition: number | null;
  bytesRead: number;
  bytesTotal: number;
  rowsRead: number;
  rowsAdded: number;
  rowsSkipped: number;
  summary: ImportSummary | null;
  error: ApiErrorShape | null;
}
