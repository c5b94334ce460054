/**
 * The trade area's queries: the series, KPI tiles, mirror, monthly figures and pairs of the trade
 * dashboards, reconciliation and the preferred source, each reading rows through db/trade/sql.ts and
 * giving them meaning by db/trade/rules.ts; and the handlers that serve them.
 */
import type { Context } from '../context.ts';
import type { HandlersOf } from '../area.ts';
import type { Db } from '../database.ts';
import type { DerivedFigure, SourceRef } from '../shared-types.ts';
import { economyLookup, sourceLookup, worldEconomy } from '../refs.ts';
import { ApiError } from '../common/errors.ts';
import { economyValue, notesOf, said, type Said } from '../common/core-messages.ts';
import { growthOverRange, shareOf, yearOnYear, type YearPoint } from '../common/growth.ts';
import { CHOICE_RULE, CHOICE_RULE_TEXT, getPreferredSource, setPreferredSource } from './chosen.ts';
import type {
  MonthPoint,
  MonthValue,
  FlowGrowth,
  PreferredSources,
  Reconciliation,
  SeriesValue,
  SeriesYear,
  tradeContract,
  tradeDashboardContract,
  TradeKpi,
  TradeMirror,
  TradeMonthly,
  TradePair,
  TradeSeries,
} from './contract.ts';
import {
  change,
  flowChange,
  MIRROR_EXPLANATION,
  mirrorDirection,
  samePeriod,
  SERIES_RULE,
  SERIES_RULE_TEXT,
  sourcesSpread,
  statedGap,
  yearValue,
} from './rules.ts';
import {
  chosenSources,
  disagreeingTotals,
  economies,
  monthlyTotals,
  pairsWithTotals,
  pairTotals,
  sourceExists,
  statedTotal,
  statedWithParts,
  yearSpan,
  type ChosenRow,
  type PairScope,
} from './sql.ts';

/** Stated totals that differ from the sum of their parts, and flows on which sources disagree, beyond the tolerance. */
export function reconcile(db: Db, filter: PairScope & { tolerance: number }): Reconciliation[] {
  const source = sourceLookup(db);
  const economy = economyLookup(db);
  const out: Reconciliation[] = [];

  // Stated aggregates against their parts from the same source.
  for (const row of statedWithParts(db, filter)) {
    const gap = statedGap(row, filter.tolerance);
    if (!gap) continue;
    out.push({
      kind: 'stated-vs-parts',
      reporter: economy(row.reporter),
      partner: economy(row.partner),
      year: row.year,
      measure: row.measure,
      stated: row.stated,
      computed: gap.computed,
      difference: gap.difference,
      relative: gap.relative,
      formula: gap.formula,
      formulaText: gap.formulaText,
      source: source(row.source_id),
      note: row.note,
    });
  }

  // The same total flow (a year's, or a month's) reported by several sources with different values,
  // with the one the dashboards use (db/trade/chosen.ts), read once per pair.
  const chosenByPair = new Map<string, Map<string, string>>();
  const usedSource = (row: { reporter: string; partner: string; year: number; month: number | null; flow: string }): string | undefined => {
    const pairKey = `${row.reporter}|${row.partner}`;
    let chosen = chosenByPair.get(pairKey);
    if (!chosen) {
      chosen = new Map();
      for (const c of chosenSources(db, row.reporter, row.partner)) chosen.set(`${c.year}|${c.month ?? 0}|${c.flow}`, c.source_id);
      chosenByPair.set(pairKey, chosen);
    }
    return chosen.get(`${row.year}|${row.month ?? 0}|${row.flow}`);
  };
  for (const row of disagreeingTotals(db, filter)) {
    const values = (JSON.parse(row.values) as { value: number; source: string }[]).map((v) => ({
      value: v.value,
      source: source(v.source),
    }));
    const spread = sourcesSpread(values, filter.tolerance);
    if (!spread) continue;
    const used = usedSource(row);
    out.push({
      kind: 'sources-disagree',
      reporter: economy(row.reporter),
      partner: economy(row.partner),
      year: row.year,
      month: row.month,
      flow: row.flow,
      values: spread.values,
      used: used === undefined ? null : source(used),
      difference: spread.difference,
      relative: spread.relative,
    });
  }
  return out;
}

