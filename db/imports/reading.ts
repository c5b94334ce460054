/**
 * What the file readers (csv.ts, xlsx.ts, zip.ts) share: the error they throw when a file cannot be
 * read (turned into the API's invalid-file error by table.ts, with the place named), the text
 * encodings a CSV file may be read in, and how the header row is chosen among the first rows.
 */
/** A record as the readers give it (csv.ts's CsvRow): this module stays free of Node, for the contract's types. */
interface Row {
  line: number;
  fields: string[];
}

/** Where in the file reading stopped, for the error's details. */
import { saidAs, type CoreText, type Said } from '../common/core-messages.ts';

export interface ReadErrorPlace {
  /** The file's physical line (CSV) or the sheet's row number (workbook). */
  line?: number;
  /** 1-based character column within the line. */
  column?: number;
  /** The ZIP entry (workbook part) being read. */
  entry?: string;
  sheet?: string;
  encoding?: string;
  /** The limit that was reached, in the unit the message states. */
  limit?: number;
}

/** A file that cannot be read as a table; the message says what and where, without the file name (added by table.ts). */
export class TableReadError extends Error {
  readonly place: ReadErrorPlace;
  /** What is wrong as a code and its values, when it has one. */
  readonly text: CoreText | null;
  constructor(message: string | Said, place: ReadErrorPlace = {}) {
    super(typeof message === 'string' ? message : message.message);
    this.place = place;
    this.text = typeof message === 'string' ? null : { messageCode: message.messageCode, params: message.params };
  }
}

/** Text encodings a CSV file is read in (WHATWG names, as TextDecoder knows them). */
export const TEXT_ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'euc-kr', 'gb18030', 'windows-1252'] as const;
export type TextEncodingName = (typeof TEXT_ENCODINGS)[number];

/** The encoding a file was read in and how it was settled. */
export interface EncodingUsed {
  name: TextEncodingName;
  /** bom: the file's byte-order mark; detected: UTF-8 validity or a heuristic over the first bytes; chosen: by the user. */
  how: 'bom' | 'detected' | 'chosen';
}

/** Rows looked at for a known layout's header below titles and blank rows. */
export const HEADER_SEARCH_ROWS = 20;

export interface HeaderOptions {
  /** The header's line (CSV) or row (workbook), 1-based, as the user chose it. */
  headerRow?: number | undefined;
  /** True for a row that is a known layout's header (formats.ts). */
  isKnownHeader?: ((fields: string[]) => boolean) | undefined;
}

/**
 * Which of the first non-blank rows is the header: the row the user chose; else the first of the
 * first HEADER_SEARCH_ROWS that a known layout recognises; else the first. Returns its index, or -1
 * when more rows must be read to tell (`final`: there are no more).
 */
export function chooseHeader(rows: Row[], options: HeaderOptions, final: boolean, what: 'line' | 'row'): number {
  refuseWebPage(rows[0]);
  const wanted = options.headerRow;
  if (wanted !== undefined) {
    const at = rows.findIndex((r) => r.line >= wanted);
    if (at >= 0 && rows[at]!.line === wanted) return at;
    if (at >= 0 || final) {
      const code =
        what === 'line'
          ? at >= 0
            ? 'readHeaderLineBlank'
            : 'readHeaderLinePastEnd'
          : at >= 0
            ? 'readHeaderRowBlank'
            : 'readHeaderRowPastEnd';
      throw new TableReadError(saidAs(code, { line: String(wanted) }), { line: wanted });
    }
    return -1;
  }
  const known = options.isKnownHeader;
  if (!known || rows.length === 0) return rows.length > 0 || final ? 0 : -1;
  const searched = Math.min(rows.length, HEADER_SEARCH_ROWS);
  for (let i = 0; i < searched; i++) if (known(rows[i]!.fields.map((f) => f.trim()))) return i;
  return rows.length >= HEADER_SEARCH_ROWS || final ? 0 : -1;
}

/** The first control character (C0 but tab, line feed and carriage return; DEL; C1) in `text`, or -1: never part of a name. */
export function controlCharacterAt(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || (c >= 0x7f && c <= 0x9f)) return i;
  }
  return -1;
}

/** "1,048,576" */
export const count = (n: number): string => n.toLocaleString('en-US');

/** The start of an HTML document, as a web page saved in place of a download begins. */
const WEB_PAGE = /^\s*<(?:!doctype\s+html|html[\s>])/i;

/**
 * A web page saved under a table's name (a login page, an expired session or an error page a site sent in place
 * of the download) is named as such, rather than offered as one column to map.
 */
function refuseWebPage(first: Row | undefined): void {
  if (first && WEB_PAGE.test(first.fields[0] ?? '')) {
    throw new TableReadError(saidAs('readWebPage', { line: String(first.line) }), { line: first.line });
  }
}
