/**
 * Data in: importing trade files (UN Comtrade, WITS, any CSV or .xlsx with a column mapping) and briefing
 * packs, and undoing an import (exports and the database copy: db/exports/contract.ts). Files arrive as handles the
 * host gave the page (db/files/handles.ts): no method here takes a path. Imports run in a worker
 * thread: `startImport` returns a job id at once; progress is pushed as host events (and can be asked for).
 */
import { z } from 'zod';
import { method } from '../method.ts';
import { fileHandle } from '../common/file-handle.ts';
import { IMPORT_FORMATS, isWideMapping, UNIT_SCALES, type ImportFormat } from '../common/import-layouts.ts';
import { controlCharacterAt, TEXT_ENCODINGS, type EncodingUsed } from './reading.ts';
import type { ImportProgress, ValidationReport } from '../common/job-progress.ts';
import { CORE_MESSAGES, type CoreText } from '../common/core-messages.ts';

export { TEXT_ENCODINGS, type EncodingUsed, type TextEncodingName } from './reading.ts';
export { IMPORT_FORMATS, type ImportFormat } from '../common/import-layouts.ts';
export { EXPORT_TABLES } from '../exports/contract.ts';
export type {
  ImportProblem,
  ImportProgress,
  ImportSummary,
  JobState,
  SkippedRows,
  ValidationReport,
  WideColumnCount,
  WideFigures,
} from '../common/job-progress.ts';

const VALUE_UNITS = Object.keys(UNIT_SCALES) as [keyof typeof UNIT_SCALES, ...(keyof typeof UNIT_SCALES)[]];

const columnName = z.string().min(1).max(200);

/**
 * Which column holds what, for a file of another layout (remembered per header). The flows come in one of two shapes:
 * a long file names each row's flow in a column (`flow`) beside its value (`value`); a wide file, as statistics
 * offices publish trade tables, gives a row's exports and imports in two value columns (`exports`, `imports`: one of
 * them at least), and has no flow column. A file of a reporter's totals may have no partner column: `partnerWorld` says
 * every row is the reporter's trade with the world (stored with the partner World, WLD), in place of `partner`.
 */
export const columnMapping = z
  .object({
    reporter: columnName,
    partner: columnName.optional(),
    /** No partner column: every row is the reporter's trade with the world. */
    partnerWorld: z.literal(true).optional(),
    /** Columns naming the reporter and the partner: the names of economies the database does not know yet. */
    reporterName: columnName.optional(),
    partnerName: columnName.optional(),
    year: columnName,
    flow: columnName.optional(),
    value: columnName.optional(),
    /** A wide file's column of export values (an empty cell: not reported). */
    exports: columnName.optional(),
    /** A wide file's column of import values (an empty cell: not reported). */
    imports: columnName.optional(),
    /** HS code or TOTAL; without it every row is a total. */
    product: columnName.optional(),
    month: columnName.optional(),
    /** A column saying the unit of each value (USD, 1000 USD, …): of both values in a wide file. */
    unit: columnName.optional(),
    /** The unit of every value when there is no unit column. */
    valueUnit: z.enum(VALUE_UNITS).optional(),
  })
  .strict()
  .superRefine((mapping, context) => {
    const long = mapping.flow !== undefined || mapping.value !== undefined;
    const wide = isWideMapping(mapping);
    const issue = (path: keyof typeof mapping, message: string): void => context.addIssue({ code: 'custom', path: [path], message });
    if (mapping.partner === undefined && mapping.partnerWorld === undefined) issue('partner', CORE_MESSAGES.fieldMappingPartner);
    if (mapping.partner !== undefined && mapping.partnerWorld !== undefined) issue('partnerWorld', CORE_MESSAGES.fieldMappingPartnerTwice);
    if (long && wide) {
      // Named on the wide fields: flow and value are the usual shape, the extra columns are what does not fit.
      if (mapping.exports !== undefined) issue('exports', CORE_MESSAGES.fieldMappingBothShapes);
      if (mapping.imports !== undefined) issue('imports', CORE_MESSAGES.fieldMappingBothShapes);
    } else if (wide) {
      if (mapping.exports !== undefined && mapping.exports === mapping.imports) issue('imports', CORE_MESSAGES.fieldMappingSameColumn);
    } else {
      if (mapping.flow === undefined) issue('flow', CORE_MESSAGES.fieldMappingFlow);
      if (mapping.value === undefined) issue('value', CORE_MESSAGES.fieldMappingValue);
    }
  });
export type ColumnMapping = z.infer<typeof columnMapping>;

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
  /** Rows skipped, by reason: the English reason, and its code for the page's language where the import stored one. */
  skipped: { reason: string; count: number; reasonText: CoreText | null }[];
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
};