export function preferredSources(db: Db, pair: { reporter?: string | undefined; partner?: string | undefined }): PreferredSources {
  const source = sourceLookup(db);
  const scope = pair.reporter !== undefined && pair.partner !== undefined ? { reporter: pair.reporter, partner: pair.partner } : undefined;
  // A preference may name a source removed since (an undone import): it then decides nothing, and is shown as none.
  const ref = (id: string | null): SourceRef | null => (id !== null && sourceExists(db, id) ? source(id) : null);
  return {
    pair: scope ? ref(getPreferredSource(db, scope)) : null,
    global: ref(getPreferredSource(db)),
    rule: CHOICE_RULE,
    ruleText: CHOICE_RULE_TEXT,
  };
}

export function tradeHandlers(ctx: Context): HandlersOf<typeof tradeContract> {
  return {
    preferredSource: (input) => preferredSources(ctx.db, input),
    setPreferredSource: (input) => {
      const { db } = ctx;
      if (input.sourceId !== null && !sourceExists(db, input.sourceId)) {
        throw new ApiError('invalid-input', said('sourceNotFound', { id: input.sourceId }), {
          issues: [{ path: 'sourceId', message: 'no such source' }],
        });
      }
      const scope =
        input.reporter !== undefined && input.partner !== undefined ? { reporter: input.reporter, partner: input.partner } : undefined;
      setPreferredSource(db, input.sourceId, scope);
      return preferredSources(db, input);
    },
    listEconomies: () => economies(ctx.db),
    reconciliation: (input) => reconcile(ctx.db, input),
  };
}

interface PairFilter {
  reporter: string;
  partner: string;
  from?: number | undefined;
  to?: number | undefined;
}

export function tradeSeries(db: Db, filter: PairFilter): TradeSeries {
  const economy = economyLookup(db);
  const source = sourceLookup(db);
  const span = yearSpan(db, filter.reporter, filter.partner);
  const from = filter.from ?? span.first;
  const to = filter.to ?? span.last;
  const base = { reporter: economy(filter.reporter), partner: economy(filter.partner), rule: SERIES_RULE, ruleText: SERIES_RULE_TEXT };
  if (from === null || to === null || from > to)
    return { ...base, years: [], from: filter.from ?? null, to: filter.to ?? null, sources: [] };
  const rows = pairTotals(db, { reporter: filter.reporter, partner: filter.partner, from, to });
  const byYear = new Map<number, SeriesYear>();
  const used = new Map<string, SourceRef>();
  for (let y = from; y <= to; y++)
    byYear.set(y, { year: y, exports: null, imports: null, balance: null, total: null, periodNote: null, periodText: null });
  const groups = new Map<string, ChosenRow[]>();
  for (const r of rows) {
    const k = `${r.year}|${r.flow}`;
    const list = groups.get(k);
    if (list) list.push(r);
    else groups.set(k, [r]);
  }
  for (const list of groups.values()) {
    const first = list[0]!;
    const point = byYear.get(first.year);
    if (!point) continue;
    const value = yearValue(list, source);
    for (const s of value.sources) used.set(s.id, s);
    if (first.flow === 'export') point.exports = value;
    else point.imports = value;
  }
  for (const p of byYear.values()) {
    if (p.exports && p.imports && samePeriod(p.exports, p.imports)) {
      p.balance = p.exports.value - p.imports.value;
      p.total = p.exports.value + p.imports.value;
      p.periodNote = p.exports.basis === 'partial-year' ? p.exports.periodNote : null;
      p.periodText = p.exports.basis === 'partial-year' ? p.exports.periodText : null;
    }
  }
  return { ...base, years: [...byYear.values()], from, to, sources: [...used.values()] };
}

