/**
 * The HS figures kept by pair, flow and year (hs_year_codes, migration 013, db/trade/hs-year-codes.ts)
 * hold exactly the annual HS rows of trade_flow, with the import or pack that wrote each, after every write
 * path: imports (one written in several parts, one with a repeated row), undo, a source imported again
 * after its undo, packs loaded and replaced, and the migration's backfill of an older database. Top
 * products reads them: its rows equal those read from trade_flow's own rows.
 */
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { importFile, undoImport } from '../../db/imports/importer.ts';
import { openDatabase, readMigrations, type Db } from '../../db/open.ts';
import { loadPack } from '../../db/packs/load.ts';
import { topProducts } from '../../db/products/queries.ts';
import { candidateRows } from '../../db/products/sql.ts';
import { ImportYearCodes } from '../../db/trade/hs-year-codes.ts';
import { generate } from '../support/comtrade-like.ts';
import { olderDatabase } from '../support/older-database.ts';
import { tempDir } from '../support/temp.ts';
import { koreaChinaHsPack } from '../support/hs-pack.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

type Figure = [string, string, string, number, string, number | null, string | null, string, number];

/** Every figure the table holds, one per code: reporter, partner, flow, year, source, import, pack, code, value. */
function stored(db: Db): Figure[] {
  const out: Figure[] = [];
  const rows = db
    .prepare('SELECT reporter, partner, flow, year, source_id, import_id, pack_id, codes, amounts FROM hs_year_codes')
    .raw()
    .all() as [string, string, string, number, string, number | null, string | null, string | Buffer, string | Buffer][];
  for (const [reporter, partner, flow, year, source, importId, packId, codes, amounts] of rows) {
    const [c, a] = decoded(codes, amounts);
    expect(c.length).toBe(a.length);
    c.forEach((code, i) => out.push([reporter, partner, flow, year, source, importId, packId, code, a[i]!]));
  }
  return byAll(out);
}

/** JSON arrays (written by SQL), or an import's blobs: 32-bit codes (length above bit 20, digits below) and 64-bit values. */
function decoded(codes: string | Buffer, amounts: string | Buffer): [string[], number[]] {
  if (typeof codes === 'string' && typeof amounts === 'string') return [JSON.parse(codes) as string[], JSON.parse(amounts) as number[]];
  const c = codes as Buffer;
  const a = amounts as Buffer;
  return [
    Array.from({ length: c.length / 4 }, (_, i) => {
      const n = c.readInt32LE(i * 4);
      return String(n % 2 ** 20).padStart(Math.floor(n / 2 ** 20), '0');
    }),
    Array.from({ length: a.length / 8 }, (_, i) => a.readDoubleLE(i * 8)),
  ];
}

/** The same figures straight from trade_flow: every annual row with an HS code, any series. */
function fresh(db: Db): Figure[] {
  return byAll(
    db
      .prepare(
        `SELECT reporter, partner, flow, year, source_id, import_id, pack_id, product_code, value_usd FROM trade_flow
      WHERE month IS NULL AND product_code <> 'TOTAL'`,
      )
      .raw()
      .all() as Figure[],
  );
}

/** Sorted by every column but the value (a figure's key): the order of codes within a part is free. */
function byAll(figures: Figure[]): Figure[] {
  const key = (f: Figure): string => f.slice(0, 8).join('\t');
  return figures
    .map((f) => [key(f), f] as const)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([, f]) => f);
}

/** The candidates of every flow and year of a few pairs as Top products reads them, against a read of trade_flow's rows. */
function readsAsRows(db: Db): void {
  const raw = db.prepare(
    `SELECT product_code, year, value_usd, source_id FROM trade_flow WHERE reporter = :reporter AND partner = :partner
    AND product_code >= :lo AND product_code < :hi AND flow = :flow AND month IS NULL AND year IN (:year, :year - 1)
    ORDER BY product_code, year, source_id`,
  );
  const scopes = db
    .prepare(
      `SELECT DISTINCT reporter, partner, flow, year FROM trade_flow
      WHERE month IS NULL AND partner IN (SELECT DISTINCT partner FROM trade_flow ORDER BY partner LIMIT 3)`,
    )
    .all() as {
    reporter: string;
    partner: string;
    flow: string;
    year: number;
  }[];
  for (const s of scopes) {
    for (const range of [
      { lo: '0', hi: ':' },
      { lo: '01', hi: '01:' },
    ]) {
      expect(candidateRows(db, { ...s, ...range })).toEqual(raw.all({ ...s, ...range }));
    }
  }
}

const inStep = (db: Db): void => {
  // As lines of text: tens of thousands of figures compare quickly so.
  expect(stored(db).join('\n')).toBe(fresh(db).join('\n'));
  readsAsRows(db);
};

