/**
 * Data in and out: importing trade files (UN Comtrade, WITS, any CSV or .xlsx with a column mapping) and
 * briefing packs, exporting CSV and packs, saving a copy of the database. Files arrive as handles the
 * host gave the page (db/files/handles.ts): no method here takes a path. Imports run in a worker
 * thread: `startImport` returns a job id at once; progress is pushed as host events (and can be asked for).
 */
import { z } from 'zod';
import { method } from '../method.ts';
import { FLOWS } from '../common/vocabulary.ts';
import type { ApiErrorShape } from '../common/errors.ts';
import { fileHandle } from '../common/file-kinds.ts';
import { packId } from '../packs/schema.ts';
import { IMPORT_FORMATS, UNIT_SCALES, type ImportFormat } from '../common/import-layouts.ts';
import { controlCharacterAt, TEXT_ENCODINGS, type EncodingUsed } from './reading.ts';

export { TEXT_ENCODINGS, type EncodingUsed, type TextEncodingName } from './reading.ts';
export { IMPORT_FORMATS, type ImportFormat } from '../common/import-layouts.ts';

const VALUE_UNITS = Object.keys(UNIT_SCALES) as [keyof typeof UNIT_SCALES, ...(keyof typeof UNIT_SCALES)[]];

const columnName = z.string().min(1).max(200);

/** Which column holds what, for a file of another layout (remembered per header). */
export const columnMapping = z
  .object({
    reporter: columnName,
    partner: columnName,
    year: columnName,
    flow: columnName,
    value: columnName,
    /** HS code or TOTAL; without it every row is a total. */
    product: columnName.optional(),
    month: columnName.optional(),
    /** A column saying the unit of each value (USD, 1000 USD, …). */
    unit: columnName.optional(),
    /** The unit of every value when there is no unit column. */
    valueUnit: z.enum(VALUE_UNITS).optional(),
  })
  .strict();
export type ColumnMapping = z.infer<typeof columnMapping>;

export interface ImportProblem {
  /** The file's line (the header is line 1). */
  line: number;
  column: string;
  value: string;
  message: string;
}

export interface ValidationReport {
  rowsRead: number;
  rowsValid: number;
  /** Rows not stored, by reason (including 'invalid' for rows with problems). */
  skipped: { reason: string; count: number }[];
  /** The first 100 problems. */
  problems: ImportProblem[];
  /** Every problem, counted. */
  problemCount: number;
  /** Economies the file names that the database does not know yet (they would be created). */
  newEconomies: string[];
}

export interface ImportPreview extends ValidationReport {
  fileName: string;
  fileSize: number;
  fileHash: string;
  format: ImportFormat;
  formatLabel: string;
  /** A CSV file, or an .xlsx workbook (read one sheet at a time). */
  fileType: 'csv' | 'xlsx';
  /** CSV: the delimiter found; a workbook has none (","). */
  delimiter: ',' | ';' | '\t';
  /** A workbook's sheet read, and all its sheets in order (to choose another); null for CSV. */
  sheet: { name: string; all: string[] } | null;
  columns: string[];
  /** The first rows as read (up to 10), decoded in `encoding`. */
  sampleRows: string[][];
  /** A CSV file's text encoding: its name and whether a byte-order mark gave it, it was detected or chosen; null for a workbook. */
  encoding: EncodingUsed | null;
  /** The header's line (CSV) or sheet row, 1-based: the first non-blank one, a known layout's below titles, or the one chosen. */
  headerLine: number;
  /**
   * What the report covers: a preview reads the first megabytes only (PREVIEW_BYTES, or PREVIEW_MS of reading);
   * `complete` false means the counts are for the first `rows` rows and `bytes` bytes, and the import checks the rest.
   * fileHash is then empty and alreadyImported null (the import still refuses a file imported before).
   */
  checked: { complete: boolean; rows: number; bytes: number; totalBytes: number };
  /** A generic file without a mapping: the report is empty until the user maps the columns. */
  mappingNeeded: boolean;
  /** The mapping used: given, remembered for this layout, or guessed from the header. */
  mapping: Partial<ColumnMapping> | null;
  mappingRemembered: boolean;
  /** Missing columns for this layout (nothing can be imported until fixed). */
  missingColumns: string[];
  alreadyImported: { id: number; at: string } | null;
}

