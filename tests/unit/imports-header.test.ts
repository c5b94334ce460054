/**
 * The header row is found: titles and blank rows above a known layout's header are skipped (CSV and
 * XLSX); otherwise the first row is the header and the user may pick another line, which the preview
 * reports as `headerLine`.
 */
import { writeFileSync } from 'node:fs';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { importFile, previewFile } from '../../db/imports/importer.ts';
import { openDatabase, type Db } from '../../db/open.ts';
import { snapshot } from '../support/db-snapshot.ts';
import { sheetXml, writeWorkbook } from '../support/hostile-files.ts';
import { tempDir } from '../support/temp.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

let db: Db;
let n = 0;
beforeEach(() => {
  db = openDatabase(tmp.file(`db${++n}.sqlite`));
});

const HEADER = ['refYear', 'reporterISO', 'reporterDesc', 'partnerISO', 'partnerDesc', 'flowCode', 'cmdCode', 'primaryValue'];
const ROWS = [
  ['2022', 'KOR', 'Rep. of Korea', 'CHN', 'China', 'X', 'TOTAL', '155789364212'],
  ['2022', 'KOR', 'Rep. of Korea', 'VNM', 'Viet Nam', 'X', 'TOTAL', '60963742110'],
];
const TITLE = ['Korea: exports by partner, 2022 (UN Comtrade, downloaded 2024-03-01)'];

const values = (): unknown[] =>
  db.prepare('SELECT reporter, partner, year, flow, product_code, value_usd FROM trade_flow ORDER BY partner').raw().all();

describe('a title row and a blank row above a known header', () => {
  it('CSV: the header is found on line 3 and the file imports', () => {
    const path = tmp.file('titled.csv');
    writeFileSync(path, `${TITLE[0]}\n,,,,,,,\n${HEADER.join(',')}\n${ROWS.map((r) => r.join(',')).join('\n')}\n`);
    const p = previewFile(db, { path });
    expect(p.format).toBe('comtrade');
    expect(p.headerLine).toBe(3);
    expect(p.columns).toEqual(HEADER);
    expect(p.delimiter).toBe(',');
    expect(p.rowsRead).toBe(2);
    expect(p.missingColumns).toEqual([]);
    const s = importFile(db, { path, onlyValidRows: true, userName: 'tester' });
    expect(s.rowsAdded).toBe(2);
    expect(values()).toEqual([
      ['KOR', 'CHN', 2022, 'export', 'TOTAL', 155789364212],
      ['KOR', 'VNM', 2022, 'export', 'TOTAL', 60963742110],
    ]);
  });

  it('CSV delimited by ";" with a title holding a comma: the delimiter comes from the header, not the title', () => {
    const path = tmp.file('titled-semicolon.csv');
    writeFileSync(path, `Source: UN Comtrade, 2024\n\n${HEADER.join(';')}\n${ROWS.map((r) => r.join(';')).join('\n')}\n`);
    const p = previewFile(db, { path });
    expect(p.delimiter).toBe(';');
    expect(p.headerLine).toBe(3);
    expect(p.format).toBe('comtrade');
  });

  it('XLSX: the header is found on sheet row 3 and the workbook imports', () => {
    const path = tmp.file('titled.xlsx');
    writeWorkbook(path, () => [
      Buffer.from(
        sheetXml([
          [1, TITLE],
          [3, HEADER],
          [4, ROWS[0]!],
          [5, ROWS[1]!],
        ]),
      ),
    ]);
    const p = previewFile(db, { path });
    expect(p.fileType).toBe('xlsx');
    expect(p.format).toBe('comtrade');
    expect(p.headerLine).toBe(3);
    expect(p.sampleRows).toEqual(ROWS);
    const s = importFile(db, { path, onlyValidRows: true, userName: 'tester' });
    expect(s.rowsAdded).toBe(2);
    expect(values()).toHaveLength(2);
  });
});

describe('a header the app does not recognise', () => {
  const generic = ['Exporter', 'Importer', 'Year', 'Direction', 'USD'];
  const content = `Trade table\n\n${generic.join(',')}\nKOR,CHN,2022,export,100\n`;

  it('the first row is the header unless the user picks one; the chosen line is reported and used', () => {
    const path = tmp.file('generic-titled.csv');
    writeFileSync(path, content);
    const guessed = previewFile(db, { path });
    expect(guessed.headerLine).toBe(1);
    expect(guessed.columns).toEqual(['Trade table']);
    expect(guessed.mappingNeeded).toBe(true);

    const mapping = { reporter: 'Exporter', partner: 'Importer', year: 'Year', flow: 'Direction', value: 'USD' };
    const chosen = previewFile(db, { path, headerRow: 3, mapping });
    expect(chosen.headerLine).toBe(3);
    expect(chosen.columns).toEqual(generic);
    expect(chosen.rowsValid).toBe(1);
    const s = importFile(db, { path, headerRow: 3, mapping, onlyValidRows: true, userName: 'tester' });
    expect(s.rowsAdded).toBe(1);
  });

  it('a chosen header line that is blank or past the end is an error naming it, nothing changed', () => {
    const path = tmp.file('generic-blank.csv');
    writeFileSync(path, content);
    const before = snapshot(db);
    expect(() => previewFile(db, { path, headerRow: 2 })).toThrowError(
      'generic-blank.csv cannot be read: line 2 is blank: choose the line that names the columns. Nothing was changed.',
    );
    expect(() => importFile(db, { path, headerRow: 9, onlyValidRows: true, userName: 'tester' })).toThrowError(
      'generic-blank.csv cannot be read: line 9 is past the end of the data: choose the line that names the columns. Nothing was changed.',
    );
    expect(snapshot(db)).toBe(before);
  });

  it("the delimiter is the header line's, whatever punctuation the rows hold", () => {
    const path = tmp.file('generic-semicolons-in-rows.csv');
    writeFileSync(path, 'field,projects,note\nBatch across 6 fields: a; b; c; d; e; f,2,split not reported\nEnergy,3,\n');
    const p = previewFile(db, { path });
    expect(p.delimiter).toBe(',');
    expect(p.columns).toEqual(['field', 'projects', 'note']);
  });

  it('XLSX: the chosen sheet row is the header', () => {
    const path = tmp.file('generic.xlsx');
    writeWorkbook(path, () => [
      Buffer.from(
        sheetXml([
          [1, ['Trade table']],
          [2, ['note: values in USD']],
          [4, generic],
          [5, ['KOR', 'CHN', '2022', 'export', '100']],
        ]),
      ),
    ]);
    const p = previewFile(db, {
      path,
      headerRow: 4,
      mapping: { reporter: 'Exporter', partner: 'Importer', year: 'Year', flow: 'Direction', value: 'USD' },
    });
    expect(p.headerLine).toBe(4);
    expect(p.columns).toEqual(generic);
    expect(p.rowsValid).toBe(1);
  });
});
