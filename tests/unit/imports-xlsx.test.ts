/**
 * XLSX in and out: Tradebrief's own writer read back by its reader; a workbook made by another
 * tool (openpyxl, tests/support/make-xlsx-fixture.py); hand-built workbooks with what other
 * writers do (shared strings, rich text, namespace prefixes, cells without references, stored
 * entries); and the import safety rules (validation report, one transaction, nothing on error).
 */
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { strToU8, zipSync, type Zippable } from 'fflate';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../db/dispatch.ts';
import { XlsxFileWriter } from '../../db/exports/xlsx-writer.ts';
import { readCsvAll } from '../../db/imports/csv.ts';
import { jobDone } from '../../db/imports/jobs.ts';
import { importFile, previewFile } from '../../db/imports/importer.ts';
import { openTable } from '../../db/imports/table.ts';
import { XlsxFileReader } from '../../db/imports/xlsx.ts';
import { openDatabase, type Db } from '../../db/open.ts';
import { openSession } from '../../db/session.ts';
import { chosen, saveTo, watchingReplace } from '../support/chosen-files.ts';
import { snapshot } from '../support/db-snapshot.ts';
import { tempDir } from '../support/temp.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
const fixture = (name: string): string => new URL(`../fixtures/imports/${name}`, import.meta.url).pathname;

/** Every row of a workbook's sheet: [line, fields]. */
function readAll(
  path: string,
  options: { sheet?: string; chunkSize?: number } = {},
): { header: string[]; rows: [number, string[]][]; sheet: { name: string; all: string[] } } {
  const reader = new XlsxFileReader(path, options);
  try {
    const header = reader.header;
    const rows: [number, string[]][] = [];
    for (const batch of reader.batches()) for (const r of batch) rows.push([r.line, [...r.fields]]);
    return { header, rows, sheet: reader.sheet };
  } finally {
    reader.close();
  }
}

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A workbook assembled part by part, as other writers lay them out. */
function handBuilt(path: string, parts: Record<string, string>, options: { store?: boolean } = {}): void {
  const files: Zippable = {};
  for (const [name, xml] of Object.entries(parts)) files[name] = [strToU8(xml), { level: options.store ? 0 : 6 }];
  writeFileSync(path, zipSync(files));
}

describe('the writer, read back by the reader', () => {
  it('keeps text, numbers, gaps and several sheets exactly', () => {
    const path = tmp.file('round-trip.xlsx');
    const long = 'x'.repeat(40_000);
    const w = new XlsxFileWriter(path);
    w.addSheet('Trade flows: 2022/23 [draft]?', ['reporter', 'value', 'note', 'empty', 'last']);
    w.write(['KOR', 162_912_000_000, '=HYPERLINK("http://x")', null, 'a']);
    w.write(['R&D <b> "quoted" \'single\'', -0.125, '  padded  ', undefined, 'b']);
    w.write(['tab\there, line\nbreak, bell\u0007, literal _x0041_', 1.5e-7, '한국 中国 🚢', null, null]);
    w.write([long, Number.NaN, '', null, 'c']);
    w.addSheet('Trade flows: 2022/23 [draft]?', ['second']);
    w.write([0]);
    w.close();

    const first = readAll(path);
    expect(first.sheet).toEqual({
      name: 'Trade flows_ 2022_23 _draft__',
      all: ['Trade flows_ 2022_23 _draft__', 'Trade flows_ 2022_23 _draft (2)'],
    });
    expect(first.header).toEqual(['reporter', 'value', 'note', 'empty', 'last']);
    expect(first.rows).toEqual([
      [2, ['KOR', '162912000000', '=HYPERLINK("http://x")', '', 'a']],
      [3, ['R&D <b> "quoted" \'single\'', '-0.125', '  padded  ', '', 'b']],
      [4, ['tab\there, line\nbreak, bell\u0007, literal _x0041_', '1.5e-7', '한국 中国 🚢']],
      [5, [`${'x'.repeat(32_766)}…`, '', '', '', 'c']],
    ]);
    expect(readAll(path, { sheet: 'Trade flows_ 2022_23 _draft (2)' }).rows).toEqual([[2, ['0']]]);
  });

  it('continues a table on further sheets past the row limit, header repeated', () => {
    const path = tmp.file('split.xlsx');
    const w = new XlsxFileWriter(path, { maxRows: 4 });
    w.addSheet('trade_flow', ['n']);
    for (let i = 1; i <= 8; i++) w.write([i]);
    w.close();
    const { sheet } = readAll(path);
    expect(sheet.all).toEqual(['trade_flow', 'trade_flow (2)', 'trade_flow (3)']);
    expect(sheet.all.map((s) => readAll(path, { sheet: s }).rows.map(([, f]) => f[0]))).toEqual([
      ['1', '2', '3'],
      ['4', '5', '6'],
      ['7', '8'],
    ]);
    expect(sheet.all.map((s) => readAll(path, { sheet: s }).header)).toEqual([['n'], ['n'], ['n']]);
  });

  it('streams: tiny read chunks give the same rows as large ones', () => {
    const path = tmp.file('chunks.xlsx');
    const w = new XlsxFileWriter(path);
    w.addSheet('s', ['a', 'b']);
    for (let i = 0; i < 3000; i++) w.write([`row ${i} & <more>`, i * 1.25]);
    w.close();
    const big = readAll(path);
    const small = readAll(path, { chunkSize: 7 });
    expect(small).toEqual(big);
    expect(big.rows).toHaveLength(3000);
    expect(big.rows[2999]).toEqual([3001, ['row 2999 & <more>', '3748.75']]);
  });
});

