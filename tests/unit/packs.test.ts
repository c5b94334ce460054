import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../db/common/errors.ts';
import { openDatabase, type Db } from '../../db/open.ts';
import { defaultPacksDir } from '../../db/session.ts';
import { loadPack, parsePack, readPackFile } from '../../db/packs/load.ts';
import { tempDir } from '../support/temp.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const firstPackPath = join(defaultPacksDir, 'korea-china-2022.json');
const firstPackRaw = (): Record<string, unknown> => JSON.parse(readFileSync(firstPackPath, 'utf8')) as Record<string, unknown>;

/** Every row of every table, as text: two equal snapshots mean nothing changed. */
function snapshot(db: Db): string {
  const tables = db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[];
  return tables.map((t) => `${t}:${JSON.stringify(db.prepare(`SELECT * FROM "${t}" ORDER BY 1, 2`).all())}`).join('\n');
}

describe('the first briefing pack', () => {
  it('is valid and loads every fact with its source', () => {
    const db = openDatabase(tmp.file('first.sqlite'));
    const { pack } = readPackFile(firstPackPath);
    const result = loadPack(db, pack);
    expect(result.changed).toBe(true);
    const flows = db.prepare('SELECT reporter, partner, year, flow, value_usd, source_id FROM trade_flow ORDER BY flow').all();
    expect(flows).toEqual([
      { reporter: 'CHN', partner: 'KOR', year: 2021, flow: 'export', value_usd: 150.5e9, source_id: 'korea-china-2022:S4' },
      { reporter: 'CHN', partner: 'KOR', year: 2021, flow: 'import', value_usd: 213.5e9, source_id: 'korea-china-2022:S4' },
    ]);
    // The stated total is kept as stated; the balance is not stored anywhere.
    expect(db.prepare('SELECT measure, value_usd FROM stated_figure').all()).toEqual([{ measure: 'total_trade', value_usd: 364.1e9 }]);
    expect(db.prepare("SELECT count(*) FROM stated_figure WHERE measure = 'balance'").pluck().get()).toBe(0);
    // Every sourced row references an existing source.
    for (const table of ['trade_flow', 'stated_figure', 'event', 'project', 'route', 'statement', 'export_plan']) {
      const orphans = db
        .prepare(`SELECT count(*) FROM ${table} t LEFT JOIN source s ON s.id = t.source_id WHERE s.id IS NULL`)
        .pluck()
        .get();
      expect(orphans, table).toBe(0);
    }
    // One batch of 15 projects, five fields, split not reported.
    expect(db.prepare('SELECT project_count, split_reported FROM project').get()).toEqual({ project_count: 15, split_reported: 0 });
    expect(db.prepare('SELECT count(*) FROM project_field').pluck().get()).toBe(5);
    // Month-precision and relative dates stay as the source gives them.
    const events = db.prepare('SELECT id, date_precision, date_value, date_part, rel_weekday, rel_relation FROM event ORDER BY id').all();
    expect(events).toContainEqual({
      id: 'korea-china-2022:export-fair-china',
      date_precision: 'month',
      date_value: '2022-10',
      date_part: null,
      rel_weekday: null,
      rel_relation: null,
    });
    expect(events).toContainEqual({
      id: 'korea-china-2022:green-industry-beijing',
      date_precision: 'month',
      date_value: '2022-09',
      date_part: 'late',
      rel_weekday: null,
      rel_relation: null,
    });
    expect(events).toContainEqual({
      id: 'korea-china-2022:logistics-forum-xian',
      date_precision: 'relative',
      date_value: '2022-08',
      date_part: 'late',
      rel_weekday: 2,
      rel_relation: 'week-of-anchor',
    });
    expect(db.prepare('SELECT count(*) FROM export_plan_sector').pluck().get()).toBe(7);
    expect(db.prepare('SELECT transit_days_min, transit_days_max FROM route').get()).toEqual({
      transit_days_min: 25,
      transit_days_max: 30,
    });
    db.close();
  });

  it('loads idempotently: a second load writes nothing', () => {
    const db = openDatabase(tmp.file('twice.sqlite'));
    const { pack } = readPackFile(firstPackPath);
    loadPack(db, pack);
    const before = snapshot(db);
    const again = loadPack(db, pack);
    expect(again.changed).toBe(false);
    expect(snapshot(db)).toBe(before);
    db.close();
  });

  it('replaces its own rows when a new version of the pack is loaded', () => {
    const db = openDatabase(tmp.file('upgrade.sqlite'));
    const { pack } = readPackFile(firstPackPath);
    loadPack(db, pack);
    const next = { ...pack, version: '1.0.1', statements: pack.statements.slice(0, 1) };
    expect(loadPack(db, next).changed).toBe(true);
    expect(db.prepare('SELECT count(*) FROM statement').pluck().get()).toBe(1);
    expect(db.prepare('SELECT count(*) FROM trade_flow').pluck().get()).toBe(2);
    db.close();
  });

  it('updates its sources in place and removes the ones a new version drops', () => {
    const db = openDatabase(tmp.file('sources.sqlite'));
    const { pack } = readPackFile(firstPackPath);
    loadPack(db, pack);
    // Version 2 drops the route and S5, the source only the route cites, and retitles S1.
    const next = {
      ...pack,
      version: '2.0.0',
      routes: [],
      sources: pack.sources.filter((s) => s.key !== 'S5').map((s) => (s.key === 'S1' ? { ...s, title: 'Retitled' } : s)),
    };
    expect(loadPack(db, next).changed).toBe(true);
    expect(db.prepare("SELECT id FROM source WHERE pack_id = 'korea-china-2022' ORDER BY id").pluck().all()).toEqual([
      'korea-china-2022:S1',
      'korea-china-2022:S2',
      'korea-china-2022:S3',
      'korea-china-2022:S4',
    ]);
    expect(db.prepare("SELECT title FROM source WHERE id = 'korea-china-2022:S1'").pluck().get()).toBe('Retitled');
    expect(db.prepare('SELECT count(*) FROM route').pluck().get()).toBe(0);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });

  it("finds its trade rows by index, as undo and the import history find an import's, not by scanning trade_flow", () => {
    const db = openDatabase(tmp.file('plan.sqlite'));
    const plan = (sql: string): string =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join('; ');
    expect(plan("DELETE FROM trade_flow WHERE pack_id = 'korea-china-2022'")).toMatch(/USING (COVERING )?INDEX trade_flow_pack/);
    expect(plan("SELECT sum(value_usd) FROM trade_flow WHERE pack_id = 'korea-china-2022' AND length(product_code) = 6")).toMatch(
      /USING (COVERING )?INDEX trade_flow_pack/,
    );
    expect(plan('DELETE FROM trade_flow WHERE import_id = 7')).toMatch(/USING (COVERING )?INDEX trade_flow_import/);
    expect(plan('SELECT count(*) FROM trade_flow f WHERE f.import_id = 7')).toMatch(/USING (COVERING )?INDEX trade_flow_import/);
    db.close();
  });

  it("refuses a new version that drops a source the user's own data cites, and changes nothing", () => {
    const db = openDatabase(tmp.file('cited.sqlite'));
    const { pack } = readPackFile(firstPackPath);
    loadPack(db, pack);
    db.prepare(
      "INSERT INTO statement (id, kind, text, source_id) VALUES ('mine', 'claim', 'Typed by the analyst', 'korea-china-2022:S5')",
    ).run();
    const before = snapshot(db);
    const next = { ...pack, version: '2.0.0', routes: [], sources: pack.sources.filter((s) => s.key !== 'S5') };
    expect(() => loadPack(db, next)).toThrowError(
      /Pack korea-china-2022 could not be reloaded: other data still refers to rows of its earlier version/,
    );
    expect(snapshot(db)).toBe(before);
    db.close();
  });
});

