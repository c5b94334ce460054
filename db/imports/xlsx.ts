/**
 * A streaming reader for the first (or a named) worksheet of an .xlsx workbook, with the same
 * surface as the CSV reader (header, batches of rows with their sheet row number, bytes read), so
 * every import layout and the column-mapping flow work on spreadsheets unchanged.
 *
 * An .xlsx file is a ZIP of XML parts: xl/workbook.xml names the sheets, xl/_rels/workbook.xml.rels
 * says which part holds each, xl/sharedStrings.xml holds the text cells' strings, and
 * xl/worksheets/sheetN.xml the cells (`<row r="2"><c r="A2" t="s"><v>0</v></c>…</row>`). The sheet
 * is inflated and scanned chunk by chunk (zip.ts); only the shared strings are held in memory.
 * Values are read as stored: numbers in their invariant text form ("1234.5", "1.2E+07"), text as
 * text, booleans as TRUE/FALSE, errors as their code (#N/A), so validation reports what the cell holds.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { ZipError, ZipFile, type ZipEntry } from './zip.ts';
import type { CsvRow, Delimiter } from './csv.ts';
import { chooseHeader, TableReadError, type HeaderOptions } from './reading.ts';
import { said } from '../common/core-messages.ts';

export interface XlsxReadOptions extends HeaderOptions {
  /** Uncompressed bytes per read of the sheet part. */
  chunkSize?: number;
  /** A sheet by name; the workbook's first sheet otherwise. */
  sheet?: string | undefined;
  /** Called between chunks while the shared strings are read (before any row): throws to stop (cancel). */
  checkpoint?: (() => void) | undefined;
}

export class XlsxError extends TableReadError {}

const ENTITY = /&(?:(amp|lt|gt|quot|apos)|#(\d+)|#x([0-9a-fA-F]+));/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const ESCAPED_CHAR = /_x([0-9A-Fa-f]{4})_/g;

/** XML text → string: entities, then OOXML's `_xHHHH_` escapes (control characters, a literal `_x…_` written as `_x005F_x…_`). */
export function decodeXmlText(text: string): string {
  let s =
    text.indexOf('&') >= 0
      ? text.replace(ENTITY, (_m, name: string | undefined, dec: string | undefined, hex: string | undefined) =>
          name ? NAMED[name]! : String.fromCodePoint(dec ? Number(dec) : parseInt(hex!, 16)),
        )
      : text;
  if (s.indexOf('_x') >= 0) s = s.replace(ESCAPED_CHAR, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return s;
}

const ATTR = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
function attributes(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  ATTR.lastIndex = 0;
  for (let m = ATTR.exec(text); m; m = ATTR.exec(text)) out[m[1]!] = decodeXmlText(m[2] ?? m[3] ?? '');
  return out;
}

/** Elements named `local` in any namespace prefix, with their attributes. */
function elements(xml: string, local: string): Record<string, string>[] {
  const re = new RegExp(`<(?:[\\w.-]+:)?${local}\\b([^>]*?)/?>`, 'g');
  const out: Record<string, string>[] = [];
  for (let m = re.exec(xml); m; m = re.exec(xml)) out.push(attributes(m[1] ?? ''));
  return out;
}

const PHONETIC = /<(?:[\w.-]+:)?rPh\b[\s\S]*?<\/(?:[\w.-]+:)?rPh>/g;
const TEXT_RUN = /<(?:[\w.-]+:)?t(?:\s[^>]*)?>([\s\S]*?)<\/(?:[\w.-]+:)?t>|<(?:[\w.-]+:)?t(?:\s[^>]*)?\/>/g;

/** The text of a string item (`<si>` or `<is>`): its `<t>`, or its rich-text runs joined; phonetic guides left out. */
function stringItemText(xml: string): string {
  const body = xml.indexOf('rPh') >= 0 ? xml.replace(PHONETIC, '') : xml;
  let text = '';
  TEXT_RUN.lastIndex = 0;
  for (let m = TEXT_RUN.exec(body); m; m = TEXT_RUN.exec(body)) text += m[1] ?? '';
  return decodeXmlText(text);
}

/** "A" → 0, "Z" → 25, "AA" → 26; -1 when the reference has no column letters. */
export function columnIndex(ref: string): number {
  let n = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) n = n * 26 + (c - 64);
    else if (c >= 97 && c <= 122) n = n * 26 + (c - 96);
    else break;
  }
  return i === 0 ? -1 : n - 1;
}

/** Resolves a relationship target against the folder of the part that names it. */
function resolvePart(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/').slice(0, -1);
  for (const piece of target.split('/')) {
    if (piece === '..') parts.pop();
    else if (piece !== '.' && piece !== '') parts.push(piece);
  }
  return parts.join('/');
}

