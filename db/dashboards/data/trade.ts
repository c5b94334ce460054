/** The Trade balance dashboard: the pair's series, KPI, mirror and reconciliation from one load, and its export tables. */
import type { Context } from '../../context.ts';
import { growthNote } from '../../common/growth.ts';
import { worldEconomy } from '../../refs.ts';
import type { DerivedFigure, SourceRef } from '../../shared-types.ts';
import type { Change, FlowGrowth, Reconciliation, SeriesYearGrowth, TradeKpi, TradeSeries } from '../../trade/contract.ts';
import { preferredSources, reconcile, tradeKpi, tradeMirror, tradeSeries } from '../../trade/queries.ts';
import { seriesGrowth } from '../../trade/rules.ts';
import type { TradeModel } from '../models.ts';
import {
  entry,
  periodCell,
  shareCells,
  sourcesText,
  sourceText,
  table,
  yoyCells,
  type Cell,
  type Filters,
  type TableData,
} from '../shared.ts';

const tradeData = entry<'trade'>()({ model: tradeModel, tables: tradeTables });
export default tradeData;

declare module '../shared.ts' {
  interface DashboardModels {
    trade: ModelOf<typeof tradeData>;
  }
}

/** Each side's series once: the KPI and the mirror are drawn from them, not computed again. */
function tradeModel(ctx: Context, q: Filters<'trade'>): TradeModel {
  const series = tradeSeries(ctx.db, q);
  const reverse = tradeSeries(ctx.db, { reporter: q.partner, partner: q.reporter, from: q.from, to: q.to });
  const kpi = tradeKpi(ctx.db, q, series);
  const mirror = tradeMirror(ctx.db, q, series, reverse);
  const inRange = (r: Reconciliation): boolean => (q.from === undefined || r.year >= q.from) && (q.to === undefined || r.year <= q.to);
  const own = reconcile(ctx.db, { reporter: q.reporter, partner: q.partner, tolerance: 0 });
  const reconciliation = [...own, ...reconcile(ctx.db, { reporter: q.partner, partner: q.reporter, tolerance: 0 })]
    .filter(inRange)
    .sort((a, b) => b.year - a.year || a.reporter.code.localeCompare(b.reporter.code));
  const preferred = preferredSources(ctx.db, { reporter: q.reporter, partner: q.partner });
  const choices = new Map<string, SourceRef>();
  for (const src of series.sources) choices.set(src.id, src);
  for (const r of own) if (r.kind === 'sources-disagree') for (const v of r.values) choices.set(v.source.id, v.source);
  if (preferred.pair) choices.set(preferred.pair.id, preferred.pair);
  return {
    series,
    growth: yearsGrowth(ctx, q, series),
    kpi,
    mirror,
    reconciliation,
    preferred,
    choices: [...choices.values()].sort((a, b) => a.label.localeCompare(b.label, undefined, { numeric: true })),
  };
}

/** Each year's change on the year before (the year ahead of the range read for the first) and share of the reporter's flows with the world. */
function yearsGrowth(ctx: Context, q: Filters<'trade'>, series: TradeSeries): SeriesYearGrowth[] {
  const first = series.years[0]?.year;
  const last = series.years[series.years.length - 1]?.year;
  if (first === undefined || last === undefined) return [];
  const pair = { reporter: q.reporter, partner: q.partner };
  const before = tradeSeries(ctx.db, { ...pair, from: first - 1, to: first - 1 }).years[0] ?? null;
  const world = worldEconomy(ctx.db);
  const withWorld =
    world && world !== q.partner ? tradeSeries(ctx.db, { reporter: q.reporter, partner: world, from: first, to: last }) : null;
  return seriesGrowth(series, before, withWorld);
}

const SERIES_GROWTH = ['exports', 'imports', 'total'] as const;
/** The series table's growth columns: each flow's year-on-year change, then each flow's share, each with its note. */
const growthColumns = [
  ...SERIES_GROWTH.flatMap((f) => [`${f}_yoy`, `${f}_yoy_note`]),
  ...SERIES_GROWTH.flatMap((f) => [`${f}_share`, `${f}_share_note`]),
];

