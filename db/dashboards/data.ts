/**
 * The data core's half of each dashboard: its view model (what the `dashboard` method returns, from the
 * areas' own query functions: no SQL here) and its export's tables, built from that same model, so the
 * screen, the export and the print cannot disagree. Values in the tables are exact (USD, not rounded
 * billions); every figure carries its source ("S1 — Publisher: Title"); a figure not reported is an
 * empty cell, never a zero.
 */
import type { Context } from '../context.ts';
import type { DashboardFilters } from '../common/dashboard-filters.ts';
import type { Dashboard } from '../common/dashboards.ts';
import { formatPreciseDate, type PreciseDate } from '../common/dates.ts';
import { growthNote, NO_SHARE_REASONS } from '../common/growth.ts';
import { eventsHandlers } from '../events/queries.ts';
import { logisticsHandlers } from '../logistics/queries.ts';
import { overviewHandlers } from '../overview/queries.ts';
import { partnerRankHistory, partnerRanking, partnerSeries } from '../partners/queries.ts';
import { topProducts } from '../products/queries.ts';
import { projectsHandlers } from '../projects/queries.ts';
import { sectorsHandlers } from '../sectors/queries.ts';
import type { SourceRef } from '../shared-types.ts';
import type { EventsResult } from '../events/contract.ts';
import type { ProductRanking } from '../products/contract.ts';
import type { RouteItem } from '../logistics/contract.ts';
import type { Overview } from '../overview/contract.ts';
import type { ProjectsResult } from '../projects/contract.ts';
import type { SectorsOverview } from '../sectors/contract.ts';
import type { FlowGrowth, Reconciliation, TradeMonthly } from '../trade/contract.ts';
import { preferredSources, reconcile, tradeKpi, tradeMirror, tradeMonthly, tradeSeries } from '../trade/queries.ts';
import type { Cell } from '../exports/csv-writer.ts';
import type { TableData } from '../exports/table-writer.ts';
import type { PartnersModel, TradeModel } from './models.ts';

/** "S1 — Korea Customs Service: Trade statistics 2023". */
export function sourceText(s: SourceRef | null | undefined): string {
  return s ? `${s.label} — ${s.publisher}: ${s.title}` : '';
}
/** Several sources, by label: the same cell whatever order a query found them in (a pack round trip renumbers rows). */
const sourcesText = (list: readonly SourceRef[]): string =>
  [...list]
    .sort((a, b) => a.label.localeCompare(b.label, 'en'))
    .map(sourceText)
    .join('; ');
const dateText = (d: PreciseDate | null | undefined): string => (d ? formatPreciseDate(d) : '');
const table = (name: string, header: string[], rows: Cell[][]): TableData => ({ name, header, rows: () => rows });

type Filters<D extends Dashboard> = DashboardFilters<D>;

/** A dashboard's model, and the tables of its export built from that model. */
interface Entry<D extends Dashboard, M> {
  model(ctx: Context, filters: Filters<D>): M | Promise<M>;
  tables(model: M, filters: Filters<D>): TableData[];
}
const entry =
  <D extends Dashboard>() =>
  <M>(e: Entry<D, M>): Entry<D, M> =>
    e;

/** Each dashboard's data; its model's type is what the `dashboard` method returns for it (DashboardModels). */
const DASHBOARD_DATA = {
  overview: entry<'overview'>()({ model: (ctx, f) => overviewHandlers(ctx).overview(f), tables: overviewTables }),
  trade: entry<'trade'>()({ model: tradeModel, tables: tradeTables }),
  monthly: entry<'monthly'>()({ model: (ctx, f) => tradeMonthly(ctx.db, f), tables: monthlyTables }),
  partners: entry<'partners'>()({ model: partnersModel, tables: partnersTables }),
  products: entry<'products'>()({ model: (ctx, f) => topProducts(ctx.db, f), tables: (r) => [productsTable(r)] }),
  sectors: entry<'sectors'>()({ model: (ctx, f) => sectorsHandlers(ctx).listSectors(f), tables: sectorsTables }),
  projects: entry<'projects'>()({ model: (ctx, f) => projectsHandlers(ctx).listProjects(f), tables: projectsTables }),
  events: entry<'events'>()({ model: (ctx, f) => eventsHandlers(ctx).listEvents(f), tables: eventsTables }),
  logistics: entry<'logistics'>()({ model: (ctx) => logisticsHandlers(ctx).listRoutes({}), tables: logisticsTables }),
} satisfies { [D in Dashboard]: Entry<D, unknown> };

