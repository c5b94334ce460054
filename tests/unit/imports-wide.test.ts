/**
 * Wide trade files, as statistics offices publish them: one row per reporter, partner and year (and month, product),
 * exports and imports in two value columns, no flow column. Imported into real SQLite files in a temp folder, from a
 * CSV and an .xlsx workbook made here; each row gives up to two flows through the one staging path, an empty cell is
 * not reported (no flow, never a zero). The real KOSIS file (../shared/data) is imported once where it is beside the clone.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { readCsvRecords } from '../../build/packs/read-csv.ts';
import { XlsxFileWriter } from '../../db/exports/xlsx-writer.ts';
import { columnMapping, importsContract, type ColumnMapping } from '../../db/imports/contract.ts';
import { suggestMapping } from '../../db/imports/formats.ts';
import { importFile, previewFile } from '../../db/imports/importer.ts';

import { MAX_BATCH_FLOWS, ROW_FIELDS, scanInline, type ScanSetup } from '../../db/imports/scan.ts';
import { openDatabase, type Db } from '../../db/open.ts';
import { openSession } from '../../db/session.ts';
import type { SeriesYear } from '../../db/trade/contract.ts';
import { tradeSeries } from '../../db/trade/queries.ts';
import { snapshot } from '../support/db-snapshot.ts';
import { tempDir } from '../support/temp.ts';
import { tradeFlowRows, type TradeFlowRow } from '../support/trade-flow-rows.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

let db: Db;
let n = 0;
beforeEach(() => {
  db = openDatabase(tmp.file(`wide${++n}.sqlite`));
});

const csv = (name: string, lines: string[]): string => {
  const path = tmp.file(name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
};

const run = (path: string, mapping: ColumnMapping | undefined, onlyValidRows = true) =>
  importFile(db, { path, mapping, onlyValidRows, userName: 'tester' });

const flows = (): TradeFlowRow[] => tradeFlowRows(db, 'key');
const brief = (): string[] =>
  flows().map((f) => `${f.partner} ${f.year}${f.month ? `-${f.month}` : ''} ${f.product_code} ${f.flow} ${f.value_usd}`);

const KOSIS_LIKE = [
  'reporter_iso3,partner_iso3,partner_name,year,exports_usd,imports_usd',
  'KOR,ABW,Aruba,1995,2201000,',
  'KOR,ABW,Aruba,1996,4311000,24799000',
  'KOR,CHN,China,2021,"162,912,974,000","138,628,127,000"',
  'KOR,PRK,"Korea, Dem. People\'s Rep.",1995,,',
  'KOR,VNM,Viet Nam,2021,,23000000',
  'KOR,JPN,Japan,2021,0,1',
];
const WIDE_MAPPING = {
  reporter: 'reporter_iso3',
  partner: 'partner_iso3',
  partnerName: 'partner_name',
  year: 'year',
  exports: 'exports_usd',
  imports: 'imports_usd',
};

describe('a wide CSV: exports and imports in two value columns', () => {
  it('is guessed as such, previewed with its figures by flow, and gives one flow per filled cell', () => {
    const path = csv('korea-partners.csv', KOSIS_LIKE);
    const first = previewFile(db, { path });
    expect(first.mappingNeeded).toBe(true);
    // The header says it: two value columns and no flow column, so no flow or value is guessed.
    expect(first.mapping).toEqual(WIDE_MAPPING);

    const before = snapshot(db);
    const preview = previewFile(db, { path, mapping: WIDE_MAPPING, whole: true });
    expect(snapshot(db)).toBe(before);
    expect(preview.rowsRead).toBe(6);
    expect(preview.rowsValid).toBe(5);
    expect(preview.problemCount).toBe(0);
    // Rows without problems: 6, one of them with both cells empty; empty cells are counted as not reported.
    expect(preview.wide).toEqual({ exports: { figures: 4, notReported: 2 }, imports: { figures: 4, notReported: 2 } });
    expect(preview.skipped).toEqual([
      { reason: 'neither exports nor imports reported (both cells empty)', count: 1, reasonCode: 'skipNotReported', params: {} },
    ]);

    const s = run(path, WIDE_MAPPING);
    expect(s.outcome).toBe('imported');
    // The partner's name column names the economies the database did not know.
    // (PRK's row, both cells empty, gave no flow and adds no economy.)
    const named = db.prepare("SELECT code, name FROM economy WHERE code IN ('ABW', 'PRK', 'VNM') ORDER BY code").raw().all();
    expect(named).toEqual([
      ['ABW', 'Aruba'],
      ['VNM', 'Viet Nam'],
    ]);
    expect(s.rowsAdded).toBe(8);
    expect(s.rowsSkipped).toBe(1);
    expect(s.wide).toEqual(preview.wide);
    expect(brief()).toEqual([
      'ABW 1995 TOTAL export 2201000',
      'ABW 1996 TOTAL export 4311000',
      'ABW 1996 TOTAL import 24799000',
      'CHN 2021 TOTAL export 162912974000',
      'CHN 2021 TOTAL import 138628127000',
      // A reported zero is a figure; an empty cell is none.
      'JPN 2021 TOTAL export 0',
      'JPN 2021 TOTAL import 1',
      'VNM 2021 TOTAL import 23000000',
    ]);
    expect(
      db
        .prepare("SELECT count(*) FROM trade_flow WHERE partner IN ('PRK') OR (partner = 'ABW' AND year = 1995 AND flow = 'import')")
        .pluck()
        .get(),
    ).toBe(0);
    // Every row cites the import's one source, as a long file's do; the mapping is remembered for this header.
    expect(db.prepare('SELECT DISTINCT source_id FROM trade_flow').pluck().all()).toEqual([s.sourceId]);
    expect(db.prepare('SELECT rows_read, rows_added, rows_skipped FROM import_run').get()).toEqual({
      rows_read: 6,
      rows_added: 8,
      rows_skipped: 1,
    });
    expect(db.pragma('foreign_key_check')).toEqual([]);
    const again = previewFile(db, { path: csv('korea-partners-2.csv', KOSIS_LIKE.slice(0, 3)) });
    expect(again.mappingRemembered).toBe(true);
    expect(again.mapping).toEqual(WIDE_MAPPING);
  });

  it('one value column only: the other flow is simply not in the file (nothing counted as not reported for it)', () => {
    const path = csv('imports-only.csv', ['Reporter,Partner,Year,Imports (US$ thousand)', 'CHN,KOR,2022,"199,600,000"', 'CHN,VNM,2022,']);
    const guess = previewFile(db, { path }).mapping;
    // The column's name states its unit: the guess takes it.
    expect(guess).toEqual({
      reporter: 'Reporter',
      partner: 'Partner',
      year: 'Year',
      imports: 'Imports (US$ thousand)',
      valueUnit: 'thousand USD',
    });
    const mapping = guess as ColumnMapping;
    const s = run(path, mapping);
    expect(s.wide).toEqual({ exports: null, imports: { figures: 1, notReported: 1 } });
    expect(brief()).toEqual(['KOR 2022 TOTAL import 199600000000']);
    expect(s.rowsAdded).toBe(1);
    expect(s.skipped.map((x) => [x.reasonCode, x.count])).toEqual([['skipNotReported', 1]]);
  });

  it('a file whose value cells are all empty reported nothing: no rows, nothing changed, and says so', () => {
    const path = csv('nothing-reported.csv', ['Reporter,Partner,Year,Exports,Imports', 'KOR,PRK,1995,,', 'KOR,PRK,1996,,']);
    const before = snapshot(db);
    const s = run(path, { reporter: 'Reporter', partner: 'Partner', year: 'Year', exports: 'Exports', imports: 'Imports' });
    expect(s.outcome).toBe('no-rows');
    expect(s.reason).toBe('No rows to import: all 2 rows were skipped (2 neither exports nor imports reported (both cells empty)).');
    expect(s.wide).toEqual({ exports: { figures: 0, notReported: 2 }, imports: { figures: 0, notReported: 2 } });
    expect(snapshot(db)).toBe(before);
  });

  it('month, product and unit columns work as in a long file, the unit applying to both values', () => {
    const path = csv('monthly-hs.csv', [
      'reporter,partner,year,month,hs code,unit,export value,import value',
      'KOR,CHN,2023,1,8542,thousand USD,"1,500",250.5',
      'KOR,CHN,2023,2,8542,USD mn,2,',
      'KOR,CHN,2023,,TOTAL,USD,10,20',
    ]);
    const mapping = {
      reporter: 'reporter',
      partner: 'partner',
      year: 'year',
      month: 'month',
      product: 'hs code',
      unit: 'unit',
      exports: 'export value',
      imports: 'import value',
    };
    expect(suggestMapping(['reporter', 'partner', 'year', 'month', 'hs code', 'unit', 'export value', 'import value'])).toEqual(mapping);
    const s = run(path, mapping);
    expect(s.problemCount).toBe(0);
    expect(s.monthlyRows).toBe(3);
    expect(brief()).toEqual([
      'CHN 2023 TOTAL export 10',
      'CHN 2023 TOTAL import 20',
      'CHN 2023-1 8542 export 1500000',
      'CHN 2023-1 8542 import 250500',
      'CHN 2023-2 8542 export 2000000',
    ]);
  });

  it("cuts a long chunk of wide rows into batches of at most MAX_BATCH_FLOWS flows, every flow staged once (the import's memory)", () => {
    // 3,000 rows of two figures in one 256 KB chunk: 6,000 flows, which one batch per chunk would carry together.
    const lines = ['reporter,partner,year,hs code,exports,imports'];
    for (let i = 0; i < 3000; i++)
      lines.push(`KOR,CHN,${2000 + (i % 20)},${String(10101 + Math.floor(i / 20) * 7).padStart(6, '0')},${i + 1},${i + 2}`);
    const mapping = { reporter: 'reporter', partner: 'partner', year: 'year', product: 'hs code', exports: 'exports', imports: 'imports' };
    const setup: ScanSetup = {
      path: csv('many.csv', lines),
      format: 'generic',
      mapping,
      sheet: undefined,
      chunkSize: 256 * 1024,
      known: ['KOR', 'CHN'],
    };
    const counts: number[] = [];
    const scan = scanInline(setup);
    for (let next = scan.next(); !next.done; next = scan.next()) {
      expect(next.value.rows.length).toBe(next.value.count * ROW_FIELDS);
      counts.push(next.value.count);
    }
    expect(counts.reduce((a, b) => a + b, 0)).toBe(6000);
    expect(Math.max(...counts)).toBeLessThanOrEqual(MAX_BATCH_FLOWS);
    expect(counts.length).toBeGreaterThanOrEqual(6);
    const s = run(setup.path, mapping);
    expect(s.rowsAdded).toBe(6000);
  });

  it('a bad value is a problem naming the row and the column it came from; all or nothing then changes nothing', () => {
    const path = csv('agency-wide.csv', [
      'Reporter,Partner,Year,Exports,Imports',
      'KOR,CHN,2020,100,200',
      'KOR,USA,2020,n/a,300',
      'KOR,JPN,2020,400,-5',
    ]);
    const mapping = { reporter: 'Reporter', partner: 'Partner', year: 'Year', exports: 'Exports', imports: 'Imports' };
    const before = snapshot(db);
    const nothing = run(path, mapping, false);
    expect(nothing.outcome).toBe('nothing');
    expect(nothing.fileName).toBe('agency-wide.csv');
    expect(nothing.problems.map((p) => [p.line, p.column, p.value, p.messageCode])).toEqual([
      [3, 'Exports', 'n/a', 'valueNotNumber'],
      [4, 'Imports', '-5', 'valueNegative'],
    ]);
    expect(snapshot(db)).toBe(before);

    // The valid rows only: a row with a problem gives neither of its flows (its good cell is not half a row).
    const s = run(path, mapping, true);
    expect(s.outcome).toBe('imported');
    expect(brief()).toEqual(['CHN 2020 TOTAL export 100', 'CHN 2020 TOTAL import 200']);
    expect(s.rowsSkipped).toBe(2);
    expect(s.wide).toEqual({ exports: { figures: 1, notReported: 0 }, imports: { figures: 1, notReported: 0 } });
  });

  it('the same flows twice are counted once: in one file (the first stays), and from a long file beside it (one chosen, the other listed)', () => {
    const path = csv('repeated.csv', [
      'Reporter,Partner,Year,Exports,Imports',
      'KOR,CHN,2021,100,200',
      'KOR,CHN,2021,111,222',
      'KOR,CHN,2022,300,',
    ]);
    const mapping = { reporter: 'Reporter', partner: 'Partner', year: 'Year', exports: 'Exports', imports: 'Imports' };
    const s = run(path, mapping);
    expect(s.rowsAdded).toBe(3);
    expect(brief()).toEqual(['CHN 2021 TOTAL export 100', 'CHN 2021 TOTAL import 200', 'CHN 2022 TOTAL export 300']);
    expect(s.skipped.map((x) => [x.reasonCode, x.count])).toEqual([['skipDuplicate', 2]]);
    expect(s.rowsSkipped).toBe(2);

    const long = csv('long.csv', ['Reporter,Partner,Year,Flow,Value', 'KOR,CHN,2021,export,100', 'KOR,CHN,2021,import,200']);
    const second = run(long, { reporter: 'Reporter', partner: 'Partner', year: 'Year', flow: 'Flow', value: 'Value' });
    expect(second.rowsAdded).toBe(2);
    const year = tradeSeries(db, { reporter: 'KOR', partner: 'CHN', from: 2021, to: 2021 }).years[0]!;
    // One value per flow, never the two sources' sum; the other source is listed beside it.
    expect([year.exports?.value, year.imports?.value, year.total]).toEqual([100, 200, 300]);
    expect([year.exports?.alternatives, year.imports?.alternatives]).toEqual([1, 1]);
  });

  it('a mapping of both shapes, or of neither, is refused with the field named', () => {
    const file = 'a'.repeat(32);
    const refused = (mapping: object): [string, string][] => {
      const result = importsContract.startImport.input.safeParse({ file, mapping, onlyValidRows: true });
      expect(result.success).toBe(false);
      return (result.error?.issues ?? []).filter((i) => i.path[0] === 'mapping').map((i) => [i.path.join('.'), i.message]);
    };
    const base = { reporter: 'R', partner: 'P', year: 'Y' };
    expect(refused({ ...base, flow: 'F', value: 'V', exports: 'X' })).toEqual([
      ['mapping.exports', 'a flow and a value column, or an exports and an imports column: not both'],
    ]);
    expect(refused({ ...base, value: 'V', imports: 'M' })).toEqual([
      ['mapping.imports', 'a flow and a value column, or an exports and an imports column: not both'],
    ]);
    expect(refused(base)).toEqual([
      ['mapping.flow', 'a flow column, or exports and imports columns in place of flow and value'],
      ['mapping.value', 'a value column, or exports and imports columns in place of flow and value'],
    ]);
    expect(refused({ ...base, flow: 'F' }).map(([path]) => path)).toEqual(['mapping.value']);
    expect(refused({ ...base, exports: 'X', imports: 'X' })).toEqual([
      ['mapping.imports', 'not the exports column (exports and imports are two columns)'],
    ]);
    for (const ok of [
      { ...base, flow: 'F', value: 'V' },
      { ...base, exports: 'X', imports: 'M' },
      { ...base, exports: 'X' },
      { ...base, imports: 'M', valueUnit: 'million USD' },
    ])
      expect(columnMapping.safeParse(ok).success, JSON.stringify(ok)).toBe(true);
  });

  it('the guess stays conservative: a flow column keeps the long shape, and look-alike names are not value columns', () => {
    expect(suggestMapping(['Reporter', 'Partner', 'Year', 'Flow', 'Value', 'Exports'])).toMatchObject({ flow: 'Flow', value: 'Value' });
    // A flow column named 进出口 (exports and imports) is a long file's, not a value column.
    expect(suggestMapping(['报告国', '贸易伙伴', '年份', '进出口', '金额'])).toMatchObject({ flow: '进出口', value: '金额' });
    expect(suggestMapping(['Reporter', 'Partner', 'Year', 'Flow', 'Value', 'Exports'])).not.toHaveProperty('exports');
    for (const name of ['export share', 'exports_growth_pct', 'export_partner', '수출입', '수출(건수)', '出口额（万元）', 'Export flag'])
      expect(suggestMapping(['Reporter', 'Partner', 'Year', name]), name).toEqual({
        reporter: 'Reporter',
        partner: 'Partner',
        year: 'Year',
      });
    expect(suggestMapping(['보고국', '상대국', '연도', '수출액(천달러)', '수입액(천달러)'])).toEqual({
      reporter: '보고국',
      partner: '상대국',
      year: '연도',
      exports: '수출액(천달러)',
      imports: '수입액(천달러)',
      valueUnit: 'thousand USD',
    });
    // Ten thousands and hundred millions of dollars, as Chinese and Korean tables state them; columns of two units state none.
    expect(suggestMapping(['报告国', '贸易伙伴', '年份', '出口额（万美元）', '进口额（万美元）'])).toMatchObject({
      valueUnit: '10 thousand USD',
    });
    expect(suggestMapping(['보고국', '상대국', '연도', '수출액(억달러)'])).toMatchObject({ valueUnit: '100 million USD' });
    expect(suggestMapping(['보고국', '상대국', '연도', '수출액(천달러)', '수입액(백만달러)'])).not.toHaveProperty('valueUnit');
    expect(suggestMapping(['reporter', 'partner', 'year', 'exports_usd', 'imports_usd'])).not.toHaveProperty('valueUnit');
    expect(suggestMapping(['报告国', '贸易伙伴', '年份', '出口额', '进口额'])).toMatchObject({ exports: '出口额', imports: '进口额' });
    expect(suggestMapping(['reporter', 'partner', 'year', 'Exports (US$)', 'Imports, USD thousands'])).toMatchObject({
      exports: 'Exports (US$)',
      imports: 'Imports, USD thousands',
    });
  });
});

describe("a file of a reporter's totals, without a partner column", () => {
  const TOTALS = ['reporter_iso3,year,total_exports_usd,total_imports_usd', 'KOR,2022,683584760000,731369691000', 'KOR,2023,632226000000,'];
  const TOTALS_MAPPING = {
    reporter: 'reporter_iso3',
    partnerWorld: true,
    year: 'year',
    exports: 'total_exports_usd',
    imports: 'total_imports_usd',
  } as const;

  it('is guessed as trade with the world when its value columns are named as totals, and stored with the partner World', () => {
    const path = csv('korea-totals.csv', TOTALS);
    expect(previewFile(db, { path }).mapping).toEqual(TOTALS_MAPPING);
    const s = run(path, TOTALS_MAPPING);
    expect(s.outcome).toBe('imported');
    expect(s.problemCount).toBe(0);
    expect(s.wide).toEqual({ exports: { figures: 2, notReported: 0 }, imports: { figures: 1, notReported: 1 } });
    expect(brief()).toEqual([
      'WLD 2022 TOTAL export 683584760000',
      'WLD 2022 TOTAL import 731369691000',
      'WLD 2023 TOTAL export 632226000000',
    ]);
    expect(db.prepare("SELECT name, kind FROM economy WHERE code = 'WLD'").get()).toEqual({ name: 'World', kind: 'group' });
  });

  it('a mapping must name a partner column or say every row is trade with the world, and not both', () => {
    const base = { reporter: 'R', year: 'Y', exports: 'X' };
    const issues = (m: unknown): string[] =>
      (columnMapping.safeParse(m).error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(issues(base)).toEqual(['partner: a partner column, or every row as trade with the world']);
    expect(issues({ ...base, partner: 'P', partnerWorld: true })).toEqual([
      'partnerWorld: a partner column or every row as trade with the world: not both',
    ]);
    expect(issues({ ...base, partnerWorld: false })).toHaveLength(1);
    expect(issues({ ...base, partnerWorld: true })).toEqual([]);
    // A partner column beside totals-like names is a partner column: the guess does not say "the world" then.
    expect(suggestMapping(['reporter', 'partner', 'year', 'total_exports', 'total_imports'])).not.toHaveProperty('partnerWorld');
    // Without totals-like names the guess leaves the partner to the user.
    expect(suggestMapping(['reporter', 'year', 'exports', 'imports'])).not.toHaveProperty('partnerWorld');
  });
});

describe('units in Korean and Chinese', () => {
  it('a unit column in 달러 or 美元 with its multiplier scales each value; a unit in yuan or won is a problem naming the row', () => {
    const path = csv('units.csv', [
      '보고국,상대국,연도,구분,금액,단위',
      'KOR,CHN,2021,수출,"1,629",억 달러',
      'KOR,CHN,2021,수입,138628127,천달러',
      'KOR,JPN,2021,수출,30.1,십억달러',
      'CHN,KOR,2021,出口,"1,488",亿美元',
      'CHN,KOR,2021,进口,"21,349,400",万美元',
      'CHN,JPN,2021,出口,"1,658",亿元',
    ]);
    const guess = previewFile(db, { path }).mapping;
    expect(guess).toMatchObject({ unit: '단위', value: '금액' });
    expect(guess).not.toHaveProperty('valueUnit');
    const s = run(path, guess as ColumnMapping);
    expect(s.problems.map((p) => [p.line, p.column, p.value])).toEqual([
      [4, '단위', '십억달러'],
      [7, '단위', '亿元'],
    ]);
    // Reporter CHN's flows (partner KOR) first, then KOR's (partner CHN).
    expect(brief()).toEqual([
      'KOR 2021 TOTAL export 148800000000',
      'KOR 2021 TOTAL import 213494000000',
      'CHN 2021 TOTAL export 162900000000',
      'CHN 2021 TOTAL import 138628127000',
    ]);
  });
});

describe('a wide .xlsx workbook', () => {
  it('with Korean headers: guessed, empty cells not reported, a bad cell named by sheet row and column', () => {
    const path = tmp.file('국가별 수출입.xlsx');
    const w = new XlsxFileWriter(path);
    w.addSheet('2022', ['보고국', '상대국', '연도', '수출액(천달러)', '수입액(천달러)']);
    w.write(['KOR', 'CHN', 2022, 155_789_364.212, 154_576_142.038]);
    w.write(['KOR', 'USA', 2022, 109_765_988, null]);
    w.write(['KOR', 'VNM', 2022, null, null]);
    w.write(['KOR', 'JPN', 2022, '#N/A', 54_712_000]);
    w.close();
    const guess = previewFile(db, { path }).mapping;
    expect(guess).toEqual({
      reporter: '보고국',
      partner: '상대국',
      year: '연도',
      exports: '수출액(천달러)',
      imports: '수입액(천달러)',
      valueUnit: 'thousand USD',
    });
    const mapping = guess as ColumnMapping;
    const s = run(path, mapping);
    expect(s.problems.map((p) => [p.line, p.column, p.value, p.messageCode])).toEqual([[5, '수출액(천달러)', '#N/A', 'valueNotNumber']]);
    expect(s.wide).toEqual({ exports: { figures: 2, notReported: 1 }, imports: { figures: 1, notReported: 2 } });
    expect(s.skipped.map((x) => [x.reasonCode ?? x.reason, x.count]).sort()).toEqual([
      ['invalid', 1],
      ['skipNotReported', 1],
    ]);
    expect(flows().map((f) => [f.partner, f.flow, Math.round(f.value_usd)])).toEqual([
      ['CHN', 'export', 155_789_364_212],
      ['CHN', 'import', 154_576_142_038],
      ['USA', 'export', 109_765_988_000],
    ]);
  });
});

const KOSIS = fileURLToPath(new URL('../../../shared/data/korea-world-trade/korea_partners_kosis.csv', import.meta.url));
const noKosis = !existsSync(KOSIS);

describe.skipIf(noKosis)(
  noKosis
    ? 'skipped: ../shared/data (the real KOSIS file) is not beside this clone'
    : 'the real KOSIS file (korea_partners_kosis.csv), imported with the guessed mapping',
  () => {
    it('gives one flow per filled cell, none for an empty one, with the values the source states', () => {
      const records = readCsvRecords(KOSIS);
      const filled = (column: string): number => records.filter((r) => r.values[column] !== '').length;
      const preview = previewFile(db, { path: KOSIS });
      expect(preview.mapping).toEqual(WIDE_MAPPING);
      const s = run(KOSIS, WIDE_MAPPING);
      expect(s.outcome).toBe('imported');
      expect(s.problemCount).toBe(0);
      expect(s.rowsRead).toBe(records.length);
      expect(s.wide).toEqual({
        exports: { figures: filled('exports_usd'), notReported: records.length - filled('exports_usd') },
        imports: { figures: filled('imports_usd'), notReported: records.length - filled('imports_usd') },
      });
      expect(s.rowsAdded).toBe(filled('exports_usd') + filled('imports_usd'));
      // The source's README checks: KOR→CHN 2021.
      const chn = tradeSeries(db, { reporter: 'KOR', partner: 'CHN', from: 2021, to: 2021 }).years[0]!;
      expect([chn.exports?.value, chn.imports?.value]).toEqual([162_912_974_000, 138_628_127_000]);
      console.log(
        `KOSIS file: ${s.rowsRead} rows read, ${s.rowsAdded} flows added (${s.wide?.exports?.figures} exports, ${s.wide?.imports?.figures} imports), ` +
          `not reported: ${s.wide?.exports?.notReported} exports, ${s.wide?.imports?.notReported} imports; ${s.durationMs} ms`,
      );
    });

    it('beside the built-in pack built from the same table: each flow still counted once, the import listed as one more source', () => {
      const session = openSession({ path: tmp.file('kosis-session.sqlite'), today: '2026-11-30' });
      try {
        const year = (): SeriesYear => tradeSeries(session.db, { reporter: 'KOR', partner: 'USA', from: 2023, to: 2023 }).years[0]!;
        const before = year();
        expect(before.exports?.value).toBeGreaterThan(0);
        const s = importFile(session.db, { path: KOSIS, mapping: WIDE_MAPPING, onlyValidRows: true, userName: 'tester' });
        expect(s.outcome).toBe('imported');
        const after = year();
        expect([after.exports?.value, after.imports?.value, after.total]).toEqual([
          before.exports?.value,
          before.imports?.value,
          before.total,
        ]);
        expect([after.exports?.alternatives, after.imports?.alternatives]).toEqual([
          before.exports!.alternatives + 1,
          before.imports!.alternatives + 1,
        ]);
      } finally {
        session.close();
      }
    });
  },
);
