/**
 * Each flow counted once, everywhere (db/trade/chosen.ts): the same trade imported from two layouts
 * (two sources) gives the same series, KPI, mirror, sector figures, dashboard exports and briefing
 * blocks as one import, each citing the one source picked; the preferred-source setting changes
 * which source every one of them cites. And monthly data: kept by imports, counted in the import
 * report, shown by month, and summed into the annual series only where no annual figure exists.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../db/dispatch.ts';
import type { DashboardExportResult } from '../../db/exports/contract.ts';
import { readCsvAll } from '../../db/imports/csv.ts';
import { importFile } from '../../db/imports/importer.ts';
import { openSession, type Session } from '../../db/session.ts';
import { saveTo } from '../support/chosen-files.ts';
import { tempDir } from '../support/temp.ts';

const tmp = tempDir();
const sessions: Session[] = [];
afterAll(() => {
  for (const s of sessions) s.close();
  tmp.cleanup();
});

/** The trade both files carry: KOR's trade with CHN in 2025 and 2026 (years no built-in pack covers). */
const TRADE: { year: number; flow: 'X' | 'M'; code: string; value: number }[] = [];
for (const year of [2025, 2026]) {
  for (const [flow, scale] of [
    ['X', 1],
    ['M', 0.8],
  ] as const) {
    TRADE.push({ year, flow, code: 'TOTAL', value: Math.round(150e9 * scale + year) });
    // Cosmetics: chapter 33 (read from the chapter summary) and HS-6 codes; auto parts: heading 8708 (read from the rows).
    for (const [code, v] of [
      ['330499', 1.25e9],
      ['330410', 0.5e9],
      ['330300', 0.125e9],
      ['870840', 2e9],
      ['870899', 0.75e9],
    ] as const) {
      TRADE.push({ year, flow, code, value: Math.round(v * scale + year) });
    }
  }
}

const COMTRADE_HEADER =
  'typeCode,freqCode,refYear,refMonth,period,reporterCode,reporterISO,reporterDesc,flowCode,partnerCode,partnerISO,partnerDesc,' +
  'partner2Code,classificationCode,cmdCode,aggrLevel,isLeaf,customsCode,motCode,primaryValue';

function comtradeFile(
  name: string,
  rows: { year: number; month?: number; flow: string; code: string; value: number; partner?: string }[],
): string {
  const path = tmp.file(name);
  const lines = rows.map((r) => {
    const partner = r.partner ?? 'CHN';
    const freq = r.month === undefined ? 'A' : 'M';
    const period = r.month === undefined ? String(r.year) : `${r.year}${String(r.month).padStart(2, '0')}`;
    const level = r.code === 'TOTAL' ? 0 : r.code.length;
    return `C,${freq},${r.year},${r.month ?? 52},${period},410,KOR,Rep. of Korea,${r.flow},156,${partner},Partner ${partner},0,H6,${r.code},${level},True,C00,0,${r.value}`;
  });
  writeFileSync(path, `${COMTRADE_HEADER}\n${lines.join('\n')}\n`);
  return path;
}

function legacyFile(name: string): string {
  const path = tmp.file(name);
  const header =
    'Classification,Year,Period,Aggregate Level,Trade Flow Code,Trade Flow,Reporter Code,Reporter,Reporter ISO,Partner Code,Partner,Partner ISO,' +
    'Commodity Code,Trade Value (US$)';
  const lines = TRADE.map(
    (r) =>
      `H6,${r.year},${r.year},${r.code === 'TOTAL' ? 0 : r.code.length},${r.flow === 'X' ? 2 : 1},${r.flow === 'X' ? 'Export' : 'Import'},` +
      `410,Rep. of Korea,KOR,156,China,CHN,${r.code},${r.value}`,
  );
  writeFileSync(path, `${header}\n${lines.join('\n')}\n`);
  return path;
}

