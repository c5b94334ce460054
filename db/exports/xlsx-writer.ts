/**
 * A streaming .xlsx writer: one or more sheets of rows, written through fflate's streaming ZIP
 * deflate straight to the file (a large export never builds the sheet in memory). Text cells are
 * inline strings (no shared-string table to hold), numbers are numbers; the header row is bold and
 * frozen. Text is never a formula in a spreadsheet file (a formula needs an `<f>` element), so
 * unlike CSV nothing needs neutralising: "=cmd" stays the text "=cmd".
 *
 * A sheet holds at most 1,048,576 rows (Excel's limit): longer tables continue on further sheets
 * ("trade_flow (2)", …) with the header repeated. A cell holds at most 32,767 characters (Excel's
 * limit): longer text is cut, with "…" at the end.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
// fflate's browser build: its Node entry declares a `require` of its own, which clashes with the bundler's ESM shim.
import { Zip, ZipDeflate } from 'fflate/browser';
import type { Cell } from './csv-writer.ts';

export const XLSX_MAX_ROWS = 1_048_576;
const MAX_CELL_TEXT = 32_767;
const FLUSH_CHARS = 1 << 20;

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';

/** Characters XML 1.0 cannot carry, and a literal "_xHHHH_" (which readers would decode), written as OOXML escapes. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|_(?=x[0-9A-Fa-f]{4}_)/g;

export function xmlText(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(UNSAFE, (c) => (c === '_' ? '_x005F_' : `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`));
}

function xmlAttr(text: string): string {
  return xmlText(text).replace(/"/g, '&quot;');
}

/** 0 → "A", 25 → "Z", 26 → "AA". */
export function columnName(index: number): string {
  let n = index + 1;
  let name = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    name = String.fromCharCode(65 + r) + name;
    n = Math.floor((n - 1) / 26);
  }
  return name;
}

/** A valid, unique sheet name: at most 31 characters, none of : \ / ? * [ ]. */
function sheetName(wanted: string, taken: Set<string>): string {
  const base =
    wanted
      .replace(/[:\\/?*[\]]/g, '_')
      .replace(/^'+|'+$/g, '')
      .trim()
      .slice(0, 31) || 'Sheet';
  let name = base;
  for (let i = 2; taken.has(name.toLowerCase()); i++) {
    const suffix = ` (${i})`;
    name = base.slice(0, 31 - suffix.length) + suffix;
  }
  taken.add(name.toLowerCase());
  return name;
}

interface SheetState {
  name: string;
  header: string[];
  file: ZipDeflate;
  rows: number;
  parts: string[];
  size: number;
}

export class XlsxFileWriter {
  readonly path: string;
  #fd: number;
  #zip: Zip;
  #error: Error | null = null;
  #sheets: string[] = [];
  #taken = new Set<string>();
  #current: SheetState | null = null;
  #columns: string[] = [];
  /** Data rows written (headers not counted), over all sheets. */
  rows = 0;
  #maxRows: number;

