import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../db/dispatch.ts';
import { listEvents } from '../../db/events/queries.ts';
import { listRoutes } from '../../db/logistics/queries.ts';
import { openDatabase, type Db } from '../../db/open.ts';
import { buildPack, parseSourceDate, splitUrls } from '../../build/packs/build-korea-china-trade.ts';
import { loadPack, parsePack, readPackFile } from '../../db/packs/load.ts';
import { fieldBreakdown, listProjects } from '../../db/projects/queries.ts';
import { disjointPrefixes, listSectors, sectorDetail } from '../../db/sectors/queries.ts';
import { openSession } from '../../db/session.ts';
import { applyToHsSummary } from '../../db/trade/hs-summary.ts';
import { freshHsSummary, storedHsSummary } from '../support/hs-summary.ts';
import { reconcile, tradeKpi, tradeMirror, tradePairs, tradeSeries } from '../../db/trade/queries.ts';
import { tempDir } from '../support/temp.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const sharedData = fileURLToPath(new URL('../../../shared/data/korea-china-trade/', import.meta.url));
const packFile = fileURLToPath(new URL('../../db/packs/korea-china-trade.json', import.meta.url));

describe('the korea-china-trade pack and its converter', () => {
  it('reads a source date with its precision and keeps the rest as a note', () => {
    expect(parseSourceDate('2022-08-23')).toEqual({ published: { precision: 'day', value: '2022-08-23' } });
    expect(parseSourceDate('2020-11 (exact date not shown)')).toEqual({
      published: { precision: 'month', value: '2020-11' },
      publishedNote: '(exact date not shown)',
    });
    expect(parseSourceDate('2017 (exact date not shown)')).toEqual({
      published: { precision: 'year', value: '2017' },
      publishedNote: '(exact date not shown)',
    });
    expect(parseSourceDate('file in repo since 2024-03-30')).toEqual({ publishedNote: 'file in repo since 2024-03-30' });
    expect(splitUrls('https://a.example/x | https://b.example/y')).toEqual({ url: 'https://a.example/x', others: ['https://b.example/y'] });
  });

  it.skipIf(!existsSync(sharedData))('the committed JSON is exactly what the converter builds from the shared CSV files', () => {
    const built = buildPack(sharedData);
    const committed = JSON.parse(readFileSync(packFile, 'utf8')) as unknown;
    expect(committed).toEqual(JSON.parse(JSON.stringify(built)));
  });

  it('is a valid pack: primary and crosscheck series, stated figures, HS sectors named as in the first pack, partial-year figures flagged', () => {
    const { pack } = readPackFile(packFile);
    const first = readPackFile(fileURLToPath(new URL('../../db/packs/korea-china-2022.json', import.meta.url))).pack;
    expect(pack.sources.every((s) => /^(T\d+|HS)$/.test(s.label))).toBe(true);
    const kor2021 = pack.tradeFlows.filter((f) => f.reporter === 'KOR' && f.year === 2021);
    expect(
      kor2021
        .filter((f) => f.series === 'primary')
        .map((f) => f.valueUsd)
        .sort(),
    ).toEqual([138628127000, 162912974000]);
    expect(kor2021.filter((f) => f.series === 'crosscheck')).toHaveLength(2);
    expect(pack.tradeFlows.some((f) => f.reporter === 'KOR' && f.year === 2024 && f.flow === 'import')).toBe(false);
    expect(pack.statedFigures.find((f) => f.reporter === 'CHN' && f.year === 2005 && f.measure === 'balance')?.valueUsd).toBe(-41700000000);
    const firstNames = new Set(first.sectors.map((s) => s.name));
    for (const name of firstNames) expect(pack.sectors.map((s) => s.name)).toContain(name);
    const partial = pack.sectorFigures?.filter((f) => f.periodNote) ?? [];
    expect(partial.map((f) => f.periodNote).sort()).toEqual([
      'Jan–Mar only',
      'Jan–Nov only',
      'Jan–Nov only',
      'Jan–Nov only',
      'Jan–Nov only',
      'Jan–Sep only',
      'Jan–Sep only',
    ]);
    expect(pack.sectorFigures?.find((f) => f.hsNote === '84-85')?.sector).toBeUndefined();
  });

  it('rejects a sector figure that names an unknown sector, naming the field', () => {
    const { pack } = readPackFile(packFile);
    const broken = JSON.parse(JSON.stringify(pack)) as { sectorFigures: { sector?: string }[] };
    broken.sectorFigures[0]!.sector = 'no-such-sector';
    expect(() => parsePack(broken, 'broken.json')).toThrowError(
      /broken\.json.*sectorFigures\[0\]\.sector: unknown sector "no-such-sector"/,
    );
  });
});