/** A dashboard's CSV export, as the user saves it (a ZIP of one CSV per table), read back table by table. */
async function exportedTables(
  session: Session,
  dashboard: string,
  filters: unknown,
  tag: string,
): Promise<Record<string, ReturnType<typeof readCsvAll>>> {
  const zip = tmp.file(`${tag}.zip`);
  const res = await call<DashboardExportResult>(session, 'exportDashboardData', {
    dashboard,
    filters,
    format: 'csv',
    target: saveTo(session, zip),
  });
  const entries = unzipSync(new Uint8Array(readFileSync(zip)));
  const tables: Record<string, ReturnType<typeof readCsvAll>> = {};
  for (const t of res.tables) {
    const file = tmp.file(`${tag}-${t.table}.csv`);
    writeFileSync(file, entries[`${t.table}.csv`]!);
    tables[t.table] = readCsvAll(file);
  }
  return tables;
}

async function call<T>(session: Session, method: string, input: unknown): Promise<T> {
  const e = await dispatch(session.handlers, method, input);
  if (!e.ok) throw Object.assign(new Error(e.error.message), { code: e.error.code });
  return e.data as T;
}

function newSession(name: string): Session {
  const s = openSession({ path: tmp.file(`${name}.sqlite`), today: '2026-11-29' });
  sessions.push(s);
  return s;
}

const pair = { reporter: 'KOR', partner: 'CHN', from: 2024, to: 2026 };

interface Figures {
  series: unknown;
  kpi: unknown;
  mirror: unknown;
  sectors: unknown;
  cosmetics: unknown;
  autoParts: unknown;
  exports: Record<string, string[][]>;
  blocks: unknown;
  /** Every source id any of the above cites. */
  cited: Set<string>;
}

/** Every figure the dashboards, exports and briefing blocks show for KOR–CHN 2024–2026, values only; the sources cited beside. */
async function figures(session: Session, tag: string): Promise<Figures> {
  const cited = new Set<string>();
  // Values kept, sources collected: the two databases' sources have other ids, their figures must not differ.
  const strip = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(strip);
    if (value && typeof value === 'object') {
      const o = value as Record<string, unknown>;
      if (typeof o.id === 'string' && typeof o.publisher === 'string' && typeof o.label === 'string') {
        cited.add(o.id);
        return 'source';
      }
      // How many other sources give the flow is the one thing that differs (checked below), not a figure.
      return Object.fromEntries(
        Object.entries(o)
          .filter(([k]) => k !== 'alternatives')
          .map(([k, v]) => [k, strip(v)]),
      );
    }
    return value;
  };
  const series = strip(await call(session, 'tradeSeries', pair));
  const kpi = strip(await call(session, 'tradeKpi', pair));
  const mirror = strip(await call(session, 'tradeMirror', pair));
  const sectors = strip(await call(session, 'listSectors', pair));
  const cosmetics = strip(await call(session, 'sectorDetail', { ...pair, name: 'Cosmetics' }));
  const autoParts = strip(await call(session, 'sectorDetail', { ...pair, name: 'Auto parts' }));
  const exports: Record<string, string[][]> = {};
  for (const dashboard of ['trade', 'sectors'] as const) {
    for (const [table, csv] of Object.entries(await exportedTables(session, dashboard, pair, `${tag}-${dashboard}`))) {
      // Source cells name the source by label and title ("I3 — UN Comtrade: file.csv"): kept as the label's kind only.
      exports[`${dashboard}/${table}`] = csv.rows.map((r) =>
        r.fields.map((c) => c.replace(/\bI\d+ — UN Comtrade: [^;]+/g, 'import source')),
      );
    }
  }
  const resolved = await call<{ blocks: unknown; sources: { source: { id: string } }[] }>(session, 'resolveBlocks', {
    blocks: [
      { kind: 'trade-chart', config: { reporter: 'KOR', partner: 'CHN', from: 2024, to: 2026 } },
      { kind: 'sectors-table', config: { reporter: 'KOR', partner: 'CHN', from: 2024, to: 2026 } },
      { kind: 'kpi', config: { reporter: 'KOR', partner: 'CHN', year: 2026 } },
    ],
  });
  for (const s of resolved.sources) cited.add(s.source.id);
  return { series, kpi, mirror, sectors, cosmetics, autoParts, exports, blocks: strip(resolved.blocks), cited };
}

