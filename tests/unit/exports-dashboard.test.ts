/**
 * "Export the current dashboard's data": the rows written are the rows the dashboard's own
 * queries return for the same filters, into ONE file the user chose: a CSV for one table, a ZIP of
 * one CSV per table for several, or one .xlsx workbook (a sheet per table).
 */
import { NO_GROWTH_REASONS, NO_SHARE_REASONS } from '../../db/common/growth.ts';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupsDir } from '../../db/backup.ts';
import { dispatch } from '../../db/dispatch.ts';
import { dashboardExportInput, EXPORT_DASHBOARDS, type DashboardExportResult } from '../../db/exports/contract.ts';
import { dashboardDefinition, dashboardFileKind } from '../../db/common/dashboards.ts';
import { dashboardTables } from '../../db/dashboards/data.ts';
import { readCsvAll } from '../../db/imports/csv.ts';
import { XlsxFileReader } from '../../db/imports/xlsx.ts';
import { openSession, type Session } from '../../db/session.ts';
import { chosen, saveTo, UNKNOWN_HANDLE, watchingReplace } from '../support/chosen-files.ts';
import { tempDir } from '../support/temp.ts';

const tmp = tempDir();
let session: Session;
beforeAll(() => {
  session = openSession({ path: tmp.file('dash.sqlite'), today: '2026-11-29' });
});
afterAll(() => {
  session.close();
  tmp.cleanup();
});

async function call<T>(method: string, input: unknown): Promise<T> {
  const e = await dispatch(session.handlers, method, input);
  if (!e.ok) throw Object.assign(new Error(e.error.message), { code: e.error.code });
  return e.data as T;
}
const exportData = (input: Record<string, unknown>) => call<DashboardExportResult>('exportDashboardData', input);

function sheet(path: string, name: string): { header: string[]; rows: string[][] } {
  const r = new XlsxFileReader(path, { sheet: name });
  try {
    const header = r.header;
    const rows: string[][] = [];
    for (const b of r.batches()) for (const row of b) rows.push([...row.fields]);
    return { header, rows };
  } finally {
    r.close();
  }
}
const pad = (row: string[], n: number): string[] => [...row, ...Array.from({ length: Math.max(0, n - row.length) }, () => '')];

let unzipped = 0;
/** A ZIP's entries, each written to a folder of its own so the importer's CSV reader reads it: entry name → path. */
function unzip(path: string): Record<string, string> {
  const dir = tmp.file(`unzipped-${++unzipped}`);
  mkdirSync(dir);
  const out: Record<string, string> = {};
  for (const [name, bytes] of Object.entries(unzipSync(readFileSync(path)))) {
    out[name] = join(dir, name);
    writeFileSync(out[name], bytes);
  }
  return out;
}

