/**
 * The import engine (synchronous: it runs in a worker thread, see worker.ts). One pass over the
 * file (scan.ts) validates every row; when writing, valid rows are appended to a temporary staging
 * table (no index: as cheap as a plain append). For a large file that pass runs in a reading thread
 * of its own, so reading and checking overlap with staging. Then one INSERT … SELECT … ORDER BY
 * moves the staged rows into trade_flow in natural-key order, so its index grows page by page
 * instead of at random places (random inserts into an index larger than the page cache were ~90 %
 * of the import time), and the HS chapter sums gathered while staging are added to the summary.
 * All of it runs inside ONE transaction (BEGIN IMMEDIATE … COMMIT): nothing is visible before the
 * commit; cancel, an error or a crash rolls everything back, so the database is exactly as before.
 * The preview runs the same pass without writing.
 */
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { ApiError } from '../common/errors.ts';
import { mapSqliteError, type Db } from '../open.ts';
import { addFlowCount } from '../trade/flow-counts.ts';
import { applyToHsSummary, ImportChapterSums } from '../trade/hs-summary.ts';
import { ImportYearCodes, removeYearCodes, writeYearCodes } from '../trade/hs-year-codes.ts';
import { tradeRowsChanged } from '../trade/chosen.ts';
import type { ColumnMapping, ImportFormat, ImportPreview, ImportSummary, SkippedRows, ValidationReport } from './contract.ts';
import { said, saidAs, type CoreMessageCode, type CoreText, type Said } from '../common/core-messages.ts';
import { createMapper, detectFormat, MissingColumnError, suggestMapping, WORLD, WORLD_NAME } from './formats.ts';
import { FORMAT_LABELS, FORMAT_PUBLISHERS } from '../common/import-layouts.ts';
import { cancelled, ROW_FIELDS, scanInline, scanInThread, type Scan, type ScanEnd, type ScanSetup, type ValidBatch } from './scan.ts';
import type { TextEncodingName } from './reading.ts';
import { openTable, readError, type TableReader } from './table.ts';

/** Rows per multi-row INSERT into the staging table (7 parameters each, well under SQLite's 32766). */
const BATCH = 256;
const SKIP_DUPLICATE = said('skipDuplicate');
/**
 * The page cache during an import, in KiB as SQLite's negative cache_size (4 MB). The sorter of the
 * sorted insert keeps runs of this size in memory: at 8 MB a 5-million-row import peaked at 206 MB
 * in the sort, at 4 MB that phase stays below the reading phase (tests/bench/import-throughput.ts).
 */
const IMPORT_CACHE_KIB = -4000;
/**
 * The page cache while the file is staged (1 MB): the database then only receives the HS figures' parts,
 * appended (db/trade/hs-year-codes.ts), and a cache as large as the sort's would add its 4 MB to the
 * reading phase, the import's peak.
 */
const STAGING_CACHE_KIB = -1000;
/** Files from this size on are read in a thread of their own (below it, starting the thread costs more than it saves). */
const READING_THREAD_BYTES = 8 * 1024 * 1024;
/** Each layout's name as the page says it (its English is the layout's label: tests/unit/core-messages-data-core.test.ts). */
export const LAYOUT_NAMES: Record<ImportFormat, CoreMessageCode> = {
  comtrade: 'layoutComtrade',
  'comtrade-legacy': 'layoutComtradeLegacy',
  wits: 'layoutWits',
  generic: 'layoutGeneric',
};

/**
 * A preview checks the file's first bytes only, so it answers within about two seconds whatever the
 * file (the import checks every row): it stops after the batch that passes PREVIEW_BYTES, or once
 * PREVIEW_MS have passed since it started (a slow or busy machine; the worker's start-up comes on top).
 */
export const PREVIEW_BYTES = 8 * 1024 * 1024;
export const PREVIEW_MS = 1200;
/** The reading time a preview has at least, however late its reading starts. */
const PREVIEW_MIN_MS = 200;

