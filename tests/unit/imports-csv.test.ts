import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { csvLine } from '../../db/exports/csv-writer.ts';
import { CsvFileReader, CsvParser, readCsvAll, sniffDelimiter, type CsvRow } from '../../db/imports/csv.ts';
import { tempDir } from '../support/temp.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
let n = 0;
function file(content: string | Buffer): string {
  const path = tmp.file(`f${++n}.csv`);
  writeFileSync(path, content);
  return path;
}
const rowsOf = (rows: CsvRow[]) => rows.map((r) => [r.line, ...r.fields]);

describe('CSV reader', () => {
  it('reads a plain file with its header and line numbers', () => {
    const { header, rows, delimiter } = readCsvAll(file('a,b,c\n1,2,3\n4,5,6\n'));
    expect(delimiter).toBe(',');
    expect(header).toEqual(['a', 'b', 'c']);
    expect(rowsOf(rows)).toEqual([
      [2, '1', '2', '3'],
      [3, '4', '5', '6'],
    ]);
  });

  it('strips a UTF-8 BOM and keeps non-ASCII text', () => {
    const { header, rows } = readCsvAll(
      file(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('name,x\nCôte d’Ivoire,1\n', 'utf8')])),
    );
    expect(header).toEqual(['name', 'x']);
    expect(rows[0]?.fields).toEqual(['Côte d’Ivoire', '1']);
  });

  it('reads UTF-16 with a BOM (Excel "Unicode text")', () => {
    const body = Buffer.from('a;b\r\nTürkiye;2\r\n', 'utf16le');
    const { header, rows } = readCsvAll(file(Buffer.concat([Buffer.from([0xff, 0xfe]), body])));
    expect(header).toEqual(['a', 'b']);
    expect(rows[0]?.fields).toEqual(['Türkiye', '2']);
  });

  it('handles CRLF line ends and a last line without a line end', () => {
    const { rows } = readCsvAll(file('a,b\r\n1,2\r\n3,4'));
    expect(rowsOf(rows)).toEqual([
      [2, '1', '2'],
      [3, '3', '4'],
    ]);
  });

  it('reads quoted fields with delimiters, doubled quotes and newlines, and numbers lines physically', () => {
    const { rows } = readCsvAll(file('a,b,c\n"x, y","say ""hi""","line1\nline2\r\nline3"\n"",2,3\nlast,1,2\n'));
    expect(rowsOf(rows)).toEqual([
      [2, 'x, y', 'say "hi"', 'line1\nline2\r\nline3'],
      [5, '', '2', '3'],
      [6, 'last', '1', '2'],
    ]);
  });

  it('sniffs ; and tab delimiters from the header line (quotes ignored)', () => {
    expect(sniffDelimiter('a;b;c')).toBe(';');
    expect(sniffDelimiter('"a,b";c;d')).toBe(';');
    expect(sniffDelimiter('a\tb\tc')).toBe('\t');
    expect(sniffDelimiter('a,b;c,d')).toBe(',');
    expect(sniffDelimiter('single')).toBe(',');
    const { rows, delimiter } = readCsvAll(file('Year;Value\n2022;1.234,5\n'));
    expect(delimiter).toBe(';');
    expect(rows[0]?.fields).toEqual(['2022', '1.234,5']);
  });

  it('skips empty lines and lines of only delimiters, keeping line numbers true', () => {
    const { rows } = readCsvAll(file('\n\na,b\n\n1,2\n,,\n \n3,4\n\n'));
    expect(rowsOf(rows)).toEqual([
      [5, '1', '2'],
      [8, '3', '4'],
    ]);
  });

  it('drops trailing empty header columns; rows keep their fields as read', () => {
    const { header, rows } = readCsvAll(file('a,b,,\n1,2,,\n'));
    expect(header).toEqual(['a', 'b']);
    expect(rows[0]?.fields.slice(0, 2)).toEqual(['1', '2']);
  });

  it('gives the same rows whatever the chunk size (records and UTF-8 characters split across reads)', () => {
    const text = 'h1,h2\n"a\n""b""",ü€😀\n1,"2,3"\r\nx,"y"\n';
    const path = file(text);
    const expected = rowsOf(readCsvAll(path).rows);
    for (const chunkSize of [1, 2, 3, 5, 7, 11, 64]) {
      expect(rowsOf(readCsvAll(path, { chunkSize }).rows)).toEqual(expected);
    }
    expect(expected).toEqual([
      [2, 'a\n"b"', 'ü€😀'],
      [4, '1', '2,3'],
      [5, 'x', 'y'],
    ]);
  });

  it('reports bytes read for progress', () => {
    const content = `a,b\n${'1,2\n'.repeat(1000)}`;
    const reader = new CsvFileReader(file(content), { chunkSize: 256 });
    expect(reader.totalBytes).toBe(content.length);
    const seen: number[] = [];
    let count = 0;
    for (const batch of reader.batches()) {
      count += batch.length;
      seen.push(reader.bytesRead);
    }
    reader.close();
    expect(count).toBe(1000);
    expect(seen.length).toBeGreaterThan(10);
    expect(seen.at(-1)).toBe(content.length);
    expect([...seen].sort((x, y) => x - y)).toEqual(seen);
  });

  it('reads an empty file as no header and no rows', () => {
    expect(readCsvAll(file(''))).toMatchObject({ header: [], rows: [] });
    expect(readCsvAll(file('only,header'))).toMatchObject({ header: ['only', 'header'], rows: [] });
  });

  it('round-trips any table written as RFC 4180, whatever the chunk size (property)', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'b', ',', '"', '\n', '\r\n', ' ', 'é', '😀', '1') });
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 40 }),
        (table, chunkSize) => {
          const kept = table.filter((r) => r.some((c) => c.trim().length > 0));
          const path = file(`h1,h2\r\n${table.map((r) => csvLine(r, { neutralise: false })).join('')}`);
          const { rows } = readCsvAll(path, { chunkSize });
          expect(rows.map((r) => r.fields)).toEqual(kept);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('the push parser keeps a quoted record open across pushes', () => {
    const p = new CsvParser(',');
    const out: CsvRow[] = [];
    p.push('a,"b', out);
    expect(out).toEqual([]);
    p.push('\nc",d\n', out);
    p.end(out);
    expect(rowsOf(out)).toEqual([[1, 'a', 'b\nc', 'd']]);
  });
});
