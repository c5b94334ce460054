/**
 * "Export the current dashboard's data": the rows written are the rows the dashboard's own
 * queries return for the same filters, as CSV (one file per table) or one .xlsx workbook.
 */
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../db/dispatch.ts';
import type { DashboardExportResult } from '../../db/exports/contract.ts';
import { readCsvAll } from '../../db/imports/csv.ts';
import { XlsxFileReader } from '../../db/imports/xlsx.ts';
import { openSession, type Session } from '../../db/session.ts';
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

describe('trade dashboard', () => {
  const filters = { reporter: 'KOR', partner: 'CHN', from: 2011, to: 2021 };

  it('writes the KPI, series, mirror and reconciliation tables, one CSV file each, with exactly the view’s rows', async () => {
    const path = tmp.file('trade/kor-chn.csv');
    await expect(exportData({ dashboard: 'trade', filters, format: 'csv', path })).rejects.toThrow(/could not be written/);
    const dir = tmp.file('trade');
    (await import('node:fs')).mkdirSync(dir);
    const res = await exportData({ dashboard: 'trade', filters, format: 'csv', path });
    expect(res.files.map((f) => f.path.slice(dir.length + 1))).toEqual(['kor-chn-kpi.csv', 'kor-chn-series.csv', 'kor-chn-mirror.csv', 'kor-chn-reconciliation.csv']);
    expect(readdirSync(dir).sort()).toEqual(['kor-chn-kpi.csv', 'kor-chn-mirror.csv', 'kor-chn-reconciliation.csv', 'kor-chn-series.csv']);

    const series = await call<{ years: { year: number; exports: { value: number; source: { label: string } } | null; imports: { value: number } | null; balance: number | null }[] }>('tradeSeries', filters);
    const csv = readCsvAll(res.files[1]!.path);
    expect(csv.header).toEqual(['year', 'reporter', 'partner', 'exports_usd', 'exports_source', 'imports_usd', 'imports_source', 'balance_usd', 'total_usd']);
    expect(csv.rows.map((r) => Number(r.fields[0]))).toEqual(series.years.map((y) => y.year));
    expect(csv.rows.map((r) => r.fields[3] === '' ? null : Number(r.fields[3]))).toEqual(series.years.map((y) => y.exports?.value ?? null));
    expect(csv.rows.map((r) => r.fields[7] === '' ? null : Number(r.fields[7]))).toEqual(series.years.map((y) => y.balance));
    expect(csv.rows[csv.rows.length - 1]!.fields[4]).toMatch(/^\S+ — .+: .+/);

    const mirror = await call<{ directions: { rows: unknown[] }[] }>('tradeMirror', filters);
    expect(res.files[2]!.rows).toBe(mirror.directions[0]!.rows.length + mirror.directions[1]!.rows.length);
    const kpi = await call<{ year: number; exports: { value: number } }>('tradeKpi', filters);
    const kpiCsv = readCsvAll(res.files[0]!.path);
    expect(kpiCsv.rows[0]!.fields.slice(0, 5)).toEqual(['exports', String(kpi.year), 'KOR', 'CHN', String(kpi.exports.value)]);
    // The view's reconciliation: both directions of the pair, within the years shown.
    const recA = await call<{ year: number }[]>('reconciliation', { reporter: 'KOR', partner: 'CHN' });
    const recB = await call<{ year: number }[]>('reconciliation', { reporter: 'CHN', partner: 'KOR' });
    expect(res.files[3]!.rows).toBe([...recA, ...recB].filter((r) => r.year >= 2011 && r.year <= 2021).length);
    expect(res.files[3]!.rows).toBeGreaterThan(0);
  });

  it('writes one workbook with a sheet per table; the same rows as the CSV files; narrower filters, fewer rows', async () => {
    const path = tmp.file('kor-chn.xlsx');
    const res = await exportData({ dashboard: 'trade', filters, format: 'xlsx', path });
    expect(res.files.map((f) => [f.path, f.table])).toEqual([[path, 'kpi'], [path, 'series'], [path, 'mirror'], [path, 'reconciliation']]);
    const csvDir = tmp.file('trade');
    for (const table of ['kpi', 'series', 'mirror', 'reconciliation']) {
      const csv = readCsvAll(`${csvDir}/kor-chn-${table}.csv`);
      const x = sheet(path, table);
      expect(x.header).toEqual(csv.header);
      expect(x.rows.map((r) => pad(r, csv.header.length))).toEqual(csv.rows.map((r) => r.fields));
    }
    const narrow = await exportData({ dashboard: 'trade', filters: { ...filters, from: 2019 }, format: 'xlsx', path: tmp.file('narrow.xlsx') });
    expect(narrow.files[1]!.rows).toBe(3);
  });

  it('refuses to replace files unless asked, writing none of them; validates the filters like the dashboard', async () => {
    const path = tmp.file('again.csv');
    writeFileSync(tmp.file('again-mirror.csv'), 'mine');
    await expect(exportData({ dashboard: 'trade', filters, format: 'csv', path })).rejects.toThrow(/again-mirror\.csv already exists/);
    expect(existsSync(tmp.file('again-kpi.csv'))).toBe(false);
    await exportData({ dashboard: 'trade', filters, format: 'csv', path, overwrite: true });
    expect(existsSync(tmp.file('again-kpi.csv'))).toBe(true);
    await expect(exportData({ dashboard: 'trade', filters: { reporter: 'KOR' }, format: 'csv', path: tmp.file('x.csv') })).rejects.toMatchObject({ code: 'invalid-input', message: expect.stringMatching(/filters\.partner/) });
    await expect(exportData({ dashboard: 'nope', filters: {}, format: 'csv', path: tmp.file('x.csv') })).rejects.toMatchObject({ code: 'invalid-input' });
    await expect(exportData({ dashboard: 'logistics', format: 'xlsx', path: session.path, overwrite: true })).rejects.toThrow(/open database itself/);
  });
});