describe('the HS figures by pair, flow and year follow every write of HS rows', () => {
  it('imports (one in several parts), a file with a repeated row, undo, and a source imported again after its undo', () => {
    const db = openDatabase(tmp.file('imports.sqlite'));
    // 70,000 rows: more than an import holds in memory (65,536), so it writes some pair-years in two parts.
    const a = tmp.file('a.csv');
    generate(a, 70_000);
    const first = importFile(db, { path: a, onlyValidRows: true, userName: 't' });
    expect(first.rowsAdded).toBe(70_000);
    const parts = db
      .prepare('SELECT count(*) AS rows, count(DISTINCT reporter || partner || flow || year) AS keys FROM hs_year_codes')
      .get() as {
      rows: number;
      keys: number;
    };
    expect(parts.rows).toBeGreaterThan(parts.keys);
    // Written by the import as blobs.
    expect(db.prepare("SELECT DISTINCT typeof(codes) || ' ' || typeof(amounts) FROM hs_year_codes").pluck().all()).toEqual(['blob blob']);
    inStep(db);

    // A second file: other values for some of the same codes, plus one row twice (the first copy stays).
    const b = tmp.file('b.csv');
    const lines = readFileSync(a, 'utf8').trim().split('\n').slice(0, 201);
    const rows = lines.slice(1).map((l) => l.replace(/,(\d+(?:\.\d+)?),(\d+(?:\.\d+)?),True,False$/, ',7.5,7.5,True,False'));
    writeFileSync(b, `${lines[0]!}\n${rows.join('\n')}\n`);
    appendFileSync(b, `${rows[0]!.replace(',7.5,7.5,True,False', ',999,999,True,False')}\n`);
    const second = importFile(db, { path: b, onlyValidRows: true, userName: 't' });
    expect(second.skipped.find((s) => s.reason.startsWith('duplicate'))?.count).toBe(1);
    inStep(db);

    // Where both imports give a flow, Top products counts the newer one (db/trade/chosen.ts), as its rows say.
    const [reporter, partner, year] = db
      .prepare('SELECT reporter, partner, year FROM trade_flow WHERE import_id = ? LIMIT 1')
      .raw()
      .get(second.importId) as [string, string, number];
    const codes = topProducts(db, { reporter, partner, flow: 'export', year, level: 'code', limit: 10_000 });
    const newer = db
      .prepare(
        "SELECT product_code, value_usd FROM trade_flow WHERE import_id = ? AND reporter = ? AND partner = ? AND year = ? AND flow = 'export'",
      )
      .raw()
      .all(second.importId, reporter, partner, year) as [string, number][];
    expect(newer.length).toBeGreaterThan(0);
    for (const [code, value] of newer) {
      const row = codes.rows.find((r) => r.code === code)!;
      expect([row.value, row.sources.map((s) => s.id)]).toEqual([value, [second.sourceId]]);
    }

    undoImport(db, first.importId!);
    inStep(db);
    undoImport(db, second.importId!);
    expect(db.prepare('SELECT count(*) FROM hs_year_codes').pluck().get()).toBe(0);

    // The same file again, once its first import is undone: written again under its new import.
    const again = importFile(db, { path: a, onlyValidRows: true, userName: 't' });
    expect(again.rowsAdded).toBe(70_000);
    inStep(db);
    db.close();
  }, 120_000);

  it("an import's parts: hundreds of pairs, the first and last years, every flow, more figures than it holds at once", () => {
    const db = openDatabase(tmp.file('parts.sqlite'));
    const codes = ['01', '0101', '010101', '010199', '99', '9999', '999999', '000001'];
    const years = [1900, 1901, 2099, 2100];
    const flows = ['export', 'import', 're-export', 're-import'];
    const pairs = Array.from({ length: 600 }, (_, i) => [`R${i % 7}`, `Q${i}`] as const);
    const added: Figure[] = [];
    const parts = new ImportYearCodes(db, 'import:1', 1);
    db.transaction(() => {
      let value = 0.5;
      // The pair changes on every row, so a part is looked up by its pair each time; 76,800 figures are written in two parts.
      for (const code of codes)
        for (const year of years)
          for (const flow of flows)
            for (const [reporter, partner] of pairs) {
              parts.add(reporter, partner, code, year, null, flow, ++value);
              added.push([reporter, partner, flow, year, 'import:1', 1, null, code, value]);
            }
      // Neither a monthly figure nor a total is kept.
      parts.add('R0', 'Q0', '01', 2000, 3, 'export', 1);
      parts.add('R0', 'Q0', 'TOTAL', 2000, null, 'export', 1);
      parts.flush();
    })();
    expect(added.length).toBeGreaterThan(1 << 16);
    expect(stored(db).join('\n')).toBe(byAll(added).join('\n'));
    // Each pair, flow and year in two rows at most: the figures held are written once they reach the limit, and at the end.
    const most = db
      .prepare('SELECT max(n) FROM (SELECT count(*) AS n FROM hs_year_codes GROUP BY reporter, partner, flow, year)')
      .pluck()
      .get();
    expect(most).toBe(2);
    db.close();
  });

  it('packs: loaded, then replaced by a new version; monthly and TOTAL rows left out, every series kept', () => {
    const db = openDatabase(tmp.file('packs.sqlite'));
    const flow = (productCode: string, valueUsd: number, extra: object = {}) => ({
      reporter: 'KOR',
      partner: 'CHN',
      year: 2021,
      flow: 'export' as const,
      productCode,
      valueUsd,
      series: 'primary' as const,
      source: 'S1',
      ...extra,
    });
    const pack = (version: string, value: number) =>
      koreaChinaHsPack({
        id: 'hs-test',
        version,
        title: 'HS test',
        tradeFlows: [
          flow('330499', value),
          flow('3304', 0.1 + 0.2),
          flow('33', 1e15 / 3),
          flow('330420', 7, { series: 'crosscheck' }),
          flow('330491', 11, { month: 3 }),
          flow('TOTAL', 1000),
          flow('330499', 4, { year: 2020 }),
        ],
      });
    loadPack(db, pack('1.0.0', 100));
    inStep(db);
    expect(stored(db).map((f) => [f[3], f[7], f[8]])).toEqual([
      [2020, '330499', 4],
      [2021, '33', 1e15 / 3],
      [2021, '3304', 0.1 + 0.2],
      [2021, '330420', 7],
      [2021, '330499', 100],
    ]);
    loadPack(db, pack('2.0.0', 200));
    inStep(db);
    expect(stored(db).find((f) => f[7] === '330499' && f[3] === 2021)?.[8]).toBe(200);
    db.close();
  });

  it('migration 013 fills the table from the rows an older database holds', () => {
    const path = tmp.file('v12.sqlite');
    const raw = olderDatabase(path, 12);
    raw.exec(`INSERT INTO source (id, label, publisher, title) VALUES ('s', 'S', 'Customs', 'HS-6');
      INSERT INTO economy (code, name, kind) VALUES ('KOR', 'South Korea', 'country'), ('CHN', 'China', 'country');
      INSERT INTO trade_flow (reporter, partner, year, month, flow, product_code, value_usd, source_id) VALUES
        ('KOR', 'CHN', 2020, NULL, 'export', '330499', 3.25, 's'), ('KOR', 'CHN', 2020, NULL, 'export', '8708', 4, 's'),
        ('KOR', 'CHN', 2020, NULL, 'import', '87', 5, 's'), ('KOR', 'CHN', 2020, NULL, 'export', 'TOTAL', 100, 's'),
        ('KOR', 'CHN', 2020, 4, 'export', '330499', 1, 's')`);
    raw.close();
    const db = openDatabase(path);
    expect(db.pragma('user_version', { simple: true })).toBe(readMigrations().length);
    inStep(db);
    expect(stored(db).map((f) => [f[2], f[7], f[8]])).toEqual([
      ['export', '330499', 3.25],
      ['export', '8708', 4],
      ['import', '87', 5],
    ]);
    db.close();
  });

  it('a damaged entry is refused as a damaged database, naming the pair and year', () => {
    const db = openDatabase(tmp.file('damaged.sqlite'));
    db.exec(`INSERT INTO source (id, label, publisher, title) VALUES ('s', 'S', 'Customs', 'HS-6');
      INSERT INTO economy (code, name, kind) VALUES ('KOR', 'South Korea', 'country'), ('CHN', 'China', 'country');
      INSERT INTO hs_year_codes (reporter, partner, flow, year, source_id, codes, amounts) VALUES ('KOR', 'CHN', 'export', 2020, 's', '["33"', '[1]')`);
    const damaged = () => topProducts(db, { reporter: 'KOR', partner: 'CHN', flow: 'export', year: 2020, level: 'chapter', limit: 10 });
    expect(damaged).toThrow(expect.objectContaining({ code: 'corrupt-database', message: expect.stringMatching(/KOR–CHN export 2020/) }));
    // An import's blobs whose values do not match their codes in number.
    db.prepare('UPDATE hs_year_codes SET codes = ?, amounts = ?').run(
      Buffer.from(new Int32Array([(6 << 20) | 330499]).buffer),
      Buffer.alloc(12),
    );
    expect(damaged).toThrow(expect.objectContaining({ code: 'corrupt-database', message: expect.stringMatching(/KOR–CHN export 2020/) }));
    db.close();
  });
});