/** `series`: the pair's series over the same filter, when the caller has it already. */
export function tradeKpi(db: Db, filter: PairFilter, series: TradeSeries = tradeSeries(db, filter)): TradeKpi {
  // The latest year with both flows, so that balance and total stand beside the flows; else the latest with either.
  const withData = series.years.filter((y) => y.exports || y.imports);
  const withBoth = withData.filter((y) => y.exports && y.imports);
  const latest = withBoth[withBoth.length - 1] ?? withData[withData.length - 1];
  const base = { reporter: series.reporter, partner: series.partner };
  const reporter = economyValue(series.reporter);
  const partner = economyValue(series.partner);
  const noGrowth: FlowGrowth = {
    yoy: { change: null, reason: 'not-reported' },
    cagr: { rate: null, reason: 'not-reported' },
    share: { value: null, reason: 'not-reported' },
  };
  const empty = { exports: null, imports: null, balance: null, total: null };
  if (!latest) {
    return {
      ...base,
      year: null,
      previousYear: null,
      ...empty,
      statedTotal: null,
      change: { ...empty },
      share: null,
      growth: { exports: noGrowth, imports: noGrowth, total: noGrowth },
      ...notesOf([said('tradeNoAnnual', { reporter, partner })]),
      periodNote: null,
      periodText: null,
    };
  }
  const notes: Said[] = [];
  const last = withData[withData.length - 1]!;
  if (last.year !== latest.year)
    notes.push(
      said(last.exports ? 'tradeLatestOnlyExports' : 'tradeLatestOnlyImports', {
        year: String(last.year),
        reporter,
        partner,
        shown: String(latest.year),
      }),
    );
  const prev =
    series.years.find((y) => y.year === latest.year - 1) ??
    tradeSeries(db, { reporter: filter.reporter, partner: filter.partner, from: latest.year - 1, to: latest.year - 1 }).years[0] ??
    null;
  const srcsOf = (...vs: (SeriesValue | null)[]): SourceRef[] => [
    ...new Map(
      vs
        .filter((v): v is SeriesValue => v !== null)
        .flatMap((v) => v.sources)
        .map((s) => [s.id, s]),
    ).values(),
  ];
  const balance: DerivedFigure | null =
    latest.balance === null
      ? null
      : { value: latest.balance, unit: 'USD', formula: 'exports − imports', sources: srcsOf(latest.exports, latest.imports) };
  const total: DerivedFigure | null =
    latest.total === null
      ? null
      : { value: latest.total, unit: 'USD', formula: 'exports + imports', sources: srcsOf(latest.exports, latest.imports) };
  const year = String(latest.year);
  if (!latest.exports) notes.push(said('tradeExportsNotReported', { reporter, partner, year }));
  if (!latest.imports) notes.push(said('tradeImportsNotReported', { reporter, partner, year }));
  if (!prev || (!prev.exports && !prev.imports)) notes.push(said('tradeNoPreviousYear', { year: String(latest.year - 1) }));
  for (const [code, v] of [
    ['tradePartialExports', latest.exports],
    ['tradePartialImports', latest.imports],
  ] as const) {
    // The months the partial year covers ("Jan–Jul only"), named by the page in its language.
    if (v?.basis === 'partial-year') notes.push(said(code, { year, period: v.periodText ?? v.periodNote ?? '' }));
  }
  if (latest.exports && latest.imports && latest.balance === null) notes.push(said('tradeDifferentMonths', { year }));
  const stated = statedTotal(db, filter.reporter, filter.partner, latest.year);
  const source = sourceLookup(db);
  // Share of the reporter's total trade: only from a loaded figure of its trade with the world.
  let share: TradeKpi['share'] = null;
  const world = worldEconomy(db);
  const w = world ? tradeSeries(db, { reporter: filter.reporter, partner: world, from: latest.year, to: latest.year }).years[0] : undefined;
  if (total) {
    if (w?.total) {
      share = {
        value: total.value / w.total,
        ofTotal: {
          value: w.total,
          unit: 'USD',
          formula: `${series.reporter.name}'s exports + imports with the world`,
          sources: srcsOf(w.exports, w.imports),
        },
      };
    }
  }
  if (!share) notes.push(total ? said('tradeShareNoWorld', { reporter, year }) : said('tradeShareIncomplete', { reporter }));
  return {
    ...base,
    year: latest.year,
    previousYear: latest.year - 1,
    exports: latest.exports,
    imports: latest.imports,
    balance,
    total,
    statedTotal: stated ? { value: stated.value_usd, unit: 'USD', source: source(stated.source_id), note: stated.note } : null,
    change: {
      exports: flowChange(latest.exports, prev?.exports),
      imports: flowChange(latest.imports, prev?.imports),
      balance: latest.periodNote === null && prev?.periodNote === null ? change(latest.balance, prev.balance) : null,
      total: latest.periodNote === null && prev?.periodNote === null ? change(latest.total, prev.total) : null,
    },
    share,
    growth: kpiGrowth(series, latest, prev, w),
    ...notesOf(notes),
    periodNote: latest.periodNote,
    periodText: latest.periodText,
  };
}

/**
 * Each flow's change on the year before, growth rate over the range's whole reported years up to the KPI year, and share
 * of the reporter's same flow with the world, by the one rule of db/common/growth.ts.
 */