/** What each dashboard's view shows. */
export type DashboardModels = { [D in Dashboard]: Awaited<ReturnType<(typeof DASHBOARD_DATA)[D]['model']>> };

/** The `dashboard` method's result: the dashboard, its filters and its model. */
export type DashboardModel = { [D in Dashboard]: { id: D; filters: DashboardFilters<D>; model: DashboardModels[D] } }[Dashboard];

/** A dashboard's view model for its (parsed) filters. */
export async function dashboardModel<D extends Dashboard>(ctx: Context, id: D, filters: Filters<D>): Promise<DashboardModel> {
  // Each entry is checked against its own dashboard above; indexed by a generic id it is one of them.
  const data: Entry<D, unknown> = DASHBOARD_DATA[id as Dashboard] as unknown as Entry<D, unknown>;
  return { id, filters, model: await data.model(ctx, filters) } as DashboardModel;
}

/** The tables an export of a dashboard writes: its model for these filters, as tables. */
export async function dashboardTables<D extends Dashboard>(
  ctx: Context,
  request: { dashboard: D; filters: Filters<D> },
): Promise<TableData[]> {
  const { model } = await dashboardModel(ctx, request.dashboard, request.filters);
  const data: Entry<D, unknown> = DASHBOARD_DATA[request.dashboard as Dashboard] as unknown as Entry<D, unknown>;
  return data.tables(model, request.filters);
}

/** The Products view: the chapters, headings or codes it lists, each with its share, change and sources. */
/** The Top products view: the rows listed, each with its share, change and sources. */
function productsTable(r: ProductRanking): TableData {
  return table(
    'products',
    [
      'reporter',
      'partner',
      'year',
      'flow',
      'hs_code',
      'level',
      'value_usd',
      'basis',
      'share',
      'share_of',
      'change_usd',
      'change_pct',
      'change_note',
      'sources',
    ],
    r.rows.map((p): Cell[] => [
      r.reporter.code,
      r.partner.code,
      r.year,
      r.flow,
      p.code,
      p.level,
      p.value,
      p.basis,
      p.share,
      r.total ? (r.total.basis === 'stated' ? 'stated total of the pair' : 'sum of the chapters loaded') : '',
      p.change?.absolute ?? null,
      p.change?.relative ?? null,
      p.changeNote ?? '',
      sourcesText(p.sources),
    ]),
  );
}

/** The Partners view: the reporter's totals and their basis, the ranking, the rank history, the compared partners and China's shares. */
function partnersModel(ctx: Context, q: Filters<'partners'>): PartnersModel {
  const ranking = partnerRanking(ctx.db, { reporter: q.reporter, year: q.year });
  const history = partnerRankHistory(ctx.db, {
    reporter: q.reporter,
    measure: q.by,
    top: 10,
    from: q.from,
    to: q.to ?? ranking.year ?? undefined,
  });
  const ranked = [...ranking.partners].filter((p) => p.rank[q.by] !== null).sort((a, b) => a.rank[q.by]! - b.rank[q.by]!);
  const compared = q.compare.length > 0 ? q.compare : ranked.slice(0, 4).map((p) => p.partner.code);
  const known = new Set(ranking.partners.map((p) => p.partner.code));
  const seriesPartners = [...new Set([...compared, ...(known.has('CHN') ? ['CHN'] : [])])];
  const series =
    seriesPartners.length > 0 ? partnerSeries(ctx.db, { reporter: q.reporter, partners: seriesPartners, from: q.from, to: q.to }) : null;
  return { ranking, history, series };
}