export interface ProgressCounts {
  phase: 'reading' | 'indexing' | 'committing';
  bytesRead: number;
  bytesTotal: number;
  rowsRead: number;
  rowsAdded: number;
  rowsSkipped: number;
}

export interface ImportOptions {
  path: string;
  format?: ImportFormat | undefined;
  mapping?: ColumnMapping | undefined;
  publisher?: string | undefined;
  /** false: if any row has a problem, import nothing. */
  onlyValidRows: boolean;
  userName: string;
  /** A workbook's sheet by name (the first otherwise). */
  sheet?: string | undefined;
  /** A CSV file's encoding as the user chose it. */
  encoding?: TextEncodingName | undefined;
  /** The header's line or row as the user chose it. */
  headerRow?: number | undefined;
  chunkSize?: number;
  /** Read the file in a thread of its own: by default from READING_THREAD_BYTES on. */
  readingThread?: boolean;
  isCancelled?: () => boolean;
  onProgress?: (progress: ProgressCounts) => void;
  /**
   * Called inside the import's transaction once it is certain that rows will be added, before any of
   * them is: the worker takes the automatic backup here, so no backup is made for an import that changes nothing.
   */
  beforeWrite?: () => void;
}

export interface PreviewOptions {
  path: string;
  format?: ImportFormat | undefined;
  mapping?: ColumnMapping | undefined;
  sheet?: string | undefined;
  encoding?: TextEncodingName | undefined;
  headerRow?: number | undefined;
  /** Check the whole file, not its first PREVIEW_BYTES (tests). */
  whole?: boolean;
  /** Other bounds than PREVIEW_BYTES and PREVIEW_MS (tests). */
  limits?: { bytes: number; ms: number };
  chunkSize?: number;
  isCancelled?: () => boolean;
  onProgress?: (progress: ProgressCounts) => void;
}

/** Setting key under which a generic file's column mapping is remembered (per header). */
export function mappingKey(header: string[]): string {
  const digest = createHash('sha256')
    .update(header.map((h) => h.trim()).join('\u001f'))
    .digest('hex')
    .slice(0, 20);
  return `import.mapping.${digest}`;
}

function rememberedMapping(db: Db, header: string[]): ColumnMapping | undefined {
  const row = db.prepare('SELECT value FROM setting WHERE key = ?').pluck().get(mappingKey(header)) as string | undefined;
  return row ? (JSON.parse(row) as ColumnMapping) : undefined;
}

/** What the header says: the format, the column mapping used, and how the file is read. */
interface FileLayout {
  header: string[];
  format: ImportFormat;
  mapping: ColumnMapping | undefined;
  kind: TableReader['kind'];
  delimiter: TableReader['delimiter'];
  sheet: TableReader['sheet'];
  encoding: TableReader['encoding'];
  headerLine: number;
  totalBytes: number;
}

/** How a file is read, as the user chose it. */
interface ReadChoices {
  sheet?: string | undefined;
  encoding?: TextEncodingName | undefined;
  headerRow?: number | undefined;
}

/**
 * Reads the header only and checks that the format's columns are there (a MissingColumnError
 * becomes an invalid-file error naming the columns).
 */