const ROW_START = /<(?:[\w.-]+:)?row\b/g;
const ROW_END = /<\/(?:[\w.-]+:)?row>/g;
const CELL = /<(?:[\w.-]+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:[\w.-]+:)?c>)/g;
const VALUE = /<(?:[\w.-]+:)?v(?:\s[^>]*)?>([\s\S]*?)<\/(?:[\w.-]+:)?v>/;
const INLINE = /<(?:[\w.-]+:)?is(?:\s[^>]*)?>([\s\S]*?)<\/(?:[\w.-]+:)?is>/;
const ROW_NUMBER = /\br\s*=\s*["'](\d+)["']/;
const CELL_REF = /\br\s*=\s*["']([A-Za-z]+)\d*["']/;
const CELL_TYPE = /\bt\s*=\s*["'](\w+)["']/;
/** Sheets wider than this are refused (Excel's own limit is 16,384 columns). */
const MAX_COLUMNS = 16_384;
/**
 * The most XML one sheet row may take. A trade table's row is well under 10 KB; Excel's largest
 * cell is 32,767 characters, so even a row of several full cells fits. Beyond this the row is
 * refused rather than held in memory (one cell of a "zip bomb" can be a gigabyte).
 */
export const MAX_ROW_XML_CHARS = 4 * 1024 * 1024;
/** The most XML one shared string (`<si>` item) may take: Excel's 32,767-character cell, with room for rich-text markup. */
export const MAX_STRING_XML_CHARS = 1024 * 1024;
/** The shared strings are held in memory while the sheet is read: their text is capped (~64–128 MB of heap). */
export const MAX_SHARED_TEXT_CHARS = 64 * 1024 * 1024;

export class XlsxFileReader {
  readonly kind = 'xlsx' as const;
  readonly path: string;
  readonly totalBytes: number;
  /** File bytes consumed (the sheet part's compressed bytes read, then the whole file at the end). */
  bytesRead = 0;
  /** The sheet read, and every sheet of the workbook in order. */
  readonly sheet: { name: string; all: string[] };
  /** A spreadsheet has no delimiter; "," for the report. */
  readonly delimiter: Delimiter = ',';
  /** A workbook's XML declares its own encoding (UTF-8): nothing to choose. */
  readonly encoding = null;
  #zip: ZipFile;
  #sheetEntry: ZipEntry;
  #strings: string[] | undefined;
  #stringsEntry: ZipEntry | undefined;
  #chunkSize: number;
  #listeners: ((chunk: Buffer) => void)[] = [];
  #header: string[] | undefined;
  #headerLine = 1;
  #rows: Generator<CsvRow[]> | undefined;
  #pending: CsvRow[] = [];
  #headerOptions: HeaderOptions;
  #checkpoint: (() => void) | undefined;

  constructor(path: string, options: XlsxReadOptions = {}) {
    this.path = path;
    this.#chunkSize = options.chunkSize ?? 64 * 1024;
    this.#headerOptions = { headerRow: options.headerRow, isKnownHeader: options.isKnownHeader };
    this.#checkpoint = options.checkpoint;
    try {
      this.#zip = new ZipFile(path);
    } catch (error) {
      if (error instanceof ZipError) throw new XlsxError(said('xlsxNotReadable', { what: error.text ?? error.message }), error.place);
      throw error;
    }
    try {
      this.totalBytes = this.#zip.size;
      const workbookPath = 'xl/workbook.xml';
      const rootRels = this.#zip.entries.get('_rels/.rels');
      const officeDoc = rootRels
        ? elements(this.#zip.readText(rootRels), 'Relationship').find((r) => (r['Type'] ?? '').endsWith('/officeDocument'))?.['Target']
        : undefined;
      const bookPath = officeDoc ? resolvePart('', officeDoc) : workbookPath;
      const book = this.#zip.entries.get(bookPath);
      if (!book) throw new XlsxError(said('xlsxNoWorkbook'));
      const sheets = elements(this.#zip.readText(book), 'sheet');
      if (sheets.length === 0) throw new XlsxError(said('xlsxNoSheet'));
      const relsPath = resolvePart(bookPath, `_rels/${bookPath.split('/').pop()}.rels`);
      const relsEntry = this.#zip.entries.get(relsPath);
      const rels = relsEntry ? elements(this.#zip.readText(relsEntry), 'Relationship') : [];
      const target = (id: string | undefined): string | undefined => {
        const t = rels.find((r) => r['Id'] === id)?.['Target'];
        return t === undefined ? undefined : resolvePart(bookPath, t);
      };
      const names = sheets.map((s) => s['name'] ?? '');
      const chosen = options.sheet === undefined ? sheets[0]! : sheets.find((s) => s['name'] === options.sheet);
      if (!chosen) throw new XlsxError(said('xlsxNoSheetNamed', { sheet: options.sheet ?? '', sheets: names.join(', ') }));
      const rid = Object.entries(chosen).find(([k]) => k === 'r:id' || k.endsWith(':id'))?.[1];
      const index = sheets.indexOf(chosen);
      const sheetPath = target(rid) ?? `xl/worksheets/sheet${index + 1}.xml`;
      const entry = this.#zip.entries.get(sheetPath);
      if (!entry) throw new XlsxError(said('xlsxSheetNoData', { sheet: chosen['name'] ?? '', part: sheetPath }));
      this.#sheetEntry = entry;
      this.sheet = { name: chosen['name'] ?? '', all: names };
      const sst = rels.find((r) => (r['Type'] ?? '').endsWith('/sharedStrings'))?.['Target'];
      this.#stringsEntry = this.#zip.entries.get(sst ? resolvePart(bookPath, sst) : 'xl/sharedStrings.xml');
    } catch (error) {
      this.#zip.close();
      throw error;
    }
  }

  /** Sees every raw chunk of the file (to hash it); the whole file is passed once, after the last row. */
  onChunk(listener: (chunk: Buffer) => void): void {
    this.#listeners.push(listener);
  }

  get header(): string[] {
    this.#readHeader();
    return this.#header ?? [];
  }

  get headerLine(): number {
    this.#readHeader();
    return this.#headerLine;
  }

  *batches(): Generator<CsvRow[]> {
    this.#readHeader();
    if (this.#pending.length > 0) {
      yield this.#pending;
      this.#pending = [];
    }
    if (this.#rows) yield* this.#rows;
    this.#feedListeners();
    this.bytesRead = this.totalBytes;
  }

  close(): void {
    this.#zip.close();
  }

  /** The header: the first non-blank row, or one below titles (see chooseHeader); rows above it are left out. */
  #readHeader(): void {
    if (this.#header !== undefined) return;
    this.#rows = this.#scan();
    const seen: CsvRow[] = [];
    const wanted = this.#headerOptions.headerRow;
    // Pulled by hand: a for…of that stops early would close the generator.
    for (let next = this.#rows.next(); ; next = this.#rows.next()) {
      if (!next.done) {
        for (const r of next.value) if (wanted === undefined || r.line >= wanted) seen.push({ line: r.line, fields: r.fields });
      }
      const at = chooseHeader(seen, this.#headerOptions, next.done === true, 'row');
      if (at >= 0 && seen.length > 0) {
        const header = seen[at]!.fields.map((f) => f.trim());
        while (header.length > 0 && header[header.length - 1] === '') header.pop();
        this.#header = header;
        this.#headerLine = seen[at]!.line;
        this.#pending = seen.slice(at + 1);
        return;
      }
      if (next.done) break;
    }
    this.#header = [];
  }

  #sharedStrings(): string[] {
    if (this.#strings) return this.#strings;
    const strings: string[] = [];
    if (this.#stringsEntry) {
      const entry = this.#stringsEntry.name;
      const decoder = new TextDecoder('utf-8');
      let text = '';
      let held = 0;
      const item = /<(?:[\w.-]+:)?si\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:[\w.-]+:)?si>)/g;
      for (const chunk of this.#zip.stream(this.#stringsEntry, this.#chunkSize)) {
        this.#checkpoint?.();
        text += decoder.decode(chunk, { stream: true });
        item.lastIndex = 0;
        let consumed = 0;
        for (let m = item.exec(text); m; m = item.exec(text)) {
          const s = m[1] === undefined ? '' : stringItemText(m[1]);
          held += s.length;
          if (held > MAX_SHARED_TEXT_CHARS) {
            throw new XlsxError(said('xlsxSharedTextTooLong', { limit: MAX_SHARED_TEXT_CHARS, string: strings.length + 1 }), {
              entry,
              limit: MAX_SHARED_TEXT_CHARS,
            });
          }
          strings.push(s);
          consumed = item.lastIndex;
        }
        text = text.slice(consumed);
        if (text.length > MAX_STRING_XML_CHARS) {
          throw new XlsxError(said('xlsxSharedStringTooLong', { string: strings.length + 1, limit: MAX_STRING_XML_CHARS }), {
            entry,
            limit: MAX_STRING_XML_CHARS,
          });
        }
      }
    }
    this.#strings = strings;
    return strings;
  }

  /** Rows of the sheet in batches (one per chunk of XML), blank rows left out. */
  *#scan(): Generator<CsvRow[]> {
    const strings = this.#sharedStrings();
    const decoder = new TextDecoder('utf-8');
    let text = '';
    let lastRow = 0;
    // A row still open at the end of a chunk: its text in pieces, joined only once its end has come
    // (each piece is searched once, so a long row costs linear time).
    const open: string[] = [];
    let openLength = 0;
    let openRow = 0;
    const out: CsvRow[] = [];
    const onRead = (offset: number): void => {
      this.bytesRead = offset;
    };
    for (const chunk of this.#zip.stream(this.#sheetEntry, this.#chunkSize, onRead)) {
      const piece = decoder.decode(chunk, { stream: true });
      if (open.length > 0) {
        ROW_END.lastIndex = 0;
        if (!ROW_END.test(open[open.length - 1]!.slice(-64) + piece)) {
          open.push(piece);
          openLength += piece.length;
          this.#checkRowLength(openLength, openRow);
          continue;
        }
        text = open.join('') + piece;
        open.length = 0;
        openLength = 0;
      } else {
        text += piece;
      }
      let pos = 0;
      let incomplete = false;
      for (;;) {
        ROW_START.lastIndex = pos;
        const start = ROW_START.exec(text);
        if (!start) {
          pos = Math.max(pos, text.length - 64); // keep a possible partial "<row" tag
          break;
        }
        const tagEnd = text.indexOf('>', start.index);
        const attr = ROW_NUMBER.exec(text.slice(start.index, tagEnd < 0 ? start.index + 200 : tagEnd + 1));
        const rowNumber = attr ? Number(attr[1]) : lastRow + 1;
        if (tagEnd >= 0 && text.charCodeAt(tagEnd - 1) === 47 /* "/" */) {
          // An empty row: <row r="5"/>.
          lastRow = rowNumber;
          pos = tagEnd + 1;
          continue;
        }
        ROW_END.lastIndex = Math.max(tagEnd, start.index);
        const end = tagEnd < 0 ? null : ROW_END.exec(text);
        if (!end) {
          pos = start.index;
          openRow = rowNumber;
          incomplete = true;
          break;
        }
        lastRow = rowNumber;
        const fields = this.#cells(text.slice(tagEnd + 1, end.index), strings, lastRow);
        if (fields.some((f) => f.length > 0 && f.trim().length > 0)) out.push({ line: lastRow, fields });
        pos = end.index + end[0].length;
      }
      text = text.slice(pos);
      if (incomplete) {
        open.push(text);
        openLength = text.length;
        text = '';
        this.#checkRowLength(openLength, openRow);
      }
      if (out.length > 0) {
        yield out.slice();
        out.length = 0;
      }
    }
  }

  #checkRowLength(length: number, row: number): void {
    if (length <= MAX_ROW_XML_CHARS) return;
    throw new XlsxError(said('xlsxRowTooLong', { row, sheet: this.sheet.name, limit: MAX_ROW_XML_CHARS }), {
      sheet: this.sheet.name,
      line: row,
      entry: this.#sheetEntry.name,
      limit: MAX_ROW_XML_CHARS,
    });
  }

  #cells(xml: string, strings: string[], row: number): string[] {
    const fields: string[] = [];
    let column = -1;
    CELL.lastIndex = 0;
    for (let m = CELL.exec(xml); m; m = CELL.exec(xml)) {
      const attrs = m[1] ?? '';
      const ref = CELL_REF.exec(attrs);
      column = ref ? columnIndex(ref[1]!) : column + 1;
      if (column >= MAX_COLUMNS)
        throw new XlsxError(said('xlsxTooManyColumns', { row: String(row), limit: String(MAX_COLUMNS) }), {
          sheet: this.sheet.name,
          line: row,
        });
      const body = m[2];
      if (body === undefined) continue;
      const type = CELL_TYPE.exec(attrs)?.[1] ?? 'n';
      let value: string;
      if (type === 'inlineStr') {
        const is = INLINE.exec(body);
        value = is ? stringItemText(is[1] ?? '') : '';
      } else {
        const v = VALUE.exec(body);
        const raw = v ? (v[1] ?? '') : '';
        if (type === 's') {
          const s = strings[Number(raw)];
          if (s === undefined) {
            throw new XlsxError(said('xlsxNoSharedString', { row: String(row), string: raw }), {
              sheet: this.sheet.name,
              line: row,
            });
          }
          value = s;
        } else if (type === 'b') value = raw === '1' ? 'TRUE' : raw === '0' ? 'FALSE' : raw;
        else value = decodeXmlText(raw);
      }
      while (fields.length < column) fields.push('');
      fields[column] = value;
    }
    return fields;
  }

  /** Passes the whole file to the chunk listeners (the importer hashes the file's bytes). */
  #feedListeners(): void {
    if (this.#listeners.length === 0) return;
    for (const chunk of streamFile(this.path, 1 << 20)) for (const listener of this.#listeners) listener(chunk);
  }
}

function* streamFile(path: string, chunkSize: number): Generator<Buffer> {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(chunkSize);
    for (;;) {
      const n = readSync(fd, buffer, 0, chunkSize, null);
      if (n === 0) return;
      yield buffer.subarray(0, n);
    }
  } finally {
    closeSync(fd);
  }
}