describe('each flow counted once', () => {
  const one = newSession('one-import');
  const two = newSession('two-imports');
  const comtrade = comtradeFile('kor-chn-comtrade.csv', TRADE);
  const legacy = legacyFile('kor-chn-legacy.csv');
  let first = '';
  let second = '';
  let firstImport = 0;

  it('the same trade imported from two layouts gives the same series, KPI, mirror, sectors, exports and briefing blocks as one import', async () => {
    const a = importFile(one.db, { path: comtrade, onlyValidRows: true, userName: 't' });
    expect([a.format, a.rowsAdded]).toEqual(['comtrade', TRADE.length]);
    const b1 = importFile(two.db, { path: comtrade, onlyValidRows: true, userName: 't' });
    const b2 = importFile(two.db, { path: legacy, onlyValidRows: true, userName: 't' });
    expect([b2.format, b2.rowsAdded]).toEqual(['comtrade-legacy', TRADE.length]);
    first = b1.sourceId!;
    firstImport = b1.importId!;
    second = b2.sourceId!;
    // Both sources' rows are stored and summarised: nothing is thrown away, the reading picks.
    expect(
      two.db
        .prepare("SELECT count(DISTINCT source_id) FROM hs_chapter_summary WHERE reporter = 'KOR' AND partner = 'CHN' AND year = 2026")
        .pluck()
        .get(),
    ).toBe(2);

    const fa = await figures(one, 'one');
    const fb = await figures(two, 'two');
    const cosmetics2026 = (fb.cosmetics as { values: { year: number; value: number }[] }).values.find((v) => v.year === 2026)!;
    // Chapter 33 from the summary: 1.25e9 + 0.5e9 + 0.125e9 (+ the year added to each of three codes), once, not twice.
    expect(cosmetics2026.value).toBe(1.875e9 + 3 * 2026);
    const parts2026 = (fb.autoParts as { values: { year: number; value: number; rows: number }[] }).values.find((v) => v.year === 2026)!;
    expect([parts2026.value, parts2026.rows]).toEqual([2.75e9 + 2 * 2026, 2]);
    expect(fb.series).toEqual(fa.series);
    expect(fb.kpi).toEqual(fa.kpi);
    expect(fb.mirror).toEqual(fa.mirror);
    expect(fb.sectors).toEqual(fa.sectors);
    expect(fb.cosmetics).toEqual(fa.cosmetics);
    expect(fb.autoParts).toEqual(fa.autoParts);
    expect(fb.exports).toEqual(fa.exports);
    expect(fb.blocks).toEqual(fa.blocks);
    // The figures of two-imports cite one import, the newest (legacy), never both.
    expect(fb.cited.has(second)).toBe(true);
    expect(fb.cited.has(first)).toBe(false);
    const kpi = await call<{ exports: { source: { id: string }; alternatives: number } }>(two, 'tradeKpi', pair);
    expect([kpi.exports.source.id, kpi.exports.alternatives]).toEqual([second, 1]);
  });

  it('the preferred source (for the pair, or everywhere) changes which source every dashboard, export and briefing block cites', async () => {
    const before = await figures(two, 'pref-before');
    await expect(call(two, 'setPreferredSource', { reporter: 'KOR', sourceId: first })).rejects.toThrow(/both reporter and partner/);
    await expect(call(two, 'setPreferredSource', { sourceId: 'no-such-source' })).rejects.toThrow(/No source with id no-such-source/);

    const set = await call<{ pair: { id: string } | null; global: unknown; rule: string }>(two, 'setPreferredSource', {
      reporter: 'KOR',
      partner: 'CHN',
      sourceId: first,
    });
    expect([set.pair?.id, set.global]).toEqual([first, null]);
    expect(set.rule).toMatch(/source you prefer for this pair/);
    const preferred = await figures(two, 'pref-pair');
    expect(preferred.cited.has(first)).toBe(true);
    expect(preferred.cited.has(second)).toBe(false);
    // Same values (the two files carry the same trade), other source.
    expect(preferred.series).toEqual(before.series);
    expect(preferred.exports).toEqual(before.exports);
    const trade = readCsvAll(tmp.file('pref-pair-trade-series.csv')).rows.find((r) => r.fields[0] === '2026')!;
    expect(trade.fields[4]).toMatch(/kor-chn-comtrade\.csv/);
    // The other pair direction has no preference: CHN–KOR still follows the rest of the rule.
    expect((await call<{ pair: unknown }>(two, 'preferredSource', { reporter: 'CHN', partner: 'KOR' })).pair).toBeNull();

    await call(two, 'setPreferredSource', { reporter: 'KOR', partner: 'CHN', sourceId: null });
    expect((await figures(two, 'pref-cleared')).cited.has(first)).toBe(false);
    await call(two, 'setPreferredSource', { sourceId: first });
    const global = await figures(two, 'pref-global');
    expect(global.cited.has(first)).toBe(true);
    expect(global.cited.has(second)).toBe(false);
    await call(two, 'setPreferredSource', { sourceId: null });
  });

  it('a pair preference comes before the preference everywhere, and it decides between a pack source and an import', async () => {
    const t4 = two.db.prepare("SELECT id FROM source WHERE label = 'T4'").pluck().get() as string;
    const t1 = two.db.prepare("SELECT id FROM source WHERE label = 'T1'").pluck().get() as string;
    const y1992 = async () =>
      (
        await call<{ years: { exports: { source: { id: string }; series: string } | null }[] }>(two, 'tradeSeries', {
          reporter: 'KOR',
          partner: 'CHN',
          from: 1992,
          to: 1992,
        })
      ).years[0]!.exports!;
    // Without a preference the pack's primary series wins over its crosscheck (T4).
    expect((await y1992()).source.id).toBe(t1);
    await call(two, 'setPreferredSource', { sourceId: t4 });
    expect((await y1992()).source.id).toBe(t4);
    await call(two, 'setPreferredSource', { reporter: 'KOR', partner: 'CHN', sourceId: t1 });
    expect((await y1992()).source.id).toBe(t1);
    // The reconciliation still lists both, and says which one the dashboards use.
    const rec = await call<{ kind: string; year: number; flow: string; used: { id: string } | null; values: unknown[] }[]>(
      two,
      'reconciliation',
      { reporter: 'KOR', partner: 'CHN' },
    );
    const disagree = rec.find((r) => r.kind === 'sources-disagree' && r.year === 1992 && r.flow === 'export')!;
    // T1, T4 and the korea-world-trade pack's W1 (Korea's customs, through KOSIS).
    expect([disagree.values.length, disagree.used?.id]).toEqual([3, t1]);
    await call(two, 'setPreferredSource', { reporter: 'KOR', partner: 'CHN', sourceId: null });
    await call(two, 'setPreferredSource', { sourceId: null });
  });

  it("an imported file comes before a pack's figure of the same flow, unless the pair prefers the pack's source", async () => {
    const file = comtradeFile('kor-chn-2021.csv', [
      { year: 2021, flow: 'X', code: 'TOTAL', value: 163e9 },
      { year: 2021, flow: 'M', code: 'TOTAL', value: 139e9 },
    ]);
    const imported = importFile(one.db, { path: file, onlyValidRows: true, userName: 't' });
    const y2021 = async () =>
      (
        await call<{ years: { exports: { value: number; source: { id: string }; alternatives: number } | null }[] }>(one, 'tradeSeries', {
          reporter: 'KOR',
          partner: 'CHN',
          from: 2021,
          to: 2021,
        })
      ).years[0]!.exports!;
    // The packs give 2021 three times (T1 primary, T13 crosscheck, W1 from KOSIS): the import is a fourth source of the same flow, and the one used.
    expect(await y2021()).toMatchObject({ value: 163e9, source: { id: imported.sourceId }, alternatives: 3 });
    const t1 = one.db.prepare("SELECT id FROM source WHERE label = 'T1'").pluck().get() as string;
    await call(one, 'setPreferredSource', { reporter: 'KOR', partner: 'CHN', sourceId: t1 });
    expect(await y2021()).toMatchObject({ value: 162912974000, source: { id: t1 } });
    await call(one, 'setPreferredSource', { reporter: 'KOR', partner: 'CHN', sourceId: null });
  });

  it('a preferred source removed since (its import undone) decides nothing and is shown as none', async () => {
    await call(two, 'setPreferredSource', { reporter: 'KOR', partner: 'CHN', sourceId: first });
    expect((await figures(two, 'pref-undo-before')).cited.has(first)).toBe(true);
    await call(two, 'undoImport', { id: firstImport });
    expect((await call<{ pair: unknown }>(two, 'preferredSource', { reporter: 'KOR', partner: 'CHN' })).pair).toBeNull();
    const after = await figures(two, 'pref-undo-after');
    expect(after.cited.has(second)).toBe(true);
    expect(after.cited.has(first)).toBe(false);
    await call(two, 'setPreferredSource', { reporter: 'KOR', partner: 'CHN', sourceId: null });
  });
});

