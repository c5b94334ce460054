/**
 * A streaming CSV reader written for speed (csv-parse is ~3x slower on trade files). It reads a
 * file in fixed-size chunks with fs.readSync into one reused buffer, decodes it across chunk
 * boundaries in the file's encoding (text-encoding.ts: a byte-order mark, UTF-8, a legacy encoding
 * found by a heuristic, or the user's choice; an invalid byte is an error naming its line and
 * column), and yields rows in batches with the physical line each row starts on. Plain records (no
 * quote) take a fast path (indexOf + split); quoted records (embedded delimiters, "" escapes,
 * newlines) go through a small state machine. Work is linear in the input: a record longer than
 * MAX_RECORD_CHARS (an unterminated quote, a file with no line ends) is refused, naming its line.
 * It also reads numbers the way trade files write them (decimal commas, thousands separators).
 */
import { closeSync, fstatSync, openSync } from 'node:fs';
import { chooseHeader, TableReadError, type EncodingUsed, type HeaderOptions, type TextEncodingName } from './reading.ts';
import { TextReader } from './text-encoding.ts';
import { said } from '../common/core-messages.ts';

export type Delimiter = ',' | ';' | '\t';

export interface CsvRow {
  /** The 1-based physical line the record starts on (the header is line 1). */
  line: number;
  fields: string[];
}

/** Counts delimiters outside quotes in the header line; the most frequent wins (`,` on a tie or none). */
export function sniffDelimiter(headerLine: string): Delimiter {
  return delimiterOf(headerLine);
}

/**
 * The delimiter of a file's first lines: the one that splits a line into a known layout's header
 * (titles above it may hold any punctuation); else the header line's own (sniffDelimiter on the
 * first line).
 */
export function sniffDelimiterOf(lines: string[], isKnownHeader?: (fields: string[]) => boolean): Delimiter {
  if (isKnownHeader) {
    for (const line of lines) {
      for (const d of [',', ';', '\t'] as const) {
        const rows: CsvRow[] = [];
        const parser = new CsvParser(d);
        try {
          parser.push(line, rows);
          parser.end(rows);
        } catch {
          continue; // a quote left open on this line: not a header (the reader reports it where it matters)
        }
        if (rows[0] && isKnownHeader(rows[0].fields.map((f) => f.trim()))) return d;
      }
    }
  }
  return delimiterOf(lines[0] ?? '');
}

function delimiterOf(headerLine: string): Delimiter {
  const counts: Record<Delimiter, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (let i = 0; i < headerLine.length; i++) {
    const c = headerLine[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === ',' || c === ';' || c === '\t')) counts[c]++;
  }
  if (counts[';'] > counts[','] && counts[';'] >= counts['\t']) return ';';
  if (counts['\t'] > counts[','] && counts['\t'] > counts[';']) return '\t';
  return ',';
}

/**
 * The longest record (and so field) read, in characters. A trade file's record is a few hundred
 * characters; one longer than this is an unterminated quote or not a table of rows (a JSON document
 * saved as .csv), and holding it would cost memory and time for nothing.
 */
export const MAX_RECORD_CHARS = 1024 * 1024;

/** A CSV file that cannot be read as rows, with the line (and column) named. */
export class CsvError extends TableReadError {}

const QUOTE = 34;
const CR = 13;
const LF = 10;

/**
 * Push parser: feed decoded text with `push`, call `end` at the end of input. Rows are appended
 * to the caller's array (no per-row allocation beyond the fields). Empty lines and lines of only
 * delimiters are skipped (their line numbers still count).
 */
export class CsvParser {
  readonly delimiter: Delimiter;
  #rest = '';
  /** Physical lines consumed so far. */
  #line = 0;

  constructor(delimiter: Delimiter) {
    this.delimiter = delimiter;
  }