function partnersTables({ ranking, history, series }: PartnersModel, q: Filters<'partners'>): TableData[] {
  const R = ranking.reporter.code;
  const year = ranking.year;
  const basis = (t: { basis: string; partners: number | null } | null): string =>
    t === null ? '' : t.basis === 'stated' ? 'stated total (trade with the World)' : `sum over ${t.partners} partners (no stated total)`;
  const change = (c: { absolute: number; relative: number | null } | null): Cell => c?.relative ?? null;
  return [
    table(
      'totals',
      ['reporter', 'year', 'measure', 'value_usd', 'basis', 'sources'],
      year === null
        ? []
        : (
            [
              ['exports', ranking.totals.exports],
              ['imports', ranking.totals.imports],
              ['total trade', ranking.totals.total],
            ] as const
          )
            .filter(([, t]) => t !== null)
            .map(([m, t]): Cell[] => [R, year, m, t!.value, basis(t), sourcesText(t!.sources)]),
    ),
    table(
      'ranking',
      [
        'reporter',
        'year',
        'partner',
        'partner_name',
        'rank_exports',
        'rank_imports',
        'rank_total',
        'rank_balance',
        'exports_usd',
        'exports_share',
        'exports_change_relative',
        'imports_usd',
        'imports_share',
        'imports_change_relative',
        'total_usd',
        'total_share',
        'total_change_relative',
        'balance_usd',
        'balance_change_absolute',
        'sources',
      ],
      ranking.partners.map((p): Cell[] => [
        R,
        year,
        p.partner.code,
        p.partner.name,
        p.rank.exports,
        p.rank.imports,
        p.rank.total,
        p.rank.balance,
        p.exports?.value ?? null,
        p.share.exports,
        change(p.change.exports),
        p.imports?.value ?? null,
        p.share.imports,
        change(p.change.imports),
        p.total,
        p.share.total,
        change(p.change.total),
        p.balance,
        p.change.balance?.absolute ?? null,
        sourcesText([...new Map([p.exports?.source, p.imports?.source].filter((s) => s !== undefined).map((s) => [s.id, s])).values()]),
      ]),
    ),
    table(
      'rank_history',
      ['reporter', 'measure', 'partner', 'partner_name', 'year', 'rank', 'value_usd', 'partners_ranked'],
      history.rows.flatMap((r) =>
        history.years.map((y, i): Cell[] => [
          R,
          q.by,
          r.partner.code,
          r.partner.name,
          y,
          r.ranks[i] ?? null,
          r.values[i] ?? null,
          history.rankedPartners[i] ?? null,
        ]),
      ),
    ),
    table(
      'partner_series',
      [
        'reporter',
        'partner',
        'partner_name',
        'year',
        'exports_usd',
        'exports_share',
        'imports_usd',
        'imports_share',
        'total_usd',
        'balance_usd',
        'share_denominator',
        'sources',
      ],
      series
        ? series.partners.flatMap((x) =>
            x.points.map((pt, i): Cell[] => [
              R,
              x.partner.code,
              x.partner.name,
              pt.year,
              pt.exports?.value ?? null,
              pt.share.exports,
              pt.imports?.value ?? null,
              pt.share.imports,
              pt.total,
              pt.balance,
              basis(series.totals[i]?.exports ?? null),
              sourcesText([
                ...new Map([pt.exports?.source, pt.imports?.source].filter((s) => s !== undefined).map((s) => [s.id, s])).values(),
              ]),
            ]),
          )
        : [],
    ),
  ];
}

