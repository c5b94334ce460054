/**
 * The built-in data packs against the shared data they are built from (../shared/data beside the
 * clone), their builders' handling of bad rows, and what a new database holds once they are loaded.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { buildPack as buildKoreaChina } from '../../build/packs/build-korea-china-trade.ts';
import { buildPack as buildKoreaWorld, FORMER_CODES, packJson, WORLD } from '../../build/packs/build-korea-world-trade.ts';
import { readCsvRecords } from '../../build/packs/read-csv.ts';
import { readPackFile } from '../../db/packs/load.ts';
import { openSession } from '../../db/session.ts';
import { tempDir } from '../support/temp.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const shared = fileURLToPath(new URL('../../../shared/data/', import.meta.url));
const noShared = !existsSync(join(shared, 'korea-world-trade')) || !existsSync(join(shared, 'korea-china-trade'));
const packFile = (name: string): string => fileURLToPath(new URL(`../../db/packs/${name}`, import.meta.url));

describe.skipIf(noShared)(
  noShared
    ? 'skipped: ../shared/data is not beside this clone, so the committed packs cannot be compared with a fresh build'
    : 'the committed data packs are a fresh build of ../shared/data',
  () => {
    it('korea-world-trade.json', () => {
      const built = buildKoreaWorld(join(shared, 'korea-world-trade'));
      expect(readFileSync(packFile('korea-world-trade.json'), 'utf8')).toBe(packJson(built));
    });

    it('korea-china-trade.json, with the incoming/ figures', () => {
      const built = buildKoreaChina(join(shared, 'korea-china-trade'));
      expect(JSON.parse(readFileSync(packFile('korea-china-trade.json'), 'utf8'))).toEqual(JSON.parse(JSON.stringify(built)));
    });

    it('every cell of the KOSIS files is one flow, every empty cell none', () => {
      const dir = join(shared, 'korea-world-trade');
      const partners = readCsvRecords(join(dir, 'korea_partners_kosis.csv'));
      const totals = readCsvRecords(join(dir, 'korea_totals_kosis.csv'));
      expect(partners).toHaveLength(11474);
      const cells = (rows: typeof partners, cols: string[]): number =>
        rows.reduce((n, r) => n + cols.filter((c) => r.values[c] !== '').length, 0);
      const { pack } = readPackFile(packFile('korea-world-trade.json'));
      expect(pack.tradeFlows.filter((f) => f.partner !== WORLD)).toHaveLength(cells(partners, ['exports_usd', 'imports_usd']));
      expect(pack.tradeFlows.filter((f) => f.partner === WORLD)).toHaveLength(cells(totals, ['total_exports_usd', 'total_imports_usd']));
    });
  },
);

describe('the korea-world-trade pack', () => {
  const { pack } = readPackFile(packFile('korea-world-trade.json'));

  it('cites the KOSIS table, as redistributed by kdiplo at a fixed commit, on every row', () => {
    const kosis = pack.sources.find((s) => s.key === 'KOSIS')!;
    expect(kosis.title).toMatch(/360\/DT_1R11006_FRM101/);
    expect(kosis.citedIn).toBe('KDIPLO');
    expect(pack.sources.find((s) => s.key === 'KDIPLO')?.title).toMatch(/effe959172fadc9f858a372a8fe6757c67089f22/);
    expect(new Set(pack.tradeFlows.map((f) => f.source))).toEqual(new Set(['KOSIS']));
  });

  it("holds the README's checks: KOR→CHN 2021 and the top destinations of 2023", () => {
    const value = (partner: string, year: number, flow: string): number | undefined =>
      pack.tradeFlows.find((f) => f.partner === partner && f.year === year && f.flow === flow)?.valueUsd;
    expect([value('CHN', 2021, 'export'), value('CHN', 2021, 'import')]).toEqual([162912974000, 138628127000]);
    const top = pack.tradeFlows
      .filter((f) => f.year === 2023 && f.flow === 'export' && f.partner !== WORLD)
      .sort((a, b) => b.valueUsd - a.valueUsd)
      .slice(0, 6)
      .map((f) => [f.partner, Math.round(f.valueUsd / 1e8) / 10]);
    expect(top).toEqual([
      ['CHN', 124.8],
      ['USA', 115.7],
      ['VNM', 53.5],
      ['JPN', 29.0],
      ['HKG', 25.2],
      ['TWN', 20.2],
    ]);
    expect(value(WORLD, 2023, 'export')).toBe(632225824000);
  });

  it('keeps the World apart from countries, Hong Kong, Taiwan and Macao apart from China, and former codes as given', () => {
    const byCode = new Map(pack.economies.map((e) => [e.code, e]));
    expect(byCode.get(WORLD)).toMatchObject({ kind: 'group', name: 'World' });
    expect(pack.economies.filter((e) => e.kind === 'group').map((e) => e.code)).toEqual([WORLD]);
    for (const code of ['HKG', 'TWN', 'MAC']) expect(byCode.get(code)?.kind).toBe('country');
    for (const code of Object.keys(FORMER_CODES)) expect(byCode.has(code)).toBe(true);
    expect(byCode.get('KOR')?.name).toBe('South Korea');
  });
});

describe('the pack builders refuse bad rows, naming file, line and field', () => {
  const header = 'reporter_iso3,partner_iso3,partner_name,year,exports_usd,imports_usd';
  const totals = 'reporter_iso3,year,total_exports_usd,total_imports_usd\nKOR,2021,1,2\n';
  let n = 0;
  const folder = (partners: string): string => {
    const dir = tmp.file(`world-${n++}`);
    mkdirSync(dir);
    writeFileSync(join(dir, 'korea_partners_kosis.csv'), partners);
    writeFileSync(join(dir, 'korea_totals_kosis.csv'), totals);
    return dir;
  };

  it("reads quoted fields with commas and doubled quotes through the importer's reader", () => {
    const built = buildKoreaWorld(folder(`${header}\nKOR,YMD,"Yemen People""s Republic, South",1985,100,\n`));
    expect(built.economies?.find((e) => e.code === 'YMD')?.name).toBe('Yemen People"s Republic, South');
    expect(built.tradeFlows?.filter((f) => f.partner === 'YMD')).toEqual([
      { reporter: 'KOR', partner: 'YMD', year: 1985, flow: 'export', valueUsd: 100, source: 'KOSIS' },
    ]);
  });

  it.each([
    [`${header}\nKOR,CHN,China,2021,12x,1\n`, /korea_partners_kosis\.csv line 2: exports_usd "12x" is not a number of USD/],
    [`${header}\nKOR,CHN,China,21,1,1\n`, /line 2: year "21" is not a year/],
    [`${header}\nKOR,China,China,2021,1,1\n`, /line 2: partner_iso3 "China" is not a three-letter code/],
    [`${header}\nKOR,CHN,China,2021,1,1\nKOR,CHN,PRC,2022,1,1\n`, /line 3: CHN is named "PRC" here and "China" above/],
    [`${header}\nKOR,CHN,China,2021,1,1\nKOR,CHN,China,2021,1,1\n`, /line 3: a second row for CHN in 2021/],
    [`${header}\nKOR,CHN,China,2021,1,1,9\n`, /line 2: 7 fields, the header has 6/],
    [`${header}\nKOR,CHN,China,2021,-5,1\n`, /line 2: exports_usd "-5" is not a number of USD/],
  ])('refuses %j', (csv, message) => {
    expect(() => buildKoreaWorld(folder(csv))).toThrowError(message);
  });
});

describe('a new database with the default packs', () => {
  const session = openSession({ path: tmp.file('fresh.sqlite'), today: '2024-06-01' });
  afterAll(() => session.close());
  const { db } = session;

  it('passes the foreign-key and integrity checks', () => {
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it("holds every pack's rows: the world pack's flows and economies, the incoming Korea–China figures", () => {
    const { pack } = readPackFile(packFile('korea-world-trade.json'));
    expect(db.prepare("SELECT count(*) FROM trade_flow WHERE pack_id = 'korea-world-trade'").pluck().get()).toBe(pack.tradeFlows.length);
    expect(db.prepare("SELECT kind FROM economy WHERE code = 'WLD'").pluck().get()).toBe('group');
    expect(db.prepare("SELECT name FROM economy WHERE code = 'KOR'").pluck().get()).toBe('South Korea');
    // China-reported 2013 imports from Korea (incoming/annual_bilateral_more.csv).
    expect(
      db
        .prepare("SELECT value_usd FROM trade_flow WHERE reporter = 'CHN' AND partner = 'KOR' AND year = 2013 AND flow = 'import'")
        .pluck()
        .all(),
    ).toEqual([183.1e9]);
  });

  it("keeps the incoming figures' flags: partial years, definitions, crosschecks outside the sector", () => {
    const rows = db
      .prepare(
        `SELECT f.year, f.label, f.hs_note AS hsNote, f.period_note AS periodNote, s.name AS sector FROM sector_figure f
      LEFT JOIN sector s ON s.id = f.sector_id WHERE f.id LIKE 'korea-china-trade:more-%' ORDER BY f.id`,
      )
      .all() as { year: number; label: string; hsNote: string; periodNote: string | null; sector: string | null }[];
    expect(rows).toHaveLength(22);
    expect(
      rows
        .filter((r) => r.periodNote)
        .map((r) => [r.year, r.periodNote, r.sector])
        .sort(),
    ).toEqual([
      [2023, 'Jan–Sep only', 'Beverages'],
      [2024, 'Jan–Nov only', 'Shipbuilding equipment'],
    ]);
    const crosschecks = rows.filter((r) => /^CROSSCHECK/.test(r.label));
    expect(crosschecks.map((r) => [r.year, r.hsNote, r.sector])).toEqual([
      [2022, '33 (cosmetics, KITA definition)', null],
      [2024, '33 (cosmetics, KITA definition)', null],
    ]);
    expect(rows.find((r) => r.year === 2023 && /petrochemical/.test(r.hsNote))?.sector).toBe('Materials');
    const stated = db
      .prepare("SELECT value_usd FROM stated_figure WHERE reporter = 'KOR' AND partner = 'CHN' AND year = 2019 AND measure = 'balance'")
      .pluck()
      .all();
    expect(stated).toEqual([28974000000]);
  });
});
