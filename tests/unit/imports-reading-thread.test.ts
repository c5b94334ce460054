/**
 * A large file is read and checked in a thread of its own (db/imports/scan.ts, scanInThread) while
 * the importer stages its rows. Whichever thread reads, the import must write the same rows, the
 * same summary and the same report; an error met while reading must come back as the same clear
 * error, and cancel must leave the database as it was.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { XlsxFileWriter } from '../../db/exports/xlsx-writer.ts';
import { importFile, previewFile } from '../../db/imports/importer.ts';
import { openDatabase, type Db } from '../../db/open.ts';
import { storedHsSummary } from '../support/hs-summary.ts';
import { generate } from '../support/comtrade-like.ts';
import { snapshot } from '../support/db-snapshot.ts';
import { tempDir } from '../support/temp.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
const fixture = (name: string): string => new URL(`../fixtures/imports/${name}`, import.meta.url).pathname;
let n = 0;
const freshDb = (): Db => openDatabase(tmp.file(`db${++n}.sqlite`));

/** Everything an import wrote, without what differs by run (times, ids of the run). */
function written(db: Db): unknown {
  return {
    flows: db
      .prepare('SELECT reporter, partner, year, month, flow, product_code, value_usd, source_id FROM trade_flow ORDER BY id')
      .raw()
      .all(),
    economies: db.prepare('SELECT code, name, kind FROM economy ORDER BY code').raw().all(),
    summary: storedHsSummary(db),
    run: db.prepare('SELECT file_hash, rows_read, rows_added, rows_skipped, problem_count, skipped_by_reason FROM import_run').raw().all(),
    // The import skips SQLite's per-row foreign-key lookups: every reference must still hold.
    foreignKeyProblems: db.pragma('foreign_key_check'),
  };
}

describe('the reading thread', () => {
  it("writes the same rows, summary and report as reading in the importer's own thread", () => {
    const big = tmp.file('big.csv');
    generate(big, 20_000);
    for (const path of [big, fixture('comtrade-current.csv'), fixture('wits-raw.csv')]) {
      const a = freshDb();
      const b = freshDb();
      const inline = importFile(a, { path, onlyValidRows: true, userName: 't', readingThread: false });
      const threaded = importFile(b, { path, onlyValidRows: true, userName: 't', readingThread: true, chunkSize: 4096 });
      expect(threaded.rowsAdded).toBeGreaterThan(0);
      const strip = ({ durationMs: _d, ...rest }: typeof inline) => rest;
      expect(strip(threaded)).toEqual(strip(inline));
      expect(written(b)).toEqual(written(a));
      expect(a.pragma('foreign_key_check')).toEqual([]);
      expect(a.pragma('foreign_keys', { simple: true })).toBe(1); // back on after the import
      a.close();
      b.close();
    }
  });

  it('"nothing if any row has a problem" holds when the problem is met in the reading thread', () => {
    const db = freshDb();
    const before = snapshot(db);
    const s = importFile(db, { path: fixture('comtrade-current.csv'), onlyValidRows: false, userName: 't', readingThread: true });
    expect(s.outcome).toBe('nothing');
    expect(s.problemCount).toBe(2);
    expect(snapshot(db)).toBe(before);
    db.close();
  });

  it('an error met in the reading thread comes back named, and nothing is written', () => {
    const db = freshDb();
    // A workbook whose sheet is damaged far from its start: the header reads, the damage is met by the reading thread.
    const broken = tmp.file('broken.xlsx');
    const w = new XlsxFileWriter(broken);
    w.addSheet('Trade', ['Country', 'Partner country', 'Year', 'Direction', 'HS code', 'Value', 'Unit']);
    for (let i = 0; i < 20_000; i++)
      w.write(['KOR', 'CHN', 2000 + (i % 20), i % 2 ? 'Export' : 'Import', String(10101 + i).padStart(6, '0'), i * 10, 'USD']);
    w.close();
    const bytes = readFileSync(broken);
    const start = bytes.indexOf(Buffer.from('xl/worksheets/sheet1.xml'));
    const end = bytes.indexOf(Buffer.from('PK\x03\x04', 'latin1'), start);
    const at = start + Math.floor((end - start) * 0.8);
    bytes[at] = (bytes[at] ?? 0) ^ 0xff;
    writeFileSync(broken, bytes);
    const mapping = {
      reporter: 'Country',
      partner: 'Partner country',
      year: 'Year',
      flow: 'Direction',
      product: 'HS code',
      value: 'Value',
      unit: 'Unit',
    };
    const before = snapshot(db);
    let error: unknown;
    let progressed = 0;
    try {
      importFile(db, {
        path: broken,
        mapping,
        onlyValidRows: true,
        userName: 't',
        readingThread: true,
        onProgress: () => {
          progressed++;
        },
      });
    } catch (e) {
      error = e;
    }
    expect(progressed).toBeGreaterThan(0); // rows were read (in the thread) before the damage
    expect(error).toMatchObject({ code: 'invalid-file' });
    expect((error as Error).message).toMatch(/broken\.xlsx cannot be read: .*sheet1\.xml/);
    expect(snapshot(db)).toBe(before);
    db.close();
  });

  it('cancel while the reading thread runs leaves the database as it was', () => {
    const db = freshDb();
    const big = tmp.file('cancel.csv');
    generate(big, 50_000);
    const before = snapshot(db);
    let batches = 0;
    expect(() =>
      importFile(db, {
        path: big,
        onlyValidRows: true,
        userName: 't',
        readingThread: true,
        chunkSize: 8192,
        isCancelled: () => batches > 3,
        onProgress: () => {
          batches++;
        },
      }),
    ).toThrow(/cancelled/);
    expect(snapshot(db)).toBe(before);
    // The same connection imports afterwards: no transaction or staging table was left behind.
    expect(importFile(db, { path: big, onlyValidRows: true, userName: 't', readingThread: true }).rowsAdded).toBe(50_000);
    db.close();
  });

  it("the preview of a large file reads it in the importer's thread and agrees with the import", () => {
    const db = freshDb();
    const big = tmp.file('preview.csv');
    generate(big, 5_000);
    const p = previewFile(db, { path: big });
    const s = importFile(db, { path: big, onlyValidRows: true, userName: 't', readingThread: true });
    expect([p.rowsRead, p.rowsValid, p.fileHash]).toEqual([s.rowsRead, s.rowsValid, s.fileHash]);
    db.close();
  });
});