function overviewTables(o: Overview): TableData[] {
  const tables: TableData[] = [];
  const h = o.headline;
  if (h) {
    const pair = [h.year, h.reporter.code, h.partner.code];
    tables.push(
      table(
        'headline',
        ['measure', 'year', 'reporter', 'partner', 'value_usd', 'basis', 'sources'],
        [
          ['exports', ...pair, h.exports.value, 'as stated', sourceText(h.exports.source)],
          ['imports', ...pair, h.imports.value, 'as stated', sourceText(h.imports.source)],
          ['balance', ...pair, h.balance.value, `derived: ${h.balance.formula}`, sourcesText(h.balance.sources)],
          [
            'total trade (sum of parts)',
            ...pair,
            h.sumOfParts.value,
            `derived: ${h.sumOfParts.formula}`,
            sourcesText(h.sumOfParts.sources),
          ],
          ...(h.statedTotal
            ? [['total trade (stated)', ...pair, h.statedTotal.value, 'as stated', sourceText(h.statedTotal.source)] as Cell[]]
            : []),
        ],
      ),
    );
  }
  tables.push(
    table(
      'statements',
      ['kind', 'text', 'source'],
      o.statements.map((s) => [s.kind, s.text, sourceText(s.source)]),
    ),
  );
  // One row per reading of a claim (a claim nothing loaded can check: one row saying what would).
  tables.push(
    table(
      'claims',
      [
        'statement',
        'claimed_by',
        'kind',
        'reporter',
        'partner',
        'year',
        'measure',
        'claimed_value',
        'verdict',
        'reading',
        'reading_verdict',
        'data_value',
        'difference',
        'relative_difference',
        'data_sources',
        'needs',
      ],
      o.claims.claims.flatMap((c) => {
        const head: Cell[] = [
          c.text,
          sourceText(c.source),
          c.claim.kind,
          c.claim.reporter.code,
          c.claim.partner.code,
          c.claim.year,
          c.claim.measure,
          c.claim.value,
          c.verdict,
        ];
        if (c.readings.length === 0) return [[...head, '', '', null, null, null, '', c.needs ?? '']];
        return c.readings.map((r): Cell[] => [
          ...head,
          r.basis,
          r.verdict,
          r.value,
          r.difference,
          r.relative,
          sourcesText([...new Map([...r.parts.map((p) => p.source), ...(r.leader?.sources ?? [])].map((x) => [x.id, x])).values()]),
          r.needs ?? '',
        ]);
      }),
    ),
  );
  tables.push(
    table(
      'contents',
      ['what', 'count'],
      [
        ['trade figures', o.counts.tradeFlows],
        ['sectors', o.counts.sectors],
        ['cooperation projects', o.counts.projects],
        ['project batches', o.counts.projectBatches],
        ['events', o.counts.events],
        ['logistics routes', o.counts.routes],
        ['sources', o.counts.sources],
      ],
    ),
  );
  return tables;
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
    kpi,
    mirror,
    reconciliation,
    preferred,
    choices: [...choices.values()].sort((a, b) => a.label.localeCompare(b.label, undefined, { numeric: true })),
  };
}