  /** `maxRows` (header included) is Excel's limit unless a test asks for less. */
  constructor(path: string, options: { maxRows?: number } = {}) {
    this.path = path;
    this.#maxRows = Math.max(2, Math.min(options.maxRows ?? XLSX_MAX_ROWS, XLSX_MAX_ROWS));
    this.#fd = openSync(path, 'w');
    this.#zip = new Zip((error, chunk) => {
      if (error) {
        this.#error = error;
        return;
      }
      if (this.#fd >= 0) writeSync(this.#fd, chunk);
    });
  }

  /** Starts a sheet (ending the one before) whose first row is the header. */
  addSheet(name: string, header: readonly string[]): void {
    this.#endSheet();
    const unique = sheetName(name, this.#taken);
    this.#sheets.push(unique);
    const file = new ZipDeflate(`xl/worksheets/sheet${this.#sheets.length}.xml`, { level: 6 });
    this.#zip.add(file);
    this.#current = { name: unique, header: [...header], file, rows: 0, parts: [], size: 0 };
    const widths = header
      .map((h, i) => `<col min="${i + 1}" max="${i + 1}" width="${Math.min(60, Math.max(10, h.length + 2))}" customWidth="1"/>`)
      .join('');
    this.#append(
      `${XML_HEAD}<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">` +
        '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>' +
        `${widths ? `<cols>${widths}</cols>` : ''}<sheetData>`,
    );
    this.#row(header, 1);
  }

  /** One data row; continues on a new sheet when this one is full. */
  write(cells: readonly Cell[]): void {
    const sheet = this.#current;
    if (!sheet) throw new Error('addSheet() first');
    if (sheet.rows >= this.#maxRows) {
      const base = sheet.name.replace(/ \(\d+\)$/, '');
      this.addSheet(base, sheet.header);
    }
    this.#row(cells, 0);
    this.rows++;
  }

  #row(cells: readonly Cell[], style: number): void {
    const sheet = this.#current!;
    const r = ++sheet.rows;
    let xml = `<row r="${r}">`;
    for (let i = 0; i < cells.length; i++) {
      const value = cells[i];
      if (value === null || value === undefined) continue;
      const ref = `${this.#column(i)}${r}`;
      const s = style ? ` s="${style}"` : '';
      if (typeof value === 'number') {
        if (Number.isFinite(value)) xml += `<c r="${ref}"${s}><v>${value}</v></c>`;
        continue;
      }
      const text = value.length > MAX_CELL_TEXT ? `${value.slice(0, MAX_CELL_TEXT - 1)}…` : value;
      const space = /^\s|\s$/.test(text) ? ' xml:space="preserve"' : '';
      xml += `<c r="${ref}"${s} t="inlineStr"><is><t${space}>${xmlText(text)}</t></is></c>`;
    }
    this.#append(`${xml}</row>`);
  }

  #column(i: number): string {
    while (this.#columns.length <= i) this.#columns.push(columnName(this.#columns.length));
    return this.#columns[i]!;
  }

  #append(xml: string): void {
    const sheet = this.#current!;
    sheet.parts.push(xml);
    sheet.size += xml.length;
    if (sheet.size >= FLUSH_CHARS) this.#flush(false);
  }

  #flush(final: boolean): void {
    const sheet = this.#current!;
    const data = Buffer.from(sheet.parts.join(''), 'utf8');
    sheet.parts = [];
    sheet.size = 0;
    sheet.file.push(data, final);
    this.#check();
  }

  #endSheet(): void {
    if (!this.#current) return;
    this.#append('</sheetData></worksheet>');
    this.#flush(true);
    this.#current = null;
  }

  #check(): void {
    if (this.#error) throw this.#error;
  }

  #part(name: string, xml: string): void {
    const file = new ZipDeflate(name, { level: 6 });
    this.#zip.add(file);
    file.push(Buffer.from(xml, 'utf8'), true);
    this.#check();
  }

  /** Ends the last sheet, writes the workbook parts and closes the file. */
  close(): void {
    try {
      if (this.#sheets.length === 0) this.addSheet('Sheet1', []);
      this.#endSheet();
      const sheets = this.#sheets;
      this.#part(
        '[Content_Types].xml',
        `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
          '<Default Extension="xml" ContentType="application/xml"/>' +
          '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
          '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
          sheets
            .map(
              (_, i) =>
                `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
            )
            .join('') +
          '</Types>',
      );
      this.#part(
        '_rels/.rels',
        `${XML_HEAD}<Relationships xmlns="${NS_PKG_REL}">` +
          `<Relationship Id="rId1" Type="${NS_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
      );
      this.#part(
        'xl/workbook.xml',
        `${XML_HEAD}<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}"><sheets>` +
          sheets.map((name, i) => `<sheet name="${xmlAttr(name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
          '</sheets></workbook>',
      );
      this.#part(
        'xl/_rels/workbook.xml.rels',
        `${XML_HEAD}<Relationships xmlns="${NS_PKG_REL}">` +
          sheets
            .map((_, i) => `<Relationship Id="rId${i + 1}" Type="${NS_REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
            .join('') +
          `<Relationship Id="rId${sheets.length + 1}" Type="${NS_REL}/styles" Target="styles.xml"/></Relationships>`,
      );
      // Two cell formats: 0 plain, 1 bold (the header).
      this.#part(
        'xl/styles.xml',
        `${XML_HEAD}<styleSheet xmlns="${NS_MAIN}">` +
          '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>' +
          '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
          '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
          '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
          '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>' +
          '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
          '</styleSheet>',
      );
      this.#zip.end();
      this.#check();
    } finally {
      if (this.#fd >= 0) {
        closeSync(this.#fd);
        this.#fd = -1;
      }
    }
  }
}
