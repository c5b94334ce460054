/**
 * The import stages its rows in a temporary table whose CHECKs restate trade_flow's, and then moves
 * them into trade_flow without evaluating trade_flow's CHECKs again (db/imports/importer.ts). That is
 * only sound if the staging table refuses every row trade_flow would refuse: compared here value by
 * value on the edges of each rule, against the real trade_flow of a migrated database.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createStagingTable, importFile } from '../../db/imports/importer.ts';
import { openDatabase } from '../../db/open.ts';
import { generate } from '../support/comtrade-like.ts';
import { tempDir } from '../support/temp.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

type Row = [year: unknown, month: unknown, flow: unknown, product: unknown, value: unknown];
const valid: Row = [2020, null, 'export', '010101', 5];

/** Each value on and around the edges of its column's rule, put into an otherwise valid row. */
const edges: unknown[][] = [
  [1899, 1900, 2100, 2101, 2020.5, -1, '2020', 'x'],
  [0, 1, 12, 13, -1, 6.5, '7', 'May'],
  ['export', 'import', 're-export', 're-import', 'Export', 'reexport', 'X', '', 'export '],
  ['TOTAL', 'total', '01', '0101', '010101', '1', '123', '12345', '1234567', '01a1', '0x0101', '', '  0101', 2710, '٠١٠١'],
  [0, 5, -0.01, -5, 1e300, '12', 'n/a'],
];

describe('the staging table', () => {
  it('refuses exactly the rows trade_flow refuses', () => {
    const db = openDatabase(tmp.file('edges.sqlite'));
    db.exec(`INSERT INTO source (id, label, publisher, title) VALUES ('t', 'T', 'Test', 'Edges');
      INSERT INTO economy (code, name, kind) VALUES ('KOR', 'Korea', 'country'), ('CHN', 'China', 'country') ON CONFLICT DO NOTHING`);
    createStagingTable(db);
    const intoTradeFlow = db.prepare(
      `INSERT INTO trade_flow (reporter, partner, year, month, flow, product_code, value_usd, source_id) VALUES ('KOR', 'CHN', ?, ?, ?, ?, ?, 't')`,
    );
    const intoStage = db.prepare(`INSERT INTO temp.import_stage VALUES ('KOR', 'CHN', ?, ?, ?, ?, ?)`);
    const accepted = (insert: typeof intoStage, row: Row): boolean => {
      db.exec('SAVEPOINT probe');
      try {
        insert.run(...row);
        return true;
      } catch {
        return false;
      } finally {
        db.exec('ROLLBACK TO probe; RELEASE probe');
      }
    };
    expect(accepted(intoTradeFlow, valid)).toBe(true);
    let refused = 0;
    for (const [column, values] of edges.entries()) {
      for (const value of values) {
        const row = [...valid] as Row;
        row[column] = value;
        const byTradeFlow = accepted(intoTradeFlow, row);
        if (!byTradeFlow) refused++;
        expect({ row, staged: accepted(intoStage, row) }).toEqual({ row, staged: byTradeFlow });
      }
    }
    // The edges do reach both sides of every rule.
    expect(refused).toBeGreaterThan(20);
    db.close();
  });

  it("leaves trade_flow's CHECKs on after an import", () => {
    const db = openDatabase(tmp.file('after.sqlite'));
    const csv = tmp.file('rows.csv');
    generate(csv, 500);
    expect(importFile(db, { path: csv, onlyValidRows: true, userName: 't' }).rowsAdded).toBe(500);
    expect(db.pragma('ignore_check_constraints', { simple: true })).toBe(0);
    expect(() =>
      db
        .prepare(
          `INSERT INTO trade_flow (reporter, partner, year, flow, product_code, value_usd, source_id)
          SELECT 'KOR', 'KOR', 2020, 'sideways', 'TOTAL', 1, id FROM source LIMIT 1`,
        )
        .run(),
    ).toThrow(/CHECK constraint failed/);
    db.close();
  });
});
