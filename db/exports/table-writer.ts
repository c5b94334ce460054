/**
 * Writes tables of rows as CSV (RFC 4180, formula-safe: csv-writer.ts) or as an .xlsx workbook
 * (xlsx-writer.ts, one sheet per table). Files are written beside their final name and renamed
 * into place at the end, so an error never leaves half a file under the name the user chose.
 * A CSV file holds one table: several tables go to one file each, named `<name>-<table>.csv`.
 */
import { existsSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { ApiError } from '../errors.ts';
import { CsvFileWriter, type Cell } from './csv-writer.ts';
import { XlsxFileWriter } from './xlsx-writer.ts';

export type TableFormat = 'csv' | 'xlsx';

export interface TableData {
  /** Sheet name (xlsx) or file-name suffix (several CSV files). */
  name: string;
  header: readonly string[];
  /** Called when the table is written (a statement's iterator would hold the connection from its creation). */
  rows: () => Iterable<readonly Cell[]>;
}

export interface WrittenFile {
  path: string;
  table: string;
  rows: number;
}

/** The files a CSV export of these tables writes (one per table beyond the first), or the one workbook. */
export function plannedFiles(path: string, format: TableFormat, tables: readonly { name: string }[]): string[] {
  if (format === 'xlsx' || tables.length <= 1) return [path];
  const ext = extname(path) || '.csv';
  const stem = join(dirname(path), basename(path, extname(path)));
  return tables.map((t) => `${stem}-${t.name.toLowerCase().replace(/[^a-z0-9_]+/g, '-').replace(/^-|-$/g, '')}${ext}`);
}

/** Refuses to replace existing files unless asked (the Electron save dialog asks the user first). */
export function checkFree(paths: readonly string[], overwrite: boolean): void {
  if (overwrite) return;
  for (const p of paths) {
    if (existsSync(p)) throw new ApiError('conflict', `${basename(p)} already exists: choose another name.`, { path: p });
  }
}

function partName(path: string): string {
  return join(dirname(path), `.${basename(path)}.part`);
}

export function writeTables(path: string, format: TableFormat, tables: readonly TableData[]): WrittenFile[] {
  const targets = plannedFiles(path, format, tables);
  const parts = targets.map(partName);
  try {
    const written: WrittenFile[] = [];
    if (format === 'xlsx') {
      const writer = new XlsxFileWriter(parts[0]!);
      try {
        for (const t of tables) {
          const before = writer.rows;
          writer.addSheet(t.name, t.header);
          for (const row of t.rows()) writer.write(row);
          written.push({ path: targets[0]!, table: t.name, rows: writer.rows - before });
        }
      } finally {
        writer.close();
      }
    } else {
      tables.forEach((t, i) => {
        const writer = new CsvFileWriter(parts[i]!);
        try {
          writer.write(t.header as Cell[]);
          for (const row of t.rows()) writer.write(row as Cell[]);
        } finally {
          writer.close();
        }
        written.push({ path: targets[i]!, table: t.name, rows: writer.rows - 1 });
      });
    }
    parts.forEach((p, i) => renameSync(p, targets[i]!));
    return written;
  } catch (error) {
    for (const p of parts) rmSync(p, { force: true });
    if (error instanceof ApiError) throw error;
    const code = (error as { code?: string }).code;
    if (code === 'ENOENT' || code === 'EACCES' || code === 'EPERM' || code === 'EISDIR' || code === 'ENOSPC' || code === 'EROFS') {
      throw new ApiError('invalid-file', `${basename(path)} could not be written: ${(error as Error).message}`, { path });
    }
    throw error;
  }
}