describe('workbooks made by other tools', () => {
  it('reads the openpyxl fixture: first sheet by default, the data sheet by name', () => {
    const notes = readAll(fixture('agency-openpyxl.xlsx'));
    expect(notes.sheet).toEqual({ name: 'Notes', all: ['Notes', 'Trade 2019'] });
    expect(notes.header).toEqual(['Agency trade extract & notes <internal>']);
    const trade = readAll(fixture('agency-openpyxl.xlsx'), { sheet: 'Trade 2019' });
    expect(trade.header).toEqual(['Country', 'Partner country', 'Year', 'Direction', 'HS code', 'Value', 'Unit', 'Comment']);
    expect(trade.rows.map(([line, f]) => [line, f[4], f[5], f[7] ?? ''])).toEqual([
      [2, 'TOTAL', '136202.5', 'R&D <check>'],
      [3, 'TOTAL', '107228.7', ''],
      [5, 'TOTAL', '542233', ''],
      [6, '0101', '6105', ''],
      [7, '101', '7', 'code typed as a number'],
      [8, '3304', 'n/a', ''],
    ]);
  });

  it('reads shared strings, rich text, phonetic guides, namespace prefixes, cells without references, booleans, errors, stored entries', () => {
    const path = tmp.file('hand-built.xlsx');
    handBuilt(
      path,
      {
        '[Content_Types].xml': `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
        '_rels/.rels': `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
        'xl/workbook.xml': `${XML}<x:workbook xmlns:x="${MAIN}" xmlns:r="${REL}"><x:sheets><x:sheet name="Data &amp; more" sheetId="7" r:id="rIdData"/></x:sheets></x:workbook>`,
        'xl/_rels/workbook.xml.rels':
          `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
          `<Relationship Id="rIdData" Type="${REL}/worksheet" Target="./sheets/../worksheets/data.xml"/>` +
          `<Relationship Id="rIdS" Type="${REL}/sharedStrings" Target="strings.xml"/></Relationships>`,
        'xl/strings.xml':
          `${XML}<x:sst xmlns:x="${MAIN}" count="6" uniqueCount="6">` +
          '<x:si><x:t>Reporter</x:t></x:si>' +
          '<x:si><x:r><x:rPr><x:b/></x:rPr><x:t>Part</x:t></x:r><x:r><x:t xml:space="preserve">ner </x:t></x:r></x:si>' +
          '<x:si><x:t>東京</x:t><x:rPh sb="0" eb="2"><x:t>トウキョウ</x:t></x:rPh></x:si>' +
          '<x:si><x:t>line_x000D__x000A_two &#x41;&#66;</x:t></x:si>' +
          '<x:si/>' +
          '<x:si><x:t>KOR</x:t></x:si>' +
          '</x:sst>',
        'xl/worksheets/data.xml':
          `${XML}<x:worksheet xmlns:x="${MAIN}"><x:sheetData>` +
          '<x:row r="3"><x:c t="s"><x:v>0</x:v></x:c><x:c t="s"><x:v>1</x:v></x:c><x:c r="D3" t="s"><x:v>2</x:v></x:c></x:row>' +
          '<x:row r="4"/>' +
          '<x:row r="5" spans="1:4"><x:c r="A5" t="s"><x:v>5</x:v></x:c><x:c r="B5" t="b"><x:v>1</x:v></x:c><x:c r="C5" t="e"><x:v>#N/A</x:v></x:c>' +
          '<x:c r="D5" t="s"><x:v>3</x:v></x:c></x:row>' +
          '<x:row><x:c t="str"><x:f>A5</x:f><x:v>KOR</x:v></x:c><x:c r="C6" s="2"/><x:c r="AB6"><x:v>42</x:v></x:c><x:c t="s"><x:v>4</x:v></x:c></x:row>' +
          '</x:sheetData></x:worksheet>',
      },
      { store: true },
    );
    const read = readAll(path);
    expect(read.sheet.name).toBe('Data & more');
    expect(read.header).toEqual(['Reporter', 'Partner', '', '東京']);
    const row6 = ['KOR', ...Array.from({ length: 26 }, () => ''), '42', ''];
    expect(read.rows).toEqual([
      [5, ['KOR', 'TRUE', '#N/A', 'line\r\ntwo AB']],
      [6, row6],
    ]);
  });

  it('says clearly what is wrong with a damaged, foreign or old-format file', () => {
    const good = readFileSync(fixture('agency-openpyxl.xlsx'));
    const cut = tmp.file('cut.xlsx');
    writeFileSync(cut, good.subarray(0, Math.floor(good.length * 0.6)));
    expect(() => openTable(cut)).toThrowError(/cut\.xlsx cannot be read: not a readable \.xlsx workbook: no ZIP directory found/);

    const zipOnly = tmp.file('photos.xlsx');
    writeFileSync(zipOnly, zipSync({ 'photo.txt': strToU8('not a workbook') }));
    expect(() => openTable(zipOnly)).toThrowError(/no workbook part \(xl\/workbook\.xml\)/);

    const xls = tmp.file('old.xls');
    writeFileSync(xls, Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(512)]));
    expect(() => openTable(xls)).toThrowError(/old binary Excel file \(\.xls\): save it as \.xlsx or CSV/);

    // A corrupted sheet is found by its CRC-32 while reading.
    const bad = tmp.file('bad-crc.xlsx');
    const w = new XlsxFileWriter(bad);
    w.addSheet('s', ['reporter']);
    for (let i = 0; i < 50; i++) w.write(['KOR']);
    w.close();
    const bytes = readFileSync(bad);
    const at = bytes.indexOf(Buffer.from('xl/worksheets/sheet1.xml')) + 40;
    bytes[at] = (bytes[at] ?? 0) ^ 0xff;
    writeFileSync(bad, bytes);
    expect(() => readAll(bad)).toThrowError(/sheet1\.xml (cannot be decompressed|is damaged)/);
  });
});

describe('importing a workbook: the column mapping, the report, the safety rules', () => {
  let db: Db;
  let n = 0;
  beforeEach(() => {
    db = openDatabase(tmp.file(`x${++n}.sqlite`));
  });
  const mapping = {
    reporter: 'Country',
    partner: 'Partner country',
    year: 'Year',
    flow: 'Direction',
    product: 'HS code',
    value: 'Value',
    unit: 'Unit',
  };
  const agency = fixture('agency-openpyxl.xlsx');

  it('previews a generic workbook: its sheets, a suggested mapping, then the report with sheet row numbers', () => {
    const first = previewFile(db, { path: agency });
    expect(first.fileType).toBe('xlsx');
    expect(first.sheet).toEqual({ name: 'Notes', all: ['Notes', 'Trade 2019'] });
    expect(first.mappingNeeded).toBe(true);

    const p = previewFile(db, { path: agency, sheet: 'Trade 2019' });
    expect(p.format).toBe('generic');
    expect(p.mapping).toMatchObject({
      partner: 'Partner country',
      year: 'Year',
      flow: 'Direction',
      product: 'HS code',
      value: 'Value',
      unit: 'Unit',
    });
    const checked = previewFile(db, { path: agency, sheet: 'Trade 2019', mapping });
    expect(checked.rowsRead).toBe(6);
    expect(checked.rowsValid).toBe(4);
    expect(checked.problems.map((x) => [x.line, x.column, x.value, x.message])).toEqual([
      [7, 'HS code', '101', 'an HS code has 2, 4 or 6 digits, not 3 (a leading zero lost in a spreadsheet?)'],
      [8, 'Value', 'n/a', 'not a number'],
    ]);
    expect(checked.fileHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('imports the valid rows in one transaction, units converted, and remembers the mapping per layout', () => {
    const s = importFile(db, { path: agency, sheet: 'Trade 2019', mapping, onlyValidRows: true, userName: 't' });
    expect(s.outcome).toBe('imported');
    expect(s.rowsAdded).toBe(4);
    // Rows are stored in natural-key order (reporter, partner, product, year, month, flow), not file order.
    const rows = db.prepare('SELECT partner, flow, product_code, value_usd FROM trade_flow ORDER BY id').raw().all();
    expect(rows).toEqual([
      ['CHN', 'export', '0101', 6_105_000],
      ['CHN', 'export', 'TOTAL', 136_202_500_000],
      ['CHN', 'import', 'TOTAL', 107_228_700_000],
      ['WLD', 'export', 'TOTAL', 542_233_000_000],
    ]);
    expect(db.prepare('SELECT file_hash FROM import_run').pluck().get()).toBe(s.fileHash);
    // The same file again adds nothing.
    const before = snapshot(db);
    expect(importFile(db, { path: agency, sheet: 'Trade 2019', mapping, onlyValidRows: true, userName: 't' }).outcome).toBe(
      'already-imported',
    );
    expect(snapshot(db)).toBe(before);
    // The mapping is remembered for a workbook of the same layout.
    expect(previewFile(db, { path: agency, sheet: 'Trade 2019' }).mappingRemembered).toBe(true);
  });

  it('all or nothing: with problems, nothing is written; an error mid-write leaves the database as before', () => {
    const before = snapshot(db);
    const s = importFile(db, { path: agency, sheet: 'Trade 2019', mapping, onlyValidRows: false, userName: 't' });
    expect(s.outcome).toBe('nothing');
    expect(s.problemCount).toBe(2);
    expect(snapshot(db)).toBe(before);

    db.exec("CREATE TRIGGER boom BEFORE INSERT ON trade_flow WHEN NEW.partner = 'WLD' BEGIN SELECT RAISE(ABORT, 'disk trouble'); END");
    expect(() => importFile(db, { path: agency, sheet: 'Trade 2019', mapping, onlyValidRows: true, userName: 't' })).toThrowError(
      /disk trouble/,
    );
    expect(snapshot(db)).toBe(before);
    expect(db.inTransaction).toBe(false);
  });

  it('a damaged workbook is refused whole, the database unchanged', () => {
    const bad = tmp.file('damaged.xlsx');
    const w = new XlsxFileWriter(bad);
    w.addSheet('s', ['Country', 'Partner country', 'Year', 'Direction', 'HS code', 'Value', 'Unit']);
    for (let i = 0; i < 5000; i++) w.write(['KOR', 'CHN', 2000 + (i % 20), 'Exports', String(100000 + i), i, 'USD']);
    w.close();
    const bytes = readFileSync(bad);
    const at = bytes.indexOf(Buffer.from('xl/worksheets/sheet1.xml')) + 2000;
    bytes[at] = (bytes[at] ?? 0) ^ 0x55;
    writeFileSync(bad, bytes);
    const before = snapshot(db);
    expect(() => importFile(db, { path: bad, mapping: { ...mapping }, onlyValidRows: true, userName: 't', chunkSize: 4096 })).toThrowError(
      /damaged\.xlsx cannot be read: .*sheet1\.xml.*Nothing was changed/,
    );
    expect(snapshot(db)).toBe(before);
  });

  it('every layout works from a workbook: a Comtrade download saved as .xlsx imports the same rows as the CSV', () => {
    const csv = readCsvAll(fixture('comtrade-current.csv'));
    const path = tmp.file('comtrade-current.xlsx');
    const w = new XlsxFileWriter(path);
    w.addSheet('comtrade', csv.header);
    // As a spreadsheet holds them: codes as text (leading zeros kept), values as numbers where they are numbers.
    for (const r of csv.rows)
      w.write(r.fields.map((f, i) => (csv.header[i] === 'primaryValue' && /^\d+(\.\d+)?$/.test(f) ? Number(f) : f)));
    w.close();
    const fromXlsx = importFile(db, { path, onlyValidRows: true, userName: 't' });
    const xlsxRows = db
      .prepare('SELECT reporter, partner, year, month, flow, product_code, value_usd FROM trade_flow ORDER BY id')
      .raw()
      .all();
    const db2 = openDatabase(tmp.file('csv-twin.sqlite'));
    const fromCsv = importFile(db2, { path: fixture('comtrade-current.csv'), onlyValidRows: true, userName: 't' });
    expect(fromXlsx.format).toBe('comtrade');
    expect(fromXlsx.rowsAdded).toBe(fromCsv.rowsAdded);
    expect(fromXlsx.skipped).toEqual(fromCsv.skipped);
    expect(xlsxRows).toEqual(
      db2.prepare('SELECT reporter, partner, year, month, flow, product_code, value_usd FROM trade_flow ORDER BY id').raw().all(),
    );
    db2.close();
  });

  it('runs through the contract in the import worker: preview with a sheet, then the import job', async () => {
    const path = tmp.file('session.sqlite');
    const session = openSession({ path });
    try {
      const file = tmp.file('agency.xlsx');
      copyFileSync(agency, file);
      // One choice of the file serves the previews (another sheet, another mapping) and then the import.
      const handle = chosen(session, file);
      const preview = await dispatch(session.handlers, 'previewImport', { file: handle, sheet: 'Trade 2019', mapping });
      expect(preview.ok && preview.data).toMatchObject({
        fileName: 'agency.xlsx',
        fileType: 'xlsx',
        sheet: { name: 'Trade 2019' },
        rowsValid: 4,
        problemCount: 2,
      });
      const missing = await dispatch(session.handlers, 'previewImport', { file: handle, sheet: 'Nope' });
      expect(missing.ok ? null : missing.error.message).toMatch(/no sheet named “Nope” \(sheets: Notes, Trade 2019\)/);
      const started = await dispatch(session.handlers, 'startImport', { file: handle, sheet: 'Trade 2019', mapping, onlyValidRows: true });
      if (!started.ok) throw new Error(started.error.message);
      const { jobId } = started.data as { jobId: string };
      await jobDone(jobId);
      const progress = await dispatch(session.handlers, 'importProgress', { jobId });
      expect(progress.ok && progress.data).toMatchObject({ state: 'done', summary: { outcome: 'imported', rowsAdded: 4 } });
    } finally {
      session.close();
    }
  });
});

describe('XLSX exports through the contract', () => {
  it('trade flows and tables as workbooks: the same rows as the CSV export, text kept as text', async () => {
    const session = openSession({ path: tmp.file('export.sqlite') });
    try {
      const call = async (method: string, input: unknown): Promise<{ name: string; rows: number }> => {
        const e = await dispatch(session.handlers, method, input);
        if (!e.ok) throw Object.assign(new Error(e.error.message), { code: e.error.code });
        return e.data as { name: string; rows: number };
      };
      session.db
        .prepare(
          "UPDATE trade_flow SET note = '=cmd|'' /C calc''!A0' WHERE rowid = (SELECT min(rowid) FROM trade_flow WHERE reporter = 'KOR')",
        )
        .run();
      const csvPath = tmp.file('flows.csv');
      const xlsxPath = tmp.file('flows.xlsx');
      const csv = await call('exportTradeCsv', { target: saveTo(session, csvPath), reporter: 'KOR' });
      const xlsx = await call('exportTradeXlsx', { target: saveTo(session, xlsxPath), reporter: 'KOR' });
      expect([csv.name, xlsx.name]).toEqual(['flows.csv', 'flows.xlsx']);
      expect(xlsx.rows).toBe(csv.rows);
      expect(xlsx.rows).toBeGreaterThan(10);
      const fromCsv = readCsvAll(csvPath);
      const fromXlsx = readAll(xlsxPath);
      expect(fromXlsx.sheet.name).toBe('trade_flow');
      expect(fromXlsx.header).toEqual(fromCsv.header);
      const noteAt = fromCsv.header.indexOf('note');
      const neutralised = (f: string, i: number): string => (i === noteAt && f.startsWith("'=") ? f.slice(1) : f);
      const trim = (f: string[]): string[] => {
        const c = [...f];
        while (c.length > 0 && c[c.length - 1] === '') c.pop();
        return c;
      };
      expect(fromXlsx.rows.map(([, f]) => trim(f))).toEqual(fromCsv.rows.map((r) => trim(r.fields.map(neutralised))));
      expect(fromXlsx.rows.some(([, f]) => f[noteAt] === "=cmd|' /C calc'!A0")).toBe(true);

      const target = saveTo(session, tmp.file('sources.xlsx'));
      const table = await call('exportTableXlsx', { target, table: 'source' });
      expect(table).toEqual({ name: 'sources.xlsx', rows: session.db.prepare('SELECT count(*) FROM source').pluck().get() });
      // The handle was for one save: writing again needs the Save dialog again.
      await expect(call('exportTableXlsx', { target, table: 'economy' })).rejects.toMatchObject({
        code: 'not-found',
        message: expect.stringMatching(/no longer available/),
      });
      expect(readAll(tmp.file('sources.xlsx')).sheet.name).toBe('source');
      // Chosen again (the dialog asked before replacing): the workbook is replaced whole, in one rename.
      const old = readFileSync(tmp.file('sources.xlsx'));
      const again = await watchingReplace(() =>
        call('exportTableXlsx', { target: saveTo(session, tmp.file('sources.xlsx')), table: 'economy' }),
      );
      expect(again.replaces).toHaveLength(1);
      expect(again.replaces[0]!.targetBefore?.equals(old)).toBe(true);
      expect(readAll(tmp.file('sources.xlsx')).sheet.name).toBe('economy');
      expect(readAll(tmp.file('sources.xlsx')).rows).toHaveLength(again.result.rows);
      expect(readdirSync(tmp.dir).filter((f) => f.includes('sources'))).toEqual(['sources.xlsx']);

      await expect(call('exportTradeXlsx', { target: saveTo(session, tmp.file('no-such-folder/flows.xlsx')) })).rejects.toMatchObject({
        code: 'invalid-file',
      });
      expect(existsSync(tmp.file('no-such-folder'))).toBe(false);
      // The message names the file the user chose (not a temporary file).
      await expect(call('exportTradeXlsx', { target: saveTo(session, tmp.file('no-such-folder/flows.xlsx')) })).rejects.toThrow(
        /flows\.xlsx could not be written/,
      );
    } finally {
      session.close();
    }
  });
});
