/**
 * A reporter's years with partner figures (db/partners/sql.ts reporterYears), probed year by year in the totals
 * index, and the reporters with several partners (reportersWithPartners), read pair by pair, against the same
 * answers read by grouping every annual row, on real SQLite files: rows
 * written by hand with gaps, groups, months, products and re-exports around them, many random ones, and after an
 * import, its undo and the same file imported again (the answer is kept between trade writes).
 */
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { importFile, undoImport } from '../../db/imports/importer.ts';
import { openDatabase, type Db } from '../../db/open.ts';
import { partnerRanking } from '../../db/partners/queries.ts';
import { reportersWithPartners, reporterYears } from '../../db/partners/sql.ts';
import { HEADER } from '../support/comtrade-like.ts';
import { tempDir } from '../support/temp.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

/** The years as a scan of every annual row of the reporter grouped by year reads them. */
function scanned(db: Db, reporter: string): { year: number; complete: boolean }[] {
  return (
    db
      .prepare(
        `SELECT year, max(flow) != min(flow) AS complete FROM trade_flow
        WHERE reporter = ? AND product_code = 'TOTAL' AND month IS NULL AND flow IN ('export', 'import')
          AND partner IN (SELECT code FROM economy WHERE kind != 'group')
        GROUP BY year ORDER BY year DESC`,
      )
      .all(reporter) as { year: number; complete: number }[]
  ).map((r) => ({ year: r.year, complete: r.complete === 1 }));
}

/** The reporters with several partner countries as grouping every annual total reads them. */
function scannedReporters(db: Db): { reporter: string; partners: number; first: number; last: number }[] {
  return db
    .prepare(
      `SELECT reporter, count(DISTINCT partner) AS partners, min(year) AS first, max(year) AS last FROM trade_flow
      WHERE product_code = 'TOTAL' AND month IS NULL AND flow IN ('export', 'import') AND partner IN (SELECT code FROM economy WHERE kind != 'group')
      GROUP BY reporter HAVING count(DISTINCT partner) >= 2 ORDER BY partners DESC, reporter`,
    )
    .all() as { reporter: string; partners: number; first: number; last: number }[];
}

function database(name: string): Db {
  const db = openDatabase(tmp.file(name));
  const economy = db.prepare('INSERT INTO economy (code, name, kind) VALUES (?, ?, ?)');
  for (const code of ['KOR', 'CHN', 'USA', 'JPN', 'VNM', 'DEU']) economy.run(code, code, 'country');
  economy.run('WLD', 'World', 'group');
  economy.run('EUU', 'European Union', 'group');
  db.prepare("INSERT INTO source (id, label, publisher, title) VALUES ('s:A', 'A', 'P', 'T'), ('s:B', 'B', 'P', 'T')").run();
  return db;
}

const insert = (db: Db) =>
  db.prepare(
    `INSERT INTO trade_flow (reporter, partner, year, month, flow, product_code, value_usd, series, source_id)
    VALUES (:reporter, :partner, :year, :month, :flow, :product, 1, :series, :source)`,
  );

