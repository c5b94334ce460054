import { createHash } from 'node:crypto';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { suggestMapping } from '../../db/imports/formats.ts';
import { importFile, previewFile, undoImport } from '../../db/imports/importer.ts';
import { openDatabase, type Db } from '../../db/open.ts';
import { snapshot } from '../support/db-snapshot.ts';
import { tempDir } from '../support/temp.ts';
import { tradeFlowRows, type TradeFlowRow } from '../support/trade-flow-rows.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
const fixture = (name: string): string => new URL(`../fixtures/imports/${name}`, import.meta.url).pathname;

let db: Db;
let n = 0;
beforeEach(() => {
  db = openDatabase(tmp.file(`db${++n}.sqlite`));
});

const run = (name: string, onlyValidRows = true, extra: Partial<Parameters<typeof importFile>[1]> = {}) =>
  importFile(db, {
    path: typeof name === 'string' && name.startsWith('/') ? name : fixture(name),
    onlyValidRows,
    userName: 'tester',
    ...extra,
  });

const flows = (): TradeFlowRow[] => tradeFlowRows(db, 'id');
const find = (where: Partial<TradeFlowRow>): TradeFlowRow[] =>
  flows().filter((f) => Object.entries(where).every(([k, v]) => f[k as keyof TradeFlowRow] === v));

