/**
 * RFC 4180 CSV writing: fields with a comma, quote, CR or LF are quoted, quotes doubled, lines
 * end with CRLF. Against formula injection (a spreadsheet running `=HYPERLINK(...)` from a cell),
 * text cells starting with = + - @ tab or CR are prefixed with an apostrophe; numbers are written
 * as numbers (a negative number stays a number).
 */
import { closeSync, openSync, writeSync } from 'node:fs';

export type Cell = string | number | null | undefined;

const DANGEROUS = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function neutralise(text: string): string {
  return DANGEROUS.test(text) ? `'${text}` : text;
}

export function csvCell(value: Cell, options: { neutralise?: boolean } = {}): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = options.neutralise === false ? value : neutralise(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: readonly Cell[], options: { neutralise?: boolean } = {}): string {
  return `${cells.map((c) => csvCell(c, options)).join(',')}\r\n`;
}

/** Writes rows to a file through a buffer (large exports never build one big string). */
export class CsvFileWriter {
  #fd: number;
  #parts: string[] = [];
  #size = 0;
  rows = 0;

  constructor(path: string) {
    this.#fd = openSync(path, 'w');
  }

  write(cells: readonly Cell[]): void {
    const line = csvLine(cells);
    this.#parts.push(line);
    this.#size += line.length;
    this.rows++;
    if (this.#size > 1 << 20) this.flush();
  }

  flush(): void {
    if (this.#parts.length === 0) return;
    writeSync(this.#fd, this.#parts.join(''));
    this.#parts = [];
    this.#size = 0;
  }

  /** Writes what is buffered and closes the file; the file is closed even when the write fails (a full disk). */
  close(): void {
    try {
      this.flush();
    } finally {
      closeSync(this.#fd);
    }
  }
}
