/**
 * The `dashboard` method: one call gives a dashboard's whole view model, the same figures the areas'
 * own methods give (the trade model computes each side's series once and draws the KPI and mirror from
 * them), and the export's tables are built from that model.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DASHBOARD_FILTERS, filtersFromQuery, printSummary } from '../../db/common/dashboard-filters.ts';
import { DASHBOARDS } from '../../db/common/dashboards.ts';
import { dispatch } from '../../db/dispatch.ts';
import { openSession, type Session } from '../../db/session.ts';
import { tempDir } from '../support/temp.ts';

const tmp = tempDir();
let session: Session;
beforeAll(() => {
  session = openSession({ path: tmp.file('dashboards.sqlite'), today: '2026-11-29' });
});
afterAll(() => {
  session.close();
  tmp.cleanup();
});

describe('dashboard({ id, filters })', () => {
  it('gives the trade view the figures of the separate queries, for the whole span and for a range', async () => {
    const h = session.handlers;
    for (const filters of [
      { reporter: 'KOR', partner: 'CHN' },
      { reporter: 'KOR', partner: 'CHN', from: 2011, to: 2021 },
      { reporter: 'CHN', partner: 'KOR', from: 2021, to: 2021 },
    ]) {
      const result = await h.dashboard({ id: 'trade', filters });
      if (result.id !== 'trade') throw new Error(`a ${result.id} model for the trade dashboard`);
      const m = result.model;
      expect(m.series, JSON.stringify(filters)).toEqual(await h.tradeSeries(filters));
      expect(m.kpi, JSON.stringify(filters)).toEqual(await h.tradeKpi(filters));
      expect(m.mirror, JSON.stringify(filters)).toEqual(await h.tradeMirror(filters));
      expect(m.preferred).toEqual(await h.preferredSource({ reporter: filters.reporter, partner: filters.partner }));
      const own = await h.reconciliation({ reporter: filters.reporter, partner: filters.partner, tolerance: 0 });
      const back = await h.reconciliation({ reporter: filters.partner, partner: filters.reporter, tolerance: 0 });
      const inRange = (y: number): boolean =>
        (filters.from === undefined || y >= filters.from) && (filters.to === undefined || y <= filters.to);
      expect(m.reconciliation.length).toBe([...own, ...back].filter((r) => inRange(r.year)).length);
      expect(m.choices.map((s) => s.id)).toEqual(expect.arrayContaining(m.series.sources.map((s) => s.id)));
    }
    const { model } = await h.dashboard({ id: 'trade', filters: { reporter: 'KOR', partner: 'CHN', from: 2011, to: 2021 } });
    if (!('kpi' in model)) throw new Error('not a trade model');
    expect(model.kpi.year).toBe(2021);
    expect((model.kpi.exports?.value ?? 0) / 1e9).toBeCloseTo(162.9, 1);
  });

  it("gives each KPI flow its change on the year before, growth rate over the range and share of the reporter's flow, or why not", async () => {
    const h = session.handlers;
    const series = await h.tradeSeries({ reporter: 'KOR', partner: 'CHN' });
    const value = (year: number, flow: 'exports' | 'imports'): number => series.years.find((y) => y.year === year)![flow]!.value;
    // The pack's last year (2024) has Korea's exports only: the KPI opens on 2023, the latest year with both flows.
    expect(series.years.at(-1)).toMatchObject({ year: 2024, imports: null });
    const whole = await h.dashboard({ id: 'trade', filters: { reporter: 'KOR', partner: 'CHN' } });
    if (!('kpi' in whole.model)) throw new Error('not a trade model');
    expect(whole.model.kpi.year).toBe(2023);
    expect(whole.model.kpi.balance).not.toBeNull();

    const { model } = await h.dashboard({ id: 'trade', filters: { reporter: 'KOR', partner: 'CHN', from: 2011, to: 2021 } });
    if (!('kpi' in model)) throw new Error('not a trade model');
    const g = model.kpi.growth;
    expect(g.exports.yoy.change?.relative).toBeCloseTo(value(2021, 'exports') / value(2020, 'exports') - 1, 12);
    expect(g.imports.yoy.change?.relative).toBeCloseTo(value(2021, 'imports') / value(2020, 'imports') - 1, 12);
    expect(g.exports.cagr).toMatchObject({ fromYear: 2011, toYear: 2021, years: 10, missingBetween: [] });
    expect(g.exports.cagr.rate).toBeCloseTo(Math.pow(value(2021, 'exports') / value(2011, 'exports'), 1 / 10) - 1, 12);
    const total = (y: number): number => value(y, 'exports') + value(y, 'imports');
    expect(g.total.cagr.rate).toBeCloseTo(Math.pow(total(2021) / total(2011), 1 / 10) - 1, 12);
    // Shares are of Korea's same flow with the world, from the Korea–world pack.
    const world = (await h.tradeSeries({ reporter: 'KOR', partner: 'WLD', from: 2021, to: 2021 })).years[0]!;
    expect(g.exports.share.value).toBeCloseTo(value(2021, 'exports') / world.exports!.value, 12);
    expect(g.total.share.value).toBeCloseTo(model.kpi.share!.value, 12);

    // China's report of 2021 has no 2020 beside it and no China–world figure: each figure says why it is missing.
    const back = await h.dashboard({ id: 'trade', filters: { reporter: 'CHN', partner: 'KOR' } });
    if (!('kpi' in back.model)) throw new Error('not a trade model');
    const b = back.model.kpi.growth;
    expect(b.exports.yoy).toEqual({ change: null, reason: 'previous-not-reported' });
    expect(b.exports.share).toEqual({ value: null, reason: 'total-not-loaded' });
    // Its growth rate rests on two end years with the years between them named.
    expect(b.exports.cagr).toMatchObject({
      fromYear: 2011,
      toYear: back.model.kpi.year,
      missingBetween: expect.arrayContaining([2012, 2020]),
    });
    expect(b.exports.cagr.rate).toEqual(expect.any(Number));
  });

  it('opens the Trade KPI, the Overview and the Partners ranking on a year in which both flows are reported', async () => {
    const h = session.handlers;
    const trade = await h.tradeKpi({ reporter: 'KOR', partner: 'CHN' });
    expect(trade.exports && trade.imports).toBeTruthy();
    const overview = await h.dashboard({ id: 'overview', filters: {} });
    if (!('headline' in overview.model) || !overview.model.headline) throw new Error('no headline');
    expect(overview.model.headline.exports.value).toBeGreaterThan(0);
    expect(overview.model.headline.imports.value).toBeGreaterThan(0);
    const ranking = await h.partnerRanking({ reporter: 'KOR' });
    const newestComplete = ranking.years.find((y) => y.complete)!.year;
    expect(ranking.year).toBe(newestComplete);
    expect(ranking.partners.some((p) => p.exports && p.imports)).toBe(true);
  });

  it('answers for every dashboard through the dispatcher, echoing the id and the parsed filters', async () => {
    for (const id of DASHBOARDS) {
      const filters =
        id === 'partners' ? { reporter: 'KOR' } : 'reporter' in DASHBOARD_FILTERS[id].shape ? { reporter: 'KOR', partner: 'CHN' } : {};
      const e = await dispatch(session.handlers, 'dashboard', { id, filters });
      expect(e.ok, `${id}: ${JSON.stringify(e)}`).toBe(true);
      if (e.ok) expect(e.data).toMatchObject({ id });
    }
  });

  it('refuses an unknown dashboard and filters its schema does not allow, naming the field', async () => {
    const unknown = await dispatch(session.handlers, 'dashboard', { id: 'nope', filters: {} });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const noPartner = await dispatch(session.handlers, 'dashboard', { id: 'trade', filters: { reporter: 'KOR' } });
    expect(JSON.stringify(noPartner)).toMatch(/filters\.partner/);
    const extra = await dispatch(session.handlers, 'dashboard', { id: 'logistics', filters: { reporter: 'KOR' } });
    expect(extra).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const year = await dispatch(session.handlers, 'dashboard', { id: 'trade', filters: { reporter: 'KOR', partner: 'CHN', from: 1800 } });
    expect(JSON.stringify(year)).toMatch(/a year from 1900/);
  });

  it('checks each filter by the kind its definition gives, fills defaults and applies the rule across fields', async () => {
    const issues = async (id: string, filters: unknown): Promise<unknown> => {
      const e = await dispatch(session.handlers, 'dashboard', { id, filters });
      if (e.ok) throw new Error(`${id} took ${JSON.stringify(filters)}`);
      return (e.error.details as { issues: { path: string; message: string }[] }).issues.map((i) => `${i.path}: ${i.message}`);
    };
    const parsed = async (id: string, filters: unknown): Promise<unknown> => {
      const e = await dispatch(session.handlers, 'dashboard', { id, filters });
      if (!e.ok) throw new Error(`${id} refused ${JSON.stringify(filters)}: ${e.error.message}`);
      return (e.data as { filters: unknown }).filters;
    };
    expect(await parsed('partners', { reporter: 'KOR' })).toEqual({ reporter: 'KOR', by: 'exports', compare: [] });
    expect(await issues('partners', { reporter: 'KOR', by: 'size', compare: Array(13).fill('CHN') })).toEqual([
      expect.stringMatching(/^filters\.by: /),
      expect.stringMatching(/^filters\.compare: /),
    ]);
    expect(await issues('products', { reporter: 'KOR', partner: 'CHN', level: 'heading', within: '8471' })).toEqual([
      'filters.within: within must be coarser than the level listed (a chapter for headings, a chapter or heading for codes)',
    ]);
    expect(await issues('products', { reporter: 'KOR', partner: 'CHN', within: '8', limit: 6001 })).toEqual([
      'filters.within: an HS chapter (2 digits) or heading (4 digits)',
      expect.stringMatching(/^filters\.limit: /),
    ]);
    expect(await issues('projects', { from: '2022-1', field: ' ' })).toEqual([
      expect.stringMatching(/^filters\.field: /),
      'filters.from: a date as YYYY, YYYY-MM or YYYY-MM-DD',
    ]);
    expect(await parsed('events', { kind: 'fair', place: '  Qingdao ' })).toEqual({ kind: 'fair', place: 'Qingdao' });
  });
});

describe('a dashboard URL', () => {
  it("reads each filter by the dashboard's schema, leaving out what does not pass", () => {
    expect(filtersFromQuery('trade', { reporter: 'KOR', partner: 'chn', from: '2011', to: '20x1', other: 'x' })).toEqual({
      reporter: 'KOR',
      from: 2011,
    });
    expect(filtersFromQuery('partners', { reporter: 'KOR', by: 'balance', compare: 'CHN,USA', year: '2023' })).toEqual({
      reporter: 'KOR',
      by: 'balance',
      compare: ['CHN', 'USA'],
      year: 2023,
    });
    expect(filtersFromQuery('partners', { by: 'size' })).toEqual({});
  });

  it('prints the summary its definition gives, with the filters of the URL', () => {
    const trade = printSummary('trade', { reporter: 'CHN', partner: 'KOR', from: '2015' });
    expect(trade.title).toBe('Trade balance: CHN – KOR, 2015–…');
    expect(trade.blocks.map((b) => b.kind)).toEqual(['trade-chart', 'mirror', 'reconciliation']);
    expect(trade.blocks[0]).toMatchObject({ config: { reporter: 'CHN', partner: 'KOR', from: 2015 } });
    expect(printSummary('events', { kind: 'fair', place: ' ' }).blocks).toEqual([
      { kind: 'events-table', config: { heading: 'Meetings, forums, fairs', kind: 'fair' } },
    ]);
  });

  it("names the title's economies as the printer asks, the blocks keeping their codes", () => {
    const names: Record<string, string> = { CHN: '中国', KOR: '韩国' };
    const name = (code: string) => names[code] ?? code;
    const trade = printSummary('trade', { reporter: 'CHN', partner: 'KOR', from: '2015' }, name);
    expect(trade.title).toBe('Trade balance: 中国 – 韩国, 2015–…');
    expect(trade.blocks[0]).toMatchObject({ config: { reporter: 'CHN', partner: 'KOR' } });
    expect(printSummary('partners', { reporter: 'KOR', year: '2022' }, name).title).toBe('Partners: 韩国, 2022');
    expect(printSummary('sectors', {}, name).title).toBe('Export sectors: 韩国 – 中国');
  });
});