function tradeTables({ series, growth, kpi, mirror, reconciliation }: TradeModel): TableData[] {
  const R = series.reporter.code;
  const P = series.partner.code;
  return [
    table(
      'kpi',
      [
        'measure',
        'year',
        'reporter',
        'partner',
        'value',
        'change_absolute',
        'change_relative',
        'yoy_relative',
        'yoy_note',
        'cagr',
        'cagr_note',
        'share',
        'share_note',
        'basis',
        'sources',
      ],
      kpiRows(kpi, R, P),
    ),
    // A year without an annual figure is the sum of its months: the period columns say so ("sum of 12 months", "Jan–Jul only").
    table(
      'series',
      [
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
        ...growthColumns,
      ],
      series.years.map((y, i) => [
        y.year,
        R,
        P,
        y.exports?.value ?? null,
        sourcesText(y.exports?.sources ?? []),
        y.imports?.value ?? null,
        sourcesText(y.imports?.sources ?? []),
        y.balance,
        y.total,
        periodCell(y.exports),
        periodCell(y.imports),
        ...SERIES_GROWTH.flatMap((f) => yoyCells(growth[i]![f].yoy)),
        ...SERIES_GROWTH.flatMap((f) => shareCells(growth[i]![f].share, `of ${R}'s same flow with the world`)),
      ]),
    ),
    table(
      'mirror',
      [
        'exporter',
        'importer',
        'year',
        'reported_by_exporter_usd',
        'exporter_source',
        'reported_by_importer_usd',
        'importer_source',
        'gap_usd',
        'gap_relative',
      ],
      mirror.directions.flatMap((d) =>
        d.rows.map((r): Cell[] => [
          d.exporter.code,
          d.importer.code,
          r.year,
          r.exporterReport?.value ?? null,
          sourceText(r.exporterReport?.source),
          r.importerReport?.value ?? null,
          sourceText(r.importerReport?.source),
          r.gap,
          r.gapRelative,
        ]),
      ),
    ),
    table(
      'reconciliation',
      ['kind', 'year', 'reporter', 'partner', 'what', 'values', 'difference_usd', 'relative', 'sources'],
      reconciliation.map((r): Cell[] =>
        r.kind === 'stated-vs-parts'
          ? [
              'stated vs parts',
              r.year,
              r.reporter.code,
              r.partner.code,
              r.measure,
              `stated ${r.stated}; ${r.formula} = ${r.computed}`,
              r.difference,
              r.relative,
              sourceText(r.source),
            ]
          : [
              'sources disagree',
              r.year,
              r.reporter.code,
              r.partner.code,
              r.month === null ? r.flow : `${r.flow}, month ${r.month}`,
              `${r.values.map((v) => `${v.value} (${v.source.label})`).join('; ')}${r.used ? `; used: ${r.used.label}` : ''}`,
              r.difference,
              r.relative,
              sourcesText(r.values.map((v) => v.source)),
            ],
      ),
    ),
  ];
}

/** A figure of the KPI: as stated by one source, or derived from others by a formula. */
type KpiFigure = { value: number; source: SourceRef } | DerivedFigure;

/**
 * The kpi table's rows, one per figure the KPI shows, each in the same shape: measure, year, pair, value, the
 * change on the year before, then yoy_relative, yoy_note, cagr, cagr_note, share, share_note (each figure, or
 * why it is empty), its basis and its sources. A figure the KPI does not have is no row.
 */
function kpiRows(kpi: TradeKpi, R: string, P: string): Cell[][] {
  if (kpi.year === null) return [];
  const seeTotal = 'see total trade';
  const figures: { measure: string; figure: KpiFigure | null; change: Change | null; growth: FlowGrowth | string }[] = [
    { measure: 'exports', figure: kpi.exports, change: kpi.change.exports, growth: kpi.growth.exports },
    { measure: 'imports', figure: kpi.imports, change: kpi.change.imports, growth: kpi.growth.imports },
    { measure: 'balance', figure: kpi.balance, change: kpi.change.balance, growth: 'not given for a balance (its sign can change)' },
    { measure: 'total trade', figure: kpi.total, change: kpi.change.total, growth: kpi.growth.total },
    { measure: 'total trade (stated)', figure: kpi.statedTotal, change: null, growth: seeTotal },
    {
      measure: `share of ${R}'s total trade`,
      figure: kpi.share && { ...kpi.share.ofTotal, value: kpi.share.value },
      change: null,
      growth: seeTotal,
    },
  ];
  const rows: Cell[][] = [];
  for (const { measure, figure, change, growth } of figures) {
    if (figure === null) continue;
    const derived = 'formula' in figure;
    rows.push([
      measure,
      kpi.year,
      R,
      P,
      figure.value,
      change?.absolute ?? null,
      change?.relative ?? null,
      ...growthCells(growth, R),
      derived ? `derived: ${figure.formula}` : 'as stated',
      derived ? sourcesText(figure.sources) : sourceText(figure.source),
    ]);
  }
  return rows;
}

/** yoy_relative, yoy_note, cagr, cagr_note, share, share_note of one flow; or, where the measure has none, why in each note. */
function growthCells(g: FlowGrowth | string, R: string): Cell[] {
  if (typeof g === 'string') return [null, g, null, g, null, g];
  return [...yoyCells(g.yoy), g.cagr.rate, growthNote(g.cagr), ...shareCells(g.share, `of ${R}'s same flow with the world`)];
}