function tradeTables({ series, kpi, mirror, reconciliation }: TradeModel): TableData[] {
  const R = series.reporter.code;
  const P = series.partner.code;

  const kpiRows: Cell[][] = [];
  if (kpi.year !== null) {
    const change = (c: { absolute: number; relative: number | null } | null): Cell[] => [c?.absolute ?? null, c?.relative ?? null];
    /** yoy_relative, yoy_note, cagr, cagr_note, share, share_note: each figure, or why it is empty. */
    const growth = (g: FlowGrowth | null, none: string): Cell[] =>
      g
        ? [
            g.yoy.change?.relative ?? null,
            g.yoy.change && g.yoy.change.relative !== null
              ? ''
              : 'reason' in g.yoy
                ? growthNote(g.yoy)
                : 'no relative change on a zero base',
            g.cagr.rate,
            growthNote(g.cagr),
            g.share.value,
            g.share.reason === null ? `of ${R}'s same flow with the world` : NO_SHARE_REASONS[g.share.reason],
          ]
        : [null, none, null, none, null, none];
    const row = (measure: string, value: number, c: Cell[], g: Cell[], basis: string, sources: string): Cell[] => [
      measure,
      kpi.year,
      R,
      P,
      value,
      ...c,
      ...g,
      basis,
      sources,
    ];
    const noGrowth = 'not given for a balance (its sign can change)';
    if (kpi.exports)
      kpiRows.push(
        row(
          'exports',
          kpi.exports.value,
          change(kpi.change.exports),
          growth(kpi.growth.exports, ''),
          'as stated',
          sourceText(kpi.exports.source),
        ),
      );
    if (kpi.imports)
      kpiRows.push(
        row(
          'imports',
          kpi.imports.value,
          change(kpi.change.imports),
          growth(kpi.growth.imports, ''),
          'as stated',
          sourceText(kpi.imports.source),
        ),
      );
    if (kpi.balance)
      kpiRows.push(
        row(
          'balance',
          kpi.balance.value,
          change(kpi.change.balance),
          growth(null, noGrowth),
          `derived: ${kpi.balance.formula}`,
          sourcesText(kpi.balance.sources),
        ),
      );
    if (kpi.total)
      kpiRows.push(
        row(
          'total trade',
          kpi.total.value,
          change(kpi.change.total),
          growth(kpi.growth.total, ''),
          `derived: ${kpi.total.formula}`,
          sourcesText(kpi.total.sources),
        ),
      );
    const none = 'see total trade';
    if (kpi.statedTotal)
      kpiRows.push(
        row(
          'total trade (stated)',
          kpi.statedTotal.value,
          [null, null],
          growth(null, none),
          'as stated',
          sourceText(kpi.statedTotal.source),
        ),
      );
    if (kpi.share)
      kpiRows.push(
        row(
          `share of ${R}'s total trade`,
          kpi.share.value,
          [null, null],
          growth(null, none),
          `derived: ${kpi.share.ofTotal.formula}`,
          sourcesText(kpi.share.ofTotal.sources),
        ),
      );
  }
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
      kpiRows,
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
      ],
      series.years.map((y) => [
        y.year,
        R,
        P,
        y.exports?.value ?? null,
        sourcesText(y.exports?.sources ?? []),
        y.imports?.value ?? null,
        sourcesText(y.imports?.sources ?? []),
        y.balance,
        y.total,
        y.exports ? (y.exports.periodNote ?? 'annual') : '',
        y.imports ? (y.imports.periodNote ?? 'annual') : '',
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

function monthlyTables(m: TradeMonthly): TableData[] {
  const R = m.reporter.code;
  const P = m.partner.code;
  return [
    table(
      'months',
      ['year', 'month', 'reporter', 'partner', 'exports_usd', 'exports_source', 'imports_usd', 'imports_source', 'balance_usd'],
      m.months.map((p) => [
        p.year,
        p.month,
        R,
        P,
        p.exports?.value ?? null,
        sourceText(p.exports?.source),
        p.imports?.value ?? null,
        sourceText(p.imports?.source),
        p.balance,
      ]),
    ),
    // What the annual series makes of each of those years.
    table(
      'years',
      [
        'year',
        'reporter',
        'partner',
        'exports_usd',
        'exports_period',
        'exports_sources',
        'imports_usd',
        'imports_period',
        'imports_sources',
      ],
      m.years.map((y) => [
        y.year,
        R,
        P,
        y.exports?.value ?? null,
        y.exports ? (y.exports.periodNote ?? 'annual') : '',
        sourcesText(y.exports?.sources ?? []),
        y.imports?.value ?? null,
        y.imports ? (y.imports.periodNote ?? 'annual') : '',
        sourcesText(y.imports?.sources ?? []),
      ]),
    ),
  ];
}

function sectorsTables(d: SectorsOverview): TableData[] {
  const R = d.reporter.code;
  const figureRow = (sector: string, f: (typeof d.otherFigures)[number]): Cell[] => [
    sector,
    f.year,
    f.reporter.code,
    f.partner.code,
    f.flow,
    f.label,
    f.hsNote,
    f.value,
    f.periodNote ?? '',
    f.shareOfTotal?.value ?? null,
    sourceText(f.source),
    f.note ?? '',
  ];
  return [
    table(
      'sectors',
      [
        'sector',
        'priorities',
        'latest_year',
        'latest_value_usd',
        'latest_basis',
        'change_on_previous_year',
        'share_of_exports',
        'hs_codes',
        'figures',
        'sources',
      ],
      d.sectors.map((s): Cell[] => {
        const priorities = s.priorities.map((p) => `#${p.position} in ${p.planTitle} (${p.source.label})`).join('; ');
        // As the view: the HS-based value when trade flows of its codes are loaded, else the latest stated figure.
        const f = s.figures[0];
        if (s.latest) {
          return [
            s.name,
            priorities,
            s.latest.year,
            s.latest.value,
            `HS-based (${s.latest.rows} trade flows)`,
            s.latest.change,
            s.latest.share,
            s.hsCodes,
            s.figures.length,
            sourcesText(s.latest.sources),
          ];
        }
        if (f) {
          const basis = ['as stated', f.periodNote, f.reporter.code !== R ? `reported by ${f.reporter.name} (imports)` : null]
            .filter(Boolean)
            .join('; ');
          return [
            s.name,
            priorities,
            f.year,
            f.value,
            basis,
            null,
            f.shareOfTotal?.value ?? null,
            s.hsCodes,
            s.figures.length,
            sourceText(f.source),
          ];
        }
        return [
          s.name,
          priorities,
          null,
          null,
          'no data loaded',
          null,
          null,
          s.hsCodes,
          s.figures.length,
          sourcesText(s.priorities.map((p) => p.source)),
        ];
      }),
    ),
    table(
      'figures',
      [
        'sector',
        'year',
        'reporter',
        'partner',
        'flow',
        'product_group',
        'code_as_given',
        'value_usd',
        'period',
        'share_of_total',
        'source',
        'note',
      ],
      [...d.sectors.flatMap((s) => s.figures.map((f) => figureRow(s.name, f))), ...d.otherFigures.map((f) => figureRow('', f))],
    ),
  ];
}

function projectsTables(d: ProjectsResult): TableData[] {
  return [
    table(
      'projects',
      [
        'title',
        'count',
        'region',
        'region_code',
        'counterpart',
        'status',
        'signed',
        'signed_precision',
        'signed_value',
        'signed_part',
        'signed_at_event',
        'value_usd',
        'fields',
        'split_reported',
        'note',
        'source',
      ],
      d.projects.map((p) => [
        p.title,
        p.count,
        p.region.name,
        p.region.code,
        p.counterpart?.code ?? '',
        p.status,
        dateText(p.signed),
        p.signed?.precision ?? '',
        p.signed?.value ?? '',
        p.signed?.part ?? '',
        p.signedAtEvent?.title ?? '',
        p.valueUsd,
        p.fields.join('; '),
        p.count > 1 ? (p.splitReported ? 'yes' : 'no') : '',
        p.note ?? '',
        sourceText(p.source),
      ]),
    ),
    // As the chart: fields counted where the source attributes projects, and each batch without a reported split as one row, never divided.
    table(
      'by_field',
      ['field', 'projects', 'note'],
      [
        ...d.fields.byField.map((f): Cell[] => [f.field, f.projects, '']),
        ...d.fields.unsplitBatches.map((b): Cell[] => [
          `Batch across ${b.fields.length} fields: ${b.fields.join('; ')}`,
          b.count,
          'split not reported: not divided among its fields',
        ]),
      ],
    ),
    table(
      'by_region',
      ['region', 'region_code', 'region_label', 'projects', 'entries'],
      d.byRegion.map((r) => [r.region.name, r.region.code, r.region.regionLabel ?? '', r.projects, r.entries]),
    ),
  ];
}

function eventsTables(d: EventsResult): TableData[] {
  const rows = (group: string, list: typeof d.upcoming): Cell[][] =>
    list.map((e) => [
      group,
      e.title,
      e.kind,
      dateText(e.date),
      e.date.precision,
      e.date.value ?? '',
      e.date.part ?? '',
      e.earliest ?? '',
      e.latest ?? '',
      e.place.name,
      e.country?.code ?? '',
      e.region?.code ?? '',
      e.organiser ?? '',
      e.sectors.join('; '),
      e.projects.map((p) => `${p.title} (${p.count})`).join('; '),
      e.note ?? '',
      sourceText(e.source),
    ]);
  return [
    table(
      'events',
      [
        'group',
        'title',
        'kind',
        'date',
        'date_precision',
        'date_value',
        'date_part',
        'earliest_day',
        'latest_day',
        'place',
        'country',
        'region',
        'organiser',
        'sectors',
        'projects_signed',
        'note',
        'source',
      ],
      [...rows(`upcoming (after ${d.today})`, d.upcoming), ...rows(`past (before ${d.today})`, d.past)],
    ),
  ];
}

function logisticsTables(routes: RouteItem[]): TableData[] {
  return [
    table(
      'routes',
      ['route', 'legs', 'transit_days_min', 'transit_days_max', 'counted_from', 'note', 'source'],
      routes.map((r) => [
        r.name,
        r.legs.map((l) => `${l.from.name} → ${l.to.name} (${l.mode})`).join('; '),
        r.transitDays?.min ?? null,
        r.transitDays?.max ?? null,
        r.transitBasis ?? '',
        r.note ?? '',
        sourceText(r.source),
      ]),
    ),
    table(
      'legs',
      ['route', 'position', 'mode', 'from', 'from_economy', 'to', 'to_economy', 'label'],
      routes.flatMap((r) =>
        r.legs.map((l): Cell[] => [
          r.name,
          l.position,
          l.mode,
          l.from.name,
          l.from.economy.code,
          l.to.name,
          l.to.economy.code,
          l.label ?? '',
        ]),
      ),
    ),
  ];
}