describe('monthly data', () => {
  const s = newSession('monthly');
  const rows: { year: number; month?: number; flow: string; code: string; value: number; partner: string }[] = [];
  const monthValue = (year: number, month: number, flow: string): number => (flow === 'X' ? 1000 : 600) * 1e6 + year * 100 + month;
  for (const flow of ['X', 'M']) {
    // 2022: an annual row and twelve months (the annual row wins); 2023: twelve months only; 2024: seven months only.
    rows.push({ year: 2022, flow, code: 'TOTAL', value: flow === 'X' ? 13e9 : 7e9, partner: 'QZD' });
    for (const [year, months] of [
      [2022, 12],
      [2023, 12],
      [2024, 7],
    ] as const) {
      for (let m = 1; m <= months; m++)
        rows.push({ year, month: m, flow, code: 'TOTAL', value: monthValue(year, m, flow), partner: 'QZD' });
    }
  }
  const sum = (year: number, months: number, flow: string): number =>
    Array.from({ length: months }, (_, i) => monthValue(year, i + 1, flow)).reduce((a, b) => a + b, 0);

  it('keeps monthly rows and says how many came in', () => {
    const summary = importFile(s.db, { path: comtradeFile('kor-qzd-monthly.csv', rows), onlyValidRows: true, userName: 't' });
    expect([summary.outcome, summary.rowsAdded, summary.monthlyRows]).toEqual(['imported', rows.length, rows.length - 2]);
    expect(
      s.db.prepare("SELECT count(*) FROM trade_flow WHERE reporter = 'KOR' AND partner = 'QZD' AND month IS NOT NULL").pluck().get(),
    ).toBe(rows.length - 2);
  });

  it('the annual series: the annual row wins over months, twelve months are summed and labelled, seven are a partial year', async () => {
    const series = await call<{
      years: {
        year: number;
        exports: { value: number; basis: string; periodNote: string | null; months: number[] | null } | null;
        balance: number | null;
        periodNote: string | null;
      }[];
    }>(s, 'tradeSeries', { reporter: 'KOR', partner: 'QZD' });
    const [y22, y23, y24] = series.years;
    expect(series.years.map((y) => y.year)).toEqual([2022, 2023, 2024]);
    expect([y22!.exports?.value, y22!.exports?.basis, y22!.exports?.periodNote]).toEqual([13e9, 'annual', null]);
    expect([y23!.exports?.value, y23!.exports?.basis, y23!.exports?.periodNote]).toEqual([
      sum(2023, 12, 'X'),
      'sum-of-12-months',
      'sum of 12 months',
    ]);
    expect(y23!.balance).toBe(sum(2023, 12, 'X') - sum(2023, 12, 'M'));
    expect([y24!.exports?.value, y24!.exports?.basis, y24!.exports?.periodNote, y24!.exports?.months]).toEqual([
      sum(2024, 7, 'X'),
      'partial-year',
      'Jan–Jul only',
      [1, 2, 3, 4, 5, 6, 7],
    ]);
    expect([y24!.balance, y24!.periodNote]).toEqual([sum(2024, 7, 'X') - sum(2024, 7, 'M'), 'Jan–Jul only']);

    // The KPI of a partial year compares it with no whole year, and says why.
    const kpi = await call<{ year: number; change: { exports: unknown; total: unknown }; notes: string[] }>(s, 'tradeKpi', {
      reporter: 'KOR',
      partner: 'QZD',
    });
    expect([kpi.year, kpi.change.exports, kpi.change.total]).toEqual([2024, null, null]);
    expect(kpi.notes.join(' ')).toMatch(/2024 exports are a partial year \(Jan–Jul only\): no change on the year before/);
    const k23 = await call<{ change: { exports: { absolute: number } | null } }>(s, 'tradeKpi', {
      reporter: 'KOR',
      partner: 'QZD',
      to: 2023,
    });
    expect(k23.change.exports?.absolute).toBe(sum(2023, 12, 'X') - 13e9);

    // The export of the trade dashboard labels each year's basis.
    const tables = await exportedTables(s, 'trade', { reporter: 'KOR', partner: 'QZD' }, 'deu');
    const csv = tables['series']!.rows.map((r) => [r.fields[0], r.fields[9], r.fields[10]]);
    expect(csv).toEqual([
      ['2022', 'annual', 'annual'],
      ['2023', 'sum of 12 months', 'sum of 12 months'],
      ['2024', 'Jan–Jul only', 'Jan–Jul only'],
    ]);
  });

  it('tradeMonthly: every month in order, each with its source, and what the annual series makes of each year', async () => {
    const m = await call<{
      months: { year: number; month: number; exports: { value: number; source: { publisher: string } } | null; balance: number | null }[];
      years: { year: number; exports: { periodNote: string | null } | null }[];
      sources: unknown[];
    }>(s, 'tradeMonthly', { reporter: 'KOR', partner: 'QZD' });
    expect(m.months.length).toBe(12 + 12 + 7);
    expect(m.months[0]).toMatchObject({
      year: 2022,
      month: 1,
      exports: { value: monthValue(2022, 1, 'X'), source: { publisher: 'UN Comtrade' } },
    });
    expect(m.months.at(-1)).toMatchObject({ year: 2024, month: 7, balance: monthValue(2024, 7, 'X') - monthValue(2024, 7, 'M') });
    expect(m.years.map((y) => [y.year, y.exports?.periodNote ?? 'annual'])).toEqual([
      [2022, 'annual'],
      [2023, 'sum of 12 months'],
      [2024, 'Jan–Jul only'],
    ]);
    expect(m.sources.length).toBe(1);
    const some = await call<{ months: unknown[] }>(s, 'tradeMonthly', { reporter: 'KOR', partner: 'QZD', from: 2024, to: 2024 });
    expect(some.months.length).toBe(7);
    expect((await call<{ months: unknown[] }>(s, 'tradeMonthly', { reporter: 'KOR', partner: 'CHN' })).months).toEqual([]);
    // The pair is offered as a filter choice, its (year, flow) counted once: 3 years × 2 flows.
    const pairs = await call<{ reporter: { code: string }; partner: { code: string }; flows: number }[]>(s, 'tradePairs', {});
    expect(pairs.find((p) => p.reporter.code === 'KOR' && p.partner.code === 'QZD')?.flows).toBe(6);
  });
});
