/**
 * Writes tables of rows into ONE file: a CSV file (RFC 4180, formula-safe: csv-writer.ts) for one
 * table, a ZIP of one CSV per table for several, or an .xlsx workbook (xlsx-writer.ts, one sheet per
 * table). The caller gives a path it owns (writeFileSafely's temporary file): the user's file is
 * replaced only once the whole file is written.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
// fflate's browser build: its Node entry declares a `require` of its own, which clashes with the bundler's ESM shim.
import { zipSync } from 'fflate/browser';
import { ApiError } from '../common/errors.ts';
import { writeFailure } from '../files/safe-write.ts';
import { CsvFileWriter, type Cell } from './csv-writer.ts';
import { XlsxFileWriter } from './xlsx-writer.ts';

export type TableFormat = 'csv' | 'xlsx';

export interface TableData {
  /** Sheet name (xlsx) or the CSV file's name inside a ZIP. */
  name: string;
  header: readonly string[];
  /** Called when the table is written (a statement's iterator would hold the connection from its creation). */
  rows: () => Iterable<readonly Cell[]>;
}

export interface WrittenTables {
  /** What the file is: one CSV, a ZIP of CSVs, or a workbook. */
  kind: 'csv' | 'zip' | 'xlsx';
  tables: { table: string; rows: number }[];
}

function csvEntryName(table: string): string {
  return `${
    table
      .toLowerCase()
      .replace(/[^a-z0-9_]+/g, '-')
      .replace(/^-|-$/g, '') || 'table'
  }.csv`;
}

function writeCsv(path: string, table: TableData): number {
  const writer = new CsvFileWriter(path);
  try {
    writer.write(table.header as Cell[]);
    for (const row of table.rows()) writer.write(row as Cell[]);
  } finally {
    writer.close();
  }
  return writer.rows - 1;
}

/** Writes the tables as one file of `kind`: a CSV holds the first table only, so several go to a ZIP or a workbook. */
export function writeTables(path: string, kind: WrittenTables['kind'], tables: readonly TableData[]): WrittenTables {
  const parts: string[] = [];
  try {
    const written: WrittenTables['tables'] = [];
    if (kind === 'xlsx') {
      const writer = new XlsxFileWriter(path);
      try {
        for (const t of tables) {
          const before = writer.rows;
          writer.addSheet(t.name, t.header);
          for (const row of t.rows()) writer.write(row);
          written.push({ table: t.name, rows: writer.rows - before });
        }
      } finally {
        writer.close();
      }
    } else if (kind === 'csv') {
      const only = tables[0] ?? { name: 'table', header: [], rows: () => [] };
      written.push({ table: only.name, rows: writeCsv(path, only) });
    } else {
      // A dashboard's tables are screen-sized: each CSV is built as a file, then zipped in memory.
      const entries: Record<string, Uint8Array> = {};
      tables.forEach((t, i) => {
        const part = `${path}.${i}.csv`;
        parts.push(part);
        written.push({ table: t.name, rows: writeCsv(part, t) });
        entries[csvEntryName(t.name)] = readFileSync(part);
      });
      writeFileSync(path, zipSync(entries, { level: 6, mtime: new Date() }));
    }
    return { kind, tables: written };
  } catch (error) {
    if (error instanceof ApiError) throw error;
    const code = (error as { code?: string }).code;
    if (code === 'ENOENT' || code === 'EACCES' || code === 'EPERM' || code === 'EISDIR' || code === 'ENOSPC' || code === 'EROFS') {
      throw new ApiError(
        'invalid-file',
        writeFailure(basename(path), error) ?? `${basename(path)} could not be written: ${(error as Error).message}`,
      );
    }
    throw error;
  } finally {
    for (const p of parts) rmSync(p, { force: true });
  }
}