function readLayout(
  db: Db,
  path: string,
  format: ImportFormat | undefined,
  mapping: ColumnMapping | undefined,
  choices: ReadChoices,
  isCancelled: (() => boolean) | undefined,
): FileLayout {
  const checkpoint = (): void => {
    if (isCancelled?.()) throw cancelled();
  };
  const reader = openTable(path, { sheet: choices.sheet, encoding: choices.encoding, headerRow: choices.headerRow, checkpoint });
  try {
    const header = reader.header;
    if (header.length === 0) throw new ApiError('invalid-file', said('importEmpty', { file: basename(path) }), { file: basename(path) });
    const detected = format ?? detectFormat(header);
    const used = detected === 'generic' ? (mapping ?? rememberedMapping(db, header)) : undefined;
    createMapper(detected, header, { decimalComma: reader.delimiter === ';', mapping: used });
    return {
      header,
      format: detected,
      mapping: used,
      kind: reader.kind,
      delimiter: reader.delimiter,
      sheet: reader.sheet,
      encoding: reader.encoding,
      headerLine: reader.headerLine,
      totalBytes: reader.totalBytes,
    };
  } catch (error) {
    if (error instanceof MissingColumnError) {
      const columns = error.columns.join(', ');
      const what = error.columns.length > 1 ? said('importMissingColumns', { columns }) : said('importMissingColumn', { columns });
      throw new ApiError(
        'invalid-file',
        said('importNotAsFormat', { file: basename(path), format: saidAs(LAYOUT_NAMES[format ?? 'generic']), what }),
        {
          file: basename(path),
          missingColumns: error.columns,
        },
      );
    }
    throw readError(path, error);
  } finally {
    reader.close();
  }
}

function knownEconomies(db: Db): Set<string> {
  return new Set(db.prepare('SELECT code FROM economy').pluck().all() as string[]);
}

/** Runs a scan to its end, handing each batch to `onBatch`. */
function drain(scan: Scan, onBatch: (batch: ValidBatch) => void): ScanEnd {
  for (;;) {
    const next = scan.next();
    if (next.done) return next.value;
    onBatch(next.value);
  }
}

/** Skip reasons counted, as a list inside a sentence ("3 breakdown row (…), 1 partner is an area, …"). */
function skipCounts(skipped: SkippedRows[]): CoreText[] {
  return skipped.map((s) =>
    said('importSkipCount', {
      count: s.count,
      reason: s.reasonCode ? { messageCode: s.reasonCode, params: s.params ?? {} } : s.reason,
    }),
  );
}

/** Why a file gave no row to import, in words the Data view shows. */
function noRowsReason(end: ScanEnd): Said {
  if (end.rowsRead === 0) return said('importHeaderOnly');
  const one = end.problemCount === 1;
  if (end.problemCount > 0) {
    const others = end.skipped.filter((s) => s.reason !== 'invalid' && s.count > 0);
    if (others.length === 0) return said(one ? 'importNoValidRowsOne' : 'importNoValidRowsMany', { problems: end.problemCount });
    return said(one ? 'importNoValidRowsSkippedOne' : 'importNoValidRowsSkippedMany', {
      problems: end.problemCount,
      skips: skipCounts(others),
    });
  }
  return said(end.rowsRead === 1 ? 'importAllSkippedOne' : 'importAllSkippedMany', { rows: end.rowsRead, skips: skipCounts(end.skipped) });
}

/** The summary's reason fields from a coded sentence. */
const reasonOf = (text: Said): { reason: string; reasonText: CoreText } => ({
  reason: text.message,
  reasonText: { messageCode: text.messageCode, params: text.params },
});

function report(end: ScanEnd, newEconomies: string[]): ValidationReport {
  return {
    rowsRead: end.rowsRead,
    rowsValid: end.rowsValid,
    skipped: end.skipped,
    problems: end.problems,
    problemCount: end.problemCount,
    newEconomies,
    wide: end.wide,
  };
}

/** The choices, every key present (ScanSetup has them all). */
interface Choices {
  sheet: string | undefined;
  encoding: TextEncodingName | undefined;
  headerRow: number | undefined;
}
const choicesOf = (options: ReadChoices): Choices => ({ sheet: options.sheet, encoding: options.encoding, headerRow: options.headerRow });

