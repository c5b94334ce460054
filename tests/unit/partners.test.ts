/**
 * The Partners queries (db/partners) on real SQLite files: a small database written row by row,
 * where every rank, share and change can be worked out by hand, then the default packs.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { dashboardTables } from '../../db/dashboards/data.ts';
import { dispatch } from '../../db/dispatch.ts';
import { openDatabase } from '../../db/open.ts';
import { partnerRankHistory, partnerRanking, partnerReporters, partnerSeries } from '../../db/partners/queries.ts';
import { competitionRanks } from '../../db/partners/rules.ts';
import { seriesOfOne } from '../../db/common/series-of-one.ts';
import { createHandlers } from '../../db/service.ts';
import { setPreferredSource, tradeRowsChanged } from '../../db/trade/chosen.ts';
import { openSession } from '../../db/session.ts';
import { contextFor } from '../support/context.ts';
import { tempDir } from '../support/temp.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const bn = 1e9;

/** KOR with five partner countries, the World and a region (both groups), over 2020–2022. */
function smallDatabase(name: string, withWorld: boolean) {
  const db = openDatabase(tmp.file(name));
  const economy = db.prepare('INSERT INTO economy (code, name, kind) VALUES (?, ?, ?)');
  for (const [code, label] of [
    ['KOR', 'South Korea'],
    ['CHN', 'China'],
    ['USA', 'United States'],
    ['JPN', 'Japan'],
    ['VNM', 'Vietnam'],
    ['PRK', 'North Korea'],
  ]) {
    economy.run(code, label, 'country');
  }
  economy.run('WLD', 'World', 'group');
  economy.run('EUU', 'European Union', 'group');
  const source = db.prepare(
    "INSERT INTO source (id, label, publisher, title, published_precision, published_value) VALUES (?, ?, 'P', 'T', 'year', ?)",
  );
  source.run('s:A', 'A', '2024');
  source.run('s:B', 'B', '2025');
  const flow = db.prepare(
    'INSERT INTO trade_flow (reporter, partner, year, flow, value_usd, series, source_id) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const put = (partner: string, year: number, exports: number | null, imports: number | null, src = 's:A', series = 'primary'): void => {
    if (exports !== null) flow.run('KOR', partner, year, 'export', exports * bn, series, src);
    if (imports !== null) flow.run('KOR', partner, year, 'import', imports * bn, series, src);
  };
  put('CHN', 2022, 100, 80);
  put('CHN', 2022, 999, 999, 's:B', 'crosscheck'); // the same flows from a crosscheck publication: never counted
  put('USA', 2022, 50, 30);
  put('JPN', 2022, 50, 40); // ties USA on exports
  put('VNM', 2022, 20, 10);
  put('PRK', 2022, null, 5); // only imports reported
  put('EUU', 2022, 500, 400); // a group: never ranked, never in the sum
  put('CHN', 2021, 80, 80);
  put('USA', 2021, 60, 20);
  put('JPN', 2021, 40, 30);
  // VNM has no 2021 figures: no change on 2021 for it; in 2020 it ranks ahead of Japan on exports.
  put('CHN', 2020, 70, 60);
  put('USA', 2020, 55, 25);
  put('JPN', 2020, 20, 35);
  put('VNM', 2020, 30, 5);
  if (withWorld) {
    put('WLD', 2022, 250, 200);
    put('WLD', 2021, 200, 150);
  }
  return db;
}

describe('competition ranks', () => {
  it('share a rank on a tie, skip the next, leave the unknown unranked', () => {
    const ranks = competitionRanks(
      new Map([
        ['a', 5],
        ['b', 9],
        ['c', 5],
        ['d', null],
        ['e', 1],
      ]),
    );
    expect(Object.fromEntries(ranks)).toEqual({ b: 1, a: 2, c: 2, e: 4, d: null });
  });
});