describe('UN Comtrade, current API/portal layout', () => {
  it('detects the layout and previews without writing', () => {
    const before = snapshot(db);
    const p = previewFile(db, { path: fixture('comtrade-current.csv') });
    expect(p.format).toBe('comtrade');
    expect(p.columns).toContain('primaryValue');
    expect(p.sampleRows).toHaveLength(10);
    expect(p.rowsRead).toBe(16);
    expect(p.rowsValid).toBe(9);
    expect(p.problemCount).toBe(2);
    expect(p.newEconomies).toEqual(['CHN', 'KOR', 'VNM', 'WLD']);
    expect(snapshot(db)).toBe(before);
  });

  it('stores totals only, keeps World and TOTAL distinct, codes as text, and reports every skip', () => {
    const s = run('comtrade-current.csv');
    expect(s.outcome).toBe('imported');
    expect(s.rowsRead).toBe(16);
    expect(s.rowsAdded).toBe(9);
    expect(s.rowsSkipped).toBe(7);
    const reasons = Object.fromEntries(s.skipped.map((x) => [x.reason, x.count]));
    expect(reasons['breakdown row (partner 2, customs procedure or mode of transport is not the total)']).toBe(3);
    expect(reasons['flow DX not stored (only X, M, RX, RM)']).toBe(1);
    expect(reasons['partner is an area, not an economy']).toBe(1);
    expect(reasons['invalid']).toBe(2);

    expect(find({ reporter: 'KOR', partner: 'CHN', flow: 'export', product_code: 'TOTAL', month: null })[0]?.value_usd).toBe(155789364212);
    // World is its own partner, an economy of kind 'group', never mixed into a country.
    expect(find({ partner: 'WLD', flow: 'export' })[0]?.value_usd).toBe(683584801297);
    expect(db.prepare("SELECT name, kind FROM economy WHERE code = 'WLD'").get()).toEqual({ name: 'World', kind: 'group' });
    // Leading zeros kept; descriptions with commas read from quotes.
    expect(find({ product_code: '0101' })[0]?.value_usd).toBe(1250000);
    expect(find({ product_code: '87' })[0]?.value_usd).toBe(5123456789.5);
    // Re-exports and re-imports apart from exports and imports.
    expect(find({ flow: 're-export' })[0]?.value_usd).toBe(2500000);
    expect(find({ flow: 're-import' })[0]?.value_usd).toBe(1500000);
    // A monthly row keeps its month.
    expect(find({ month: 3 })[0]?.value_usd).toBe(13500000000);
    // Unknown economies created from the file's ISO code and description.
    expect(db.prepare("SELECT name, kind FROM economy WHERE code = 'VNM'").get()).toEqual({ name: 'Viet Nam', kind: 'country' });
    expect(s.economiesAdded.sort()).toEqual(['CHN', 'KOR', 'VNM', 'WLD']);
    // Problems name line, column, value and what is wrong.
    expect(s.problems).toEqual([
      { line: 15, column: 'primaryValue', value: 'not available', message: 'not a number', messageCode: 'valueNotNumber', params: {} },
      {
        line: 16,
        column: 'refYear',
        value: '22',
        message: 'a year from 1900 to 2100',
        messageCode: 'yearRange',
        params: { min: '1900', max: '2100' },
      },
    ]);
  });

  it('records one source and one import run, and every row references both', () => {
    const s = run('comtrade-current.csv');
    const source = db.prepare('SELECT * FROM source WHERE id = ?').get(s.sourceId) as Record<string, string>;
    expect(source['publisher']).toBe('UN Comtrade');
    expect(source['title']).toBe('comtrade-current.csv');
    // The summary names the source by the label it is cited by.
    expect(s.sourceLabel).toBe(source['label']);
    expect(s.sourceLabel).toBe(`I${s.importId}`);
    expect(s.fileHash).toBe(
      createHash('sha256')
        .update(readFileSync(fixture('comtrade-current.csv')))
        .digest('hex'),
    );
    expect(source['note']).toContain(s.fileHash);
    const runRow = db.prepare('SELECT * FROM import_run WHERE id = ?').get(s.importId) as Record<string, unknown>;
    expect(runRow).toMatchObject({
      file_name: 'comtrade-current.csv',
      file_hash: s.fileHash,
      format: 'comtrade',
      rows_added: 9,
      rows_skipped: 7,
      rows_read: 16,
      problem_count: 2,
      user_name: 'tester',
    });
    expect(JSON.parse(runRow['skipped_by_reason'] as string)).toContainEqual({ reason: 'invalid', count: 2 });
    expect(db.prepare('SELECT count(*) FROM trade_flow WHERE source_id = ? AND import_id = ?').pluck().get(s.sourceId, s.importId)).toBe(9);
  });

  it('imports nothing when the user chose all-or-nothing and a row has a problem', () => {
    const before = snapshot(db);
    const s = run('comtrade-current.csv', false);
    expect(s.outcome).toBe('nothing');
    expect(s.rowsAdded).toBe(0);
    expect(s.problemCount).toBe(2);
    expect(snapshot(db)).toBe(before);
  });

  it('re-importing the same file adds nothing and says it was already imported', () => {
    const first = run('comtrade-current.csv');
    const after = snapshot(db);
    const again = run('comtrade-current.csv');
    expect(again.outcome).toBe('already-imported');
    expect(again.importId).toBe(first.importId);
    expect(snapshot(db)).toBe(after);
    expect(previewFile(db, { path: fixture('comtrade-current.csv') }).alreadyImported?.id).toBe(first.importId);
  });

  it('keeps the same figure from a different source beside the first', () => {
    run('comtrade-current.csv');
    const other = tmp.file('kor-chn-2022.csv');
    const lines = readFileSync(fixture('comtrade-current.csv'), 'utf8').split('\r\n');
    writeFileSync(other, `${lines[0]}\r\n${lines[1]}\r\n`);
    const s = run(other);
    expect(s.rowsAdded).toBe(1);
    const both = find({ reporter: 'KOR', partner: 'CHN', flow: 'export', product_code: 'TOTAL', month: null });
    expect(both.map((f) => f.value_usd)).toEqual([155789364212, 155789364212]);
    expect(new Set(both.map((f) => f.source_id)).size).toBe(2);
  });

  it('reads ; files with BOM, CRLF, decimal commas, blank lines and trailing columns', () => {
    const s = run('comtrade-semicolon.csv');
    expect(s.problems).toEqual([]);
    expect(s.rowsAdded).toBe(3);
    expect(find({ flow: 'export', product_code: 'TOTAL' })[0]?.value_usd).toBe(155789364212.5);
    expect(find({ flow: 'import' })[0]?.value_usd).toBe(154576142038.25);
    expect(find({ product_code: '0201' })[0]?.value_usd).toBe(1234.5);
  });
});

