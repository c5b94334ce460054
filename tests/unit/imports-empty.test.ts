import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { importFile } from '../../db/imports/importer.ts';
import { openDatabase } from '../../db/open.ts';
import { snapshot } from '../support/db-snapshot.ts';
import { tempDir } from '../support/temp.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
const comtrade = fileURLToPath(new URL('../fixtures/imports/comtrade-current.csv', import.meta.url));
const [header, ...rows] = readFileSync(comtrade, 'utf8')
  .split(/\r?\n/)
  .filter((l) => l.length > 0);

/** Imports a file made of the Comtrade fixture's header and the given lines into a fresh database; checks nothing changed. */
function importLines(name: string, lines: string[], onlyValidRows = true) {
  const db = openDatabase(tmp.file(`${name}.sqlite`));
  const before = snapshot(db);
  const file = tmp.file(`${name}.csv`);
  writeFileSync(file, `${[header, ...lines].join('\n')}\n`);
  const summary = importFile(db, { path: file, onlyValidRows, userName: 'tester' });
  const unchanged = snapshot(db) === before;
  const runs = db.prepare('SELECT count(*) FROM import_run').pluck().get();
  const sources = db.prepare("SELECT count(*) FROM source WHERE id LIKE 'import:%'").pluck().get();
  db.close();
  return { summary, unchanged, runs, sources };
}

describe('an import with no row to import changes nothing and says why', () => {
  it('a header and no rows: no import run, no source', () => {
    const r = importLines('header-only', []);
    expect(r.summary).toMatchObject({
      outcome: 'no-rows',
      reason: 'The file has a header and no rows.',
      rowsRead: 0,
      rowsAdded: 0,
      importId: null,
      sourceId: null,
    });
    expect(r).toMatchObject({ unchanged: true, runs: 0, sources: 0 });
  });

  it('only invalid rows: "no valid rows" with the number of problems, whichever import mode', () => {
    // Values that are not numbers: every row has a problem.
    const value = header!.split(',').indexOf('primaryValue');
    const bad = rows.slice(0, 3).map((l) => {
      const f = l.split(',');
      f[value] = 'not-a-number';
      return f.join(',');
    });
    for (const onlyValidRows of [true, false]) {
      const r = importLines(`invalid-${String(onlyValidRows)}`, bad, onlyValidRows);
      expect(r.summary.outcome).toBe('no-rows');
      expect(r.summary.problemCount).toBe(3);
      expect(r.summary.reason).toBe('No valid rows: 3 problems.');
      expect(r).toMatchObject({ unchanged: true, runs: 0, sources: 0 });
    }
  });

  it('rows that are all skipped (breakdown rows) say so by reason', () => {
    // partner2 ≠ World: a breakdown row, skipped rather than invalid.
    const breakdown = rows.slice(0, 2).map((l) => {
      const f = l.split(',');
      f[14] = '410';
      f[15] = 'KOR';
      return f.join(',');
    });
    const r = importLines('breakdown', breakdown);
    expect(r.summary.outcome).toBe('no-rows');
    expect(r.summary.reason).toMatch(/^No rows to import: all 2 rows were skipped \(2 breakdown row/);
    expect(r).toMatchObject({ unchanged: true, runs: 0, sources: 0 });
  });

  it('one valid row is imported as before', () => {
    const r = importLines('one-row', rows.slice(0, 1));
    expect(r.summary).toMatchObject({ outcome: 'imported', reason: null, rowsAdded: 1 });
    expect(r).toMatchObject({ unchanged: false, runs: 1, sources: 1 });
  });
});
