/**
 * The HS chapter summary (migration 005, db/trade/hs-summary.ts) stays equal to a fresh GROUP BY over
 * trade_flow after every write path of HS rows: imports (with duplicate rows in the file), undo,
 * packs loaded and replaced, and the migration's backfill of an older database. The sector
 * dashboard's sums read from it must equal sums of the raw rows.
 */
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { importFile, undoImport } from '../../db/imports/importer.ts';
import { openDatabase, readMigrations, type Db } from '../../db/open.ts';
import { loadPack } from '../../db/packs/load.ts';
import { listSectors, sectorDetail } from '../../db/sectors/queries.ts';
import { freshHsSummary, storedHsSummary } from '../support/hs-summary.ts';
import { generate } from '../support/comtrade-like.ts';
import { olderDatabase } from '../support/older-database.ts';
import { tempDir } from '../support/temp.ts';
import { koreaChinaHsPack } from '../support/hs-pack.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const inStep = (db: Db): void => {
  const stored = storedHsSummary(db);
  const fresh = freshHsSummary(db);
  expect(stored.map(({ value_usd: _v, ...key }) => key)).toEqual(fresh.map(({ value_usd: _v, ...key }) => key));
  // Sums added in another order differ in the last bits only.
  stored.forEach((row, i) => expect(row.value_usd).toBeCloseTo(fresh[i]!.value_usd, 0));
  // Imports skip SQLite's per-row foreign-key lookups: every reference must hold all the same.
  expect(db.pragma('foreign_key_check')).toEqual([]);
};

/**
 * The raw sum of a code prefix's annual primary HS-6 export rows per year, straight from trade_flow,
 * each flow counted once: where two imports give the same flow (both giving both flows), the newer one.
 */
const rawByYear = (db: Db, reporter: string, partner: string, prefix: string): [number, number][] =>
  db
    .prepare(
      `SELECT year, sum(value_usd) FROM trade_flow f WHERE reporter = ? AND partner = ? AND product_code LIKE ? || '%'
    AND length(product_code) = 6 AND flow = 'export' AND month IS NULL AND series = 'primary'
    AND NOT EXISTS (SELECT 1 FROM trade_flow g WHERE g.reporter = f.reporter AND g.partner = f.partner AND g.product_code = f.product_code
      AND g.year = f.year AND g.month IS NULL AND g.flow = f.flow AND g.import_id > f.import_id)
    GROUP BY year ORDER BY year`,
    )
    .raw()
    .all(reporter, partner, prefix) as [number, number][];