describe('dashboard queries on a new database (both default packs)', () => {
  const session = openSession({ path: tmp.file('dash.sqlite'), today: '2022-09-15' });
  const db = session.db;
  afterAll(() => session.close());

  it('keeps the first pack overview headline: CHN 2021 150.5 / 213.5, stated 364.1', async () => {
    const h = (await session.handlers.overview({})).headline!;
    expect([h.reporter.code, h.year, h.exports.value, h.imports.value, h.statedTotal?.value]).toEqual([
      'CHN',
      2021,
      150.5e9,
      213.5e9,
      364.1e9,
    ]);
    const stated = reconcile(db, { reporter: 'CHN', partner: 'KOR', tolerance: 0 }).find(
      (r) => r.kind === 'stated-vs-parts' && r.year === 2021,
    );
    expect(stated?.kind === 'stated-vs-parts' && stated.source.label).toBe('S4');
  });

  it('trade series: one value per year and flow, primary first, with its source', () => {
    const s = tradeSeries(db, { reporter: 'KOR', partner: 'CHN', from: 2020, to: 2024 });
    expect(s.years.map((y) => y.year)).toEqual([2020, 2021, 2022, 2023, 2024]);
    const y2021 = s.years[1]!;
    expect(y2021.exports?.value).toBe(162912974000);
    expect(y2021.imports?.value).toBe(138628127000);
    expect(y2021.exports?.series).toBe('primary');
    expect(y2021.exports?.source.label).toBe('T1');
    // The crosscheck publication and the same KOSIS figure in the world pack.
    expect(y2021.exports?.alternatives).toBe(2);
    expect(y2021.balance).toBe(162912974000 - 138628127000);
    const y2024 = s.years[4]!;
    expect(y2024.exports?.value).toBe(133026000000);
    expect(y2024.imports).toBeNull();
    expect(y2024.balance).toBeNull();
    expect(y2024.total).toBeNull();
  });

  it('China-reported 2021 comes from the source giving both flows (S4), not a mix', () => {
    const y = tradeSeries(db, { reporter: 'CHN', partner: 'KOR', from: 2021, to: 2021 }).years[0]!;
    expect([y.exports?.value, y.imports?.value, y.exports?.source.label, y.imports?.source.label]).toEqual([150.5e9, 213.5e9, 'S4', 'S4']);
  });

  it('a year with no figure at all is listed as missing, not zero', () => {
    const s = tradeSeries(db, { reporter: 'CHN', partner: 'KOR', from: 2011, to: 2015 });
    expect(s.years.map((y) => [y.year, y.exports?.value ?? null, y.imports?.value ?? null])).toEqual([
      [2011, 82.9e9, 162.7e9],
      [2012, null, 168.7e9],
      [2013, null, 183.1e9],
      [2014, null, 190.3e9],
      [2015, null, null],
    ]);
  });

  it('KPI: latest year, change only where both years exist, share not known without both flows', () => {
    const k = tradeKpi(db, { reporter: 'KOR', partner: 'CHN' });
    expect(k.year).toBe(2024);
    expect(k.imports).toBeNull();
    expect(k.balance).toBeNull();
    expect(k.change.exports?.absolute).toBe(133026000000 - 124817682000);
    expect(k.change.imports).toBeNull();
    expect(k.share).toBeNull();
    expect(k.notes.join(' ')).toMatch(/imports from China for 2024 are not reported/);
    expect(k.notes.join(' ')).toMatch(/Share of South Korea's total trade: not known \(the total for the year is incomplete\)/);
    const k21 = tradeKpi(db, { reporter: 'KOR', partner: 'CHN', to: 2021 });
    expect(k21.year).toBe(2021);
    expect(k21.total?.value).toBe(162912974000 + 138628127000);
    expect(k21.change.total?.relative).toBeCloseTo((301541101000 - 241450090000) / 241450090000, 6);
    const c = tradeKpi(db, { reporter: 'CHN', partner: 'KOR', from: 2015, to: 2015 });
    expect(c.year).toBeNull();
  });

  it('KPI share of total trade from the world totals of the korea-world-trade pack', () => {
    const k = tradeKpi(db, { reporter: 'KOR', partner: 'CHN', to: 2021 });
    expect(k.share?.value).toBeCloseTo(301541101000 / (644400368000 + 615093447000), 9);
    expect(k.share?.ofTotal.sources.map((s) => s.label)).toEqual(['W1']);
  });

  it('mirror: Korea-reported exports against China-reported imports, gap in value and percent', () => {
    const m = tradeMirror(db, { reporter: 'KOR', partner: 'CHN', from: 2011, to: 2022 });
    const [kc, ck] = m.directions;
    expect(kc.exporter.code).toBe('KOR');
    const r2011 = kc.rows.find((r) => r.year === 2011)!;
    expect(r2011.exporterReport?.value).toBe(134185009000);
    expect(r2011.importerReport?.value).toBe(162.7e9);
    expect(r2011.gapRelative).toBeCloseTo(0.2125, 3);
    const r2015 = kc.rows.find((r) => r.year === 2015)!;
    expect(r2015.importerReport).toBeNull();
    expect(r2015.gap).toBeNull();
    const back2021 = ck.rows.find((r) => r.year === 2021)!;
    expect([back2021.exporterReport?.value, back2021.importerReport?.value]).toEqual([150.5e9, 138628127000]);
    expect(m.explanation.join(' ')).toMatch(/CIF/);
    expect(m.explanation.join(' ')).toMatch(/Hong Kong/);
  });

  it('pairs for the filters, most data first', () => {
    const pairs = tradePairs(db);
    expect(pairs[0]).toMatchObject({ reporter: { code: 'KOR' }, partner: { code: 'CHN' }, firstYear: 1975, lastYear: 2024 });
    expect(pairs.map((p) => p.reporter.code)).toContain('CHN');
  });

  it('sectors: the plan priorities with their source, one sector across packs, "no data" where nothing is loaded', () => {
    const s = listSectors(db, { reporter: 'KOR', partner: 'CHN' });
    const names = s.sectors.map((x) => x.name);
    expect(names.slice(0, 7)).toEqual([
      'Environmental equipment',
      'Auto parts',
      'Shipbuilding equipment',
      'Materials',
      'Cosmetics',
      'Beverages',
      'Health food',
    ]);
    expect(new Set(names).size).toBe(names.length);
    const cosmetics = s.sectors.find((x) => x.name === 'Cosmetics')!;
    expect(cosmetics.priorities[0]?.source.label).toBe('S2');
    expect(cosmetics.hsCodes).toBe(9);
    expect(cosmetics.hasData).toBe(true);
    const of2024 = cosmetics.figures.filter((f) => f.year === 2024);
    expect(of2024.map((f) => [f.hsNote, f.periodNote])).toEqual([
      ['33 (cosmetics, MFDS definition)', null],
      ['33 (cosmetics, KCS definition)', 'Jan–Mar only'],
    ]);
    expect(of2024[1]!.shareOfTotal).toBeNull();
    expect(of2024[0]!.shareOfTotal?.value).toBeCloseTo(2498000000 / 133026000000, 9);
    const full2020 = cosmetics.figures.find((f) => f.year === 2020 && /KCS/.test(f.hsNote))!;
    expect(full2020.shareOfTotal?.value).toBeCloseTo(3.81e9 / 132565445000, 6);
    const environment = s.sectors.find((x) => x.name === 'Environmental equipment')!;
    expect(environment.hasData).toBe(false);
    expect(environment.latest).toBeNull();
    expect(s.otherFigures.map((f) => f.hsNote)).toContain('84-85');
    // China-reported mirror figure joins the semiconductors sector, as an import by China.
    const semi = s.sectors.find((x) => x.name === 'Semiconductors')!;
    expect(semi.priorities).toEqual([]);
    expect(semi.figures.some((f) => f.reporter.code === 'CHN' && f.flow === 'import' && f.year === 2013)).toBe(true);
  });

  it('sector drill-down: HS codes with descriptions and source; values summed from HS-6 flows without double counting', () => {
    expect(disjointPrefixes(['3304', '33', '330499', '2202', '22'])).toEqual(['22', '33']);
    const src = db.prepare("SELECT id FROM source WHERE label = 'T1'").pluck().get() as string;
    const ins = db.prepare(
      "INSERT INTO trade_flow (reporter, partner, year, flow, product_code, value_usd, source_id) VALUES ('KOR', 'CHN', ?, 'export', ?, ?, ?)",
    );
    // Written the way every write path writes HS rows: the rows, then the HS summary from their id range.
    const added = { rowsFrom: Number(ins.run(2020, '330499', 1e9, src).lastInsertRowid), rowsTo: 0 };
    ins.run(2021, '330499', 2e9, src);
    ins.run(2021, '330410', 0.5e9, src);
    added.rowsTo = Number(ins.run(2021, '3304', 9e9, src).lastInsertRowid); // an HS-4 row: not summed with its HS-6 rows
    applyToHsSummary(db, added, 1);
    expect(storedHsSummary(db)).toEqual(freshHsSummary(db));
    const d = sectorDetail(db, { reporter: 'KOR', partner: 'CHN', name: 'COSMETICS' });
    expect(d.name).toBe('Cosmetics');
    expect(d.hsCodes.find((h) => h.code === '3304')?.description).toMatch(/beauty, make-up and skin care preparations/);
    expect(d.hsCodes.find((h) => h.code === '3304')?.source?.label).toBe('HS');
    expect(d.values.map((v) => [v.year, v.value])).toEqual([
      [2020, 1e9],
      [2021, 2.5e9],
    ]);
    expect(d.values[1]!.change).toBeCloseTo(1.5, 6);
    expect(d.values[1]!.share).toBeCloseTo(2.5e9 / 162912974000, 9);
    applyToHsSummary(db, added, -1);
    db.prepare('DELETE FROM trade_flow WHERE id BETWEEN ? AND ?').run(added.rowsFrom, added.rowsTo);
    expect(storedHsSummary(db)).toEqual(freshHsSummary(db));
    expect(() => sectorDetail(db, { reporter: 'KOR', partner: 'CHN', name: 'Unobtainium' })).toThrowError(/No sector named "Unobtainium"/);
  });

  it('projects: the batch counts 15, is never split among its five fields, and filters apply', () => {
    const all = listProjects(db, {});
    expect(all.total).toEqual({ projects: 15, entries: 1, batches: 1 });
    expect(all.fields.byField).toEqual([]);
    expect(all.fields.unsplitBatches).toEqual([expect.objectContaining({ count: 15, fields: expect.arrayContaining(['New energy']) })]);
    expect(all.fields.unsplitBatches[0]!.fields).toHaveLength(5);
    expect(all.byRegion).toEqual([
      expect.objectContaining({ region: expect.objectContaining({ code: 'CN-SD', regionLabel: 'East China' }), projects: 15 }),
    ]);
    const p = all.projects[0]!;
    expect(p.signed?.precision).toBe('relative');
    expect(p.signed?.relative?.weekday).toBe(4);
    expect(p.signedAtEvent?.title).toMatch(/Shandong/);
    expect(listProjects(db, { field: 'new energy' }).total.projects).toBe(15);
    expect(listProjects(db, { field: 'Tourism' }).total.projects).toBe(0);
    expect(listProjects(db, { region: 'CHN' }).total.projects).toBe(15);
    expect(listProjects(db, { region: 'CN-BJ' }).total.projects).toBe(0);
    expect(listProjects(db, { status: 'completed' }).total.projects).toBe(0);
    expect(listProjects(db, { from: '2022-08', to: '2022-08' }).total.projects).toBe(15);
    expect(listProjects(db, { from: '2022-09' }).total.projects).toBe(0);
    expect(listProjects(db, { to: '2022-07-31' }).total.projects).toBe(0);
  });

  it('field breakdown counts single-field projects per field and lists an unsplit batch whole', () => {
    const base = {
      region: { code: 'X', name: 'X', regionLabel: null },
      counterpart: null,
      status: 'signed' as const,
      signed: null,
      signedAtEvent: null,
      valueUsd: null,
      note: null,
      source: {} as never,
      splitReported: false,
    };
    const b = fieldBreakdown([
      { ...base, id: 'a', title: 'A', count: 1, fields: ['Energy'] },
      { ...base, id: 'b', title: 'B', count: 3, fields: ['Energy'] },
      { ...base, id: 'c', title: 'C', count: 15, fields: ['Energy', 'Health'] },
      { ...base, id: 'd', title: 'D', count: 2, fields: [] },
    ]);
    expect(b.byField).toEqual([
      { field: 'Energy', projects: 4 },
      { field: 'Field not stated', projects: 2 },
    ]);
    expect(b.unsplitBatches).toEqual([{ id: 'c', title: 'C', count: 15, fields: ['Energy', 'Health'] }]);
  });

  it('events: upcoming and past relative to today, with precision kept; filters by kind and place', () => {
    const mid = listEvents(db, {}, '2022-09-15');
    expect(mid.upcoming.map((e) => e.title)).toEqual(['Green industry business meeting', 'Export fair', 'Marine equipment exhibition']);
    expect(mid.past).toHaveLength(3);
    const fair = mid.upcoming.find((e) => e.title === 'Export fair')!;
    expect(fair.date).toEqual({ precision: 'month', value: '2022-10', part: null });
    expect([fair.earliest, fair.latest]).toEqual(['2022-10-01', '2022-10-31']);
    const green = mid.upcoming[0]!;
    expect([green.earliest, green.latest]).toEqual(['2022-09-21', '2022-09-30']);
    const shandong = mid.past.find((e) => /Shandong/.test(e.title))!;
    expect(shandong.date.relative).toMatchObject({ anchorLabel: 'S1', weekday: 4, relation: 'before-anchor' });
    expect(shandong.projects).toEqual([expect.objectContaining({ count: 15 })]);
    // An October event is still upcoming on 31 October, past on 1 November.
    expect(listEvents(db, {}, '2022-10-31').upcoming.map((e) => e.date.value)).toEqual(['2022-10', '2022-10']);
    expect(listEvents(db, {}, '2022-11-01').upcoming).toEqual([]);
    expect(listEvents(db, { kind: 'fair' }, '2022-09-15').upcoming.map((e) => e.title)).toEqual(['Export fair']);
    expect(listEvents(db, { place: 'CN-SN' }, '2022-09-15').past.map((e) => e.title)).toEqual([
      '2022 Korea-China Logistics Cooperation Forum',
    ]);
    expect(mid.options.kinds).toContain('exhibition');
    expect(mid.options.places.map((p) => p.name)).toContain("Xi'an");
  });

  it('logistics: the route with its sea and rail legs and a 25–30 day transit', () => {
    const [r] = listRoutes(db);
    expect(r?.transitDays).toEqual({ min: 25, max: 30 });
    expect(r?.legs.map((l) => [l.mode, l.from.name, l.to.name])).toEqual([
      ['sea', 'Incheon', 'Qingdao'],
      ['rail', 'Qingdao', 'Hamburg'],
    ]);
    expect(r?.source.label).toBe('S5');
  });

  it('sources list what cites them, product-group figures included', async () => {
    const list = await session.handlers.listSources({});
    const t44 = list.find((u) => u.source.label === 'T44' && u.source.id.startsWith('korea-china-trade:'));
    expect(t44?.sectorFigures).toBe(1);
    expect(list.find((u) => u.source.id === 'korea-china-trade:T1')?.tradeFlows).toBe(66);
  });

  it('every dashboard method is reachable through the dispatcher with validated input', async () => {
    const handlers = session.handlers;
    expect(await dispatch(handlers, 'tradeSeries', { reporter: 'KOR', partner: 'CHN', from: 2021, to: 2021 })).toMatchObject({ ok: true });
    expect(await dispatch(handlers, 'tradeSeries', { reporter: 'kor', partner: 'CHN' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
    expect(await dispatch(handlers, 'listProjects', { status: 'lost' })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    for (const m of ['tradeKpi', 'tradeMirror', 'listSectors']) {
      expect(await dispatch(handlers, m, { reporter: 'KOR', partner: 'CHN' })).toMatchObject({ ok: true });
    }
    for (const m of ['tradePairs', 'listProjects', 'listEvents', 'listRoutes'])
      expect(await dispatch(handlers, m, {})).toMatchObject({ ok: true });
  });
});

describe('dashboard queries on an empty database', () => {
  let db: Db;
  it('answer with empty results, never an error', () => {
    db = openDatabase(tmp.file('empty.sqlite'));
    expect(tradeSeries(db, { reporter: 'KOR', partner: 'CHN' })).toMatchObject({ years: [], sources: [], from: null, to: null });
    expect(tradeSeries(db, { reporter: 'KOR', partner: 'CHN', from: 2020, to: 2021 }).years.map((y) => y.exports)).toEqual([null, null]);
    expect(tradeKpi(db, { reporter: 'KOR', partner: 'CHN' })).toMatchObject({ year: null, exports: null, share: null });
    expect(tradeMirror(db, { reporter: 'KOR', partner: 'CHN' }).directions.map((d) => d.rows)).toEqual([[], []]);
    expect(tradePairs(db)).toEqual([]);
    expect(listSectors(db, { reporter: 'KOR', partner: 'CHN' })).toMatchObject({ sectors: [], otherFigures: [] });
    expect(listProjects(db, {})).toMatchObject({ projects: [], total: { projects: 0, entries: 0, batches: 0 }, byRegion: [] });
    expect(listEvents(db, {}, '2022-09-15')).toMatchObject({ upcoming: [], past: [] });
    expect(listRoutes(db)).toEqual([]);
    db.close();
  });

  it('loading only the second pack gives a series without the first pack', () => {
    const db2 = openDatabase(tmp.file('second-only.sqlite'));
    loadPack(db2, readPackFile(packFile).pack);
    const y = tradeSeries(db2, { reporter: 'CHN', partner: 'KOR', from: 2021, to: 2021 }).years[0]!;
    expect([y.exports?.value, y.imports?.value]).toEqual([150524000000, 213555000000]);
    expect(listSectors(db2, { reporter: 'KOR', partner: 'CHN' }).sectors.every((s) => s.priorities.length === 0)).toBe(true);
    db2.close();
  });
});
