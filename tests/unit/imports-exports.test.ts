import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupsDir } from '../../db/backup.ts';
import { dispatch } from '../../db/dispatch.ts';
import { csvCell, csvLine } from '../../db/exports/csv-writer.ts';
import { dashboardExportInput } from '../../db/exports/contract.ts';
import { dashboardTables } from '../../db/dashboards/data.ts';
import { buildPack } from '../../db/exports/pack.ts';
import { readCsvAll } from '../../db/imports/csv.ts';
import { importFile } from '../../db/imports/importer.ts';
import { openDatabase } from '../../db/open.ts';
import { openSession, type Session } from '../../db/session.ts';
import { chosen, saveTo, UNKNOWN_HANDLE, watchingReplace } from '../support/chosen-files.ts';
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
  if (!envelope.ok) throw Object.assign(new Error(envelope.error.message), { code: envelope.error.code });
  return envelope.data as T;
}
const gone = { code: 'not-found', message: expect.stringMatching(/no longer available/) };

/** Rows of a table without ids and pack ids (they are renamed by a round trip), sorted. */
function content(db: ReturnType<typeof openDatabase>, sql: string): string[] {
  return (db.prepare(sql).raw().all() as unknown[][]).map((r) => JSON.stringify(r)).sort();
}

describe('briefing packs out and in', () => {
  it('round trip is exact: export, import into an empty database, export again gives the same pack and the same rows', async () => {
    const first = tmp.file('export-1.json');
    const out = await call<{ counts: Record<string, number> }>('exportPack', {
      target: saveTo(session, first),
      id: 'exported',
      title: 'Round trip',
      includeImported: false,
    });
    expect(out.counts['tradeFlows']).toBe(session.db.prepare('SELECT count(*) FROM trade_flow WHERE import_id IS NULL').pluck().get());
    expect(out.counts['sources']).toBeGreaterThan(3);

    // An empty database (schema only, no default packs), served through the contract.
    openDatabase(tmp.file('bare.sqlite')).close();
    const b = openSession({ path: tmp.file('bare.sqlite') });
    expect(b.db.prepare('SELECT count(*) FROM trade_flow').pluck().get()).toBe(0);
    // A handle belongs to the session whose host gave it out.
    expect(await dispatch(b.handlers, 'importPack', { file: chosen(session, first) })).toMatchObject({ ok: false, error: gone });
    const file = chosen(b, first);
    const loaded = await dispatch(b.handlers, 'importPack', { file });
    expect(loaded.ok).toBe(true);
    const again = buildPack(b.db, { id: 'exported', title: 'Round trip', version: '1.0.0', includeImported: false });
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

  it('includes imported figures by default: loaded into a new database, every dashboard shows the same figures', async () => {
    const file = tmp.file('with-imports.json');
    const out = await call<{ counts: Record<string, number> }>('exportPack', {
      target: saveTo(session, file),
      id: 'colleague',
      title: 'Everything',
    });
    expect(out.counts['tradeFlows']).toBe(session.db.prepare('SELECT count(*) FROM trade_flow').pluck().get());
    expect(session.db.prepare('SELECT count(*) FROM trade_flow WHERE import_id IS NOT NULL').pluck().get()).toBeGreaterThan(0);

    openDatabase(tmp.file('fresh.sqlite')).close();
    const b = openSession({ path: tmp.file('fresh.sqlite'), today: '2026-11-29' });
    try {
      expect(await dispatch(b.handlers, 'importPack', { file: chosen(b, file) })).toMatchObject({ ok: true, data: { changed: true } });
      expect(b.db.pragma('foreign_key_check')).toEqual([]);
      expect(b.db.prepare('SELECT count(*) FROM import_run').pluck().get()).toBe(0);
      const a = openSession({ path: tmp.file('app.sqlite'), today: '2026-11-29' });
      try {
        const pairs = await a.handlers.tradePairs({});
        expect(pairs.length).toBeGreaterThan(1);
        expect(await b.handlers.tradePairs({})).toEqual(pairs);
        // Every pair with imported figures or with China, and a dozen others spread over the list (the world pack's
        // 259 partners of Korea read alike; all of them made this test a minute long on a loaded machine).
        const imported = new Set(
          a.db.prepare('SELECT DISTINCT reporter || partner FROM trade_flow WHERE import_id IS NOT NULL').pluck().all() as string[],
        );
        const step = Math.ceil(pairs.length / 12);
        const checkedPairs = pairs.filter(
          (p, i) =>
            imported.has(p.reporter.code + p.partner.code) || p.reporter.code === 'CHN' || p.partner.code === 'CHN' || i % step === 0,
        );
        expect(checkedPairs.length).toBeLessThan(pairs.length);
        const requests: unknown[] = [
          { dashboard: 'overview', filters: {} },
          { dashboard: 'projects', filters: {} },
          { dashboard: 'events', filters: {} },
          { dashboard: 'logistics', filters: {} },
          ...checkedPairs.flatMap((p) => [
            { dashboard: 'trade', filters: { reporter: p.reporter.code, partner: p.partner.code } },
            { dashboard: 'sectors', filters: { reporter: p.reporter.code, partner: p.partner.code } },
            { dashboard: 'overview', filters: { reporter: p.reporter.code, partner: p.partner.code } },
          ]),
        ];
        // Every table of every dashboard, as exported: figures with their sources named by label, publisher and title.
        const shown = async (ctx: Session['context'], request: unknown) =>
          (await dashboardTables(ctx, dashboardExportInput.parse({ ...(request as object), target: UNKNOWN_HANDLE, format: 'csv' }))).map(
            (t) => ({ name: t.name, header: t.header, rows: [...t.rows()] }),
          );
        let figures = 0;
        for (const request of requests) {
          const expected = await shown(a.context, request);
          figures += expected.reduce((n, t) => n + t.rows.length, 0);
          expect(await shown(b.context, request), JSON.stringify(request)).toEqual(expected);
        }
        expect(figures).toBeGreaterThan(50);
        // The Sources list: the same sources, cited by as many figures (ids differ: they are the new pack's).
        const sources = async (s: Session) =>
          (await s.handlers.listSources({}))
            .map((u) =>
              JSON.stringify([
                u.source.label,
                u.source.publisher,
                u.source.title,
                u.tradeFlows,
                u.statedFigures,
                u.sectorFigures,
                u.events.length,
              ]),
            )
            .sort();
        expect(await sources(b)).toEqual(await sources(a));
      } finally {
        a.close();
      }
    } finally {
      b.close();
    }
  });

  it('refuses pack ids the app uses for its own rows', async () => {
    for (const id of ['import', 'user']) {
      await expect(call('exportPack', { target: saveTo(session, tmp.file(`${id}.json`)), id })).rejects.toThrow(
        new RegExp(`"${id}" is an id the app uses for its own rows`),
      );
    }
  });

  it('refuses to overwrite an existing file unless asked', async () => {
    const path = tmp.file('exists.json');
    writeFileSync(path, 'mine');
    // The Save dialog asked the user: there is no overwrite flag any more.
    await expect(call('exportPack', { target: saveTo(session, path), overwrite: true })).rejects.toMatchObject({ code: 'invalid-input' });
    const failed = await watchingReplace(
      () =>
        call('exportPack', { target: saveTo(session, path) }).then(
          () => 'written',
          (e: { code: string }) => e.code,
        ),
      { failRename: true },
    );
    expect(failed.result).not.toBe('written');
    expect(readFileSync(path, 'utf8')).toBe('mine');
    const { result, replaces } = await watchingReplace(() => call<{ name: string }>('exportPack', { target: saveTo(session, path) }));
    expect(result.name).toBe('exists.json');
    expect(replaces.map((r) => [r.target, r.targetBefore?.toString()])).toEqual([[path, 'mine']]);
    expect(replaces[0]!.tempBytes).toBe(readFileSync(path).length);
    expect(readFileSync(path, 'utf8')).toContain('"format": "tradebrief-pack"');
    // No temporary file is left beside it, whether the write failed or not.
    expect(readdirSync(tmp.dir).filter((f) => f.includes('exists'))).toEqual(['exists.json']);
  });

  it('a write handle is used once; an unknown handle, or a file chosen for reading, is no longer available', async () => {
    const path = tmp.file('once.json');
    const target = saveTo(session, path);
    await call('exportPack', { target });
    writeFileSync(path, 'kept');
    await expect(call('exportPack', { target })).rejects.toMatchObject(gone);
    await expect(call('exportPack', { target: UNKNOWN_HANDLE })).rejects.toMatchObject(gone);
    await expect(call('exportPack', { target: chosen(session, path) })).rejects.toMatchObject(gone);
    expect(readFileSync(path, 'utf8')).toBe('kept');
    // A path is not a handle.
    await expect(call('exportPack', { target: path })).rejects.toMatchObject({ code: 'invalid-input' });
    await expect(call('importPack', { file: path })).rejects.toMatchObject({ code: 'invalid-input' });
  });

  it('a pack file that is not there cannot be chosen; a write handle is not a file to read', async () => {
    expect(() => chosen(session, tmp.file('nope.json'))).toThrowError(
      expect.objectContaining({ code: 'not-found', message: 'nope.json cannot be read: ENOENT.' }),
    );
    expect(() => chosen(session, tmp.dir)).toThrowError(
      expect.objectContaining({ code: 'invalid-file', message: expect.stringMatching(/is not a file/) }),
    );
    await expect(call('importPack', { file: saveTo(session, tmp.file('export-1.json')) })).rejects.toMatchObject(gone);
    await expect(call('importPack', { file: UNKNOWN_HANDLE })).rejects.toMatchObject(gone);
  });
});

describe('CSV export', () => {
  it('quotes fields holding , ; or a tab, and no cell starts a formula when a spreadsheet splits on ; or tab', () => {
    expect(csvCell('a;b')).toBe('"a;b"');
    expect(csvCell('a\tb')).toBe('"a\tb"');
    expect(csvCell('ACME;=1+1')).toBe(`"ACME;'=1+1"`);
    expect(csvCell('Korea, Rep.')).toBe('"Korea, Rep."');
    expect(csvCell('Jan–Nov; about 40%')).toBe('"Jan–Nov; about 40%"');
    // A cell that would start with a space is text: analysts' notes keep their wording.
    expect(csvCell('USD 133,026 million; +6.6% y/y')).toBe('"USD 133,026 million; +6.6% y/y"');
    /**
     * How a spreadsheet whose list separator is `sep` reads a line: a field that begins with a quote runs to its
     * closing quote; any other field runs to the next separator, quotes included as text.
     */
    const cellsAs = (line: string, sep: string): string[] => {
      const cells: string[] = [];
      let i = 0;
      while (i <= line.length) {
        if (line[i] === '"') {
          let text = '';
          for (i++; i < line.length; i++) {
            if (line[i] === '"' && line[i + 1] === '"') {
              text += '"';
              i++;
            } else if (line[i] === '"') {
              i++;
              break;
            } else text += line[i];
          }
          const end = line.indexOf(sep, i);
          cells.push(text + line.slice(i, end < 0 ? line.length : end));
          i = end < 0 ? line.length + 1 : end + 1;
        } else {
          const end = line.indexOf(sep, i);
          cells.push(line.slice(i, end < 0 ? line.length : end));
          i = end < 0 ? line.length + 1 : end + 1;
        }
      }
      return cells;
    };
    const hostile = ['ACME;=1+1', 'x;+SUM(A1)', 'a,=2*3', 'tab\t@cmd', 'q";=HYPERLINK(""http://x"")', 'x; -2+3', 'a;"=1'];
    for (const text of hostile) {
      const line = csvLine(['KOR', text, 12.5, text]).replace(/\r\n$/, '');
      for (const sep of [',', ';', '\t']) {
        for (const cell of cellsAs(line, sep))
          expect(cell, `${JSON.stringify(text)} split on ${JSON.stringify(sep)}: ${line}`).not.toMatch(/^[=+\-@]/);
      }
    }
  });

  it('neutralises formula injection and quotes per RFC 4180', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-cmd')).toBe("'-cmd");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tx')).toBe(`"'\tx"`);
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
    const sourceId = session.db
      .prepare("SELECT source_id FROM trade_flow WHERE partner = 'VNM' AND import_id IS NOT NULL")
      .pluck()
      .get() as string;
    const res = await call<{ name: string; rows: number }>('exportTradeCsv', { target: saveTo(session, path), partner: 'VNM', sourceId });
    expect(res).toEqual({ name: 'flows.csv', rows: 1 });
    const { header, rows } = readCsvAll(path);
    expect(header.slice(0, 9)).toEqual([
      'reporter',
      'reporter_name',
      'partner',
      'partner_name',
      'year',
      'month',
      'flow',
      'product_code',
      'value_usd',
    ]);
    const name = (code: string): unknown => session.db.prepare('SELECT name FROM economy WHERE code = ?').pluck().get(code);
    expect(rows[0]?.fields.slice(0, 9)).toEqual(['KOR', name('KOR'), 'VNM', name('VNM'), '2022', '', 'export', 'TOTAL', '60900000000']);
    expect(rows[0]?.fields[15]).toBe("'=cmd|' /C calc'!A0");
    const all = await call<{ rows: number }>('exportTradeCsv', {
      target: saveTo(session, tmp.file('all.csv')),
      yearFrom: 2022,
      yearTo: 2022,
      flow: 'export',
    });
    expect(all.rows).toBe(session.db.prepare("SELECT count(*) FROM trade_flow WHERE year = 2022 AND flow = 'export'").pluck().get());
  });

  it('exports any table of the model', async () => {
    const path = tmp.file('sources.csv');
    const res = await call<{ name: string; rows: number }>('exportTableCsv', { target: saveTo(session, path), table: 'source' });
    expect(res).toEqual({ name: 'sources.csv', rows: session.db.prepare('SELECT count(*) FROM source').pluck().get() });
    expect(readCsvAll(path).header).toContain('publisher');
    await expect(call('exportTableCsv', { target: saveTo(session, tmp.file('x.csv')), table: 'sqlite_schema' })).rejects.toThrow(
      /Invalid input/,
    );
    expect(existsSync(tmp.file('x.csv'))).toBe(false);
  });
});

describe('database files', () => {
  it('saves a consistent copy with the backup API, which opens as a Tradebrief database', async () => {
    const path = tmp.file('copy.sqlite');
    const res = await call<{ name: string; bytes: number }>('saveCopyAs', { target: saveTo(session, path) });
    expect(res.name).toBe('copy.sqlite');
    expect(res.bytes).toBeGreaterThan(4096);
    const copy = openDatabase(path);
    expect(copy.prepare('SELECT count(*) FROM trade_flow').pluck().get()).toBe(
      session.db.prepare('SELECT count(*) FROM trade_flow').pluck().get(),
    );
    copy.close();
  });

  it('replaces an existing file with the copy in one rename, the old file kept if the copy fails', async () => {
    const path = tmp.file('older-copy.sqlite');
    writeFileSync(path, 'an older copy');
    const failed = await watchingReplace(
      () =>
        call('saveCopyAs', { target: saveTo(session, path) }).then(
          () => 'written',
          (e: { code: string }) => e.code,
        ),
      { failRename: true },
    );
    expect(failed.result).toBe('invalid-file');
    expect(readFileSync(path, 'utf8')).toBe('an older copy');
    const { result, replaces } = await watchingReplace(() => call<{ bytes: number }>('saveCopyAs', { target: saveTo(session, path) }));
    expect(replaces.map((r) => r.targetBefore?.toString())).toEqual(['an older copy']);
    expect(result.bytes).toBe(readFileSync(path).length);
    const copy = openDatabase(path);
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    copy.close();
    expect(readdirSync(tmp.dir).filter((f) => f.includes('older-copy'))).toEqual(['older-copy.sqlite']);
  });

  it('refuses to save or export onto the open database, its -wal file or into its backups folder, even through a link', async () => {
    const backups = backupsDir(session.path);
    mkdirSync(backups, { recursive: true });
    writeFileSync(join(backups, 'app.20260101T000000000Z.before-import.sqlite'), 'a backup');
    symlinkSync(backups, tmp.file('a-folder'));
    symlinkSync(`${session.path}-wal`, tmp.file('flows-link.csv'));
    const db = readFileSync(session.path);
    const inBackups = readdirSync(backups).sort();
    expect(existsSync(`${session.path}-wal`)).toBe(true);
    const places: [string, RegExp][] = [
      [session.path, /open database/],
      [`${session.path}-wal`, /open database/],
      [tmp.file('flows-link.csv'), /open database/],
      [join(backups, 'app.20260101T000000000Z.before-import.sqlite'), /backups folder/],
      [join(backups, 'copy.sqlite'), /backups folder/],
      [tmp.file('a-folder/copy.sqlite'), /backups folder/],
      [tmp.file('a-folder/app.20260101T000000000Z.before-import.sqlite'), /backups folder/],
    ];
    for (const [path, why] of places) {
      for (const [method, input] of [
        ['saveCopyAs', {}],
        ['exportTableCsv', { table: 'source' }],
        ['exportPack', {}],
        ['exportTradeXlsx', {}],
      ] as const) {
        await expect(call(method, { ...input, target: saveTo(session, path) }), `${method} ${path}`).rejects.toMatchObject({
          code: 'conflict',
          message: expect.stringMatching(why),
        });
      }
    }
    expect(readFileSync(session.path).equals(db)).toBe(true);
    // Nothing was written into the backups folder (the round trip's database keeps its backups there too).
    expect(readdirSync(backups).sort()).toEqual(inBackups);
    expect(readFileSync(join(backups, 'app.20260101T000000000Z.before-import.sqlite'), 'utf8')).toBe('a backup');
    expect(session.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(session.db.prepare('SELECT count(*) FROM source').pluck().get()).toBeGreaterThan(3);
  });
});
