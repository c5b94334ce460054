/**
 * The import engine (synchronous: it runs in a worker thread, see worker.ts). One streaming pass
 * over the file validates every row and, when writing, appends valid rows to a temporary staging
 * table (no index: as cheap as a plain append). Then one INSERT … SELECT … ORDER BY moves them into
 * trade_flow in natural-key order, so its index grows page by page instead of at random places
 * (random inserts into an index larger than the page cache were ~90 % of the import time), and
 * the HS summary is updated from the rows added. All of it runs inside ONE transaction
 * (BEGIN IMMEDIATE … COMMIT): nothing is visible before the commit; cancel, an error or a crash
 * rolls everything back, so the database is exactly as before. The preview runs the same pass
 * without writing.
 */
import { createHash, type Hash } from 'node:crypto';
import { basename } from 'node:path';
import { ApiError } from '../errors.ts';
import { mapSqliteError, type Db } from '../open.ts';
import type { ColumnMapping, ImportFormat, ImportPreview, ImportProblem, ImportSummary, ValidationReport } from './contract.ts';
import { applyToHsSummary } from '../trade/hs-summary.ts';
import { openTable, readError, type TableReader, type TableReadOptions } from './table.ts';
import {
  createMapper, detectFormat, FORMAT_LABELS, FORMAT_PUBLISHERS, MissingColumnError, OK, INVALID,
  suggestMapping, WORLD, WORLD_NAME, type MapSink, type MappedRow, type RowMapper,
} from './formats.ts';

export const MAX_PROBLEMS = 100;
/** Rows per multi-row INSERT into the staging table (7 parameters each, well under SQLite's 32766). */
const BATCH = 256;
const COLUMNS = 7;

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
  chunkSize?: number;
  isCancelled?: () => boolean;
  onProgress?: (progress: ProgressCounts) => void;
}

export interface PreviewOptions {
  path: string;
  format?: ImportFormat | undefined;
  mapping?: ColumnMapping | undefined;
  sheet?: string | undefined;
  chunkSize?: number;
  isCancelled?: () => boolean;
  onProgress?: (progress: ProgressCounts) => void;
}

/** Setting key under which a generic file's column mapping is remembered (per header). */
export function mappingKey(header: string[]): string {
  const digest = createHash('sha256').update(header.map((h) => h.trim()).join('\u001f')).digest('hex').slice(0, 20);
  return `import.mapping.${digest}`;
}

function rememberedMapping(db: Db, header: string[]): ColumnMapping | undefined {
  const row = db.prepare('SELECT value FROM setting WHERE key = ?').pluck().get(mappingKey(header)) as string | undefined;
  return row ? (JSON.parse(row) as ColumnMapping) : undefined;
}

function openReader(path: string, options: TableReadOptions): TableReader {
  return openTable(path, options);
}

/** Counts per reason, problems kept up to MAX_PROBLEMS, names of economies the file gives. */
class Tally implements MapSink {
  line = 0;
  problems: ImportProblem[] = [];
  problemCount = 0;
  skipped = new Map<string, number>();
  names = new Map<string, string>();
  known: Set<string>;

  constructor(known: Set<string>) {
    this.known = known;
  }

  skip(reason: string): void {
    this.skipped.set(reason, (this.skipped.get(reason) ?? 0) + 1);
  }

  problem(column: string, value: string, message: string): void {
    this.problemCount++;
    if (this.problems.length < MAX_PROBLEMS) this.problems.push({ line: this.line, column, value: value.slice(0, 200), message });
  }

  economy(code: string, name: string): void {
    if (!this.known.has(code) && !this.names.has(code) && name.trim() !== '') this.names.set(code, name.trim());
  }

  skippedList(): { reason: string; count: number }[] {
    return [...this.skipped].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count);
  }
}

interface Scan {
  reader: TableReader;
  format: ImportFormat;
  mapper: RowMapper;
  mapping: ColumnMapping | undefined;
}

function prepareScan(db: Db, path: string, format: ImportFormat | undefined, mapping: ColumnMapping | undefined, chunkSize: number | undefined,
  hash: Hash, sheet: string | undefined): Scan {
  const reader = openReader(path, { chunkSize, sheet });
  // Hash every byte read, the header's included (registered before anything is read).
  reader.onChunk((chunk) => hash.update(chunk));
  try {
    const header = reader.header;
    if (header.length === 0) throw new ApiError('invalid-file', `${basename(path)} is empty: no header line.`, { file: basename(path) });
    const detected = format ?? detectFormat(header);
    const used = detected === 'generic' ? (mapping ?? rememberedMapping(db, header)) : undefined;
    const mapper = createMapper(detected, header, { decimalComma: reader.delimiter === ';', mapping: used });
    return { reader, format: detected, mapper, mapping: used };
  } catch (error) {
    reader.close();
    if (error instanceof MissingColumnError) {
      throw new ApiError('invalid-file', `${basename(path)} cannot be read as ${FORMAT_LABELS[format ?? 'generic']}: ${error.message}.`, {
        file: basename(path), missingColumns: error.columns,
      });
    }
    throw readError(path, error);
  }
}