/** Reads the file's first megabytes (all of it with `whole`), validates their rows, writes nothing. */
export function previewFile(db: Db, options: PreviewOptions): ImportPreview {
  const started = performance.now();
  const fileName = basename(options.path);
  let layout: FileLayout;
  try {
    layout = readLayout(db, options.path, options.format, options.mapping, choicesOf(options), options.isCancelled);
  } catch (error) {
    const missing = error instanceof ApiError ? (error.details as { missingColumns?: string[] } | undefined)?.missingColumns : undefined;
    if (!missing) throw error;
    return missingColumnsPreview(options, missing);
  }
  const known = knownEconomies(db);
  const setup: ScanSetup = {
    path: options.path,
    format: layout.format,
    mapping: layout.mapping,
    chunkSize: options.chunkSize,
    known: [...known],
    ...choicesOf(options),
    stopAfter: options.whole
      ? undefined
      : {
          bytes: options.limits?.bytes ?? PREVIEW_BYTES,
          ms: options.limits?.ms ?? Math.max(PREVIEW_MIN_MS, PREVIEW_MS - (performance.now() - started)),
        },
  };
  const newEconomies = new Set<string>();
  const end = drain(scanInline(setup, options.isCancelled), (batch) => {
    for (let i = 0; i < batch.rows.length; i += ROW_FIELDS) {
      const reporter = batch.rows[i] as string;
      const partner = batch.rows[i + 1] as string;
      if (!known.has(reporter)) newEconomies.add(reporter);
      if (!known.has(partner)) newEconomies.add(partner);
    }
    options.onProgress?.({
      phase: 'reading',
      bytesRead: batch.bytesRead,
      bytesTotal: batch.totalBytes,
      rowsRead: batch.rowsRead,
      rowsAdded: 0,
      rowsSkipped: batch.rowsRead - batch.rowsValid,
    });
  });
  const previous = end.complete
    ? (db.prepare('SELECT id, started_at AS at FROM import_run WHERE file_hash = ? ORDER BY id LIMIT 1').get(end.fileHash) as
        { id: number; at: string } | undefined)
    : undefined;
  const remembered = layout.format === 'generic' && !options.mapping && layout.mapping !== undefined;
  return {
    fileName,
    fileSize: layout.totalBytes,
    fileHash: end.fileHash,
    format: layout.format,
    formatLabel: FORMAT_LABELS[layout.format],
    delimiter: layout.delimiter,
    fileType: layout.kind,
    sheet: layout.sheet,
    encoding: layout.encoding,
    headerLine: layout.headerLine,
    checked: { complete: end.complete, rows: end.rowsRead, bytes: end.bytesRead, totalBytes: end.totalBytes },
    columns: layout.header,
    sampleRows: end.sampleRows,
    mappingNeeded: false,
    mapping: layout.mapping ?? null,
    mappingRemembered: remembered,
    missingColumns: [],
    alreadyImported: previous ?? null,
    ...report(end, [...newEconomies].sort()),
  };
}

/** A file whose columns do not fit its format: show what it holds and what is missing, rather than only an error. */
function missingColumnsPreview(options: PreviewOptions, missing: string[]): ImportPreview {
  const reader = openTable(options.path, choicesOf(options));
  try {
    const header = reader.header;
    const sampleRows: string[][] = [];
    for (const batch of reader.batches()) {
      for (const row of batch) if (sampleRows.length < 10) sampleRows.push(row.fields.slice(0, header.length));
      if (sampleRows.length >= 10) break;
    }
    const format = options.format ?? detectFormat(header);
    return {
      fileName: basename(options.path),
      fileSize: reader.totalBytes,
      fileHash: '',
      format,
      formatLabel: FORMAT_LABELS[format],
      delimiter: reader.delimiter,
      fileType: reader.kind,
      sheet: reader.sheet,
      encoding: reader.encoding,
      headerLine: reader.headerLine,
      checked: { complete: false, rows: 0, bytes: reader.bytesRead, totalBytes: reader.totalBytes },
      columns: header,
      sampleRows,
      mappingNeeded: format === 'generic',
      mapping: format === 'generic' ? (options.mapping ?? suggestMapping(header)) : null,
      mappingRemembered: false,
      missingColumns: format === 'generic' && !options.mapping ? [] : missing,
      alreadyImported: null,
      rowsRead: 0,
      rowsValid: 0,
      skipped: [],
      problems: [],
      problemCount: 0,
      newEconomies: [],
      wide: null,
    };
  } catch (error) {
    throw readError(options.path, error);
  } finally {
    reader.close();
  }
}

