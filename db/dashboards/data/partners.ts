/** The Partners dashboard: a reporter's partners ranked, their rank over time and the partners compared, and its export tables. */
import type { Context } from '../../context.ts';
import { growthNote, type YearOnYear } from '../../common/growth.ts';
import { GROWTH_MEASURES, type GrowthMeasure, type PartnerSeriesPoint } from '../../partners/contract.ts';
import { partnerRankHistory, partnerRanking, partnerSeries } from '../../partners/queries.ts';
import type { PartnersModel } from '../models.ts';
import { entry, type ModelOf, pairSourcesText, sourcesText, table, yoyCells, type Cell, type Filters, type TableData } from '../shared.ts';

const partnersData = entry<'partners'>()({ model: partnersModel, tables: partnersTables });
export default partnersData;

declare module '../shared.ts' {
  interface DashboardModels {
    partners: ModelOf<typeof partnersData>;
  }
}

/** The Partners view: the reporter's totals and their basis, the ranking, the rank history, the compared partners and China's shares. */
function partnersModel(ctx: Context, q: Filters<'partners'>): PartnersModel {
  const ranking = partnerRanking(ctx.db, { reporter: q.reporter, year: q.year, from: q.from });
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
        ...GROWTH_MEASURES.flatMap((m) => [`${m}_cagr`, `${m}_cagr_note`]),
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
        pairSourcesText(p.exports, p.imports),
        ...GROWTH_MEASURES.flatMap((m): Cell[] => [p.cagr[m].rate, growthNote(p.cagr[m])]),
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
        ...GROWTH_MEASURES.flatMap((m) => [`${m}_yoy`, `${m}_yoy_note`]),
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
              pairSourcesText(pt.exports, pt.imports),
              ...GROWTH_MEASURES.flatMap((m) => yoyCells(yoyOf(pt, m))),
            ]),
          )
        : [],
    ),
  ];
}

/** A point's change on the year before as the growth rule words it (partner figures are annual: no partial years). */
function yoyOf(pt: PartnerSeriesPoint, m: GrowthMeasure): YearOnYear {
  const c = pt.change[m];
  if (c) return { change: c, year: pt.year, previousYear: pt.year - 1 };
  const now = m === 'total' ? pt.total : pt[m]?.value;
  return { change: null, reason: now == null ? 'not-reported' : 'previous-not-reported' };
}