  push(chunk: string, out: CsvRow[]): void {
    const text = this.#rest.length > 0 ? this.#rest + chunk : chunk;
    this.#rest = '';
    this.#rest = text.slice(this.#consume(text, out, false));
    // What is left is one incomplete record, parsed again with the next chunk: bounded, so the
    // work stays linear in the input.
    if (this.#rest.length > MAX_RECORD_CHARS) this.#tooLong(this.#rest);
  }

  #tooLong(rest: string): never {
    const line = this.#line + 1;
    const open = openQuote(rest, this.delimiter);
    if (open !== null) {
      const at = line + countNewlines(rest, 0, open);
      const column = columnOf(rest, 0, open);
      throw new CsvError(said('readQuoteStillOpen', { line: String(at), column: String(column), limit: MAX_RECORD_CHARS }), {
        line: at,
        column,
        limit: MAX_RECORD_CHARS,
      });
    }
    throw new CsvError(
      said(rest.indexOf('\n') < 0 ? 'readLineTooLongNoEnd' : 'readLineTooLong', { line: String(line), limit: MAX_RECORD_CHARS }),
      {
        line,
        limit: MAX_RECORD_CHARS,
      },
    );
  }

  end(out: CsvRow[]): void {
    const text = this.#rest;
    this.#rest = '';
    if (text.length === 0) return;
    this.#consume(text, out, true);
  }

  /** Parses every complete record of `text`; returns where the incomplete remainder starts. */
  #consume(text: string, out: CsvRow[], final: boolean): number {
    const delim = this.delimiter;
    let pos = 0;
    const n = text.length;
    // The next quote at or after pos (searched again only once passed: no quadratic scans).
    let q = text.indexOf('"');
    for (;;) {
      const nl = text.indexOf('\n', pos);
      if (nl === -1) return final ? this.#lastRecord(text, pos, out) : pos;
      if (q !== -1 && q < pos) q = text.indexOf('"', pos);
      if (q === -1 || q > nl) {
        // Fast path: one physical line, no quotes.
        this.#line++;
        let end = nl;
        if (end > pos && text.charCodeAt(end - 1) === CR) end--;
        if (end > pos) {
          const fields = text.slice(pos, end).split(delim);
          if (!isBlank(fields)) out.push({ line: this.#line, fields });
        }
        pos = nl + 1;
        if (pos >= n) return pos;
        continue;
      }
      const next = this.#record(text, pos, n, out, final);
      if (next === -1) return pos; // the quoted record continues in the next chunk
      pos = next;
      if (pos >= n) return pos;
    }
  }

  #lastRecord(text: string, pos: number, out: CsvRow[]): number {
    if (pos >= text.length) return pos;
    return this.#record(text, pos, text.length, out, true);
  }

  /**
   * Parses one record starting at `pos` with quotes. Returns the position after its line end, or -1
   * when the text ends inside the record and more input may come.
   */
  #record(text: string, pos: number, n: number, out: CsvRow[], final: boolean): number {
    const delim = this.delimiter.charCodeAt(0);
    const fields: string[] = [];
    let lines = 1;
    let i = pos;
    let field = '';
    for (;;) {
      // Start of a field.
      if (i < n && text.charCodeAt(i) === QUOTE) {
        i++;
        let start = i;
        for (;;) {
          const q = text.indexOf('"', i);
          if (q === -1) {
            if (!final) return -1;
            const at = this.#line + lines;
            const column = columnOf(text, pos, start - 1);
            throw new CsvError(said('readQuoteNeverClosed', { line: String(at), column: String(column) }), {
              line: at,
              column,
            });
          }
          if (q + 1 < n && text.charCodeAt(q + 1) === QUOTE) {
            field += text.slice(start, q + 1);
            lines += countNewlines(text, start, q);
            i = q + 2;
            start = i;
            continue;
          }
          if (q + 1 >= n && !final) return -1; // cannot tell "" from " yet
          field += text.slice(start, q);
          lines += countNewlines(text, start, q);
          i = q + 1;
          break;
        }
        // After the closing quote: anything up to the delimiter/line end is kept as-is (lenient).
        while (i < n) {
          const c = text.charCodeAt(i);
          if (c === delim || c === LF || c === CR) break;
          field += text[i];
          i++;
        }
      } else {
        let j = i;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === delim || c === LF || c === CR || c === QUOTE) break;
          j++;
        }
        field = text.slice(i, j);
        i = j;
        if (i < n && text.charCodeAt(i) === QUOTE) {
          // A quote inside an unquoted field: kept literally up to the next delimiter/line end.
          while (i < n) {
            const c = text.charCodeAt(i);
            if (c === delim || c === LF || c === CR) break;
            field += text[i];
            i++;
          }
        }
      }
      fields.push(field);
      field = '';
      if (i >= n) {
        if (!final) return -1;
        this.#line += lines;
        if (!isBlank(fields)) out.push({ line: this.#line - lines + 1, fields });
        return n;
      }
      const c = text.charCodeAt(i);
      if (c === delim) {
        i++;
        if (i >= n && !final) return -1;
        continue;
      }
      // Line end.
      if (c === CR) {
        if (i + 1 >= n && !final) return -1;
        i += i + 1 < n && text.charCodeAt(i + 1) === LF ? 2 : 1;
      } else {
        i++;
      }
      this.#line += lines;
      if (!isBlank(fields)) out.push({ line: this.#line - lines + 1, fields });
      return i;
    }
  }
}

/** Line feeds in text[from, to): never looks past `to`. */
function countNewlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === LF) n++;
  return n;
}

