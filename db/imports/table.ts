/**
 * Opens a file of rows for import: a CSV file (csv.ts) or an .xlsx workbook's sheet (xlsx.ts),
 * told apart by their first bytes, both read as a header and batches of rows with their line (the
 * sheet's row number for a workbook). Other kinds of file known by their first bytes (images, PDF,
 * databases, archives) are refused as what they are.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { basename } from 'node:path';
import { ApiError } from '../common/errors.ts';
import { CsvFileReader, type CsvRow, type Delimiter } from './csv.ts';
import { detectFormat } from './formats.ts';
import { said, saidAs, type CoreMessageCode } from '../common/core-messages.ts';
import { TableReadError, type EncodingUsed, type TextEncodingName } from './reading.ts';
import { XlsxFileReader } from './xlsx.ts';

export interface TableReader {
  readonly kind: 'csv' | 'xlsx';
  readonly path: string;
  readonly totalBytes: number;
  readonly bytesRead: number;
  readonly delimiter: Delimiter;
  /** The sheet read and the workbook's sheets (spreadsheets only). */
  readonly sheet: { name: string; all: string[] } | null;
  /** A CSV file's text encoding (a workbook's XML says its own: null). */
  readonly encoding: EncodingUsed | null;
  readonly header: string[];
  /** The header's line (CSV) or row (workbook), 1-based. */
  readonly headerLine: number;
  onChunk(listener: (chunk: Buffer) => void): void;
  batches(): Generator<CsvRow[]>;
  close(): void;
}

export interface TableReadOptions {
  chunkSize?: number | undefined;
  /** A workbook's sheet by name (the first otherwise); ignored for CSV. */
  sheet?: string | undefined;
  /** A CSV file's encoding as the user chose it (found from the file otherwise); ignored for workbooks. */
  encoding?: TextEncodingName | undefined;
  /** The header's line or row, 1-based, as the user chose it (found otherwise: the first, or a known layout's below titles). */
  headerRow?: number | undefined;
  /** Called between chunks of a workbook's shared strings (read before any row): throws to stop (cancel). */
  checkpoint?: (() => void) | undefined;
}

/** What a file is, by its first bytes: the kinds that are not tables. */
const MAGIC: { what: CoreMessageCode; bytes: number[] }[] = [
  { what: 'kindPng', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { what: 'kindPdf', bytes: [...Buffer.from('%PDF-')] },
  { what: 'kindGif', bytes: [...Buffer.from('GIF8')] },
  { what: 'kindJpeg', bytes: [0xff, 0xd8, 0xff] },
  { what: 'kindSqlite', bytes: [...Buffer.from('SQLite format 3\0')] },
  { what: 'kindGzip', bytes: [0x1f, 0x8b] },
];
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ZIP = [0x50, 0x4b, 0x05, 0x06];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function head(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const bytes = Buffer.alloc(16);
    const n = readSync(fd, bytes, 0, 16, 0);
    return bytes.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

const startsWith = (bytes: Buffer, prefix: number[]): boolean => bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);

export function openTable(path: string, options: TableReadOptions = {}): TableReader {
  const file = basename(path);
  const headerOptions = { headerRow: options.headerRow, isKnownHeader: (fields: string[]) => detectFormat(fields) !== 'generic' };
  try {
    const first = head(path);
    if (startsWith(first, ZIP)) {
      return new XlsxFileReader(path, {
        ...(options.chunkSize ? { chunkSize: options.chunkSize } : {}),
        sheet: options.sheet,
        checkpoint: options.checkpoint,
        ...headerOptions,
      });
    }
    if (startsWith(first, EMPTY_ZIP))
      throw new ApiError('invalid-file', said('fileEmptyZip', { file }), {
        file,
        detected: 'ZIP archive',
      });
    if (startsWith(first, OLE)) {
      throw new ApiError('invalid-file', said('fileOldExcel', { file }), { file, detected: 'old Excel workbook (.xls)' });
    }
    const magic = MAGIC.find((m) => startsWith(first, m.bytes));
    if (magic) {
      const kind = saidAs(magic.what);
      throw new ApiError('invalid-file', said('fileOtherKind', { file, kind }), { file, detected: kind.message.replace(/^an? /, '') });
    }
    return new CsvFileReader(path, {
      ...(options.chunkSize ? { chunkSize: options.chunkSize } : {}),
      encoding: options.encoding,
      ...headerOptions,
    });
  } catch (error) {
    if (error instanceof ApiError) throw error;
    if (error instanceof TableReadError) throw readError(path, error);
    throw new ApiError('invalid-file', said('fileReadFailed', { file, reason: (error as Error).message }), { file });
  }
}

/** Errors met while reading rows (a damaged workbook, a limit reached, an invalid byte) as the API's invalid-file error, the place named. */
export function readError(path: string, error: unknown): unknown {
  if (error instanceof TableReadError) {
    const file = basename(path);
    return new ApiError('invalid-file', said('fileUnreadable', { file, what: error.text ?? error.message }), { file, ...error.place });
  }
  return error;
}
