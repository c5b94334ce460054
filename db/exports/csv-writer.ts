/**
 * RFC 4180 CSV writing: fields with a comma, semicolon, tab, quote, CR or LF are quoted, quotes
 * doubled, lines end with CRLF. Semicolons and tabs are quoted too because a spreadsheet set to
 * another list separator (`;` in most of Europe) splits on them. Against formula injection (a
 * spreadsheet running `=HYPERLINK(...)` from a cell), text cells starting with = + - @ tab or CR are
 * prefixed with an apostrophe, and so is such a character right after a `,` `;` or tab inside a text
 * (`ACME;=1+1` → `ACME;'=1+1`): a spreadsheet that splits the line at that separator (where a quote
 * does not open the field it falls in) would otherwise start a cell with a formula. Numbers are
 * written as numbers (a negative number stays a number).
 */
import { closeSync, openSync, writeSync } from 'node:fs';

export type Cell = string | number | null | undefined;

const DANGEROUS = /^[=+\-@\t\r]/;
/**
 * A separator some spreadsheet splits on, then (after quotes, which may open the cell) a character that
 * starts a formula. A space after the separator starts the cell with a space, which is text ("; +6.6% y/y").
 */
const DANGEROUS_AFTER_SEPARATOR = /([,;\t]"*)(?=[=+\-@\r])/g;
const NEEDS_QUOTES = /[",;\t\r\n]/;

export function neutralise(text: string): string {
  const inner = text.replace(DANGEROUS_AFTER_SEPARATOR, "$1'");
  return DANGEROUS.test(inner) ? `'${inner}` : inner;
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