/** The 1-based column of text[at] in its line (lines start at `from` or after a line feed). */
function columnOf(text: string, from: number, at: number): number {
  const nl = at > from ? text.lastIndexOf('\n', at - 1) : -1;
  return at - (nl >= from ? nl + 1 : from) + 1;
}

/** Where the quoted field left open at the end of `text` (one record's start) begins, or null if none is open. */
function openQuote(text: string, delimiter: Delimiter): number | null {
  const delim = delimiter.charCodeAt(0);
  let fieldStart = true;
  let open: number | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (open !== null) {
      if (c === QUOTE) {
        if (text.charCodeAt(i + 1) === QUOTE) i++;
        else open = null;
      }
      continue;
    }
    if (c === QUOTE && fieldStart) open = i;
    fieldStart = c === delim || c === LF || c === CR;
  }
  return open;
}

function isBlank(fields: string[]): boolean {
  for (const f of fields) if (f.length > 0 && f.trim().length > 0) return false;
  return true;
}

export interface CsvReadOptions extends HeaderOptions {
  /** Bytes per read; 64 KiB by default (small batches die young: faster and less memory than 1 MiB). */
  chunkSize?: number;
  /** Forced delimiter; sniffed from the first lines otherwise. */
  delimiter?: Delimiter;
  /** The file's encoding as the user chose it; found from the file otherwise (text-encoding.ts). */
  encoding?: TextEncodingName | undefined;
}

/** Lines read before the header is chosen (to sniff the delimiter below titles). */
const HEAD_LINES = 20;

/**
 * Reads a CSV file chunk by chunk. `header` is the header record (trailing empty names dropped):
 * the first, or one below title lines (chooseHeader); iterate `batches()` for the data rows.
 * `bytesRead`/`totalBytes` report progress.
 */
export class CsvFileReader {
  readonly kind = 'csv' as const;
  /** A CSV file has no sheets (see xlsx.ts for workbooks). */
  readonly sheet = null;
  readonly path: string;
  readonly totalBytes: number;
  #fd: number;
  #text: TextReader;
  #parser: CsvParser | undefined;
  #pending: CsvRow[] = [];
  #eof = false;
  #delimiter: Delimiter | undefined;
  #header: string[] | undefined;
  #headerLine = 1;
  #headerOptions: HeaderOptions;

