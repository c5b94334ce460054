/**
 * Opens a file of rows for import: a CSV file (csv.ts) or an .xlsx workbook's sheet (xlsx.ts),
 * told apart by their first bytes, both read as a header and batches of rows with their line (the
 * sheet's row number for a workbook).
 */
import { basename } from 'node:path';
import { ApiError } from '../errors.ts';
import { CsvFileReader, type CsvRow, type Delimiter } from './csv.ts';
import { looksLikeOldExcel, looksLikeZip, XlsxError, XlsxFileReader } from './xlsx.ts';

export interface TableReader {
  readonly kind: 'csv' | 'xlsx';
  readonly path: string;
  readonly totalBytes: number;
  readonly bytesRead: number;
  readonly delimiter: Delimiter;
  /** The sheet read and the workbook's sheets (spreadsheets only). */
  readonly sheet: { name: string; all: string[] } | null;
  readonly header: string[];
  onChunk(listener: (chunk: Buffer) => void): void;
  batches(): Generator<CsvRow[]>;
  close(): void;
}

export interface TableReadOptions {
  chunkSize?: number | undefined;
  /** A workbook's sheet by name (the first otherwise); ignored for CSV. */
  sheet?: string | undefined;
}

export function openTable(path: string, options: TableReadOptions = {}): TableReader {
  const file = basename(path);
  try {
    if (looksLikeZip(path)) {
      return new XlsxFileReader(path, { ...(options.chunkSize ? { chunkSize: options.chunkSize } : {}), sheet: options.sheet });
    }
    if (looksLikeOldExcel(path)) {
      throw new ApiError('invalid-file', `${file} is an old binary Excel file (.xls): save it as .xlsx or CSV in your spreadsheet, then import that.`, { file });
    }
    return new CsvFileReader(path, options.chunkSize ? { chunkSize: options.chunkSize } : {});
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ApiError('invalid-file', `${file} cannot be read: ${(error as Error).message}`, { file });
  }
}

/** Errors met while reading rows (a damaged workbook) as the API's invalid-file error. */
export function readError(path: string, error: unknown): unknown {
  if (error instanceof XlsxError) {
    const file = basename(path);
    return new ApiError('invalid-file', `${file} cannot be read: ${error.message}. Nothing was changed.`, { file });
  }
  return error;
}