export interface ImportSummary extends ValidationReport {
  /**
   * imported: committed; nothing: the user chose all-or-nothing and there were problems; already-imported: same file hash;
   * no-rows: the file had no row to import (only a header, or every row invalid or skipped). Only `imported` changed the database.
   */
  outcome: 'imported' | 'nothing' | 'already-imported' | 'no-rows';
  /** Why nothing was imported, in words ("a header and no rows", "no valid rows: 3 problems"); null when imported. */
  reason: string | null;
  importId: number | null;
  sourceId: string | null;
  fileName: string;
  fileHash: string;
  format: ImportFormat;
  rowsAdded: number;
  /**
   * Of rowsAdded, the rows of one month (freqCode M, a YYYYMM period or a month column). They show in the Monthly view and
   * the trade chart's monthly option; a year without an annual figure shows in the annual series as the sum of its months.
   */
  monthlyRows: number;
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

export interface ImportRunInfo {
  id: number;
  fileName: string;
  fileHash: string;
  format: string;
  startedAt: string;
  finishedAt: string | null;
  userName: string | null;
  rowsRead: number;
  rowsAdded: number;
  rowsSkipped: number;
  problemCount: number;
  skipped: { reason: string; count: number }[];
  /** Rows of this import still in the database. */
  rowsPresent: number;
  source: { id: string; label: string; publisher: string; title: string } | null;
}

const importInput = {
  /** The file the user chose (Open dialog, drop, upload). */
  file: fileHandle,
  format: z.enum(IMPORT_FORMATS).optional(),
  mapping: columnMapping.optional(),
  /** Publisher of the source row (defaults by format: "UN Comtrade", "World Bank WITS", "User file"). */
  publisher: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .refine((text) => controlCharacterAt(text) < 0, 'no control characters in a name')
    .optional(),
  /** An .xlsx workbook's sheet, by name (the first sheet otherwise). */
  sheet: z.string().min(1).max(31).optional(),
  /** A CSV file's text encoding (found from the file otherwise: byte-order mark, UTF-8, or a heuristic). */
  encoding: z.enum(TEXT_ENCODINGS).optional(),
  /** The header's line (CSV) or row (workbook), 1-based (found otherwise: the first, or a known layout's below titles). */
  headerRow: z.number().int().min(1).max(1_048_576).optional(),
};

export const EXPORT_TABLES = [
  'trade_flow',
  'source',
  'economy',
  'sector',
  'sector_hs',
  'project',
  'event',
  'route',
  'route_leg',
  'statement',
  'stated_figure',
  'import_run',
  'edit_log',
] as const;

const tradeExportInput = {
  /** Where the user chose to save (Save dialog, or a download in the browser). */
  target: fileHandle,
  reporter: z.string().max(10).optional(),
  partner: z.string().max(10).optional(),
  yearFrom: z.number().int().min(1900).max(2100).optional(),
  yearTo: z.number().int().min(1900).max(2100).optional(),
  flow: z.enum(FLOWS).optional(),
  product: z
    .string()
    .regex(/^(TOTAL|\d{2}|\d{4}|\d{6})$/)
    .optional(),
  sourceId: z.string().max(200).optional(),
};

export const importsContract = {
  /** Reads a file (in a worker): its layout, columns, first rows and the validation report of its first megabytes (`checked`). Writes nothing. */
  previewImport: method<ImportPreview>()(z.object(importInput).strict()),
  /** Starts an import in a worker thread; its progress comes as host events (or from importProgress). */
  startImport: method<{ jobId: string }>()(
    z
      .object({
        ...importInput,
        /** true: import the valid rows, skip the rest; false: import nothing if any row has a problem. */
        onlyValidRows: z.boolean(),
      })
      .strict(),
  ),
  importProgress: method<ImportProgress>()(z.object({ jobId: z.string().min(1).max(64) }).strict()),
  /** Stops a running import; the database stays exactly as before. */
  cancelImport: method<{ cancelled: boolean }>()(z.object({ jobId: z.string().min(1).max(64) }).strict()),
  /** Every import, newest first. */
  listImports: method<ImportRunInfo[]>()(z.object({}).strict()),
  /** Removes one import's rows and its source, in one transaction. */
  undoImport: method<{ removedRows: number }>()(z.object({ id: z.number().int().positive() }).strict()),

  /** Loads a briefing pack file (the JSON format of db/packs). */
  importPack: method<{ packId: string; version: string; changed: boolean; counts: Record<string, number> }>()(
    z.object({ file: fileHandle }).strict(),
  ),
  /** Writes the database's data (sources, economies, figures, sectors, projects, events, routes…) as a pack. */
  exportPack: method<{ name: string; counts: Record<string, number> }>()(
    z
      .object({
        target: fileHandle,
        id: packId.default('export'),
        /** Imported figures and their sources go into the pack too (what a colleague needs to see the same dashboards). */
        includeImported: z.boolean().default(true),
        title: z.string().trim().min(1).max(400).default('Tradebrief export'),
        version: z
          .string()
          .regex(/^\d+\.\d+\.\d+$/)
          .default('1.0.0'),
      })
      .strict(),
  ),
  /** Trade flows as CSV (RFC 4180, formula-safe), filtered. */
  exportTradeCsv: method<{ name: string; rows: number }>()(z.object(tradeExportInput).strict()),
  /** Trade flows as an .xlsx workbook (text cells stay text; over 1,048,576 rows continue on further sheets), filtered. */
  exportTradeXlsx: method<{ name: string; rows: number }>()(z.object(tradeExportInput).strict()),
  /** Any table of the data model as CSV. */
  exportTableCsv: method<{ name: string; rows: number }>()(z.object({ target: fileHandle, table: z.enum(EXPORT_TABLES) }).strict()),
  /** Any table of the data model as an .xlsx workbook. */
  exportTableXlsx: method<{ name: string; rows: number }>()(z.object({ target: fileHandle, table: z.enum(EXPORT_TABLES) }).strict()),
  /** A consistent copy of the open database (SQLite backup API). */
  saveCopyAs: method<{ name: string; bytes: number }>()(z.object({ target: fileHandle }).strict()),
};