describe("a reporter's years with partner figures", () => {
  it('equal the grouped scan: gaps, one-flow years, groups, months, products, re-exports, the first and last years', () => {
    const db = database('hand.sqlite');
    const put = insert(db);
    const row = (reporter: string, partner: string, year: number, flow: string, extra: Record<string, unknown> = {}) =>
      put.run({ reporter, partner, year, flow, month: null, product: 'TOTAL', series: 'primary', source: 's:A', ...extra });
    row('KOR', 'CHN', 1900, 'export'); // the first year a row may hold, exports only
    row('KOR', 'USA', 1990, 'export');
    row('KOR', 'JPN', 1990, 'import'); // both flows, from two partners
    row('KOR', 'CHN', 1995, 'export');
    row('KOR', 'CHN', 1995, 'import');
    row('KOR', 'CHN', 1995, 'import', { source: 's:B' }); // the same flow from a second source
    row('KOR', 'VNM', 1996, 'import', { series: 'crosscheck' }); // a crosscheck still tells a year is reported
    row('KOR', 'WLD', 1997, 'export'); // groups only: no partner figures that year
    row('KOR', 'EUU', 1997, 'import');
    row('KOR', 'WLD', 1998, 'export');
    row('KOR', 'DEU', 1998, 'import'); // the World's exports and a country's imports: imports only
    row('KOR', 'CHN', 1999, 'export', { month: 3 }); // monthly: not an annual figure
    row('KOR', 'CHN', 2000, 'export', { product: '33' }); // a product: not a total
    row('KOR', 'CHN', 2001, 're-export');
    row('KOR', 'KOR', 2002, 'export'); // the reporter itself, a country
    row('KOR', 'USA', 2100, 'import'); // the last year a row may hold
    row('JPN', 'KOR', 2010, 'export');
    row('JPN', 'KOR', 2010, 'import');
    expect(reporterYears(db, 'KOR')).toEqual(scanned(db, 'KOR'));
    expect(reporterYears(db, 'KOR').map((y) => `${y.year}${y.complete ? '' : '?'}`)).toEqual([
      '2100?',
      '2002?',
      '1998?',
      '1996?',
      '1995',
      '1990',
      '1900?',
    ]);
    expect(reporterYears(db, 'JPN')).toEqual([{ year: 2010, complete: true }]);
    expect(reporterYears(db, 'CHN')).toEqual(scanned(db, 'CHN'));
    expect(reporterYears(db, 'CHN')).toEqual([]);
    expect(reporterYears(db, 'XXX')).toEqual([]);
    // KOR's partner countries: CHN, USA, JPN, VNM, DEU and itself (not the groups); JPN has one: not listed.
    expect(reportersWithPartners(db)).toEqual(scannedReporters(db));
    expect(reportersWithPartners(db)).toEqual([{ reporter: 'KOR', partners: 6, first: 1900, last: 2100 }]);
    db.close();
  });

  it('equal the grouped scan over many random rows', () => {
    const db = database('random.sqlite');
    const economy = db.prepare("INSERT INTO economy (code, name, kind) VALUES (?, ?, 'country')");
    const partners = ['CHN', 'USA', 'JPN', 'VNM', 'DEU', 'WLD', 'EUU'];
    for (let i = 0; i < 60; i++) {
      const code = `Q${String(i).padStart(2, '0')}`;
      economy.run(code, code);
      partners.push(code);
    }
    let seed = 7;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return Math.floor((seed / 0x80000000) * n);
    };
    // Rows drawn twice (the same flow from the same source) are kept once.
    const put = db.prepare(insert(db).source.replace('INSERT INTO', 'INSERT OR IGNORE INTO'));
    db.transaction(() => {
      for (let i = 0; i < 6000; i++) {
        put.run({
          reporter: ['KOR', 'JPN', 'USA'][random(3)],
          partner: partners[random(partners.length)],
          year: 1950 + random(90),
          month: random(8) === 0 ? 1 + random(12) : null,
          flow: ['export', 'import', 'export', 'import', 're-export'][random(5)],
          product: random(6) === 0 ? '8471' : 'TOTAL',
          series: 'primary',
          source: ['s:A', 's:B'][random(2)],
        });
      }
    })();
    for (const reporter of ['KOR', 'JPN', 'USA']) {
      const years = scanned(db, reporter);
      expect(years.length).toBeGreaterThan(50);
      expect(years.some((y) => !y.complete)).toBe(true);
      expect(reporterYears(db, reporter)).toEqual(years);
    }
    const reporters = scannedReporters(db);
    expect(reporters.map((r) => r.reporter).sort()).toEqual(['JPN', 'KOR', 'USA']);
    expect(reportersWithPartners(db)).toEqual(reporters);
    db.close();
  });

  it('follow an import of totals, its undo and the same file imported again', () => {
    const db = database('imports.sqlite');
    const put = insert(db);
    for (const [year, flow] of [
      [2015, 'export'],
      [2015, 'import'],
      [2016, 'export'],
    ] as const) {
      put.run({ reporter: 'KOR', partner: 'CHN', year, flow, month: null, product: 'TOTAL', series: 'primary', source: 's:A' });
    }
    const before = [
      { year: 2016, complete: false },
      { year: 2015, complete: true },
    ];
    expect(reporterYears(db, 'KOR')).toEqual(before);
    expect(partnerRanking(db, { reporter: 'KOR' }).year).toBe(2015);
    // Korea's totals with two partners: 2016's imports (completing it), 2018 both flows, 2020 exports only.
    const file = tmp.file('totals.csv');
    const line = (year: number, flow: 'X' | 'M', partner: [string, string]): string =>
      `C,A,${year},52,${year},410,KOR,Rep. of Korea,${flow},${partner[0]},${partner[1]},${partner[1]},0,H6,TOTAL,0,False,C00,0,,,,1000,1000,True,False`;
    const usa: [string, string] = ['842', 'USA'];
    const vnm: [string, string] = ['704', 'VNM'];
    writeFileSync(
      file,
      [HEADER.join(','), line(2016, 'M', usa), line(2018, 'X', usa), line(2018, 'M', vnm), line(2020, 'X', vnm)].join('\n') + '\n',
    );
    const first = importFile(db, { path: file, onlyValidRows: true, userName: 't' });
    expect(first.rowsAdded).toBe(4);
    const imported = [{ year: 2020, complete: false }, { year: 2018, complete: true }, { year: 2016, complete: true }, before[1]];
    expect(scanned(db, 'KOR')).toEqual(imported);
    expect(reporterYears(db, 'KOR')).toEqual(imported);
    expect(partnerRanking(db, { reporter: 'KOR' }).year).toBe(2018);
    expect(reportersWithPartners(db)).toEqual([{ reporter: 'KOR', partners: 3, first: 2015, last: 2020 }]);
    expect(reportersWithPartners(db)).toEqual(scannedReporters(db));
    undoImport(db, first.importId!);
    expect(scanned(db, 'KOR')).toEqual(before);
    expect(reporterYears(db, 'KOR')).toEqual(before);
    expect(partnerRanking(db, { reporter: 'KOR' }).year).toBe(2015);
    expect(reportersWithPartners(db)).toEqual([]);
    expect(scannedReporters(db)).toEqual([]);
    const again = importFile(db, { path: file, onlyValidRows: true, userName: 't' });
    expect(again.rowsAdded).toBe(4);
    expect(reporterYears(db, 'KOR')).toEqual(imported);
    expect(partnerRanking(db, { reporter: 'KOR' }).year).toBe(2018);
    expect(reportersWithPartners(db)).toEqual(scannedReporters(db));
    db.close();
  });
});
