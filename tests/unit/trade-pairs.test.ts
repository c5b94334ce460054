/**
 * tradePairs keeps its answer until the database changes: a write through the same connection or through another
 * one (another window's host, an import worker) is seen on the next call.
 */
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/open.ts';
import { tradePairs } from '../../db/trade/queries.ts';
import { tempDir } from '../support/temp.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

describe('tradePairs', () => {
  it('sees pairs written after a first answer, by this connection or another', () => {
    const path = tmp.file('pairs.sqlite');
    const db = openDatabase(path);
    const economy = db.prepare("INSERT INTO economy (code, name, kind) VALUES (?, ?, 'country')");
    for (const [code, name] of [
      ['KOR', 'South Korea'],
      ['CHN', 'China'],
      ['JPN', 'Japan'],
      ['USA', 'United States'],
    ]) {
      economy.run(code, name);
    }
    db.prepare(
      "INSERT INTO source (id, label, publisher, title, published_precision, published_value) VALUES ('s:A', 'A', 'P', 'T', 'year', '2024')",
    ).run();
    const flow = db.prepare(
      "INSERT INTO trade_flow (reporter, partner, year, flow, value_usd, source_id) VALUES (?, ?, 2022, ?, 1e9, 's:A')",
    );
    const pairs = (): string[] =>
      tradePairs(db)
        .map((p) => `${p.reporter.code}-${p.partner.code}:${p.flows}`)
        .sort();

    flow.run('KOR', 'CHN', 'export');
    expect(pairs()).toEqual(['KOR-CHN:1']);
    // The same answer while nothing is written (kept, not read again).
    expect(tradePairs(db)).toEqual(tradePairs(db));

    flow.run('KOR', 'CHN', 'import');
    flow.run('KOR', 'JPN', 'export');
    expect(pairs()).toEqual(['KOR-CHN:2', 'KOR-JPN:1']);

    const other = new Database(path);
    other
      .prepare(
        "INSERT INTO trade_flow (reporter, partner, year, flow, value_usd, source_id) VALUES ('KOR', 'USA', 2022, 'export', 1e9, 's:A')",
      )
      .run();
    other.close();
    expect(pairs()).toEqual(['KOR-CHN:2', 'KOR-JPN:1', 'KOR-USA:1']);
    db.close();
  });
});
