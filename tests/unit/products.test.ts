/**
 * Top products (db/products) on real SQLite files: a small database written row by row, where every
 * value, share and change can be worked out by hand, then a Comtrade-like file through the importer.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { dashboardTables } from '../../db/dashboards/data.ts';
import { dispatch } from '../../db/dispatch.ts';
import { importFile, undoImport } from '../../db/imports/importer.ts';
import { openDatabase, readMigrations, type Db } from '../../db/open.ts';
import { loadPack } from '../../db/packs/load.ts';
import { productPairs, topProducts } from '../../db/products/queries.ts';
import { createHandlers } from '../../db/service.ts';
import { setPreferredSource } from '../../db/trade/chosen.ts';
import { applyToHsSummary } from '../../db/trade/hs-summary.ts';
import { writeYearCodes } from '../../db/trade/hs-year-codes.ts';
import { generate } from '../support/comtrade-like.ts';
import { contextFor } from '../support/context.ts';
import { olderDatabase } from '../support/older-database.ts';
import { tempDir } from '../support/temp.ts';
import { koreaChinaHsPack } from '../support/hs-pack.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const defaults = { reporter: 'KOR', partner: 'CHN', flow: 'export', level: 'chapter', limit: 500 } as const;

function handDatabase() {
  const db = openDatabase(tmp.file('products.sqlite'));
  const economy = db.prepare("INSERT INTO economy (code, name, kind) VALUES (?, ?, 'country')");
  economy.run('KOR', 'South Korea');
  economy.run('CHN', 'China');
  const source = db.prepare(
    "INSERT INTO source (id, label, publisher, title, published_precision, published_value) VALUES (?, ?, 'P', 'T', 'year', ?)",
  );
  source.run('s:A', 'A', '2024');
  source.run('s:B', 'B', '2025');
  const flow = db.prepare(
    "INSERT INTO trade_flow (reporter, partner, year, month, flow, product_code, value_usd, series, source_id) VALUES ('KOR', 'CHN', ?, ?, 'export', ?, ?, ?, ?)",
  );
  const put = (year: number, code: string, value: number, src = 's:A', series = 'primary', month: number | null = null): void => {
    flow.run(year, month, code, value, series, src);
  };
  put(2022, 'TOTAL', 100);
  // Chapter 85 is stated (40); its headings and codes are loaded too and never added to it.
  put(2022, '85', 40);
  put(2022, '850110', 10);
  put(2022, '850120', 5);
  put(2022, '8502', 8);
  put(2022, '850211', 3);
  // Chapter 84 has no figure of its own: heading 8471 is stated (20), heading 8473 is the sum of its one code.
  put(2022, '8471', 20);
  put(2022, '847130', 12);
  put(2022, '847130', 999, 's:B', 'crosscheck'); // a crosscheck of the same flow: never counted
  put(2022, '847141', 6);
  put(2022, '847330', 7);
  put(2022, '847330', 50, 's:A', 'primary', 3); // a monthly figure: not summed into the year
  put(2021, '850110', 8);
  put(2021, '847130', 10);
  // The chapter sums and the figures by year an import keeps beside its rows (db/trade/hs-summary.ts,
  // db/trade/hs-year-codes.ts), here over every row written.
  applyToHsSummary(db, { rowsFrom: 1, rowsTo: Number.MAX_SAFE_INTEGER }, 1);
  writeYearCodes(db, { rowsFrom: 1, rowsTo: Number.MAX_SAFE_INTEGER });
  return db;
}

describe('top products on a database written by hand', () => {
  const db = handDatabase();

  it('lists chapters with their own figure where loaded, else the sum of the codes under them; shares of the stated total; change on the year before', () => {
    const r = topProducts(db, defaults);
    expect(r.year).toBe(2022);
    expect(r.years).toEqual([2022, 2021]);
    expect(r.previousLoaded).toBe(true);
    expect(r.total).toMatchObject({ value: 100, basis: 'stated', sources: [{ id: 's:A' }] });
    expect(r.rows.map((x) => [x.code, x.value, x.basis, x.share, x.change?.relative ?? null])).toEqual([
      ['85', 40, 'stated', 0.4, 4],
      ['84', 27, 'sum-of-codes', 0.27, 1.7],
    ]);
    expect(r.rows[0]!.sources.map((s) => s.id)).toEqual(['s:A']);
    expect(r.count).toBe(2);
    expect(r.sum).toBe(67);
    expect(r.notes.join(' ')).toMatch(/1 of 2 chapters have no figure of their own/);
  });

  it('drills into a chapter and a heading; a product not reported the year before has no change, and says why', () => {
    const headings = topProducts(db, { ...defaults, level: 'heading', within: '84' });
    expect(headings.rows.map((x) => [x.code, x.value, x.basis, x.children, x.change?.relative ?? null, x.changeNote])).toEqual([
      ['8471', 20, 'stated', 2, 1, null],
      ['8473', 7, 'sum-of-codes', 1, null, 'not reported in 2021'],
    ]);
    const codes = topProducts(db, { ...defaults, level: 'code', within: '8471' });
    expect(codes.rows.map((x) => [x.code, x.value, x.share])).toEqual([
      ['847130', 12, 0.12],
      ['847141', 6, 0.06],
    ]);
    expect(codes.rows[0]!.sources.map((s) => s.id)).toEqual(['s:A']);
    const chapter85 = topProducts(db, { ...defaults, level: 'heading', within: '85' });
    expect(chapter85.rows.map((x) => [x.code, x.value, x.basis])).toEqual([
      ['8501', 15, 'sum-of-codes'],
      ['8502', 8, 'stated'],
    ]);
  });

  it('uses the same counted-once rule as every view: a preferred source wins the contested flow', () => {
    setPreferredSource(db, 's:B');
    try {
      const codes = topProducts(db, { ...defaults, level: 'code', within: '8471' });
      expect(codes.rows.map((x) => [x.code, x.value, x.sources.map((s) => s.id)])).toEqual([
        ['847130', 999, ['s:B']],
        ['847141', 6, ['s:A']],
      ]);
    } finally {
      setPreferredSource(db, null);
    }
  });

  it('has no change when the year before is not loaded, and shares of the sum of chapters without a stated total', () => {
    const r = topProducts(db, { ...defaults, year: 2021 });
    expect(r.previousLoaded).toBe(false);
    expect(r.total).toMatchObject({ value: 18, basis: 'sum-of-chapters' });
    expect(r.rows.map((x) => [x.code, x.value, x.share, x.change, x.changeNote])).toEqual([
      ['84', 10, 10 / 18, null, '2020 not loaded'],
      ['85', 8, 8 / 18, null, '2020 not loaded'],
    ]);
    expect(r.notes.join(' ')).toMatch(/No HS-level figures .* for 2020: no change/);
    expect(r.notes.join(' ')).toMatch(/No stated total .* shares are of the sum of the chapters/);
  });

  it('exports each row with its share and year-on-year change, and in a *_note column what the share is of or why a change is missing', async () => {
    const rows = async (filters: Record<string, unknown>) => {
      const [t] = await dashboardTables(contextFor(db), { dashboard: 'products', filters: { ...defaults, ...filters } as never });
      return [...t!.rows()].map((r) => Object.fromEntries(t!.header.map((h, i) => [h, r[i]])));
    };
    const pick = (r: Record<string, unknown>) => [r.hs_code, r.share, r.share_note, r.yoy_relative, r.yoy_note];
    expect((await rows({})).map(pick)).toEqual([
      ['85', 0.4, 'of the stated total of the pair', 4, ''],
      ['84', 0.27, 'of the stated total of the pair', 1.7, ''],
    ]);
    expect((await rows({ level: 'heading', within: '84' })).map(pick)).toEqual([
      ['8471', 0.2, 'of the stated total of the pair', 1, ''],
      ['8473', 0.07, 'of the stated total of the pair', null, 'not reported in 2021'],
    ]);
    expect((await rows({ year: 2021 })).map(pick)).toEqual([
      ['84', 10 / 18, 'of the sum of the chapters loaded', null, '2020 not loaded'],
      ['85', 8 / 18, 'of the sum of the chapters loaded', null, '2020 not loaded'],
    ]);
  });

  it('says when nothing is loaded, and refuses bad input by the contract', async () => {
    const none = topProducts(db, { ...defaults, flow: 'import' });
    expect(none.year).toBeNull();
    expect(none.rows).toEqual([]);
    expect(none.notes[0]).toMatch(/No HS-level figures of South Korea's imports with China are loaded/);
    expect(topProducts(db, { ...defaults, year: 2015 }).notes[0]).toMatch(/loaded for 2015/);
    const handlers = createHandlers(contextFor(db));
    expect(await dispatch(handlers, 'topProducts', { reporter: 'KOR', partner: 'CHN' })).toMatchObject({ ok: true, data: { year: 2022 } });
    for (const bad of [
      { reporter: 'KOR', partner: 'CHN', level: 'heading', within: '8471' },
      { reporter: 'KOR', partner: 'CHN', within: '8x' },
      { reporter: 'KOR', partner: 'CHN', year: 1800 },
    ]) {
      expect(await dispatch(handlers, 'topProducts', bad)).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    }
  });
});

describe('top products of an imported Comtrade-like file', () => {
  it('sums the imported HS-6 rows into headings and chapters that add up to the pair total of the codes', () => {
    const db = openDatabase(tmp.file('imported.sqlite'));
    const csv = tmp.file('comtrade.csv');
    generate(csv, 20_000);
    importFile(db, { path: csv, onlyValidRows: true, userName: 't' });
    const pairs = productPairs(db);
    expect(pairs.length).toBe(50);
    expect(pairs.every((p) => p.reporter.code === 'KOR' && p.firstYear === 2018 && p.lastYear === 2022)).toBe(true);
    const partner = pairs[0]!.partner.code;
    const raw = db
      .prepare(
        "SELECT product_code, value_usd FROM trade_flow WHERE reporter = 'KOR' AND partner = ? AND year = 2022 AND flow = 'export' AND month IS NULL",
      )
      .all(partner) as { product_code: string; value_usd: number }[];
    expect(raw.length).toBeGreaterThan(10);
    const r = topProducts(db, { ...defaults, partner, limit: 6000 });
    expect(r.year).toBe(2022);
    expect(r.total?.basis).toBe('sum-of-chapters');
    const rawSum = raw.reduce((s, x) => s + x.value_usd, 0);
    expect(r.sum).toBeCloseTo(rawSum, 2);
    const byChapter = new Map<string, number>();
    for (const x of raw) byChapter.set(x.product_code.slice(0, 2), (byChapter.get(x.product_code.slice(0, 2)) ?? 0) + x.value_usd);
    expect(r.rows.length).toBe(byChapter.size);
    for (const row of r.rows) expect(row.value).toBeCloseTo(byChapter.get(row.code)!, 2);
    const top = r.rows[0]!;
    const codes = topProducts(db, { ...defaults, partner, level: 'code', within: top.code, limit: 6000 });
    expect(codes.sum).toBeCloseTo(top.value, 2);
    // No stated total: a drill's shares are still of the sum of every chapter.
    expect(codes.total?.value).toBeCloseTo(rawSum, 2);
    expect(codes.rows[0]!.share).toBeCloseTo(codes.rows[0]!.value / rawSum, 10);
    expect(codes.rows.every((x) => x.change !== null)).toBe(true);
    expect(codes.rows[0]!.sources[0]!.label).toBeTruthy();
    db.close();
  });
});

describe("the pairs' years kept beside the chapter sums (hs_pair_year)", () => {
  /** hs_pair_year as stored, and as a fresh GROUP BY over trade_flow's HS-6 rows gives it. */
  const stored = (db: Db) =>
    db.prepare('SELECT reporter, partner, flow, year, value_usd, rows FROM hs_pair_year ORDER BY 1, 2, 3, 4').raw().all();
  const fresh = (db: Db) =>
    db
      .prepare(
        `SELECT reporter, partner, flow, year, sum(value_usd), count(*) FROM trade_flow
        WHERE month IS NULL AND series = 'primary' AND length(product_code) = 6 GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
      )
      .raw()
      .all();
  const inStep = (db: Db): void => {
    const [s, f] = [stored(db) as unknown[][], fresh(db) as unknown[][]];
    expect(s.map((r) => [...r.slice(0, 4), r[5]])).toEqual(f.map((r) => [...r.slice(0, 4), r[5]]));
    s.forEach((r, i) => expect(r[4]).toBeCloseTo(f[i]![4] as number, 0));
  };

  it('follows an import, a second import and the undo of each; the pairs and years read from it', () => {
    const db = openDatabase(tmp.file('pair-years.sqlite'));
    const a = tmp.file('pairs-a.csv');
    generate(a, 6000);
    const first = importFile(db, { path: a, onlyValidRows: true, userName: 't' });
    expect(stored(db).length).toBeGreaterThan(0);
    inStep(db);
    const pairs = productPairs(db);
    expect(pairs.length).toBe(50);
    const partner = pairs[0]!.partner.code;
    expect(topProducts(db, { ...defaults, partner }).years).toEqual([2022, 2021, 2020, 2019, 2018]);

    // A second file: the first 300 rows of the first again (a trailing space makes it another file), a second source of those flows.
    const b = tmp.file('pairs-b.csv');
    const lines = readFileSync(a, 'utf8').trim().split('\n');
    writeFileSync(b, `${lines.slice(0, 301).join('\n').replaceAll(',True,False', ',True,False ')}\n`);
    const second = importFile(db, { path: b, onlyValidRows: true, userName: 't' });
    expect(second.rowsAdded).toBe(300);
    inStep(db);
    undoImport(db, first.importId!);
    inStep(db);
    expect(productPairs(db).length).toBeLessThan(50);
    undoImport(db, second.importId!);
    inStep(db);
    expect(stored(db)).toEqual([]);
    expect(productPairs(db)).toEqual([]);
    db.close();
  });

  it('follows a pack loaded and reloaded in a new version, with rows of other series, months and lengths left out', () => {
    const db = openDatabase(tmp.file('pair-years-pack.sqlite'));
    const flow = (year: number, productCode: string, valueUsd: number, extra: object = {}) => ({
      reporter: 'KOR',
      partner: 'CHN',
      year,
      flow: 'export' as const,
      productCode,
      valueUsd,
      series: 'primary' as const,
      source: 'S1',
      ...extra,
    });
    const pack = (version: string, flows: ReturnType<typeof flow>[]) =>
      koreaChinaHsPack({ id: 'pair-years', version, title: 'Pair years', tradeFlows: flows });
    loadPack(
      db,
      pack('1.0.0', [
        flow(2020, '330499', 100),
        flow(2021, '330499', 150),
        flow(2021, '330410', 5),
        flow(2021, '330420', 7, { series: 'crosscheck' }),
        flow(2021, '330491', 11, { month: 3 }),
        flow(2021, '3304', 400),
      ]),
    );
    inStep(db);
    expect(stored(db)).toEqual([
      ['KOR', 'CHN', 'export', 2020, 100, 1],
      ['KOR', 'CHN', 'export', 2021, 155, 2],
    ]);
    expect(productPairs(db).map((p) => [p.partner.code, p.firstYear, p.lastYear])).toEqual([['CHN', 2020, 2021]]);
    // The new version drops 2020 and adds 2022.
    loadPack(db, pack('2.0.0', [flow(2021, '330499', 50), flow(2022, '330499', 60)]));
    inStep(db);
    expect(stored(db)).toEqual([
      ['KOR', 'CHN', 'export', 2021, 50, 1],
      ['KOR', 'CHN', 'export', 2022, 60, 1],
    ]);
    expect(productPairs(db).map((p) => [p.partner.code, p.firstYear, p.lastYear])).toEqual([['CHN', 2021, 2022]]);
    expect(topProducts(db, defaults).years).toEqual([2022, 2021]);
    db.close();
  });

  it('migration 010 fills it from the chapter sums an older database holds', () => {
    const path = tmp.file('v9.sqlite');
    const raw = olderDatabase(path, 9);
    raw.exec(`INSERT INTO source (id, label, publisher, title) VALUES ('s', 'S', 'Customs', 'HS-6');
      INSERT INTO economy (code, name, kind) VALUES ('KOR', 'South Korea', 'country'), ('CHN', 'China', 'country');
      INSERT INTO trade_flow (reporter, partner, year, flow, product_code, value_usd, source_id) VALUES
        ('KOR', 'CHN', 2020, 'export', '330499', 3, 's'), ('KOR', 'CHN', 2020, 'export', '870840', 4, 's'),
        ('KOR', 'CHN', 2021, 'import', '870840', 5, 's'), ('KOR', 'CHN', 2020, 'export', 'TOTAL', 100, 's');
      INSERT INTO hs_chapter_summary (reporter, partner, chapter, year, flow, source_id, value_usd, rows)
        SELECT reporter, partner, substr(product_code, 1, 2), year, flow, source_id, sum(value_usd), count(*) FROM trade_flow
        WHERE length(product_code) = 6 GROUP BY 1, 2, 3, 4, 5, 6;`);
    raw.close();
    const db = openDatabase(path);
    expect(db.pragma('user_version', { simple: true })).toBe(readMigrations().length);
    inStep(db);
    expect(stored(db)).toEqual([
      ['KOR', 'CHN', 'export', 2020, 7, 2],
      ['KOR', 'CHN', 'import', 2021, 5, 1],
    ]);
    db.close();
  });
});