describe('the other dashboards', () => {
  it('sectors: one row per sector as the table shows it, and every product-group figure', async () => {
    const filters = { reporter: 'KOR', partner: 'CHN' };
    const d = await call<{ sectors: { name: string; figures: unknown[] }[]; otherFigures: unknown[] }>('listSectors', filters);
    const res = await exportData({ dashboard: 'sectors', filters, format: 'xlsx', path: tmp.file('sectors.xlsx') });
    expect(res.files.map((f) => [f.table, f.rows])).toEqual([
      ['sectors', d.sectors.length],
      ['figures', d.sectors.reduce((n, s) => n + s.figures.length, 0) + d.otherFigures.length],
    ]);
    expect(sheet(tmp.file('sectors.xlsx'), 'sectors').rows.map((r) => r[0])).toEqual(d.sectors.map((s) => s.name));
  });

  it('projects: the filters of the view select the rows; a batch without a reported split is one row by field', async () => {
    const all = await exportData({ dashboard: 'projects', filters: {}, format: 'csv', path: tmp.file('projects.csv') });
    const d = await call<{ projects: { title: string; count: number }[]; fields: { unsplitBatches: unknown[] } }>('listProjects', {});
    expect(all.files[0]!.rows).toBe(d.projects.length);
    const byField = readCsvAll(tmp.file('projects-by_field.csv'));
    expect(byField.rows.filter((r) => r.fields[2]?.startsWith('split not reported'))).toHaveLength(d.fields.unsplitBatches.length);
    const none = await exportData({ dashboard: 'projects', filters: { status: 'cancelled' }, format: 'csv', path: tmp.file('cancelled.csv') });
    expect(none.files[0]!.rows).toBe(0);
    expect(readCsvAll(tmp.file('cancelled-projects.csv')).header[0]).toBe('title');
  });

  it('partners: the totals with their basis, every partner of the year, the rank history and the compared partners with China\'s shares', async () => {
    const filters = { reporter: 'KOR', year: 2023, by: 'exports', from: 2019 };
    const ranking = await call<{ partners: unknown[] }>('partnerRanking', { reporter: 'KOR', year: 2023 });
    const res = await exportData({ dashboard: 'partners', filters, format: 'csv', path: tmp.file('partners.csv') });
    expect(res.files.map((f) => f.table)).toEqual(['totals', 'ranking', 'rank_history', 'partner_series']);
    // Rank history 2019–2023 (to the year shown); series 2019–2024 (Korea's 2024 exports to China are loaded).
    expect(res.files.map((f) => f.rows)).toEqual([3, ranking.partners.length, 10 * 5, 4 * 6]);
    const totals = readCsvAll(tmp.file('partners-totals.csv')).rows.map((r) => r.fields);
    expect(totals[0]?.slice(0, 5)).toEqual(['KOR', '2023', 'exports', '632225824000', 'stated total (trade with the World)']);
    expect(totals[0]?.[5]).toMatch(/^W1 — Korea Customs Service statistics published by KOSIS/);
    const ranked = readCsvAll(tmp.file('partners-ranking.csv'));
    const china = ranked.rows.find((r) => r.fields[2] === 'CHN')!.fields;
    const col = (name: string): string => china[ranked.header.indexOf(name)]!;
    expect([col('rank_exports'), col('exports_usd')]).toEqual(['1', '124817682000']);
    expect(Number(col('exports_share'))).toBeCloseTo(124817682000 / 632225824000, 12);
    // The top four by exports are compared when none is chosen; China is among them, so its shares come once.
    const series = readCsvAll(tmp.file('partners-partner_series.csv')).rows.map((r) => r.fields);
    expect([...new Set(series.map((r) => r[1]))]).toEqual(['CHN', 'USA', 'VNM', 'JPN']);
    await expect(exportData({ dashboard: 'partners', filters: { ...filters, compare: ['WLD'] }, format: 'csv', path: tmp.file('p2.csv') }))
      .rejects.toMatchObject({ code: 'invalid-input', message: expect.stringMatching(/WLD is not a partner country/) });
  });

  it('events (upcoming and past as of today, with a kind filter), logistics and the overview', async () => {
    const events = await exportData({ dashboard: 'events', filters: { kind: 'meeting' }, format: 'csv', path: tmp.file('events.csv') });
    const d = await call<{ upcoming: unknown[]; past: { title: string }[] }>('listEvents', { kind: 'meeting' });
    expect(events.files).toHaveLength(1);
    expect(events.files[0]!.path).toBe(tmp.file('events.csv'));
    const rows = readCsvAll(tmp.file('events.csv')).rows;
    expect(rows.map((r) => r.fields[1])).toEqual([...(d.upcoming as { title: string }[]), ...d.past].map((e) => e.title));
    expect(rows.every((r) => r.fields[0] === 'past (before 2026-11-29)')).toBe(true);
    expect(rows.some((r) => /before the report/.test(r.fields[3] ?? ''))).toBe(true);

    const logistics = await exportData({ dashboard: 'logistics', format: 'xlsx', path: tmp.file('logistics.xlsx') });
    const routes = await call<{ legs: unknown[] }[]>('listRoutes', {});
    expect(logistics.files.map((f) => f.rows)).toEqual([routes.length, routes.reduce((n, r) => n + r.legs.length, 0)]);

    const overview = await exportData({ dashboard: 'overview', format: 'xlsx', path: tmp.file('overview.xlsx') });
    expect(overview.files.map((f) => f.table)).toEqual(['headline', 'statements', 'contents']);
    const headline = sheet(tmp.file('overview.xlsx'), 'headline');
    expect(headline.rows.map((r) => r[0])).toEqual(['exports', 'imports', 'balance', 'total trade (sum of parts)', 'total trade (stated)']);
    expect(headline.rows[2]![5]).toMatch(/^derived: /);
  });
});