describe('partner ranking without a stated total (shares of the sum over partners)', () => {
  const db = smallDatabase('sum.sqlite', false);
  afterAll(() => db.close());
  const r = partnerRanking(db, { reporter: 'KOR' });
  const row = (code: string) => r.partners.find((p) => p.partner.code === code)!;

  it('opens on the latest year with both flows, ranks countries only, ties shared', () => {
    expect(r.year).toBe(2022);
    expect(r.years).toEqual([
      { year: 2022, complete: true },
      { year: 2021, complete: true },
      { year: 2020, complete: true },
    ]);
    expect(r.partners.map((p) => p.partner.code)).toEqual(['CHN', 'JPN', 'USA', 'VNM', 'PRK']);
    expect(r.partners.some((p) => ['WLD', 'EUU'].includes(p.partner.code))).toBe(false);
    expect(row('CHN').rank).toEqual({ exports: 1, imports: 1, total: 1, balance: 1 });
    expect([row('USA').rank.exports, row('JPN').rank.exports, row('VNM').rank.exports]).toEqual([2, 2, 4]);
    expect(row('USA').rank.balance).toBe(1); // 20 bn surplus, as China's
    expect(row('CHN').rank.balance).toBe(1);
    expect(r.ranked).toEqual({ exports: 4, imports: 5, total: 4, balance: 4 });
  });

  it("counts each flow once: the crosscheck publication of China's figures is not used", () => {
    expect(row('CHN').exports?.value).toBe(100 * bn);
    expect(row('CHN').exports?.source.id).toBe('s:A');
    expect(row('CHN').exports?.alternatives).toBe(1);
  });

  it('shares of the sum over partners add up to 1, and the page is told so', () => {
    expect(r.totals.exports).toMatchObject({ value: 220 * bn, basis: 'sum-of-partners', partners: 4 });
    expect(r.totals.imports).toMatchObject({ value: 165 * bn, basis: 'sum-of-partners' });
    const sum = (k: 'exports' | 'imports') => r.partners.reduce((acc, p) => acc + (p.share[k] ?? 0), 0);
    expect(sum('exports')).toBeCloseTo(1, 12);
    expect(sum('imports')).toBeCloseTo(1, 12);
    expect(row('CHN').share.exports).toBeCloseTo(100 / 220, 12);
    expect(r.notes.join(' ')).toMatch(
      /No stated total of South Korea's exports for 2022 is loaded: shares of exports are of the sum over its partners/,
    );
  });

  it('a partner with only imports: ranked on imports, no total, balance or share of total', () => {
    const prk = row('PRK');
    expect(prk.exports).toBeNull();
    expect([prk.total, prk.balance, prk.share.total, prk.share.exports]).toEqual([null, null, null, null]);
    expect(prk.rank).toEqual({ exports: null, imports: 5, total: null, balance: null });
    expect(r.notes.join(' ')).toMatch(/1 partner has only one flow reported for 2022/);
  });

  it('change on the year before only where both years have the figure', () => {
    expect(row('CHN').change.exports).toEqual({ absolute: 20 * bn, relative: 0.25 });
    expect(row('USA').change.balance).toEqual({ absolute: -20 * bn, relative: -0.5 });
    expect(row('VNM').change).toEqual({ exports: null, imports: null, total: null, balance: null });
  });

  it('a year with nothing loaded gives an empty ranking that says so', () => {
    const empty = partnerRanking(db, { reporter: 'KOR', year: 2010 });
    expect(empty.partners).toEqual([]);
    expect(empty.totals.exports).toBeNull();
    expect(empty.notes.join(' ')).toMatch(/No figures of South Korea's trade with partner countries are loaded for 2010/);
  });
});

describe("partner ranking with the reporter's stated totals (trade with the World)", () => {
  const db = smallDatabase('world.sqlite', true);
  afterAll(() => db.close());

  it('uses the stated total as the denominator: shares add up to less than 1', () => {
    const r = partnerRanking(db, { reporter: 'KOR' });
    expect(r.totals.exports).toMatchObject({ value: 250 * bn, basis: 'stated' });
    expect(r.totals.total).toMatchObject({ value: 450 * bn, basis: 'stated' });
    const sum = r.partners.reduce((acc, p) => acc + (p.share.exports ?? 0), 0);
    expect(sum).toBeCloseTo(220 / 250, 12);
    expect(r.partners.find((p) => p.partner.code === 'CHN')!.share.total).toBeCloseTo(180 / 450, 12);
    expect(r.notes.join(' ')).not.toMatch(/No stated total/);
  });

  it('rank history: the top partners of the last year, their rank every year, null where not reported', () => {
    const h = partnerRankHistory(db, { reporter: 'KOR', measure: 'exports', top: 3, from: 2020, to: 2022 });
    expect(h.years).toEqual([2020, 2021, 2022]);
    expect(h.rankedPartners).toEqual([4, 3, 4]);
    expect(h.rows.map((x) => [x.partner.code, x.ranks])).toEqual([
      ['CHN', [1, 1, 1]],
      ['JPN', [4, 3, 2]],
      ['USA', [2, 2, 2]],
    ]);
    const vnm = partnerRankHistory(db, { reporter: 'KOR', measure: 'exports', top: 10, from: 2020, to: 2022 }).rows.find(
      (x) => x.partner.code === 'VNM',
    )!;
    expect(vnm.ranks).toEqual([3, null, 4]);
    expect(vnm.values).toEqual([30 * bn, null, 20 * bn]);
  });

  it('series of chosen partners: shares of the stated total where loaded, of the sum elsewhere, no change across a gap', () => {
    const s = partnerSeries(db, { reporter: 'KOR', partners: ['CHN', 'VNM'], from: 2020, to: 2022 });
    expect(s.years).toEqual([2020, 2021, 2022]);
    expect(s.totals.map((t) => t.exports?.basis)).toEqual(['sum-of-partners', 'stated', 'stated']);
    expect(s.totals[0]!.exports?.value).toBe((70 + 55 + 20 + 30) * bn);
    const chn = s.partners[0]!.points;
    expect(chn.map((p) => p.share.exports)).toEqual([70 / 175, 80 / 200, 100 / 250]);
    expect(chn[0]!.change.exports).toBeNull(); // 2019 is not loaded
    expect(chn[1]!.change.imports).toEqual({ absolute: 20 * bn, relative: 20 / 60 });
    const vnm = s.partners[1]!.points;
    expect(vnm.map((p) => p.exports?.value ?? null)).toEqual([30 * bn, null, 20 * bn]);
    expect(vnm[2]!.change.exports).toBeNull();
  });
});

describe('through the contract', () => {
  const db = smallDatabase('contract.sqlite', true);
  afterAll(() => db.close());
  const handlers = createHandlers(contextFor(db));

  it('validates input and refuses a group as a compared partner, naming it', async () => {
    expect(await dispatch(handlers, 'partnerRanking', { reporter: 'KOR', year: 2022 })).toMatchObject({ ok: true });
    expect(await dispatch(handlers, 'partnerRanking', { reporter: 'KOR', year: 1800 })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
    expect(await dispatch(handlers, 'partnerRankHistory', { reporter: 'KOR', measure: 'share' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
    expect(await dispatch(handlers, 'partnerSeries', { reporter: 'KOR', partners: [] })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
    expect(await dispatch(handlers, 'partnerSeries', { reporter: 'KOR', partners: ['WLD'] })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', message: expect.stringMatching(/WLD is not a partner country of KOR/) },
    });
    expect(await dispatch(handlers, 'partnerRankHistory', { reporter: 'KOR', from: 2022, to: 2020 })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', message: expect.stringMatching(/first year \(2022\) is after the last \(2020\)/) },
    });
    expect(partnerReporters(db)).toEqual([
      { reporter: { code: 'KOR', name: 'South Korea' }, partners: 5, firstYear: 2020, lastYear: 2022 },
    ]);
  });

  it('sees rows written after a first answer (the years and the reporters are read again once the data changes)', () => {
    expect(partnerRanking(db, { reporter: 'KOR' }).years[0]?.year).toBe(2022);
    expect(partnerReporters(db).map((r) => r.reporter.code)).toEqual(['KOR']);
    // Rows written here by hand, as the app's writers write them: with the trade counter moved in the same transaction.
    const write = (sql: string): void =>
      db.transaction(() => {
        db.prepare(sql).run();
        tradeRowsChanged(db);
      })();
    // A write of anything else (a setting) leaves the answers kept: a row written behind the counter's back is not seen yet.
    db.prepare("INSERT INTO setting (key, value) VALUES ('ui.theme', '\"dark\"')").run();
    db.prepare(
      "INSERT INTO trade_flow (reporter, partner, year, flow, value_usd, source_id) VALUES ('KOR', 'CHN', 2030, 'export', 1, 's:A')",
    ).run();
    expect(partnerRanking(db, { reporter: 'KOR' }).years[0]?.year).toBe(2022);
    db.prepare('DELETE FROM trade_flow WHERE year = 2030').run();
    write(
      "INSERT INTO trade_flow (reporter, partner, year, flow, value_usd, source_id) VALUES ('CHN', 'KOR', 2022, 'export', 1, 's:A'), ('CHN', 'JPN', 2022, 'export', 1, 's:A')",
    );
    expect(partnerReporters(db).map((r) => [r.reporter.code, r.partners])).toEqual([
      ['KOR', 5],
      ['CHN', 2],
    ]);
    write(
      "INSERT INTO trade_flow (reporter, partner, year, flow, value_usd, source_id) VALUES ('KOR', 'CHN', 2023, 'export', 1, 's:A'), ('KOR', 'CHN', 2023, 'import', 1, 's:A')",
    );
    const r = partnerRanking(db, { reporter: 'KOR' });
    expect(r.years[0]).toEqual({ year: 2023, complete: true });
    expect(r.year).toBe(2023);
  });

  it('reads again after what the choice among sources and the names depend on changes: a preferred source, a source, an economy', () => {
    const chinaIn2022 = () => partnerRanking(db, { reporter: 'KOR', year: 2022 }).partners.find((p) => p.partner.code === 'CHN')!;
    expect(chinaIn2022().exports?.source.id).toBe('s:A');
    // s:B's figures are a crosscheck: preferred for the pair, they are the ones used.
    setPreferredSource(db, 's:B', { reporter: 'KOR', partner: 'CHN' });
    expect(chinaIn2022().exports).toMatchObject({ value: 999 * bn, source: { id: 's:B' } });
    setPreferredSource(db, null, { reporter: 'KOR', partner: 'CHN' });
    expect(chinaIn2022().exports?.source.id).toBe('s:A');
    db.prepare("UPDATE economy SET name = 'China (mainland)' WHERE code = 'CHN'").run();
    expect(chinaIn2022().partner.name).toBe('China (mainland)');
    db.prepare("UPDATE source SET label = 'A2' WHERE id = 's:A'").run();
    expect(chinaIn2022().exports?.source.label).toBe('A2');
  });
});

describe("one partner's series read out of a comparison (db/common/series-of-one.ts)", () => {
  const db = smallDatabase('one.sqlite', true);
  afterAll(() => db.close());
  // Thailand's figures end before the first year of the reporter's stated totals (2021): alone, its series is 2018–2020.
  db.prepare("INSERT INTO economy (code, name, kind) VALUES ('THA', 'Thailand', 'country')").run();
  const flow = db.prepare(
    "INSERT INTO trade_flow (reporter, partner, year, flow, value_usd, series, source_id) VALUES ('KOR', 'THA', ?, ?, ?, 'primary', 's:A')",
  );
  for (const year of [2018, 2019, 2020]) {
    flow.run(year, 'export', (year - 2000) * bn);
    flow.run(year, 'import', (year - 2010) * bn);
  }

  it('equals the series asked for alone, for each partner compared, with and without years asked for', () => {
    let read = 0;
    for (const range of [{}, { from: 2020, to: 2022 }, { from: 2022 }, { to: 2021 }, { from: 2021, to: 2021 }]) {
      const several = partnerSeries(db, { reporter: 'KOR', partners: ['CHN', 'VNM', 'PRK'], ...range });
      for (const code of ['CHN', 'VNM', 'PRK']) {
        const alone = partnerSeries(db, { reporter: 'KOR', partners: [code], ...range });
        const one = seriesOfOne(several, code);
        // A series with no years is asked for: its first loaded year is not in the comparison.
        expect(one).toEqual(alone.years.length > 0 ? alone : null);
        if (one) read++;
      }
    }
    // All but North Korea up to 2021 (alone, its series starts in 2022: no years).
    expect(read).toBe(14);
    // North Korea's own years (2022 only) and first year differ from the comparison's (2021–2022, from 2020).
    const several = partnerSeries(db, { reporter: 'KOR', partners: ['CHN', 'VNM', 'PRK'] });
    expect([several.years, several.earliestYear]).toEqual([[2021, 2022], 2020]);
    const prk = seriesOfOne(several, 'PRK')!;
    expect([prk.years, prk.earliestYear, prk.partners[0]!.points[0]!.imports?.value]).toEqual([[2022], 2022, 5 * bn]);
  });

  it("is not read where the comparison's years miss the partner's own, nor for a partner not compared", () => {
    const several = partnerSeries(db, { reporter: 'KOR', partners: ['CHN', 'THA'] });
    expect(several.years).toEqual([2021, 2022]);
    expect(partnerSeries(db, { reporter: 'KOR', partners: ['THA'] }).years).toEqual([2018, 2019, 2020]);
    expect(seriesOfOne(several, 'THA')).toBeNull();
    expect(seriesOfOne(several, 'CHN')).toEqual(partnerSeries(db, { reporter: 'KOR', partners: ['CHN'] }));
    expect(seriesOfOne(several, 'USA')).toBeNull();
  });
});

describe('on the default packs', () => {
  const session = openSession({ path: tmp.file('packs.sqlite'), today: '2024-06-01' });
  afterAll(() => session.close());

  it("South Korea 2023: the README's top destinations, shares of KOSIS's stated totals", () => {
    const r = partnerRanking(session.db, { reporter: 'KOR' });
    expect(r.year).toBe(2023);
    const byExports = [...r.partners].filter((p) => p.rank.exports !== null).sort((a, b) => a.rank.exports! - b.rank.exports!);
    expect(byExports.slice(0, 6).map((p) => p.partner.code)).toEqual(['CHN', 'USA', 'VNM', 'JPN', 'HKG', 'TWN']);
    expect(r.totals.exports).toMatchObject({ value: 632225824000, basis: 'stated' });
    expect(r.totals.exports?.sources.map((s) => s.label)).toEqual(['W1']);
    const sum = r.partners.reduce((acc, p) => acc + (p.share.exports ?? 0), 0);
    expect(sum).toBeGreaterThan(0.99);
    expect(sum).toBeLessThanOrEqual(1);
  });

  it("a series starts by default at the first year with the reporter's stated totals, and says what is loaded earlier", () => {
    const s = partnerSeries(session.db, { reporter: 'KOR', partners: ['CHN'] });
    expect([s.years[0], s.years[s.years.length - 1], s.earliestYear]).toEqual([1991, 2024, 1975]);
  });

  it("China's series read out of the Partners view's default comparison is the one asked for alone", () => {
    const several = partnerSeries(session.db, { reporter: 'KOR', partners: ['CHN', 'USA', 'VNM', 'JPN'] });
    const china = seriesOfOne(several, 'CHN');
    expect(china).toEqual(partnerSeries(session.db, { reporter: 'KOR', partners: ['CHN'] }));
    expect(china?.sources.length).toBeGreaterThan(0);
  });

  it("China's share of Korea's exports and imports by year, 1991 on stated totals", () => {
    const s = partnerSeries(session.db, { reporter: 'KOR', partners: ['CHN'], from: 1991, to: 2024 });
    const at = (y: number) => s.partners[0]!.points.find((p) => p.year === y)!;
    expect(at(2021).share.exports).toBeCloseTo(162912974000 / 644400368000, 12);
    expect(at(2021).share.imports).toBeCloseTo(138628127000 / 615093447000, 12);
    expect(s.totals.every((t, i) => s.years[i] === 2024 || t.exports?.basis === 'stated')).toBe(true);
    // 2024: only Korea's exports to China are loaded (KITA), no total: a sum over one partner gives no share.
    expect(s.totals[s.years.indexOf(2024)]?.exports).toMatchObject({ basis: 'sum-of-partners', partners: 1 });
    expect(at(2024).exports?.value).toBe(133026000000);
    expect(at(2024).share.exports).toBeNull();
    expect(at(2024).imports).toBeNull();
  });
});

describe('growth rates in the ranking and year-on-year changes in its export (db/common/growth.ts)', () => {
  const db = smallDatabase('growth.sqlite', true);
  afterAll(() => db.close());
  const row = (r: ReturnType<typeof partnerRanking>, code: string) => r.partners.find((p) => p.partner.code === code)!;

  it("rates each partner's exports, imports and total from the first year of the range it is reported in to the year shown", () => {
    // No range asked for: the ten years to 2022, of which 2020–2022 are loaded.
    const r = partnerRanking(db, { reporter: 'KOR' });
    expect(r.growthFrom).toBe(2013);
    expect(row(r, 'CHN').cagr.exports).toEqual({
      rate: Math.sqrt(100 / 70) - 1,
      fromYear: 2020,
      toYear: 2022,
      years: 2,
      missingBetween: [],
    });
    expect(row(r, 'CHN').cagr.total.rate).toBeCloseTo(Math.sqrt(180 / 130) - 1, 12);
    // Vietnam is not reported in 2021: the rate rests on the end years and names the gap.
    expect(row(r, 'VNM').cagr.imports).toMatchObject({ rate: Math.sqrt(10 / 5) - 1, missingBetween: [2021] });
    // North Korea: no exports at all; imports in 2022 only.
    expect(row(r, 'PRK').cagr.exports).toEqual({ rate: null, reason: 'not-reported' });
    expect(row(r, 'PRK').cagr.imports).toEqual({ rate: null, reason: 'one-year' });
  });

  it('follows the range asked for, and gives none over a single year', () => {
    const r = partnerRanking(db, { reporter: 'KOR', from: 2021 });
    expect(r.growthFrom).toBe(2021);
    expect(row(r, 'CHN').cagr.exports).toMatchObject({ rate: 0.25, fromYear: 2021, toYear: 2022 });
    expect(row(r, 'VNM').cagr.exports).toEqual({ rate: null, reason: 'one-year' });
    expect(row(r, 'CHN').cagr.exports.rate).toBeCloseTo(row(r, 'CHN').change.exports!.relative!, 12);
    const one = partnerRanking(db, { reporter: 'KOR', from: 2022 });
    expect(one.partners.every((p) => p.cagr.exports.rate === null && p.cagr.total.rate === null)).toBe(true);
  });

  it('a range starting after the year shown gives no rates, and still the change on the year before', () => {
    const r = partnerRanking(db, { reporter: 'KOR', year: 2022, from: 2023 });
    expect(r.partners.every((p) => p.cagr.exports.rate === null && p.cagr.imports.rate === null)).toBe(true);
    expect(row(r, 'CHN').change.exports).toEqual({ absolute: 20 * bn, relative: 0.25 });
    expect(r.totals.exports).toMatchObject({ basis: 'stated', value: 250 * bn });
  });

  it('the ranking and the rank history read once for both: either order gives what each gives alone, the World never ranked', () => {
    const alone = (ask: (other: typeof db) => unknown): unknown => {
      const other = openDatabase(db.name);
      try {
        return ask(other);
      } finally {
        other.close();
      }
    };
    const ranking = (d: typeof db) => partnerRanking(d, { reporter: 'KOR' });
    const history = (d: typeof db) => partnerRankHistory(d, { reporter: 'KOR', measure: 'exports', top: 10 });
    const rankingAlone = alone(ranking);
    const historyAlone = alone(history);
    expect(ranking(db)).toEqual(rankingAlone);
    expect(history(db)).toEqual(historyAlone);
    expect(ranking(db)).toEqual(rankingAlone);
    const h = history(db);
    expect(h.years).toEqual([2013, 2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022]);
    expect(h.rows.map((x) => x.partner.code)).toEqual(['CHN', 'JPN', 'USA', 'VNM']);
    expect(h.rankedPartners.slice(-3)).toEqual([4, 3, 4]);
  });

  it('writes the rates with their years or reasons into the ranking export, and each year-on-year change with its reason into the series', async () => {
    const tables = await dashboardTables(contextFor(db), {
      dashboard: 'partners',
      filters: { reporter: 'KOR', year: 2022, by: 'exports', compare: ['CHN', 'VNM'], from: 2020 },
    });
    const cells = (name: string) => {
      const t = tables.find((x) => x.name === name)!;
      return [...t.rows()].map((r) => Object.fromEntries(t.header.map((h, i) => [h, r[i]])));
    };
    const ranking = cells('ranking');
    const vnm = ranking.find((r) => r.partner === 'VNM')!;
    expect(vnm.exports_cagr).toBeCloseTo(Math.sqrt(20 / 30) - 1, 12);
    expect(vnm.exports_cagr_note).toBe('2020–2022; not reported in between: 2021 (the rate rests on the end years)');
    const prk = ranking.find((r) => r.partner === 'PRK')!;
    expect([prk.exports_cagr, prk.exports_cagr_note]).toEqual([null, 'not reported for that year']);
    expect([prk.total_cagr, prk.imports_cagr_note]).toEqual([null, 'a growth rate needs two years']);

    const series = cells('partner_series');
    const at = (partner: string, year: number) => series.find((r) => r.partner === partner && r.year === year)!;
    expect([at('CHN', 2022).exports_yoy, at('CHN', 2022).exports_yoy_note]).toEqual([0.25, '']);
    expect(at('CHN', 2021).total_yoy).toBeCloseTo(160 / 130 - 1, 12);
    expect([at('VNM', 2021).exports_yoy, at('VNM', 2021).exports_yoy_note]).toEqual([null, 'not reported for that year']);
    expect([at('VNM', 2022).exports_yoy, at('VNM', 2022).exports_yoy_note]).toEqual([null, 'the year before is not reported']);
  });
});