/**
 * The import's staging table, in the connection's temporary database. Its CHECKs are trade_flow's
 * (migration 001), written as chains of comparisons: SQLite evaluates a CHECK's `IN (…)` list
 * through a lookup table, which made trade_flow's CHECKs about a third of the sorted insert's time,
 * while the same rules as comparisons cost a fraction of it. STRICT like trade_flow: a row that
 * trade_flow would refuse is refused here, as it is staged (tests/unit/imports-staging.test.ts
 * compares the two on edge values).
 */
export function createStagingTable(db: Db): void {
  db.exec(`DROP TABLE IF EXISTS temp.import_stage;
    CREATE TEMP TABLE import_stage (
      reporter TEXT,
      partner TEXT,
      year INTEGER CHECK (year BETWEEN 1900 AND 2100),
      month INTEGER CHECK (month BETWEEN 1 AND 12),
      flow TEXT CHECK (flow = 'export' OR flow = 'import' OR flow = 're-export' OR flow = 're-import'),
      product_code TEXT CHECK (product_code = 'TOTAL' OR
        ((length(product_code) = 6 OR length(product_code) = 4 OR length(product_code) = 2) AND product_code NOT GLOB '*[^0-9]*')),
      value_usd REAL CHECK (value_usd >= 0)
    ) STRICT`);
}