describe('the HS summary follows every write of HS rows', () => {
  it('imports, a second import, duplicates in a file, and undo of each', () => {
    const db = openDatabase(tmp.file('imports.sqlite'));
    const a = tmp.file('a.csv');
    generate(a, 3000); // HS-6 codes 010101, 010108, … × 50 partners × 5 years × 2 flows
    const first = importFile(db, { path: a, onlyValidRows: true, userName: 't' });
    expect(first.rowsAdded).toBe(3000);
    expect(db.prepare('SELECT count(*) FROM hs_chapter_summary').pluck().get()).toBeGreaterThan(0);
    inStep(db);

    // A second file: other values for some of the same codes, plus one row twice (the first copy stays).
    const b = tmp.file('b.csv');
    const lines = readFileSync(a, 'utf8').trim().split('\n').slice(0, 201);
    const header = lines[0]!;
    const rows = lines.slice(1).map((l) => l.replace(/,(\d+(?:\.\d+)?),(\d+(?:\.\d+)?),True,False$/, ',7.5,7.5,True,False'));
    const dup = rows[0]!.replace(',7.5,7.5,True,False', ',999,999,True,False');
    writeFileSync(b, `${header}\n${rows.join('\n')}\n`);
    appendFileSync(b, `${dup}\n`);
    const second = importFile(db, { path: b, onlyValidRows: true, userName: 't' });
    expect(second.rowsAdded).toBe(200);
    expect(second.skipped.find((s) => s.reason.startsWith('duplicate'))?.count).toBe(1);
    expect(db.prepare('SELECT count(*) FROM trade_flow WHERE import_id = ? AND value_usd = 999').pluck().get(second.importId)).toBe(0);
    inStep(db);

    // The sector sums (the chapter from the summary, heading and HS-6 code from the rows) equal raw sums.
    db.exec(`INSERT INTO sector (id, name) VALUES ('t:live', 'Live animals');
      INSERT INTO sector_hs (sector_id, hs_code) VALUES ('t:live', '01'), ('t:live', '0102'), ('t:live', '010101')`);
    const [reporter, partner] = db.prepare('SELECT reporter, partner FROM trade_flow LIMIT 1').raw().get() as [string, string];
    const values = (): [number, number][] =>
      sectorDetail(db, { reporter, partner, name: 'Live animals' }).values.map((v) => [v.year, v.value]);
    const expectRaw = (): void => {
      const raw = rawByYear(db, reporter, partner, '01');
      expect(values().map(([y]) => y)).toEqual(raw.map(([y]) => y));
      values().forEach(([, v], i) => expect(v).toBeCloseTo(raw[i]![1], 0));
    };
    expectRaw();
    const heading = sectorDetail(db, { reporter, partner, name: 'Live animals' });
    expect(heading.values.every((v) => v.sources.length === 2)).toBe(true); // both imports are sources of chapter 01

    undoImport(db, first.importId!);
    inStep(db);
    expectRaw();
    undoImport(db, second.importId!);
    inStep(db);
    expect(db.prepare('SELECT count(*) FROM hs_chapter_summary').pluck().get()).toBe(0);
    db.close();
  });

  it('packs: loaded, replaced by a new version, HS rows of other series and months left out', () => {
    const db = openDatabase(tmp.file('packs.sqlite'));
    const pack = (version: string, value: number) =>
      koreaChinaHsPack({
        id: 'hs-test',
        version,
        title: 'HS test',
        tradeFlows: [
          {
            reporter: 'KOR',
            partner: 'CHN',
            year: 2021,
            flow: 'export',
            productCode: '330499',
            valueUsd: value,
            series: 'primary',
            source: 'S1',
          },
          {
            reporter: 'KOR',
            partner: 'CHN',
            year: 2021,
            flow: 'export',
            productCode: '330410',
            valueUsd: 5,
            series: 'primary',
            source: 'S1',
          },
          {
            reporter: 'KOR',
            partner: 'CHN',
            year: 2021,
            flow: 'export',
            productCode: '330420',
            valueUsd: 7,
            series: 'crosscheck',
            source: 'S1',
          },
          {
            reporter: 'KOR',
            partner: 'CHN',
            year: 2021,
            month: 3,
            flow: 'export',
            productCode: '330491',
            valueUsd: 11,
            series: 'primary',
            source: 'S1',
          },
        ],
      });
    loadPack(db, pack('1.0.0', 100));
    inStep(db);
    expect(db.prepare('SELECT chapter, value_usd, rows FROM hs_chapter_summary').raw().all()).toEqual([['33', 105, 2]]);
    loadPack(db, pack('2.0.0', 200));
    inStep(db);
    expect(db.prepare('SELECT chapter, value_usd, rows FROM hs_chapter_summary').raw().all()).toEqual([['33', 205, 2]]);
    db.close();
  });

  it("the sectors overview: each sector's latest year and its change, also when its data stops before the pair's last year", () => {
    const db = openDatabase(tmp.file('latest.sqlite'));
    const flow = (year: number, productCode: string, valueUsd: number) => ({
      reporter: 'KOR',
      partner: 'CHN',
      year,
      flow: 'export' as const,
      productCode,
      valueUsd,
      series: 'primary' as const,
      source: 'S1',
    });
    loadPack(
      db,
      koreaChinaHsPack({
        id: 'latest-test',
        title: 'Latest years',
        sectors: [
          { key: 'cos', name: 'Cosmetics', hs: [{ code: '33' }] },
          { key: 'ships', name: 'Ships', hs: [{ code: '8901' }] },
        ],
        tradeFlows: [
          flow(2020, '330499', 100),
          flow(2021, '330499', 150),
          flow(2022, '330499', 300),
          flow(2018, '890110', 40),
          flow(2019, '890110', 50),
          flow(2020, '890190', 80),
        ],
      }),
    );
    const overview = listSectors(db, { reporter: 'KOR', partner: 'CHN' });
    const latest = Object.fromEntries(overview.sectors.map((s) => [s.name, s.latest && [s.latest.year, s.latest.value, s.latest.change]]));
    expect(latest).toEqual({ Cosmetics: [2022, 300, 1], Ships: [2020, 80, 0.6] });
    db.close();
  });

  it('migration 005 fills the summary from the rows an older database holds', () => {
    const path = tmp.file('v4.sqlite');
    const raw = olderDatabase(path, 4);
    raw.exec(`INSERT INTO source (id, label, publisher, title) VALUES ('s', 'S', 'Customs', 'HS-6');
      INSERT INTO economy (code, name, kind) VALUES ('KOR', 'South Korea', 'country'), ('CHN', 'China', 'country');
      INSERT INTO trade_flow (reporter, partner, year, flow, product_code, value_usd, source_id) VALUES
        ('KOR', 'CHN', 2020, 'export', '330499', 3, 's'), ('KOR', 'CHN', 2020, 'export', '330410', 4, 's'),
        ('KOR', 'CHN', 2020, 'export', '870840', 5, 's'), ('KOR', 'CHN', 2020, 'export', 'TOTAL', 100, 's')`);
    raw.close();
    const db = openDatabase(path);
    expect(db.pragma('user_version', { simple: true })).toBe(readMigrations().length);
    inStep(db);
    expect(db.prepare('SELECT chapter, value_usd FROM hs_chapter_summary ORDER BY chapter').raw().all()).toEqual([
      ['33', 7],
      ['87', 5],
    ]);
    // The natural key still refuses a second copy of a figure from the same source.
    expect(() =>
      db
        .prepare(
          "INSERT INTO trade_flow (reporter, partner, year, flow, product_code, value_usd, source_id) VALUES ('KOR', 'CHN', 2020, 'export', '330499', 9, 's')",
        )
        .run(),
    ).toThrow(/UNIQUE/);
    db.close();
  });
});
