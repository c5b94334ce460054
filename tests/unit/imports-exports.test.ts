import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../db/dispatch.ts';
import { csvCell, csvLine } from '../../db/exports/csv-writer.ts';
import { buildPack } from '../../db/exports/pack.ts';
import { readCsvAll } from '../../db/imports/csv.ts';
import { importFile } from '../../db/imports/importer.ts';
import { openDatabase } from '../../db/open.ts';
import { openSession, type Session } from '../../db/session.ts';
import { tempDir } from '../support/temp.ts';

const tmp = tempDir();
const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/imports/${name}`, import.meta.url));
let session: Session;

beforeAll(() => {
  session = openSession({ path: tmp.file('app.sqlite') });
  importFile(session.db, { path: fixture('comtrade-current.csv'), onlyValidRows: true, userName: 't' });
});
afterAll(() => {
  session.close();
  tmp.cleanup();
});

async function call<T>(method: string, input: unknown): Promise<T> {
  const envelope = await dispatch(session.handlers, method, input);
  if (!envelope.ok) throw new Error(envelope.error.message);
  return envelope.data as T;
}

/** Rows of a table without ids and pack ids (they are renamed by a round trip), sorted. */
function content(db: ReturnType<typeof openDatabase>, sql: string): string[] {
  return (db.prepare(sql).raw().all() as unknown[][]).map((r) => JSON.stringify(r)).sort();
}

describe('briefing packs out and in', () => {
  it('round trip is exact: export, import into an empty database, export again gives the same pack and the same rows', async () => {
    const first = tmp.file('export-1.json');
    const out = await call<{ counts: Record<string, number> }>('exportPack', { path: first, id: 'exported', title: 'Round trip' });
    expect(out.counts['tradeFlows']).toBe(session.db.prepare('SELECT count(*) FROM trade_flow WHERE import_id IS NULL').pluck().get());
    expect(out.counts['sources']).toBeGreaterThan(3);

    // An empty database (schema only, no default packs), served through the contract.
    openDatabase(tmp.file('bare.sqlite')).close();
    const b = openSession({ path: tmp.file('bare.sqlite') });
    expect(b.db.prepare('SELECT count(*) FROM trade_flow').pluck().get()).toBe(0);
    const loaded = await dispatch(b.handlers, 'importPack', { path: first });
    expect(loaded.ok).toBe(true);
    const again = buildPack(b.db, { id: 'exported', title: 'Round trip', version: '1.0.0' });
    expect(again).toEqual(JSON.parse(readFileSync(first, 'utf8')));

    const a = session.db;
    for (const sql of [
      'SELECT reporter, partner, year, month, flow, product_code, value_usd, series, note FROM trade_flow WHERE import_id IS NULL',
      "SELECT label, publisher, title, published_precision, published_value, published_note, url, note FROM source WHERE id NOT LIKE 'import:%'",
      'SELECT code, name, kind, parent_code, region_label FROM economy',
      'SELECT reporter, partner, year, measure, value_usd, note FROM stated_figure',
      'SELECT name, description FROM sector',
      'SELECT hs_code, description, note FROM sector_hs',
      'SELECT title, project_count, partner_code, status, signed_precision, signed_value, signed_part, value_usd, split_reported, note FROM project',
      'SELECT kind, title, place_text, country_code, date_precision, date_value, date_part, rel_weekday, rel_relation, note FROM event',
      'SELECT name, transit_days_min, transit_days_max, transit_basis, note FROM route',
      'SELECT kind, text FROM statement',
      'SELECT title, audience, classification FROM briefing',
    ]) {
      expect(content(b.db, sql), sql).toEqual(content(a, sql));
    }
    b.close();
  });

  it('refuses to overwrite an existing file unless asked', async () => {
    const path = tmp.file('exists.json');
    writeFileSync(path, 'mine');
    await expect(call('exportPack', { path })).rejects.toThrow(/exists\.json already exists/);
    await call('exportPack', { path, overwrite: true });
    expect(readFileSync(path, 'utf8')).toContain('"format": "tradebrief-pack"');
  });
});

describe('CSV export', () => {
  it('neutralises formula injection and quotes per RFC 4180', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-cmd')).toBe("'-cmd");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell('\rx')).toBe(`"'\rx"`);
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
    expect(csvCell(null)).toBe('');
    expect(csvLine(['a', 1])).toBe('a,1\r\n');
  });

  it('exports trade flows with a filter, readable back by the importer’s reader', async () => {
    const path = tmp.file('flows.csv');
    session.db.prepare("UPDATE trade_flow SET note = '=cmd|'' /C calc''!A0' WHERE partner = 'VNM' AND import_id IS NOT NULL").run();
    // The imported file's row for Vietnam (the korea-world-trade pack gives Vietnam too, from another source).
    const sourceId = session.db.prepare("SELECT source_id FROM trade_flow WHERE partner = 'VNM' AND import_id IS NOT NULL").pluck().get() as string;
    const res = await call<{ rows: number }>('exportTradeCsv', { path, partner: 'VNM', sourceId });
    expect(res.rows).toBe(1);
    const { header, rows } = readCsvAll(path);
    expect(header.slice(0, 9)).toEqual(['reporter', 'reporter_name', 'partner', 'partner_name', 'year', 'month', 'flow', 'product_code', 'value_usd']);
    const name = (code: string): unknown => session.db.prepare('SELECT name FROM economy WHERE code = ?').pluck().get(code);
    expect(rows[0]?.fields.slice(0, 9)).toEqual(['KOR', name('KOR'), 'VNM', name('VNM'), '2022', '', 'export', 'TOTAL', '60900000000']);
    expect(rows[0]?.fields[15]).toBe("'=cmd|' /C calc'!A0");
    const all = await call<{ rows: number }>('exportTradeCsv', { path: tmp.file('all.csv'), yearFrom: 2022, yearTo: 2022, flow: 'export' });
    expect(all.rows).toBe(session.db.prepare("SELECT count(*) FROM trade_flow WHERE year = 2022 AND flow = 'export'").pluck().get());
  });

  it('exports any table of the model', async () => {
    const path = tmp.file('sources.csv');
    const res = await call<{ rows: number }>('exportTableCsv', { path, table: 'source' });
    expect(res.rows).toBe(session.db.prepare('SELECT count(*) FROM source').pluck().get());
    expect(readCsvAll(path).header).toContain('publisher');
    await expect(call('exportTableCsv', { path: tmp.file('x.csv'), table: 'sqlite_schema' })).rejects.toThrow(/Invalid input/);
  });
});

describe('database files', () => {
  it('saves a consistent copy with the backup API, which opens as a Tradebrief database', async () => {
    const path = tmp.file('copy.sqlite');
    const res = await call<{ bytes: number }>('saveCopyAs', { path });
    expect(res.bytes).toBeGreaterThan(4096);
    const copy = openDatabase(path);
    expect(copy.prepare('SELECT count(*) FROM trade_flow').pluck().get()).toBe(session.db.prepare('SELECT count(*) FROM trade_flow').pluck().get());
    copy.close();
    await expect(call('saveCopyAs', { path: session.path })).rejects.toThrow(/open database itself/);
  });
});