function knownEconomies(db: Db): Set<string> {
  return new Set(db.prepare('SELECT code FROM economy').pluck().all() as string[]);
}

function report(tally: Tally, rowsRead: number, rowsValid: number, newEconomies: string[]): ValidationReport {
  return {
    rowsRead,
    rowsValid,
    skipped: tally.skippedList(),
    problems: tally.problems,
    problemCount: tally.problemCount,
    newEconomies,
  };
}

function cancelled(): ApiError {
  return new ApiError('cancelled', 'The import was cancelled: nothing was changed.');
}

/** Reads the whole file, validates every row, writes nothing. */
export function previewFile(db: Db, options: PreviewOptions): ImportPreview {
  const fileName = basename(options.path);
  let scan: Scan;
  let header: string[];
  const hash = createHash('sha256');
  try {
    scan = prepareScan(db, options.path, options.format, options.mapping, options.chunkSize, hash, options.sheet);
  } catch (error) {
    const missing = error instanceof ApiError ? (error.details as { missingColumns?: string[] } | undefined)?.missingColumns : undefined;
    if (!missing) throw error;
    // Show what the file holds and what is missing, rather than only an error.
    const reader = openReader(options.path, { sheet: options.sheet });
    try {
      header = reader.header;
      const sampleRows: string[][] = [];
      for (const batch of reader.batches()) {
        for (const row of batch) if (sampleRows.length < 10) sampleRows.push(row.fields.slice(0, header.length));
        if (sampleRows.length >= 10) break;
      }
      const format = options.format ?? detectFormat(header);
      return {
        fileName, fileSize: reader.totalBytes, fileHash: '', format, formatLabel: FORMAT_LABELS[format], delimiter: reader.delimiter,
        fileType: reader.kind, sheet: reader.sheet,
        columns: header, sampleRows, mappingNeeded: format === 'generic',
        mapping: format === 'generic' ? (options.mapping ?? suggestMapping(header)) : null, mappingRemembered: false,
        missingColumns: format === 'generic' && !options.mapping ? [] : missing, alreadyImported: null,
        rowsRead: 0, rowsValid: 0, skipped: [], problems: [], problemCount: 0, newEconomies: [],
      };
    } finally {
      reader.close();
    }
  }
  const { reader, format, mapper } = scan;
  try {
    header = reader.header;
    const known = knownEconomies(db);
    const tally = new Tally(known);
    const out: MappedRow = { reporter: '', partner: '', year: 0, month: null, flow: 'export', product: '', value: 0 };
    const sampleRows: string[][] = [];
    const newEconomies = new Set<string>();
    let rowsRead = 0;
    let rowsValid = 0;
    for (const batch of reader.batches()) {
      if (options.isCancelled?.()) throw cancelled();
      for (const row of batch) {
        rowsRead++;
        if (sampleRows.length < 10) sampleRows.push(row.fields.slice(0, header.length));
        tally.line = row.line;
        const status = mapper(row.fields, out, tally);
        if (status === OK) {
          rowsValid++;
          if (!known.has(out.reporter)) newEconomies.add(out.reporter);
          if (!known.has(out.partner)) newEconomies.add(out.partner);
        } else if (status === INVALID) tally.skip('invalid');
      }
      options.onProgress?.({ phase: 'reading', bytesRead: reader.bytesRead, bytesTotal: reader.totalBytes, rowsRead, rowsAdded: 0, rowsSkipped: rowsRead - rowsValid });
    }
    const fileHash = hash.digest('hex');
    const previous = db.prepare('SELECT id, started_at AS at FROM import_run WHERE file_hash = ? ORDER BY id LIMIT 1').get(fileHash) as
      { id: number; at: string } | undefined;
    const remembered = format === 'generic' && !options.mapping && scan.mapping !== undefined;
    return {
      fileName, fileSize: reader.totalBytes, fileHash, format, formatLabel: FORMAT_LABELS[format], delimiter: reader.delimiter,
      fileType: reader.kind, sheet: reader.sheet,
      columns: header, sampleRows, mappingNeeded: false, mapping: scan.mapping ?? null, mappingRemembered: remembered,
      missingColumns: [], alreadyImported: previous ?? null,
      ...report(tally, rowsRead, rowsValid, [...newEconomies].sort()),
    };
  } catch (error) {
    throw readError(options.path, error);
  } finally {
    reader.close();
  }
}

