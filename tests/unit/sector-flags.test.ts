/**
 * The flags a sector figure carries beside its value (issue 14 item 8), on real SQLite files: the
 * partial-year note and "unit inferred" of the built-in Korea–China pack reach the sectors dashboard's
 * model and the drill, the flag survives a pack export and reload, and migration 012 marks the figure in a database made before it.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildPack } from '../../db/exports/pack.ts';
import { openDatabase, readMigrations } from '../../db/open.ts';
import { loadPack, parsePack, readPackFile } from '../../db/packs/load.ts';
import { defaultPacksDir } from '../../db/session.ts';
import { listSectors, sectorDetail } from '../../db/sectors/queries.ts';
import { olderDatabase } from '../support/older-database.ts';
import { tempDir } from '../support/temp.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const builtIn = (): ReturnType<typeof readPackFile>['pack'] => readPackFile(join(defaultPacksDir, 'korea-china-trade.json')).pack;
const pair = { reporter: 'KOR', partner: 'CHN' };

describe('sector figures carry their flags', () => {
  const db = openDatabase(tmp.file('flags.sqlite'));
  loadPack(db, builtIn());
  afterAll(() => db.close());

  it('marks the 2023 semiconductors figure whose unit the source leaves out as inferred, and no other', () => {
    const all = listSectors(db, pair);
    const figures = [...all.sectors.flatMap((s) => s.figures), ...all.otherFigures];
    const inferred = figures.filter((f) => f.unitInferred);
    expect(inferred.map((f) => [f.sectorName, f.year, f.value])).toEqual([['Semiconductors', 2023, 36.1e9]]);
    expect(inferred[0]!.label).toMatch(/unit \(billion\) inferred/);
    expect(figures.filter((f) => !f.unitInferred).length).toBe(figures.length - 1);
  });

  it('keeps each partial year’s months beside the figure, in the overview and in the drill', () => {
    const sectors = listSectors(db, pair).sectors;
    const first = (name: string) => sectors.find((s) => s.name === name)!.figures[0]!;
    // Beverages 2023: KCS's Jan–Sep figure (151 mn) and aT's full year (121.5 mn), latest and larger first.
    expect([first('Beverages').year, first('Beverages').value, first('Beverages').periodNote]).toEqual([2023, 151_000_000, 'Jan–Sep only']);
    expect([first('Flat panel displays').year, first('Flat panel displays').periodNote]).toEqual([2018, 'Jan–Nov only']);
    // A partial year is never a share of a whole year's total.
    expect(first('Beverages').shareOfTotal).toBeNull();
    const drill = sectorDetail(db, { ...pair, name: 'Beverages' });
    expect(drill.figures.map((f) => [f.value, f.periodNote])).toEqual([
      [151_000_000, 'Jan–Sep only'],
      [121_537_000, null],
    ]);
  });

  it('keeps the flag through a pack export and a load into another database', () => {
    const exported = parsePack(buildPack(db, { id: 'copy', title: 'Copy', version: '1.0.0' }), 'copy.json');
    expect(exported.sectorFigures!.filter((f) => f.unitInferred).map((f) => f.year)).toEqual([2023]);
    const other = openDatabase(tmp.file('copy.sqlite'));
    try {
      loadPack(other, exported);
      expect(other.prepare('SELECT year, value_usd FROM sector_figure WHERE unit_inferred = 1').all()).toEqual([
        { year: 2023, value_usd: 36.1e9 },
      ]);
    } finally {
      other.close();
    }
  });

  it('refuses a pack whose unitInferred is anything but true', () => {
    const raw = JSON.parse(JSON.stringify(builtIn())) as { sectorFigures: Record<string, unknown>[] };
    raw.sectorFigures[0]!['unitInferred'] = 'yes';
    expect(() => parsePack(raw, 'bad.json')).toThrow(/bad\.json.*unitInferred|unitInferred/);
  });
});

describe('migration 012 on a database made before it', () => {
  it('marks the built-in figure whose label says the unit was inferred, and leaves the others', () => {
    const path = tmp.file('old.sqlite');
    const old = olderDatabase(path, 11);
    // The pack as the older version loaded it: no unitInferred field, no column.
    const pack = builtIn();
    const insert =
      old.prepare(`INSERT INTO sector_figure (id, reporter, partner, year, flow, label, hs_note, value_usd, period_note, source_id)
      VALUES (?, 'KOR', 'CHN', ?, 'export', ?, ?, ?, ?, 's')`);
    old.prepare("INSERT INTO economy (code, name, kind) VALUES ('KOR', 'South Korea', 'country'), ('CHN', 'China', 'country')").run();
    old.prepare("INSERT INTO source (id, label, publisher, title) VALUES ('s', 'S', 'P', 'T')").run();
    for (const f of pack.sectorFigures!.filter((f) => f.reporter === 'KOR'))
      insert.run(f.key, f.year, f.label, f.hsNote, f.valueUsd, f.periodNote ?? null);
    expect(old.pragma('user_version', { simple: true })).toBe(11);
    old.close();

    const db = openDatabase(path);
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(readMigrations().length);
      expect(db.prepare('SELECT id FROM sector_figure WHERE unit_inferred = 1').pluck().all()).toEqual(['kor-chn-2023-row10']);
      expect(db.prepare('SELECT count(*) FROM sector_figure WHERE unit_inferred = 0').pluck().get()).toBeGreaterThan(20);
    } finally {
      db.close();
    }
  });
});