describe('UN Comtrade, legacy layout', () => {
  it('maps flow codes 1–4, World, restores a lost leading zero, skips breakdowns and rejects bad codes', () => {
    const p = previewFile(db, { path: fixture('comtrade-legacy.csv') });
    expect(p.format).toBe('comtrade-legacy');
    const s = run('comtrade-legacy.csv');
    expect(s.rowsAdded).toBe(7);
    expect(find({ flow: 'export', partner: 'CHN', product_code: 'TOTAL' })[0]?.value_usd).toBe(162912974342);
    expect(find({ flow: 'import', partner: 'CHN' })[0]?.value_usd).toBe(138628100366);
    expect(find({ partner: 'WLD' })[0]?.value_usd).toBe(644400368238);
    expect(find({ product_code: '0101' })[0]?.value_usd).toBe(98765);
    expect(find({ flow: 're-export' })[0]?.product_code).toBe('33');
    expect(find({ flow: 're-import' })[0]?.value_usd).toBe(1100000);
    expect(find({ product_code: '85' }).map((f) => f.value_usd)).toEqual([57000000000]);
    expect(s.skipped.find((x) => x.reason.startsWith('breakdown row'))?.count).toBe(1);
    expect(s.problems).toEqual([
      {
        line: 10,
        column: 'Commodity Code',
        value: '1234567',
        message: 'an HS code has 2, 4 or 6 digits, not 7 (a leading zero lost in a spreadsheet?)',
        messageCode: 'hsDigitsLostZero',
        params: { digits: 7 },
      },
    ]);
  });
});

describe('World Bank WITS raw trade', () => {
  it('converts thousands of USD, keeps World, skips gross flows, rejects negative values', () => {
    const p = previewFile(db, { path: fixture('wits-raw.csv') });
    expect(p.format).toBe('wits');
    const s = run('wits-raw.csv');
    expect(s.rowsAdded).toBe(4);
    expect(find({ flow: 'export', partner: 'CHN', product_code: 'TOTAL' })[0]?.value_usd).toBeCloseTo(132565446680, 0);
    expect(find({ partner: 'WLD' })[0]?.value_usd).toBeCloseTo(512498037860, 0);
    expect(find({ product_code: '870899' })[0]?.value_usd).toBeCloseTo(1234567, 3);
    expect(s.skipped.find((x) => x.reason.startsWith('flow "Gross Exp."'))?.count).toBe(1);
    expect(s.problems).toEqual([
      {
        line: 7,
        column: 'TradeValue in 1000 USD',
        value: '-5',
        message: 'a trade value cannot be negative',
        messageCode: 'valueNegative',
        params: {},
      },
    ]);
    expect(db.prepare('SELECT publisher FROM source WHERE id = ?').pluck().get(s.sourceId)).toBe('World Bank WITS');
    expect(db.prepare("SELECT name FROM economy WHERE code = 'KOR'").pluck().get()).toBe('Korea; Rep.');
  });

  it('names the missing columns when a file is forced into the wrong layout', () => {
    const p = previewFile(db, { path: fixture('wits-raw.csv'), format: 'comtrade' });
    expect(p.missingColumns).toEqual(['refYear', 'reporterISO', 'partnerISO', 'flowCode', 'cmdCode', 'primaryValue']);
    expect(() => run('wits-raw.csv', true, { format: 'comtrade' })).toThrowError(/missing columns: refYear/);
  });
});