/** Imports a file in one transaction. See the module comment for the guarantees. */
export function importFile(db: Db, options: ImportOptions): ImportSummary {
  const started = performance.now();
  const fileName = basename(options.path);
  const hash = createHash('sha256');
  const scan = prepareScan(db, options.path, options.format, options.mapping, options.chunkSize, hash, options.sheet);
  const { reader, format, mapper } = scan;
  const now = new Date().toISOString();
  let open = false;
  try {
    db.exec('BEGIN IMMEDIATE');
    open = true;
    const known = knownEconomies(db);
    const tally = new Tally(known);
    const runId = Number(db.prepare(`INSERT INTO import_run (file_name, file_hash, format, started_at, file_size, user_name)
      VALUES (?, '', ?, ?, ?, ?)`).run(fileName, format, now, reader.totalBytes, options.userName).lastInsertRowid);
    const sourceId = `import:${runId}`;
    const publisher = options.publisher ?? FORMAT_PUBLISHERS[format];
    db.prepare(`INSERT INTO source (id, label, publisher, title, published_precision, published_value, note)
      VALUES (?, ?, ?, ?, 'day', ?, ?)`)
      .run(sourceId, `I${runId}`, publisher, fileName, now.slice(0, 10), `Imported by ${options.userName} on ${now.slice(0, 10)} (${FORMAT_LABELS[format]}).`);
    db.prepare('UPDATE import_run SET source_id = ? WHERE id = ?').run(sourceId, runId);

    const insertEconomy = db.prepare('INSERT INTO economy (code, name, kind) VALUES (?, ?, ?) ON CONFLICT (code) DO NOTHING');
    const economiesAdded: string[] = [];
    const ensureEconomy = (code: string): void => {
      if (known.has(code)) return;
      const isWorld = code === WORLD;
      insertEconomy.run(code, isWorld ? WORLD_NAME : (tally.names.get(code) ?? code), isWorld ? 'group' : 'country');
      known.add(code);
      economiesAdded.push(code);
    };

    // The staging table lives in the connection's temporary database (a temporary file once it
    // outgrows the page cache, so memory stays flat); it goes with the transaction's end.
    db.exec(`DROP TABLE IF EXISTS temp.import_stage;
      CREATE TEMP TABLE import_stage (reporter TEXT, partner TEXT, year INTEGER, month INTEGER, flow TEXT, product_code TEXT, value_usd REAL)`);
    const sqlFor = (rows: number): string =>
      `INSERT INTO temp.import_stage VALUES ${Array.from({ length: rows }, () => '(?,?,?,?,?,?,?)').join(',')}`;
    const insertBatch = db.prepare(sqlFor(BATCH));
    const params: (string | number | null)[] = new Array(BATCH * COLUMNS);
    let buffered = 0;
    let rowsStaged = 0;
    let writing = true;
    const flush = (): void => {
      if (buffered === 0) return;
      if (buffered === BATCH) insertBatch.run(params);
      else db.prepare(sqlFor(buffered)).run(params.slice(0, buffered * COLUMNS));
      rowsStaged += buffered;
      buffered = 0;
    };

    const out: MappedRow = { reporter: '', partner: '', year: 0, month: null, flow: 'export', product: '', value: 0 };
    let rowsRead = 0;
    let rowsValid = 0;
    for (const batch of reader.batches()) {
      if (options.isCancelled?.()) throw cancelled();
      for (const row of batch) {
        rowsRead++;
        tally.line = row.line;
        const status = mapper(row.fields, out, tally);
        if (status !== OK) {
          if (status === INVALID) {
            tally.skip('invalid');
            if (!options.onlyValidRows) writing = false; // all or nothing: nothing will be kept
          }
          continue;
        }
        rowsValid++;
        if (!writing) continue;
        ensureEconomy(out.reporter);
        ensureEconomy(out.partner);
        let p = buffered * COLUMNS;
        params[p++] = out.reporter;
        params[p++] = out.partner;
        params[p++] = out.year;
        params[p++] = out.month;
        params[p++] = out.flow;
        params[p++] = out.product;
        params[p] = out.value;
        if (++buffered === BATCH) flush();
      }
      options.onProgress?.({
        phase: 'reading', bytesRead: reader.bytesRead, bytesTotal: reader.totalBytes, rowsRead, rowsAdded: rowsStaged, rowsSkipped: rowsRead - rowsValid,
      });
    }
    if (options.isCancelled?.()) throw cancelled();
    if (writing) flush();
    const fileHash = hash.digest('hex');
    const base = { fileName, fileHash, format, durationMs: 0 };

    const previous = db.prepare('SELECT id FROM import_run WHERE file_hash = ? AND id <> ? LIMIT 1').pluck().get(fileHash, runId);
    if (previous !== undefined || !writing) {
      db.exec('ROLLBACK');
      open = false;
      return {
        ...base, ...report(tally, rowsRead, rowsValid, []),
        outcome: previous !== undefined ? 'already-imported' : 'nothing',
        importId: previous !== undefined ? Number(previous) : null, sourceId: null, rowsAdded: 0, rowsSkipped: rowsRead,
        economiesAdded: [], durationMs: Math.round(performance.now() - started),
      };
    }
    options.onProgress?.({ phase: 'indexing', bytesRead: reader.bytesRead, bytesTotal: reader.totalBytes, rowsRead, rowsAdded: rowsStaged, rowsSkipped: rowsRead - rowsValid });
    // Natural-key order (the index's own order); the staging rowid breaks ties so that of two
    // copies of a row in the file the first one stays. New ids follow the largest id, so the rows
    // added are one id range, from which the HS summary is updated.
    const firstId = (db.prepare('SELECT ifnull(max(id), 0) + 1 FROM trade_flow').pluck().get() as number);
    const rowsAdded = db.prepare(`INSERT INTO trade_flow (reporter, partner, year, month, flow, product_code, value_usd, source_id, import_id)
      SELECT reporter, partner, year, month, flow, product_code, value_usd, :source, :run FROM temp.import_stage
      ORDER BY reporter, partner, product_code, year, ifnull(month, 0), flow, rowid
      ON CONFLICT DO NOTHING`).run({ source: sourceId, run: runId }).changes;
    db.exec('DROP TABLE temp.import_stage');
    if (options.isCancelled?.()) throw cancelled();
    if (rowsAdded > 0) applyToHsSummary(db, { rowsFrom: firstId, rowsTo: firstId + rowsAdded - 1 }, 1);
    const duplicates = rowsValid - rowsAdded;
    if (duplicates > 0) tally.skip('duplicate (same reporter, partner, period, flow and product twice in the file)');
    const summary = report(tally, rowsRead, rowsValid, []);
    options.onProgress?.({ phase: 'committing', bytesRead: reader.bytesRead, bytesTotal: reader.totalBytes, rowsRead, rowsAdded, rowsSkipped: rowsRead - rowsAdded });
    db.prepare(`UPDATE import_run SET file_hash = ?, finished_at = ?, rows_read = ?, rows_added = ?, rows_skipped = ?, problem_count = ?,
      skipped_by_reason = ? WHERE id = ?`)
      .run(fileHash, new Date().toISOString(), rowsRead, rowsAdded, rowsRead - rowsAdded, tally.problemCount,
        JSON.stringify(Object.fromEntries(summary.skipped.map((s) => [s.reason, s.count]))), runId);
    db.prepare('UPDATE source SET note = note || ? WHERE id = ?').run(` File SHA-256 ${fileHash}.`, sourceId);
    if (format === 'generic' && scan.mapping) {
      db.prepare('INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
        .run(mappingKey(reader.header), JSON.stringify(scan.mapping));
    }
    db.exec('COMMIT');
    open = false;
    return {
      ...base, ...summary, outcome: 'imported', importId: runId, sourceId, rowsAdded, rowsSkipped: rowsRead - rowsAdded,
      economiesAdded, durationMs: Math.round(performance.now() - started),
    };
  } catch (error) {
    if (open && db.inTransaction) db.exec('ROLLBACK');
    throw mapSqliteError(readError(options.path, error), basename(db.name));
  } finally {
    reader.close();
  }
}

/** Removes one import: its rows, its run and its source, in one transaction. Economies it added stay (reference data). */
export function undoImport(db: Db, id: number): { removedRows: number } {
  const run = db.prepare('SELECT id, source_id FROM import_run WHERE id = ?').get(id) as { id: number; source_id: string | null } | undefined;
  if (!run) throw new ApiError('not-found', `No import with id ${id}.`);
  return db.transaction(() => {
    applyToHsSummary(db, { importId: id }, -1);
    const removedRows = db.prepare('DELETE FROM trade_flow WHERE import_id = ?').run(id).changes;
    db.prepare('DELETE FROM import_run WHERE id = ?').run(id);
    if (run.source_id) {
      const used = db.prepare(`SELECT (SELECT count(*) FROM trade_flow WHERE source_id = :s) + (SELECT count(*) FROM stated_figure WHERE source_id = :s)
        + (SELECT count(*) FROM event WHERE source_id = :s) + (SELECT count(*) FROM project WHERE source_id = :s)
        + (SELECT count(*) FROM route WHERE source_id = :s) + (SELECT count(*) FROM statement WHERE source_id = :s)
        + (SELECT count(*) FROM export_plan WHERE source_id = :s) + (SELECT count(*) FROM sector_hs WHERE source_id = :s)`).pluck().get({ s: run.source_id }) as number;
      if (used === 0) db.prepare('DELETE FROM source WHERE id = ?').run(run.source_id);
    }
    return { removedRows };
  }).immediate();
}
