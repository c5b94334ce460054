/**
 * Hostile import files made on the spot, written to disk piece by piece so that making them costs
 * little memory (the benchmark measures the reader's memory, not the maker's): an .xlsx "zip bomb"
 * (one cell inflating to any size), a workbook with a huge shared string or a huge cell, a CSV with
 * no line end, a CSV with an unterminated quote; and text in the legacy encodings (an encoder built
 * from Node's own decoders, which have no encoding counterpart).
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { constants, crc32, deflateRawSync } from 'node:zlib';

export interface ZipPart {
  name: string;
  /** The entry's bytes, in pieces (each deflated on its own, joined into one deflate stream). */
  pieces: () => Iterable<Buffer>;
  /** A size to declare instead of the true one (a lying directory). */
  declaredSize?: number;
}

/** Writes a ZIP archive of deflated entries, one piece in memory at a time. */
export function writeZip(path: string, parts: ZipPart[]): void {
  const fd = openSync(path, 'w');
  let offset = 0;
  const write = (b: Buffer): void => {
    writeSync(fd, b);
    offset += b.length;
  };
  const central: Buffer[] = [];
  try {
    for (const part of parts) {
      const name = Buffer.from(part.name, 'utf8');
      const headerOffset = offset;
      // Sizes and CRC go in a data descriptor-free header rewritten afterwards: write a placeholder first.
      const local = Buffer.alloc(30);
      local.writeUInt32LE(0x04034b50, 0);
      local.writeUInt16LE(20, 4);
      local.writeUInt16LE(0x800, 6);
      local.writeUInt16LE(8, 8);
      local.writeUInt16LE(name.length, 26);
      write(local);
      write(name);
      let crc = 0;
      let size = 0;
      let compressed = 0;
      for (const piece of part.pieces()) {
        crc = crc32(piece, crc);
        size += piece.length;
        // A sync flush ends each piece on a byte boundary in non-final blocks: the pieces join into one stream.
        const deflated = deflateRawSync(piece, { finishFlush: constants.Z_SYNC_FLUSH });
        write(deflated);
        compressed += deflated.length;
      }
      const end = Buffer.from([0x03, 0x00]); // a final, empty fixed-Huffman block
      write(end);
      compressed += end.length;
      const declared = part.declaredSize ?? size;
      local.writeUInt32LE(crc >>> 0, 14);
      local.writeUInt32LE(compressed, 18);
      local.writeUInt32LE(declared, 22);
      writeSync(fd, local, 0, 30, headerOffset);
      const entry = Buffer.alloc(46);
      entry.writeUInt32LE(0x02014b50, 0);
      entry.writeUInt16LE(20, 4);
      entry.writeUInt16LE(20, 6);
      entry.writeUInt16LE(0x800, 8);
      entry.writeUInt16LE(8, 10);
      entry.writeUInt32LE(crc >>> 0, 16);
      entry.writeUInt32LE(compressed, 20);
      entry.writeUInt32LE(declared, 24);
      entry.writeUInt16LE(name.length, 28);
      entry.writeUInt32LE(headerOffset, 42);
      central.push(entry, name);
    }
    const dirOffset = offset;
    const dir = Buffer.concat(central);
    write(dir);
    const eocd = Buffer.alloc(22);
    eocd.writeUInt32LE(0x06054b50, 0);
    eocd.writeUInt16LE(parts.length, 8);
    eocd.writeUInt16LE(parts.length, 10);
    eocd.writeUInt32LE(dir.length, 12);
    eocd.writeUInt32LE(dirOffset, 16);
    write(eocd);
  } finally {
    closeSync(fd);
  }
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const once = (text: string) => (): Iterable<Buffer> => [Buffer.from(text, 'utf8')];

/** A workbook of one sheet whose XML is given in pieces (and optionally shared strings). */
export function writeWorkbook(
  path: string,
  sheet: () => Iterable<Buffer>,
  options: { sharedStrings?: () => Iterable<Buffer>; declaredSheetSize?: number } = {},
): void {
  const parts: ZipPart[] = [
    {
      name: '[Content_Types].xml',
      pieces: once('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    },
    {
      name: '_rels/.rels',
      pieces: once(
        `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
      ),
    },
    {
      name: 'xl/workbook.xml',
      pieces: once(`<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>`),
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      pieces: once(
        `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>${
          options.sharedStrings ? `<Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>` : ''
        }</Relationships>`,
      ),
    },
    {
      name: 'xl/worksheets/sheet1.xml',
      pieces: sheet,
      ...(options.declaredSheetSize !== undefined ? { declaredSize: options.declaredSheetSize } : {}),
    },
  ];
  if (options.sharedStrings) parts.push({ name: 'xl/sharedStrings.xml', pieces: options.sharedStrings });
  writeZip(path, parts);
}

const escapeXml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Sheet XML of rows of inline strings (row numbers given: gaps are blank rows). */
export function sheetXml(rows: [number, string[]][]): string {
  const cells = rows.map(
    ([r, fields]) => `<row r="${r}">${fields.map((f) => `<c t="inlineStr"><is><t>${escapeXml(f)}</t></is></c>`).join('')}</row>`,
  );
  return `<worksheet xmlns="${MAIN}"><sheetData>${cells.join('')}</sheetData></worksheet>`;
}

const MB = 1024 * 1024;

/** `total` bytes of `fill` in 1 MiB pieces (the last one shorter). */
function* repeated(total: number, make: (n: number) => Buffer): Generator<Buffer> {
  for (let done = 0; done < total; done += MB) yield make(Math.min(MB, total - done));
}

/** Letters in no pattern deflate can use much: ~1.6× compression only (so the ratio limit is not what stops them). */
function* randomLetters(total: number, seed = 7): Generator<Buffer> {
  let s = seed;
  for (let done = 0; done < total; done += MB) {
    const n = Math.min(MB, total - done);
    const b = Buffer.allocUnsafe(n);
    for (let i = 0; i < n; i++) {
      s = (s * 1664525 + 1013904223) >>> 0;
      b[i] = 97 + (s >>> 27);
    }
    yield b;
  }
}

/** An .xlsx "zip bomb": a header row, then one cell of `inflatedBytes` letters "a" (deflating ~1000×). */
export function zipBombXlsx(path: string, inflatedBytes: number, options: { declaredSheetSize?: number } = {}): void {
  writeWorkbook(
    path,
    function* () {
      yield Buffer.from(
        `<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c t="inlineStr"><is><t>name</t></is></c></row><row r="2"><c t="inlineStr"><is><t>`,
      );
      const block = Buffer.alloc(MB, 'a');
      yield* repeated(inflatedBytes, (n) => block.subarray(0, n));
      yield Buffer.from('</t></is></c></row></sheetData></worksheet>');
    },
    options,
  );
}

/** A workbook whose second row holds one cell of `chars` random letters (too long for a row, yet no bomb). */
export function hugeCellXlsx(path: string, chars: number): void {
  writeWorkbook(path, function* () {
    yield Buffer.from(
      `<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c t="inlineStr"><is><t>name</t></is></c></row><row r="2"><c t="inlineStr"><is><t>`,
    );
    yield* randomLetters(chars);
    yield Buffer.from('</t></is></c></row></sheetData></worksheet>');
  });
}

/** A workbook whose second shared string is `chars` random letters long. */
export function hugeSharedStringXlsx(path: string, chars: number): void {
  writeWorkbook(
    path,
    once(
      `<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c t="s"><v>0</v></c></row><row r="2"><c t="s"><v>1</v></c></row></sheetData></worksheet>`,
    ),
    {
      sharedStrings: function* () {
        yield Buffer.from(`<sst xmlns="${MAIN}" count="2" uniqueCount="2"><si><t>name</t></si><si><t>`);
        yield* randomLetters(chars);
        yield Buffer.from('</t></si></sst>');
      },
    },
  );
}

/** Writes pieces to a file. */
export function writePieces(path: string, pieces: Iterable<Buffer>): void {
  const fd = openSync(path, 'w');
  try {
    for (const piece of pieces) writeSync(fd, piece);
  } finally {
    closeSync(fd);
  }
}

/** A JSON document of `bytes` bytes with no line end, saved as .csv. */
export function oneLineCsv(path: string, bytes: number): void {
  writePieces(
    path,
    (function* () {
      yield Buffer.from('[');
      const record = Buffer.from('{"reporter":"KOR","partner":"CHN","year":2022,"value":123456789},');
      const block = Buffer.alloc(MB);
      for (let i = 0; i < MB; i += record.length) record.copy(block, i, 0, Math.min(record.length, MB - i));
      yield* repeated(bytes - 2, (n) => block.subarray(0, n));
      yield Buffer.from(']');
    })(),
  );
}

/** A CSV whose third line opens a quote never closed, followed by `bytes` of text lines. */
export function unterminatedQuoteCsv(path: string, bytes: number): void {
  writePieces(
    path,
    (function* () {
      yield Buffer.from('name,value\nKorea,1\n"Viet Nam,2\n');
      const line = Buffer.from('text that goes on, line after line, inside the open quote\n');
      const block = Buffer.alloc(MB);
      for (let i = 0; i < MB; i += line.length) line.copy(block, i, 0, Math.min(line.length, MB - i));
      yield* repeated(bytes, (n) => block.subarray(0, n));
    })(),
  );
}

const legacyTables = new Map<string, Map<string, Buffer>>();

/** Text in a legacy encoding (windows-1252, euc-kr, gb18030's two-byte part), by inverting Node's decoder. */
export function encodeLegacy(text: string, encoding: 'windows-1252' | 'euc-kr' | 'gb18030'): Buffer {
  let table = legacyTables.get(encoding);
  if (!table) {
    table = new Map();
    const decoder = new TextDecoder(encoding, { fatal: true });
    for (let b = 0x80; b <= 0xff; b++) {
      try {
        table.set(decoder.decode(Buffer.from([b])), Buffer.from([b]));
      } catch {
        /* a lead byte */
      }
    }
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        try {
          const ch = decoder.decode(Buffer.from([lead, trail]));
          if (ch.length === 1 && !table.has(ch)) table.set(ch, Buffer.from([lead, trail]));
        } catch {
          /* not a character */
        }
      }
    }
    legacyTables.set(encoding, table);
  }
  const out: Buffer[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) out.push(Buffer.from(ch, 'latin1'));
    else {
      const bytes = table.get(ch);
      if (!bytes) throw new Error(`${ch} has no ${encoding} form`);
      out.push(bytes);
    }
  }
  return Buffer.concat(out);
}

/** Text in any supported encoding, with a byte-order mark if asked. */
export function encodeText(text: string, encoding: string, bom = false): Buffer {
  switch (encoding) {
    case 'utf-8':
      return Buffer.concat([bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(text, 'utf8')]);
    case 'utf-16le':
      return Buffer.concat([bom ? Buffer.from([0xff, 0xfe]) : Buffer.alloc(0), Buffer.from(text, 'utf16le')]);
    case 'utf-16be':
      return Buffer.concat([bom ? Buffer.from([0xfe, 0xff]) : Buffer.alloc(0), Buffer.from(text, 'utf16le').swap16()]);
    default:
      return encodeLegacy(text, encoding as 'windows-1252' | 'euc-kr' | 'gb18030');
  }
}