describe('a malformed pack', () => {
  function expectRejected(raw: unknown, pattern: RegExp): ApiError {
    try {
      parsePack(raw, 'colleague.json');
    } catch (error) {
      expect(error).toBeInstanceOf(ApiError);
      expect((error as ApiError).code).toBe('invalid-pack');
      expect((error as ApiError).message).toMatch(/^colleague\.json is not a valid briefing pack/);
      expect((error as ApiError).message).toMatch(pattern);
      return error as ApiError;
    }
    throw new Error('the pack was accepted');
  }

  it('names the field of a wrong value', () => {
    const raw = firstPackRaw();
    (raw['tradeFlows'] as { year: unknown }[])[1]!.year = 1850;
    expectRejected(raw, /tradeFlows\[1\]\.year/);
  });

  it('names a reference to an unknown source', () => {
    const raw = firstPackRaw();
    (raw['events'] as { source: string }[])[2]!.source = 'S9';
    expectRejected(raw, /events\[2\]\.source: unknown source "S9"/);
  });

  it('rejects an unknown field instead of dropping it silently', () => {
    const raw = firstPackRaw();
    (raw['projects'] as Record<string, unknown>[])[0]!['budget'] = 10;
    expectRejected(raw, /projects\[0\]/);
  });

  it('rejects a truncated file, names it, and leaves the database exactly as it was', () => {
    const db = openDatabase(tmp.file('untouched.sqlite'));
    loadPack(db, readPackFile(firstPackPath).pack);
    const before = snapshot(db);
    const truncated = tmp.file('truncated.json');
    writeFileSync(truncated, readFileSync(firstPackPath, 'utf8').slice(0, 2000));
    expect(() => readPackFile(truncated)).toThrowError(/truncated\.json is not valid JSON/);
    const wrong = tmp.file('wrong.json');
    const raw = firstPackRaw();
    (raw['tradeFlows'] as { valueUsd: unknown }[])[0]!.valueUsd = -5;
    raw['version'] = '2.0.0';
    writeFileSync(wrong, JSON.stringify(raw));
    expect(() => readPackFile(wrong)).toThrowError(/wrong\.json is not a valid briefing pack: tradeFlows\[0\]\.valueUsd/);
    expect(snapshot(db)).toBe(before);
    db.close();
  });

  it('writes nothing when the database refuses part of a load', () => {
    const db = openDatabase(tmp.file('rollback.sqlite'));
    const { pack } = readPackFile(firstPackPath);
    // Valid for the schema, but a sector row that violates the table's HS-code check stops the write midway.
    const broken = { ...pack, id: 'broken', sectors: [{ key: 'x', name: 'X', hs: [{ code: '12' }, { code: '12' }] }] };
    const before = snapshot(db);
    expect(() => loadPack(db, broken)).toThrow();
    expect(snapshot(db)).toBe(before);
    db.close();
  });
});