/** Imports a file in one transaction. See the module comment for the guarantees. */
export function importFile(db: Db, options: ImportOptions): ImportSummary {
  const started = performance.now();
  const fileName = basename(options.path);
  const layout = readLayout(db, options.path, options.format, options.mapping, choicesOf(options), options.isCancelled);
  const { format } = layout;
  const now = new Date().toISOString();
  let open = false;
  // Rows go in in index order, so a small page cache does; it also bounds the sorter's memory, which
  // keeps a 5-million-row import under 200 MB (tests/bench/import-throughput.ts). Restored at the end.
  const cacheSize = db.pragma('cache_size', { simple: true }) as number;
  db.pragma(`cache_size = ${STAGING_CACHE_KIB}`);
  // Every reference the new rows make is made good inside this transaction (each reporter and
  // partner is ensured in economy before its row is staged; the source and the run are inserted
  // first), so SQLite's per-row foreign-key lookups, a quarter of the sorted insert's time, are
  // skipped for this transaction. Tests run PRAGMA foreign_key_check after imports.
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
  db.pragma('foreign_keys = OFF');
  let checksIgnored = false;
  try {
    db.exec('BEGIN IMMEDIATE');
    open = true;
    const known = knownEconomies(db);
    const runId = Number(
      db
        .prepare(
          `INSERT INTO import_run (file_name, file_hash, format, started_at, file_size, user_name)
      VALUES (?, '', ?, ?, ?, ?)`,
        )
        .run(fileName, format, now, layout.totalBytes, options.userName).lastInsertRowid,
    );
    const sourceId = `import:${runId}`;
    const sourceLabel = `I${runId}`;
    const publisher = options.publisher ?? FORMAT_PUBLISHERS[format];
    db.prepare(
      `INSERT INTO source (id, label, publisher, title, published_precision, published_value, note)
      VALUES (?, ?, ?, ?, 'day', ?, ?)`,
    ).run(
      sourceId,
      sourceLabel,
      publisher,
      fileName,
      now.slice(0, 10),
      `Imported by ${options.userName} on ${now.slice(0, 10)} (${FORMAT_LABELS[format]}).`,
    );
    db.prepare('UPDATE import_run SET source_id = ? WHERE id = ?').run(sourceId, runId);

    const names = new Map<string, string>();
    const insertEconomy = db.prepare('INSERT INTO economy (code, name, kind) VALUES (?, ?, ?) ON CONFLICT (code) DO NOTHING');
    const economiesAdded: string[] = [];
    const ensureEconomy = (code: string): void => {
      if (known.has(code)) return;
      const isWorld = code === WORLD;
      insertEconomy.run(code, isWorld ? WORLD_NAME : (names.get(code) ?? code), isWorld ? 'group' : 'country');
      known.add(code);
      economiesAdded.push(code);
    };

    // The staging table lives in the connection's temporary database (a temporary file once it
    // outgrows its page cache, so memory stays flat: it is only appended to, then read once in
    // order, so a small cache does); it goes with the transaction's end.
    db.pragma('temp.cache_size = -2000');
    createStagingTable(db);
    const sqlFor = (rows: number): string =>
      `INSERT INTO temp.import_stage VALUES ${Array.from({ length: rows }, () => '(?,?,?,?,?,?,?)').join(',')}`;
    const insertBatch = db.prepare(sqlFor(BATCH));
    const params: (string | number | null)[] = new Array(BATCH * ROW_FIELDS);
    const chapterSums = new ImportChapterSums();
    const yearCodes = new ImportYearCodes(db, sourceId, runId);
    let buffered = 0;
    let rowsStaged = 0;
    let monthlyStaged = 0;
    let writing = true;
    const flush = (): void => {
      if (buffered === 0) return;
      if (buffered === BATCH) insertBatch.run(params);
      else db.prepare(sqlFor(buffered)).run(params.slice(0, buffered * ROW_FIELDS));
      rowsStaged += buffered;
      buffered = 0;
    };

    const setup: ScanSetup = {
      path: options.path,
      format,
      mapping: layout.mapping,
      chunkSize: options.chunkSize,
      known: [...known],
      ...choicesOf(options),
    };
    const inThread = options.readingThread ?? layout.totalBytes >= READING_THREAD_BYTES;
    const end = drain((inThread ? scanInThread : scanInline)(setup, options.isCancelled), (batch) => {
      if (options.isCancelled?.()) throw cancelled();
      for (const [code, name] of batch.names) names.set(code, name);
      // All or nothing: after the first invalid row nothing will be kept, so nothing more is staged.
      if (batch.invalid > 0 && !options.onlyValidRows) writing = false;
      if (writing) {
        const rows = batch.rows;
        for (let i = 0; i < rows.length; i += ROW_FIELDS) {
          const reporter = rows[i] as string;
          const partner = rows[i + 1] as string;
          ensureEconomy(reporter);
          ensureEconomy(partner);
          const month = rows[i + 3] as number | null;
          if (month !== null) monthlyStaged++;
          const product = rows[i + 5] as string;
          const year = rows[i + 2] as number;
          const flow = rows[i + 4] as string;
          const value = rows[i + 6] as number;
          chapterSums.add(reporter, partner, product, year, month, flow, value);
          yearCodes.add(reporter, partner, product, year, month, flow, value);
          const p = buffered * ROW_FIELDS;
          for (let k = 0; k < ROW_FIELDS; k++) params[p + k] = rows[i + k]!;
          if (++buffered === BATCH) flush();
        }
      }
      options.onProgress?.({
        phase: 'reading',
        bytesRead: batch.bytesRead,
        bytesTotal: batch.totalBytes,
        rowsRead: batch.rowsRead,
        rowsAdded: rowsStaged + buffered,
        rowsSkipped: batch.rowsRead - batch.rowsValid,
      });
    });
    if (options.isCancelled?.()) throw cancelled();
    if (writing) {
      flush();
      yearCodes.flush();
    }
    const base = { fileName, fileHash: end.fileHash, format, durationMs: 0 };
    const { rowsRead, rowsValid } = end;

    const previous = db.prepare('SELECT id FROM import_run WHERE file_hash = ? AND id <> ? LIMIT 1').pluck().get(end.fileHash, runId);
    const refusal =
      previous !== undefined
        ? {
            outcome: 'already-imported' as const,
            ...reasonOf(said('importAlreadyImported', { file: fileName, importId: String(previous) })),
          }
        : rowsValid === 0
          ? { outcome: 'no-rows' as const, ...reasonOf(noRowsReason(end)) }
          : !writing
            ? {
                outcome: 'nothing' as const,
                ...reasonOf(said(end.problemCount === 1 ? 'importAllOrNothingOne' : 'importAllOrNothingMany', { rows: end.problemCount })),
              }
            : null;
    if (refusal) {
      db.exec('ROLLBACK');
      open = false;
      return {
        ...base,
        ...report(end, []),
        ...refusal,
        importId: previous !== undefined ? Number(previous) : null,
        sourceId: null,
        sourceLabel: null,
        rowsAdded: 0,
        monthlyRows: 0,
        rowsSkipped: rowsRead,
        economiesAdded: [],
        durationMs: Math.round(performance.now() - started),
      };
    }
    // Rows will be added: the moment for the restorable copy of the database as it was (the caller's hook).
    options.beforeWrite?.();
    options.onProgress?.({
      phase: 'indexing',
      bytesRead: end.bytesRead,
      bytesTotal: end.totalBytes,
      rowsRead,
      rowsAdded: rowsStaged,
      rowsSkipped: rowsRead - rowsValid,
    });
    // Natural-key order (the index's own order); the staging rowid breaks ties so that of two
    // copies of a row in the file the first one stays. New ids follow the largest id, so the rows
    // added are one id range.
    const firstId = db.prepare('SELECT ifnull(max(id), 0) + 1 FROM trade_flow').pluck().get() as number;
    db.pragma(`cache_size = ${IMPORT_CACHE_KIB}`);
    // Every staged row passed the staging table's CHECKs, the same rules as trade_flow's (see
    // createStagingTable), so they are not evaluated a second time here. NOT NULL, the column types
    // and the natural key are still enforced.
    db.pragma('ignore_check_constraints = ON');
    checksIgnored = true;
    const rowsAdded = db
      .prepare(
        `INSERT INTO trade_flow (reporter, partner, year, month, flow, product_code, value_usd, source_id, import_id)
      SELECT reporter, partner, year, month, flow, product_code, value_usd, :source, :run FROM temp.import_stage
      ORDER BY reporter, partner, product_code, year, ifnull(month, 0), flow, rowid
      ON CONFLICT DO NOTHING`,
      )
      .run({ source: sourceId, run: runId }).changes;
    db.pragma('ignore_check_constraints = OFF');
    checksIgnored = false;
    db.exec('DROP TABLE temp.import_stage');
    addFlowCount(db, sourceId, rowsAdded);
    tradeRowsChanged(db);
    if (options.isCancelled?.()) throw cancelled();
    // Flows the file gave twice: staged twice, added once (a wide row stages up to two flows).
    const duplicates = rowsStaged - rowsAdded;
    const rowsSkipped = rowsRead - rowsValid + duplicates;
    // The chapter sums gathered while staging count every copy of a repeated row: if the file had
    // any, the sums come from the rows actually added instead.
    if (duplicates === 0) chapterSums.commit(db, sourceId);
    else {
      applyToHsSummary(db, { rowsFrom: firstId, rowsTo: firstId + rowsAdded - 1 }, 1);
      removeYearCodes(db, { importId: runId });
      writeYearCodes(db, { rowsFrom: firstId, rowsTo: firstId + rowsAdded - 1 });
    }
    // Monthly rows counted while staging, unless a repeated row was dropped: then from the rows added.
    const monthlyRows =
      duplicates === 0
        ? monthlyStaged
        : (db
            .prepare('SELECT count(*) FROM trade_flow WHERE id BETWEEN ? AND ? AND month IS NOT NULL')
            .pluck()
            .get(firstId, firstId + rowsAdded - 1) as number);
    const skipped =
      duplicates > 0
        ? [
            ...end.skipped,
            { reason: SKIP_DUPLICATE.message, count: duplicates, reasonCode: SKIP_DUPLICATE.messageCode, params: SKIP_DUPLICATE.params },
          ].sort((a, b) => b.count - a.count)
        : end.skipped;
    const summary = { ...report(end, []), skipped };
    options.onProgress?.({
      phase: 'committing',
      bytesRead: end.bytesRead,
      bytesTotal: end.totalBytes,
      rowsRead,
      rowsAdded,
      rowsSkipped,
    });
    db.prepare(
      `UPDATE import_run SET file_hash = ?, finished_at = ?, rows_read = ?, rows_added = ?, rows_skipped = ?, problem_count = ?,
      skipped_by_reason = ? WHERE id = ?`,
    ).run(
      end.fileHash,
      new Date().toISOString(),
      rowsRead,
      rowsAdded,
      rowsSkipped,
      end.problemCount,
      JSON.stringify(
        skipped.map((s) => ({
          reason: s.reason,
          count: s.count,
          ...(s.reasonCode ? { messageCode: s.reasonCode, params: s.params ?? {} } : {}),
        })),
      ),
      runId,
    );
    db.prepare('UPDATE source SET note = note || ? WHERE id = ?').run(` File SHA-256 ${end.fileHash}.`, sourceId);
    if (format === 'generic' && layout.mapping) {
      db.prepare('INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(
        mappingKey(layout.header),
        JSON.stringify(layout.mapping),
      );
    }
    db.exec('COMMIT');
    open = false;
    return {
      ...base,
      ...summary,
      outcome: 'imported',
      reason: null,
      reasonText: null,
      importId: runId,
      sourceId,
      sourceLabel,
      rowsAdded,
      monthlyRows,
      rowsSkipped,
      economiesAdded,
      durationMs: Math.round(performance.now() - started),
    };
  } catch (error) {
    if (open && db.inTransaction) db.exec('ROLLBACK');
    throw mapSqliteError(readError(options.path, error), basename(db.name));
  } finally {
    db.pragma(`cache_size = ${cacheSize}`);
    db.pragma(`foreign_keys = ${foreignKeys}`);
    if (checksIgnored) db.pragma('ignore_check_constraints = OFF');
  }
}