describe('any CSV with a column mapping', () => {
  const mapping = {
    reporter: 'Country',
    partner: 'Partner country',
    year: 'Year',
    flow: 'Direction',
    product: 'HS code',
    value: 'Value',
    unit: 'Unit',
  };

  it('asks for a mapping, suggests one, and imports with units converted', () => {
    const p = previewFile(db, { path: fixture('generic-agency.csv') });
    expect(p.format).toBe('generic');
    expect(p.mappingNeeded).toBe(true);
    expect(p.mapping).toMatchObject({
      partner: 'Partner country',
      year: 'Year',
      flow: 'Direction',
      product: 'HS code',
      value: 'Value',
      unit: 'Unit',
    });
    const s = run('generic-agency.csv', true, { mapping, publisher: 'Korea Customs Service' });
    expect(s.rowsAdded).toBe(4);
    expect(find({ flow: 'export', partner: 'CHN', product_code: 'TOTAL' })[0]?.value_usd).toBeCloseTo(136202500000, 0);
    expect(find({ partner: 'WLD' })[0]?.value_usd).toBe(542233000000);
    expect(find({ product_code: '3304' })[0]?.value_usd).toBe(6105000000);
    expect(s.problems.map((x) => [x.line, x.column, x.value])).toEqual([
      [6, 'Year', '19'],
      [7, 'Direction', 'Sideways'],
    ]);
    expect(db.prepare('SELECT publisher FROM source WHERE id = ?').pluck().get(s.sourceId)).toBe('Korea Customs Service');
  });

  it('reads the flows as Korean and Chinese tables name them, in a UTF-16 tab-separated file as Excel saves one', () => {
    const file = tmp.file('kcs-unicode.txt');
    const rows = [
      '보고국\t상대국\t연도\t구분\t금액(달러)',
      'KOR\tCHN\t2022\t수출\t155,789,364,212',
      'KOR\tCHN\t2022\t수입\t154,576,142,038',
      'KOR\tHKG\t2022\t재수출\t1,000',
      'CHN\tKOR\t2022\t出口\t162,500,000,000',
      'CHN\tKOR\t2022\t进口\t199,600,000,000',
      'CHN\tKOR\t2022\t复进口\t2,000',
      'CHN\tKOR\t2021\t輸出\t5',
    ];
    writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${rows.join('\r\n')}\r\n`, 'utf16le')]));
    const mapping = { reporter: '보고국', partner: '상대국', year: '연도', flow: '구분', value: '금액(달러)' };
    // The Korean column names are recognised: the suggested mapping is the one the user confirms.
    expect(previewFile(db, { path: file }).mapping).toEqual(mapping);
    expect(suggestMapping(['报告国', '贸易伙伴', '年份', '月份', '进出口', 'HS编码', '金额（美元）', '单位'])).toEqual({
      reporter: '报告国',
      partner: '贸易伙伴',
      year: '年份',
      month: '月份',
      flow: '进出口',
      product: 'HS编码',
      value: '金额（美元）',
      unit: '单位',
    });
    const s = run(file, true, { mapping });
    // Stored in the natural key's order, not the file's.
    expect(flows().map((f) => [f.reporter, f.partner, f.flow, f.value_usd])).toEqual([
      ['CHN', 'KOR', 'export', 162500000000],
      ['CHN', 'KOR', 'import', 199600000000],
      ['CHN', 'KOR', 're-import', 2000],
      ['KOR', 'CHN', 'export', 155789364212],
      ['KOR', 'CHN', 'import', 154576142038],
      ['KOR', 'HKG', 're-export', 1000],
    ]);
    // Japanese 輸出 is not one of the app's languages' words: a problem on its row, named.
    expect(s.problems.map((x) => [x.line, x.column, x.value, x.messageCode])).toEqual([[8, '구분', '輸出', 'flowsGeneric']]);
  });

  it('remembers the mapping for files of the same layout', () => {
    run('generic-agency.csv', true, { mapping });
    const copy = tmp.file('agency-2020.csv');
    copyFileSync(fixture('generic-agency.csv'), copy);
    writeFileSync(copy, readFileSync(copy, 'utf8').replaceAll('2019', '2020'));
    const p = previewFile(db, { path: copy });
    expect(p.mappingNeeded).toBe(false);
    expect(p.mappingRemembered).toBe(true);
    expect(p.mapping).toEqual(mapping);
    expect(p.rowsValid).toBe(4);
  });
});

describe('safety', () => {
  it('an error in the middle of the write leaves the database exactly as before', () => {
    db.exec("CREATE TRIGGER boom BEFORE INSERT ON trade_flow WHEN NEW.partner = 'VNM' BEGIN SELECT RAISE(ABORT, 'disk trouble'); END");
    const before = snapshot(db);
    expect(() => run('comtrade-current.csv')).toThrowError(/disk trouble/);
    expect(snapshot(db)).toBe(before);
    expect(db.inTransaction).toBe(false);
  });

  it('cancelling leaves the database exactly as before', () => {
    const before = snapshot(db);
    let batches = 0;
    expect(() => run('comtrade-current.csv', true, { chunkSize: 512, isCancelled: () => ++batches > 3 })).toThrowError(/cancelled/);
    expect(snapshot(db)).toBe(before);
  });

  it('undo removes the import, its rows and its source in one go', () => {
    const before = snapshot(db);
    const s = run('wits-raw.csv');
    expect(undoImport(db, s.importId!)).toEqual({ removedRows: 4 });
    const economiesKept = db.prepare('SELECT count(*) FROM economy').pluck().get();
    expect(economiesKept).toBe(3);
    db.exec('DELETE FROM economy');
    expect(snapshot(db)).toBe(before);
    expect(() => undoImport(db, 999)).toThrowError(/No import with id 999/);
  });
});