  constructor(path: string, options: CsvReadOptions = {}) {
    this.path = path;
    this.#fd = openSync(path, 'r');
    try {
      this.totalBytes = fstatSync(this.#fd).size;
      this.#text = new TextReader(this.#fd, options.chunkSize ?? 64 * 1024, options.encoding);
    } catch (error) {
      closeSync(this.#fd);
      throw error;
    }
    this.#delimiter = options.delimiter;
    this.#headerOptions = { headerRow: options.headerRow, isKnownHeader: options.isKnownHeader };
  }

  get bytesRead(): number {
    return this.#text.bytesRead;
  }

  /** The encoding the file is read in, and how it was settled. */
  get encoding(): EncodingUsed {
    return this.#text.encoding;
  }

  /** Sees every raw chunk read (e.g. to hash the file in the same pass). Register before reading. */
  onChunk(listener: (chunk: Buffer) => void): void {
    this.#text.onChunk(listener);
  }

  get delimiter(): Delimiter {
    this.#readHeader();
    return this.#delimiter ?? ',';
  }

  /** The header's field names (trimmed; trailing empty names dropped); [] for an empty file. */
  get header(): string[] {
    this.#readHeader();
    return this.#header ?? [];
  }

  get headerLine(): number {
    this.#readHeader();
    return this.#headerLine;
  }

  /** Data rows in batches (one per chunk read); the batch array is reused: copy what you keep. */
  *batches(): Generator<CsvRow[]> {
    this.#readHeader();
    if (this.#pending.length > 0) {
      yield this.#pending;
      this.#pending = [];
    }
    const out: CsvRow[] = [];
    while (!this.#eof) {
      out.length = 0;
      this.#readChunk(out);
      if (out.length > 0) yield out;
    }
  }

  close(): void {
    if (this.#fd >= 0) {
      closeSync(this.#fd);
      this.#fd = -1;
    }
  }

  #readHeader(): void {
    if (this.#header !== undefined) return;
    // Read the first lines (up to HEAD_LINES, or the chosen header line) to sniff the delimiter from them.
    let head = '';
    let lineFeeds = 0;
    const wanted = this.#headerOptions.headerRow;
    const enough = wanted ?? HEAD_LINES;
    while (lineFeeds < enough) {
      const text = this.#readText();
      if (text === null) break;
      lineFeeds += countNewlines(text, 0, text.length);
      head += text;
      if (head.length - (head.lastIndexOf('\n') + 1) > MAX_RECORD_CHARS) {
        const line = lineFeeds + 1;
        throw new CsvError(
          said(lineFeeds === 0 ? 'readLineTooLongNoEnd' : 'readLineTooLong', { line: String(line), limit: MAX_RECORD_CHARS }),
          {
            line,
            limit: MAX_RECORD_CHARS,
          },
        );
      }
      if (head.length > HEAD_CHARS_MAX) break;
    }
    const lines = head.split('\n');
    if (!this.#eof) lines.pop(); // the last line may be incomplete
    const sample = (wanted !== undefined && lines[wanted - 1] !== undefined ? [lines[wanted - 1]!] : lines.slice(0, HEAD_LINES))
      .map((l) => l.replace(/\r$/, ''))
      .filter((l) => l.trim().length > 0 && !/^[,;\t\s]*$/.test(l));
    this.#delimiter ??= sniffDelimiterOf(sample, wanted === undefined ? this.#headerOptions.isKnownHeader : undefined);
    this.#parser = new CsvParser(this.#delimiter);
    const rows: CsvRow[] = [];
    this.#parser.push(head, rows);
    if (this.#eof) this.#parser.end(rows);
    let seen = wanted === undefined ? rows : rows.filter((r) => r.line >= wanted);
    for (;;) {
      const at = chooseHeader(seen, this.#headerOptions, this.#eof, 'line');
      if (at >= 0) {
        const first = seen[at];
        if (!first) break;
        const header = first.fields.map((f) => f.trim());
        while (header.length > 0 && header[header.length - 1] === '') header.pop();
        this.#header = header;
        this.#headerLine = first.line;
        this.#pending = seen.slice(at + 1);
        return;
      }
      const more: CsvRow[] = [];
      this.#readChunk(more);
      seen = seen.concat(wanted === undefined ? more : more.filter((r) => r.line >= wanted));
    }
    this.#header = [];
  }

  #readChunk(out: CsvRow[]): void {
    const text = this.#readText();
    if (text === null) {
      this.#parser?.end(out);
      return;
    }
    this.#parser?.push(text, out);
    if (this.#eof) this.#parser?.end(out);
  }

  /** The next decoded text, or null at end of file. */
  #readText(): string | null {
    if (this.#eof) return null;
    const text = this.#text.read();
    if (text === null) this.#eof = true;
    return text;
  }
}

/** Text read ahead to find the header, at most (titles above a header are a few lines). */
const HEAD_CHARS_MAX = 4 * MAX_RECORD_CHARS;

/** Reads all rows of a small file (tests, previews of small files). */
export function readCsvAll(path: string, options: CsvReadOptions = {}): { header: string[]; rows: CsvRow[]; delimiter: Delimiter } {
  const reader = new CsvFileReader(path, options);
  try {
    const rows: CsvRow[] = [];
    const header = reader.header;
    for (const batch of reader.batches()) for (const row of batch) rows.push(row);
    return { header, rows, delimiter: reader.delimiter };
  } finally {
    reader.close();
  }
}