/** Removes one import: its rows, its run and its source, in one transaction. Economies it added stay (reference data). */
export function undoImport(db: Db, id: number, beforeWrite?: () => void): { removedRows: number } {
  const run = db.prepare('SELECT id, source_id FROM import_run WHERE id = ?').get(id) as
    { id: number; source_id: string | null } | undefined;
  if (!run) throw new ApiError('not-found', said('importNotFound', { id: String(id) }));
  return db
    .transaction(() => {
      beforeWrite?.();
      applyToHsSummary(db, { importId: id }, -1);
      removeYearCodes(db, { importId: id });
      const removedRows = db.prepare('DELETE FROM trade_flow WHERE import_id = ?').run(id).changes;
      tradeRowsChanged(db);
      // Every row of an import cites the import's own source.
      if (run.source_id) addFlowCount(db, run.source_id, -removedRows);
      db.prepare('DELETE FROM import_run WHERE id = ?').run(id);
      if (run.source_id) {
        const used = db
          .prepare(
            `SELECT (SELECT count(*) FROM trade_flow WHERE source_id = :s) + (SELECT count(*) FROM stated_figure WHERE source_id = :s)
        + (SELECT count(*) FROM event WHERE source_id = :s) + (SELECT count(*) FROM project WHERE source_id = :s)
        + (SELECT count(*) FROM route WHERE source_id = :s) + (SELECT count(*) FROM statement WHERE source_id = :s)
        + (SELECT count(*) FROM export_plan WHERE source_id = :s) + (SELECT count(*) FROM sector_hs WHERE source_id = :s)`,
          )
          .pluck()
          .get({ s: run.source_id }) as number;
        if (used === 0) db.prepare('DELETE FROM source WHERE id = ?').run(run.source_id);
      }
      return { removedRows };
    })
    .immediate();
}