describe('trade dashboard', () => {
  const filters = { reporter: 'KOR', partner: 'CHN', from: 2011, to: 2021 };

  it('writes the KPI, series, mirror and reconciliation tables into one ZIP, a CSV per table, with exactly the view’s rows', async () => {
    const dir = tmp.file('trade');
    const path = join(dir, 'kor-chn.zip');
    // The folder is gone (a USB stick pulled out after the Save dialog): a clear error naming the file, nothing left behind.
    await expect(exportData({ dashboard: 'trade', filters, format: 'csv', target: saveTo(session, path) })).rejects.toMatchObject({
      code: 'invalid-file',
      message: expect.stringMatching(/could not be written/),
    });
    expect(existsSync(dir)).toBe(false);
    mkdirSync(dir);
    const res = await exportData({ dashboard: 'trade', filters, format: 'csv', target: saveTo(session, path) });
    expect(res).toMatchObject({ dashboard: 'trade', format: 'csv', kind: 'zip', name: 'kor-chn.zip' });
    expect(res.tables.map((t) => t.table)).toEqual(['kpi', 'series', 'mirror', 'reconciliation']);
    expect(res.rows).toBe(res.tables.reduce((n, t) => n + t.rows, 0));
    expect(res).not.toHaveProperty('files');
    // One file: no CSV parts or temporary file beside it.
    expect(readdirSync(dir)).toEqual(['kor-chn.zip']);
    const entries = unzip(path);
    expect(Object.keys(entries).sort()).toEqual(['kpi.csv', 'mirror.csv', 'reconciliation.csv', 'series.csv']);
    for (const t of res.tables) expect(readCsvAll(entries[`${t.table}.csv`]!).rows.length, t.table).toBe(t.rows);

    const series = await call<{
      years: {
        year: number;
        exports: { value: number; source: { label: string } } | null;
        imports: { value: number } | null;
        balance: number | null;
      }[];
    }>('tradeSeries', filters);
    const csv = readCsvAll(entries['series.csv']!);
    expect(csv.header).toEqual([
      'year',
      'reporter',
      'partner',
      'exports_usd',
      'exports_source',
      'imports_usd',
      'imports_source',
      'balance_usd',
      'total_usd',
      'exports_period',
      'imports_period',
      'exports_yoy',
      'exports_yoy_note',
      'imports_yoy',
      'imports_yoy_note',
      'total_yoy',
      'total_yoy_note',
      'exports_share',
      'exports_share_note',
      'imports_share',
      'imports_share_note',
      'total_share',
      'total_share_note',
    ]);
    expect(csv.rows.map((r) => Number(r.fields[0]))).toEqual(series.years.map((y) => y.year));
    expect(csv.rows.map((r) => (r.fields[3] === '' ? null : Number(r.fields[3])))).toEqual(
      series.years.map((y) => y.exports?.value ?? null),
    );
    expect(csv.rows.map((r) => (r.fields[7] === '' ? null : Number(r.fields[7])))).toEqual(series.years.map((y) => y.balance));
    expect(csv.rows[csv.rows.length - 1]!.fields[4]).toMatch(/^\S+ — .+: .+/);

    const mirror = await call<{ directions: { rows: unknown[] }[] }>('tradeMirror', filters);
    expect(res.tables[2]!.rows).toBe(mirror.directions[0]!.rows.length + mirror.directions[1]!.rows.length);
    const kpi = await call<{ year: number; exports: { value: number } }>('tradeKpi', filters);
    const kpiCsv = readCsvAll(entries['kpi.csv']!);
    expect(kpiCsv.rows[0]!.fields.slice(0, 5)).toEqual(['exports', String(kpi.year), 'KOR', 'CHN', String(kpi.exports.value)]);
    // The view's reconciliation: both directions of the pair, within the years shown.
    const recA = await call<{ year: number }[]>('reconciliation', { reporter: 'KOR', partner: 'CHN' });
    const recB = await call<{ year: number }[]>('reconciliation', { reporter: 'CHN', partner: 'KOR' });
    expect(res.tables[3]!.rows).toBe([...recA, ...recB].filter((r) => r.year >= 2011 && r.year <= 2021).length);
    expect(res.tables[3]!.rows).toBeGreaterThan(0);
  });

  it("gives each year of the series its flows' year-on-year change and share of Korea's trade with the world, or why not", async () => {
    const res = await exportData({ dashboard: 'trade', filters, format: 'csv', target: saveTo(session, tmp.file('growth.zip')) });
    expect(res.tables[1]!.table).toBe('series');
    const csv = readCsvAll(unzip(tmp.file('growth.zip'))['series.csv']!);
    const at = (year: number) => {
      const row = csv.rows.find((r) => r.fields[0] === String(year))!.fields;
      return (name: string): string => row[csv.header.indexOf(name)]!;
    };
    const series = await call<{ years: { year: number; exports: { value: number } | null; imports: { value: number } | null }[] }>(
      'tradeSeries',
      { reporter: 'KOR', partner: 'CHN', from: 2010, to: 2021 },
    );
    const value = (year: number, flow: 'exports' | 'imports') => series.years.find((y) => y.year === year)![flow]!.value;
    // The first year of the range is compared with the year before it, which is loaded though not shown.
    expect(Number(at(2011)('exports_yoy'))).toBeCloseTo(value(2011, 'exports') / value(2010, 'exports') - 1, 12);
    expect(at(2011)('exports_yoy_note')).toBe('');
    expect(Number(at(2021)('imports_yoy'))).toBeCloseTo(value(2021, 'imports') / value(2020, 'imports') - 1, 12);
    // KOSIS states Korea's trade with the world: the shares are of it.
    expect(Number(at(2021)('exports_share'))).toBeCloseTo(162912974000 / 644400368000, 12);
    expect(Number(at(2021)('imports_share'))).toBeCloseTo(138628127000 / 615093447000, 12);
    expect(Number(at(2021)('total_share'))).toBeCloseTo((162912974000 + 138628127000) / (644400368000 + 615093447000), 12);
    expect(at(2021)('exports_share_note')).toBe("of KOR's same flow with the world");

    // China's own report: loaded for a few years only, so no change across the gap, and no world total of China's.
    const china = await exportData({
      dashboard: 'trade',
      filters: { reporter: 'CHN', partner: 'KOR', from: 2020, to: 2021 },
      format: 'csv',
      target: saveTo(session, tmp.file('china.zip')),
    });
    expect(china.tables[1]!.rows).toBe(2);
    const chinaCsv = readCsvAll(unzip(tmp.file('china.zip'))['series.csv']!);
    const y2021 = chinaCsv.rows.find((r) => r.fields[0] === '2021')!.fields;
    const col = (name: string) => y2021[chinaCsv.header.indexOf(name)];
    expect([col('exports_usd'), col('exports_yoy'), col('exports_yoy_note')]).toEqual([
      '150500000000',
      '',
      'the year before is not reported',
    ]);
    expect([col('exports_share'), col('exports_share_note')]).toEqual(['', "no figure of the reporter's total for that year is loaded"]);
  });

  it('gives each KPI figure its year-on-year change, growth rate and share, and the reason in a *_note column where one is empty', async () => {
    const column = (csv: ReturnType<typeof readCsvAll>, measure: string, name: string): string =>
      csv.rows.find((r) => r.fields[0] === measure)!.fields[csv.header.indexOf(name)]!;
    const path = tmp.file('kpi-growth.zip');
    await exportData({ dashboard: 'trade', filters, format: 'csv', target: saveTo(session, path) });
    const kpiCsv = readCsvAll(unzip(path)['kpi.csv']!);
    expect(kpiCsv.header).toEqual(expect.arrayContaining(['yoy_relative', 'yoy_note', 'cagr', 'cagr_note', 'share', 'share_note']));
    const kpi = await call<{
      growth: Record<'exports' | 'total', { yoy: { change: { relative: number } }; cagr: { rate: number }; share: { value: number } }>;
    }>('tradeKpi', filters);
    expect(Number(column(kpiCsv, 'exports', 'yoy_relative'))).toBe(kpi.growth.exports.yoy.change.relative);
    expect(Number(column(kpiCsv, 'exports', 'cagr'))).toBe(kpi.growth.exports.cagr.rate);
    expect(column(kpiCsv, 'exports', 'cagr_note')).toBe('2011–2021');
    expect(Number(column(kpiCsv, 'total trade', 'share'))).toBe(kpi.growth.total.share.value);
    expect(column(kpiCsv, 'balance', 'cagr')).toBe('');
    expect(column(kpiCsv, 'balance', 'cagr_note')).toMatch(/not given for a balance/);

    // China's report: no 2020 beside 2021 and no China–world total loaded; the notes say so.
    const back = tmp.file('kpi-growth-back.zip');
    await exportData({ dashboard: 'trade', filters: { reporter: 'CHN', partner: 'KOR' }, format: 'csv', target: saveTo(session, back) });
    const backCsv = readCsvAll(unzip(back)['kpi.csv']!);
    expect(column(backCsv, 'exports', 'yoy_relative')).toBe('');
    expect(column(backCsv, 'exports', 'yoy_note')).toBe(NO_GROWTH_REASONS['previous-not-reported']);
    expect(column(backCsv, 'exports', 'share')).toBe('');
    expect(column(backCsv, 'exports', 'share_note')).toBe(NO_SHARE_REASONS['total-not-loaded']);
    expect(column(backCsv, 'exports', 'cagr_note')).toMatch(/^2011–\d{4}; not reported in between: 2012, /);
  });

  it('writes one workbook with a sheet per table; the same rows as the CSV files; narrower filters, fewer rows', async () => {
    const path = tmp.file('kor-chn.xlsx');
    const res = await exportData({ dashboard: 'trade', filters, format: 'xlsx', target: saveTo(session, path) });
    expect(res).toMatchObject({ kind: 'xlsx', name: 'kor-chn.xlsx', format: 'xlsx' });
    expect(res.tables.map((t) => t.table)).toEqual(['kpi', 'series', 'mirror', 'reconciliation']);
    const csv = await exportData({ dashboard: 'trade', filters, format: 'csv', target: saveTo(session, tmp.file('twin.zip')) });
    expect(csv.tables).toEqual(res.tables);
    const entries = unzip(tmp.file('twin.zip'));
    for (const table of ['kpi', 'series', 'mirror', 'reconciliation']) {
      const fromCsv = readCsvAll(entries[`${table}.csv`]!);
      const x = sheet(path, table);
      expect(x.header).toEqual(fromCsv.header);
      expect(x.rows.map((r) => pad(r, fromCsv.header.length))).toEqual(fromCsv.rows.map((r) => r.fields));
    }
    const narrow = await exportData({
      dashboard: 'trade',
      filters: { ...filters, from: 2019 },
      format: 'xlsx',
      target: saveTo(session, tmp.file('narrow.xlsx')),
    });
    expect(narrow.tables[1]!.rows).toBe(3);
  });

  it('replaces a file the user chose to replace in one rename: the old content stays whole until the new file is complete', async () => {
    const path = tmp.file('again.zip');
    writeFileSync(path, 'mine');
    const { result, replaces } = await watchingReplace(() =>
      exportData({ dashboard: 'trade', filters, format: 'csv', target: saveTo(session, path) }),
    );
    expect(result).toMatchObject({ kind: 'zip', name: 'again.zip' });
    expect(replaces).toHaveLength(1);
    expect(replaces[0]!.target).toBe(path);
    expect(replaces[0]!.targetBefore?.toString()).toBe('mine');
    expect(replaces[0]!.tempBytes).toBe(readFileSync(path).length);
    expect(Object.keys(unzipSync(readFileSync(path))).sort()).toEqual(['kpi.csv', 'mirror.csv', 'reconciliation.csv', 'series.csv']);

    // A write that fails at the end leaves the old file as it was, and no temporary file.
    writeFileSync(path, 'mine again');
    const failed = await watchingReplace(
      () =>
        exportData({ dashboard: 'trade', filters, format: 'xlsx', target: saveTo(session, path) }).then(
          () => 'written',
          (e: { code: string }) => e.code,
        ),
      { failRename: true },
    );
    expect(failed.result).not.toBe('written');
    expect(readFileSync(path, 'utf8')).toBe('mine again');
    expect(readdirSync(tmp.dir).filter((f) => f.includes('again'))).toEqual(['again.zip']);
  });

  it('validates the filters like the dashboard, writing nothing', async () => {
    await expect(
      exportData({ dashboard: 'trade', filters: { reporter: 'KOR' }, format: 'csv', target: saveTo(session, tmp.file('x.csv')) }),
    ).rejects.toMatchObject({ code: 'invalid-input', message: expect.stringMatching(/filters\.partner/) });
    await expect(
      exportData({ dashboard: 'nope', filters: {}, format: 'csv', target: saveTo(session, tmp.file('x.csv')) }),
    ).rejects.toMatchObject({ code: 'invalid-input' });
    // No path and no overwrite flag: only a handle the host gave out.
    await expect(exportData({ dashboard: 'logistics', format: 'xlsx', path: tmp.file('x.xlsx') })).rejects.toMatchObject({
      code: 'invalid-input',
    });
    await expect(exportData({ dashboard: 'logistics', format: 'xlsx', target: tmp.file('x.xlsx') })).rejects.toMatchObject({
      code: 'invalid-input',
    });
    await expect(
      exportData({ dashboard: 'logistics', format: 'xlsx', target: saveTo(session, tmp.file('x.xlsx')), overwrite: true }),
    ).rejects.toMatchObject({ code: 'invalid-input' });
    expect(existsSync(tmp.file('x.csv'))).toBe(false);
    expect(existsSync(tmp.file('x.xlsx'))).toBe(false);
  });

  it('refuses to write onto the open database, its journal files or into its backups folder (through a link too), touching none', async () => {
    const backups = backupsDir(session.path);
    mkdirSync(backups, { recursive: true });
    writeFileSync(join(backups, 'dash.20260101T000000000Z.before-import.sqlite'), 'a backup');
    symlinkSync(backups, tmp.file('innocent-folder'));
    symlinkSync(session.path, tmp.file('innocent.xlsx'));
    const db = readFileSync(session.path);
    expect(existsSync(`${session.path}-wal`)).toBe(true);
    for (const [path, why] of [
      [session.path, /open database/],
      [`${session.path}-wal`, /open database/],
      [`${session.path}-shm`, /open database/],
      [`${session.path}-journal`, /open database/],
      [tmp.file('innocent.xlsx'), /open database/],
      [join(backups, 'dash.20260101T000000000Z.before-import.sqlite'), /backups folder/],
      [join(backups, 'new.xlsx'), /backups folder/],
      [backups, /backups folder/],
      [tmp.file('innocent-folder/new.xlsx'), /backups folder/],
    ] as const) {
      await expect(exportData({ dashboard: 'logistics', format: 'xlsx', target: saveTo(session, path) }), path).rejects.toMatchObject({
        code: 'conflict',
        message: expect.stringMatching(why),
      });
    }
    expect(readFileSync(session.path).equals(db)).toBe(true);
    expect(existsSync(`${session.path}-journal`)).toBe(false);
    expect(readdirSync(backups)).toEqual(['dash.20260101T000000000Z.before-import.sqlite']);
    expect(readFileSync(join(backups, 'dash.20260101T000000000Z.before-import.sqlite'), 'utf8')).toBe('a backup');
    expect(session.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('takes only a live write handle, once: a used, unknown or read handle is no longer available', async () => {
    const target = saveTo(session, tmp.file('once.xlsx'));
    await exportData({ dashboard: 'logistics', format: 'xlsx', target });
    writeFileSync(tmp.file('once.xlsx'), 'kept');
    await expect(exportData({ dashboard: 'logistics', format: 'xlsx', target })).rejects.toMatchObject({
      code: 'not-found',
      message: expect.stringMatching(/no longer available/),
    });
    expect(readFileSync(tmp.file('once.xlsx'), 'utf8')).toBe('kept');
    await expect(exportData({ dashboard: 'logistics', format: 'xlsx', target: UNKNOWN_HANDLE })).rejects.toMatchObject({
      code: 'not-found',
      message: expect.stringMatching(/no longer available/),
    });
    // A file chosen to be read is not a place to write.
    const readable = chosen(session, tmp.file('once.xlsx'));
    await expect(exportData({ dashboard: 'logistics', format: 'xlsx', target: readable })).rejects.toMatchObject({ code: 'not-found' });
    expect(readFileSync(tmp.file('once.xlsx'), 'utf8')).toBe('kept');
  });
});

describe('the other dashboards', () => {
  it('sectors: one row per sector as the table shows it, and every product-group figure', async () => {
    const filters = { reporter: 'KOR', partner: 'CHN' };
    const d = await call<{ sectors: { name: string; figures: unknown[] }[]; otherFigures: unknown[] }>('listSectors', filters);
    const res = await exportData({ dashboard: 'sectors', filters, format: 'xlsx', target: saveTo(session, tmp.file('sectors.xlsx')) });
    expect(res.tables.map((f) => [f.table, f.rows])).toEqual([
      ['sectors', d.sectors.length],
      ['figures', d.sectors.reduce((n, s) => n + s.figures.length, 0) + d.otherFigures.length],
    ]);
    expect(sheet(tmp.file('sectors.xlsx'), 'sectors').rows.map((r) => r[0])).toEqual(d.sectors.map((s) => s.name));
    // A figure whose unit the source does not state says so in the file as on the screen.
    const figures = sheet(tmp.file('sectors.xlsx'), 'figures');
    const at = (name: string): number => figures.header.indexOf(name);
    const inferred = figures.rows.filter((r) => r[at('unit_basis')] === 'inferred');
    const expected = d.sectors.flatMap((s) =>
      (s.figures as { year: number; value: number; unitInferred: boolean }[]).filter((f) => f.unitInferred).map((f) => [s.name, f.year]),
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(inferred.map((r) => [r[at('sector')], Number(r[at('year')])])).toEqual(expected);
    expect(figures.rows.filter((r) => r[at('unit_basis')] === 'as stated').length).toBe(figures.rows.length - inferred.length);
  });

  it('projects: the filters of the view select the rows; a batch without a reported split is one row by field', async () => {
    const all = await exportData({ dashboard: 'projects', filters: {}, format: 'csv', target: saveTo(session, tmp.file('projects.zip')) });
    expect(all).toMatchObject({ kind: 'zip', name: 'projects.zip' });
    const d = await call<{ projects: { title: string; count: number }[]; fields: { unsplitBatches: unknown[] } }>('listProjects', {});
    expect(all.tables[0]!.rows).toBe(d.projects.length);
    const byField = readCsvAll(unzip(tmp.file('projects.zip'))['by_field.csv']!);
    expect(byField.rows.filter((r) => r.fields[2]?.startsWith('split not reported'))).toHaveLength(d.fields.unsplitBatches.length);
    const none = await exportData({
      dashboard: 'projects',
      filters: { status: 'cancelled' },
      format: 'csv',
      target: saveTo(session, tmp.file('cancelled.zip')),
    });
    expect(none.tables[0]!.rows).toBe(0);
    expect(readCsvAll(unzip(tmp.file('cancelled.zip'))['projects.csv']!).header[0]).toBe('title');
  });

  it("partners: the totals with their basis, every partner of the year, the rank history and the compared partners with China's shares", async () => {
    const filters = { reporter: 'KOR', year: 2023, by: 'exports', from: 2019 };
    const ranking = await call<{ partners: unknown[] }>('partnerRanking', { reporter: 'KOR', year: 2023 });
    const res = await exportData({ dashboard: 'partners', filters, format: 'csv', target: saveTo(session, tmp.file('partners.zip')) });
    expect(res.tables.map((f) => f.table)).toEqual(['totals', 'ranking', 'rank_history', 'partner_series']);
    // Rank history 2019–2023 (to the year shown); series 2019–2024 (Korea's 2024 exports to China are loaded).
    expect(res.tables.map((f) => f.rows)).toEqual([3, ranking.partners.length, 10 * 5, 4 * 6]);
    const files = unzip(tmp.file('partners.zip'));
    const totals = readCsvAll(files['totals.csv']!).rows.map((r) => r.fields);
    expect(totals[0]?.slice(0, 5)).toEqual(['KOR', '2023', 'exports', '632225824000', 'stated total (trade with the World)']);
    expect(totals[0]?.[5]).toMatch(/^W1 — Korea Customs Service statistics published by KOSIS/);
    const ranked = readCsvAll(files['ranking.csv']!);
    const china = ranked.rows.find((r) => r.fields[2] === 'CHN')!.fields;
    const col = (name: string): string => china[ranked.header.indexOf(name)]!;
    expect([col('rank_exports'), col('exports_usd')]).toEqual(['1', '124817682000']);
    expect(Number(col('exports_share'))).toBeCloseTo(124817682000 / 632225824000, 12);
    // The top four by exports are compared when none is chosen; China is among them, so its shares come once.
    const series = readCsvAll(files['partner_series.csv']!).rows.map((r) => r.fields);
    expect([...new Set(series.map((r) => r[1]))]).toEqual(['CHN', 'USA', 'VNM', 'JPN']);
    await expect(
      exportData({
        dashboard: 'partners',
        filters: { ...filters, compare: ['WLD'] },
        format: 'csv',
        target: saveTo(session, tmp.file('p2.zip')),
      }),
    ).rejects.toMatchObject({ code: 'invalid-input', message: expect.stringMatching(/WLD is not a partner country/) });
  });

  it('events (upcoming and past as of today, with a kind filter), logistics and the overview', async () => {
    // One table: a plain CSV file, not a ZIP.
    const events = await exportData({
      dashboard: 'events',
      filters: { kind: 'meeting' },
      format: 'csv',
      target: saveTo(session, tmp.file('events.csv')),
    });
    const d = await call<{ upcoming: unknown[]; past: { title: string }[] }>('listEvents', { kind: 'meeting' });
    expect(events).toMatchObject({ kind: 'csv', name: 'events.csv' });
    expect(events.tables.map((t) => t.table)).toEqual(['events']);
    const rows = readCsvAll(tmp.file('events.csv')).rows;
    expect(rows).toHaveLength(events.rows);
    expect(rows.map((r) => r.fields[1])).toEqual([...(d.upcoming as { title: string }[]), ...d.past].map((e) => e.title));
    expect(rows.every((r) => r.fields[0] === 'past (before 2026-11-29)')).toBe(true);
    expect(rows.some((r) => /before the report/.test(r.fields[3] ?? ''))).toBe(true);

    const logistics = await exportData({ dashboard: 'logistics', format: 'xlsx', target: saveTo(session, tmp.file('logistics.xlsx')) });
    const routes = await call<{ legs: unknown[] }[]>('listRoutes', {});
    expect(logistics.tables.map((f) => f.rows)).toEqual([routes.length, routes.reduce((n, r) => n + r.legs.length, 0)]);

    const overview = await exportData({ dashboard: 'overview', format: 'xlsx', target: saveTo(session, tmp.file('overview.xlsx')) });
    expect(overview.tables.map((f) => f.table)).toEqual(['headline', 'statements', 'claims', 'contents']);
    const claims = sheet(tmp.file('overview.xlsx'), 'claims');
    expect(
      claims.rows
        .filter((r) => r[0]?.startsWith("China's 2021 trade with South Korea") && r[6] === 'total')
        .map((r) => [r[8], r[10], r[14]?.slice(0, 3)]),
    ).toEqual([
      ['mixed', 'differs', 'S4 '],
      ['mixed', 'holds', 'T23'],
      ['mixed', 'differs', 'T30'],
    ]);
    const headline = sheet(tmp.file('overview.xlsx'), 'headline');
    expect(headline.rows.map((r) => r[0])).toEqual(['exports', 'imports', 'balance', 'total trade (sum of parts)', 'total trade (stated)']);
    expect(headline.rows[2]![5]).toMatch(/^derived: /);
  });
});

describe('the file each dashboard makes', () => {
  it('writes the tables the page was told of, so the Save dialog names the right kind of file', async () => {
    for (const dashboard of EXPORT_DASHBOARDS) {
      const filters =
        dashboard === 'trade' || dashboard === 'sectors' || dashboard === 'monthly' || dashboard === 'products'
          ? { reporter: 'KOR', partner: 'CHN' }
          : dashboard === 'partners'
            ? { reporter: 'KOR' }
            : {};
      const input = dashboardExportInput.parse({ dashboard, filters, format: 'csv', target: UNKNOWN_HANDLE });
      const names = (await dashboardTables(session.context, input)).map((t) => t.name);
      const declared: readonly string[] = dashboardDefinition(dashboard).exportTables;
      expect(
        names.every((n) => declared.includes(n)),
        `${dashboard}: ${names.join(', ')}`,
      ).toBe(true);
      expect(names.length).toBeGreaterThan(0);
      const res = await exportData({
        dashboard,
        filters: input.filters,
        format: 'csv',
        target: saveTo(session, tmp.file(`kind-${dashboard}`)),
      });
      expect(res.kind, dashboard).toBe(dashboardFileKind(dashboard, 'csv'));
    }
  });
});