function kpiGrowth(series: TradeSeries, latest: SeriesYear, prev: SeriesYear | null, world: SeriesYear | undefined): TradeKpi['growth'] {
  const years = prev && !series.years.some((y) => y.year === prev.year) ? [prev, ...series.years] : series.years;
  const flowPoints = (flow: 'exports' | 'imports'): YearPoint[] =>
    years.map((y) => ({ year: y.year, value: y[flow]?.value ?? null, partial: y[flow]?.basis === 'partial-year' }));
  const totalPoints: YearPoint[] = years.map((y) => ({ year: y.year, value: y.total, partial: y.total !== null && y.periodNote !== null }));
  const inRange = (points: YearPoint[]): YearPoint[] => points.filter((p) => series.years.some((y) => y.year === p.year));
  const one = (points: YearPoint[], worldValue: number | null | undefined, same: boolean): FlowGrowth => ({
    yoy: yearOnYear(points, latest.year),
    cagr: growthOverRange(inRange(points), null, latest.year),
    share: shareOf(points.find((p) => p.year === latest.year)?.value, worldValue, same),
  });
  const samePeriodAs = (a: SeriesValue | null, b: SeriesValue | null | undefined): boolean => !a || !b || samePeriod(a, b);
  return {
    exports: one(flowPoints('exports'), world?.exports?.value, samePeriodAs(latest.exports, world?.exports)),
    imports: one(flowPoints('imports'), world?.imports?.value, samePeriodAs(latest.imports, world?.imports)),
    total: one(totalPoints, world?.total, latest.periodNote === (world?.periodNote ?? null)),
  };
}

/** `a` and `b`: each side's series over the filter's years (A's report gives A's exports and imports, B's report B's), when the caller has them. */
export function tradeMirror(
  db: Db,
  filter: PairFilter,
  a: TradeSeries = tradeSeries(db, { reporter: filter.reporter, partner: filter.partner, from: filter.from, to: filter.to }),
  b: TradeSeries = tradeSeries(db, { reporter: filter.partner, partner: filter.reporter, from: filter.from, to: filter.to }),
): TradeMirror {
  return { directions: [mirrorDirection(a, b), mirrorDirection(b, a)], explanation: MIRROR_EXPLANATION };
}

export function tradeMonthly(db: Db, filter: PairFilter): TradeMonthly {
  const economy = economyLookup(db);
  const source = sourceLookup(db);
  const rows = monthlyTotals(db, { reporter: filter.reporter, partner: filter.partner, from: filter.from ?? 1900, to: filter.to ?? 2100 });
  const base = { reporter: economy(filter.reporter), partner: economy(filter.partner), rule: SERIES_RULE, ruleText: SERIES_RULE_TEXT };
  const first = rows[0];
  const last = rows[rows.length - 1];
  if (!first || !last) return { ...base, months: [], years: [], sources: [] };
  const index = (y: number, m: number): number => y * 12 + m - 1;
  const months: MonthPoint[] = [];
  for (let i = index(first.year, first.month); i <= index(last.year, last.month); i++) {
    months.push({ year: Math.floor(i / 12), month: (i % 12) + 1, exports: null, imports: null, balance: null });
  }
  const used = new Map<string, SourceRef>();
  const start = index(first.year, first.month);
  for (const r of rows) {
    const point = months[index(r.year, r.month) - start]!;
    const src = source(r.source_id);
    used.set(src.id, src);
    const value: MonthValue = { value: r.value_usd, series: r.series, source: src, note: r.note, alternatives: r.alternatives };
    if (r.flow === 'export') point.exports = value;
    else point.imports = value;
  }
  for (const p of months) if (p.exports && p.imports) p.balance = p.exports.value - p.imports.value;
  const withMonths = new Set(rows.map((r) => r.year));
  const years = tradeSeries(db, { reporter: filter.reporter, partner: filter.partner, from: first.year, to: last.year }).years.filter((y) =>
    withMonths.has(y.year),
  );
  return { ...base, months, years, sources: [...used.values()] };
}

export function tradePairs(db: Db): TradePair[] {
  const economy = economyLookup(db);
  return pairsWithTotals(db).map((r) => ({
    reporter: economy(r.reporter),
    partner: economy(r.partner),
    firstYear: r.first,
    lastYear: r.last,
    flows: r.n,
  }));
}

export function tradeDashboardHandlers(ctx: Context): HandlersOf<typeof tradeDashboardContract> {
  return {
    tradeSeries: (input) => tradeSeries(ctx.db, input),
    tradeMonthly: (input) => tradeMonthly(ctx.db, input),
    tradeKpi: (input) => tradeKpi(ctx.db, input),
    tradeMirror: (input) => tradeMirror(ctx.db, input),
    tradePairs: () => tradePairs(ctx.db),
  };
}
