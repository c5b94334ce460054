/**
 * The partners area's queries: a reporter's partners ranked, their rank history, several partners
 * compared, and the handlers that serve them. Rows come from db/partners/sql.ts, ranks, shares and
 * totals from db/partners/rules.ts.
 */
import type { Context } from '../context.ts';
import type { HandlersOf } from '../area.ts';
import { ApiError } from '../common/errors.ts';
import { economyValue, notesOf, said, type Said } from '../common/core-messages.ts';
import type { Db } from '../database.ts';
import type { EconomyRef, SourceRef } from '../shared-types.ts';
import { sourceLookup, economyLookup } from '../refs.ts';
import { growthToYear, type CompoundGrowth } from '../common/growth.ts';
import type { Change } from '../trade/contract.ts';
import { change } from '../trade/rules.ts';
import {
  GROWTH_MEASURES,
  PARTNER_MEASURES,
  type GrowthMeasure,
  type PartnerMeasure,
  type PartnerRankHistory,
  type PartnerRanking,
  type PartnerReporter,
  type PartnerRow,
  type PartnerSeries,
  type PartnerSeriesAlone,
  type PartnerSeriesPoint,
  type partnersContract,
} from './contract.ts';
import {
  byYear,
  competitionRanks,
  flowOf,
  measureOf,
  PARTNERS_RULE,
  PARTNERS_RULE_TEXT,
  runsOf,
  share,
  totalsOf,
  yearRange,
  type YearFlows,
} from './rules.ts';
import { chosen, economyNames, firstYearWith, partnerEconomies, partnerSpans, reporterYears, reportersWithPartners } from './sql.ts';

export function partnerReporters(db: Db): PartnerReporter[] {
  const economy = economyLookup(db);
  return reportersWithPartners(db).map((r) => ({
    reporter: economy(r.reporter),
    partners: r.partners,
    firstYear: r.first,
    lastYear: r.last,
  }));
}

/**
 * A reporter's partners in one year, ranked on each measure, with their shares, changes on the year before and growth
 * rates from `from` (by default nine years before, the rank history's default range) to that year.
 */
export function partnerRanking(db: Db, input: { reporter: string; year?: number | undefined; from?: number | undefined }): PartnerRanking {
  const names = economyNames(db);
  // As economyLookup names them (an unknown code by itself), from one read of every name.
  const economy = (code: string): EconomyRef => ({ code, name: names.get(code) ?? code });
  const source = sourceLookup(db);
  const reporter = economy(input.reporter);
  const years = reporterYears(db, input.reporter);
  const year = input.year ?? years.find((y) => y.complete)?.year ?? years[0]?.year ?? null;
  const emptyRanked = { exports: 0, imports: 0, total: 0, balance: 0 };
  const base = { reporter, years, rule: PARTNERS_RULE, ruleText: PARTNERS_RULE_TEXT };
  if (year === null) {
    return {
      ...base,
      year: null,
      previousYear: null,
      growthFrom: null,
      totals: { exports: null, imports: null, total: null },
      partners: [],
      ranked: emptyRanked,
      ...notesOf([said('partnersNoAnnual', { reporter: economyValue(reporter) })]),
      sources: [],
    };
  }
  const { countries, world } = partnerEconomies(db, input.reporter);
  const partnersAndWorld = world ? [...countries, world] : countries;
  const growthFrom = input.from ?? year - 9;
  // One read for the year, the year before and the growth range: by default the rank history's read too, which the
  // last answer of `chosen` then serves to both.
  const data = byYear(chosen(db, input.reporter, partnersAndWorld, Math.min(growthFrom, year - 1), year));
  const growthYears = yearRange(growthFrom, year);
  const cagrOf = (code: string, m: GrowthMeasure): CompoundGrowth =>
    growthToYear(
      growthYears.map((y) => ({ year: y, value: measureOf(data.get(y)?.get(code), m), partial: false })),
      growthFrom,
      year,
    );
  const split = (
    y: number,
  ): {
    world: YearFlows | undefined;
    partners: Map<string, YearFlows>;
  } => {
    const all = data.get(y) ?? new Map<string, YearFlows>();
    const w = world ? all.get(world) : undefined;
    return { world: w, partners: world && w ? new Map([...all].filter(([code]) => code !== world)) : all };
  };
  const now = split(year);
  const before = split(year - 1);
  const totals = totalsOf(now.world, now.partners, source);
  const notes: Said[] = [];
  if (now.partners.size === 0) notes.push(said('partnersNoneForYear', { reporter: economyValue(reporter), year: String(year) }));
  const ranks = Object.fromEntries(
    PARTNER_MEASURES.map((m) => [m, competitionRanks(new Map([...now.partners].map(([code, p]) => [code, measureOf(p, m)])))]),
  ) as Record<PartnerMeasure, Map<string, number | null>>;
  const used = new Map<string, SourceRef>();
  const partners: PartnerRow[] = [...now.partners].map(([code, p]) => {
    const prev = before.partners.get(code);
    const exports = flowOf(p.export, source);
    const imports = flowOf(p.import, source);
    for (const f of [exports, imports]) if (f) used.set(f.source.id, f.source);
    const total = measureOf(p, 'total');
    return {
      partner: economy(code),
      exports,
      imports,
      total,
      balance: measureOf(p, 'balance'),
      share: {
        exports: share(exports?.value ?? null, totals.exports),
        imports: share(imports?.value ?? null, totals.imports),
        total: share(total, totals.total),
      },
      rank: Object.fromEntries(PARTNER_MEASURES.map((m) => [m, ranks[m].get(code) ?? null])) as Record<PartnerMeasure, number | null>,
      change: Object.fromEntries(PARTNER_MEASURES.map((m) => [m, change(measureOf(p, m), measureOf(prev, m))])) as Record<
        PartnerMeasure,
        Change | null
      >,
      cagr: Object.fromEntries(GROWTH_MEASURES.map((m) => [m, cagrOf(code, m)])) as Record<GrowthMeasure, CompoundGrowth>,
    };
  });
  partners.sort(
    (a, b) =>
      (b.total ?? -Infinity) - (a.total ?? -Infinity) ||
      (b.exports?.value ?? -1) - (a.exports?.value ?? -1) ||
      (b.imports?.value ?? -1) - (a.imports?.value ?? -1) ||
      a.partner.name.localeCompare(b.partner.name),
  );
  const ranked = Object.fromEntries(PARTNER_MEASURES.map((m) => [m, [...ranks[m].values()].filter((r) => r !== null).length])) as Record<
    PartnerMeasure,
    number
  >;
  const oneFlow = partners.filter((p) => p.total === null).length;
  if (oneFlow > 0) notes.push(said(oneFlow === 1 ? 'partnersOneFlowOne' : 'partnersOneFlowMany', { count: oneFlow, year: String(year) }));
  for (const [flow, t] of [
    ['exports', totals.exports],
    ['imports', totals.imports],
  ] as const) {
    if (t?.basis === 'sum-of-partners') {
      notes.push(
        said('partnersNoStatedTotal', {
          reporter: economyValue(reporter),
          flow: said(flow === 'exports' ? 'claimExports' : 'claimImports'),
          year: String(year),
        }),
      );
    }
  }
  if (before.partners.size === 0 && now.partners.size > 0) notes.push(said('partnersNoPreviousYear', { year: String(year - 1) }));
  return { ...base, year, previousYear: year - 1, growthFrom, totals, partners, ranked, ...notesOf(notes), sources: [...used.values()] };
}

export function partnerRankHistory(
  db: Db,
  input: { reporter: string; measure: PartnerMeasure; top: number; from?: number | undefined; to?: number | undefined },
): PartnerRankHistory {
  const economy = economyLookup(db);
  const known = reporterYears(db, input.reporter);
  const to = input.to ?? known.find((y) => y.complete)?.year ?? known[0]?.year;
  const base = { reporter: economy(input.reporter), measure: input.measure, rule: PARTNERS_RULE, ruleText: PARTNERS_RULE_TEXT };
  if (to === undefined) return { ...base, years: [], rankedPartners: [], rows: [], sources: [] };
  const from = input.from ?? to - 9;
  if (from > to) throw new ApiError('invalid-input', said('yearsReversed', { from: String(from), to: String(to) }));
  if (to - from > 60) throw new ApiError('invalid-input', said('rankYearsTooMany', { from: String(from), to: String(to) }));
  const years = yearRange(from, to);
  const { countries, world } = partnerEconomies(db, input.reporter);
  // The same partners as the ranking's read (the World too, left out of the ranks), so that one read serves both.
  const data = byYear(chosen(db, input.reporter, world ? [...countries, world] : countries, from, to));
  const ranksByYear = years.map((y) => {
    const partners = [...(data.get(y) ?? new Map<string, YearFlows>())].filter(([code]) => code !== world);
    const values = new Map(partners.map(([code, p]) => [code, measureOf(p, input.measure)]));
    return { values, ranks: competitionRanks(values) };
  });
  const last = ranksByYear[ranksByYear.length - 1]!;
  const top = [...last.ranks]
    .filter((e): e is [string, number] => e[1] !== null)
    .sort((a, b) => a[1] - b[1] || economy(a[0]).name.localeCompare(economy(b[0]).name))
    .slice(0, input.top)
    .map(([code]) => code);
  const source = sourceLookup(db);
  const used = new Map<string, SourceRef>();
  for (const y of years) {
    for (const code of top) {
      const p = data.get(y)?.get(code);
      for (const r of [p?.export, p?.import]) if (r && !used.has(r.source_id)) used.set(r.source_id, source(r.source_id));
    }
  }
  return {
    ...base,
    years,
    sources: [...used.values()],
    rankedPartners: ranksByYear.map((y) => [...y.ranks.values()].filter((r) => r !== null).length),
    rows: top.map((code) => ({
      partner: economy(code),
      ranks: ranksByYear.map((y) => y.ranks.get(code) ?? null),
      values: ranksByYear.map((y) => y.values.get(code) ?? null),
    })),
  };
}

export function partnerSeries(
  db: Db,
  input: { reporter: string; partners: string[]; from?: number | undefined; to?: number | undefined },
): PartnerSeries {
  const economy = economyLookup(db);
  const source = sourceLookup(db);
  const asked = [...new Set(input.partners)];
  const { countries, world } = partnerEconomies(db, input.reporter);
  const countrySet = new Set(countries);
  for (const code of asked) {
    if (!countrySet.has(code)) throw new ApiError('invalid-input', said('partnersNotCountry', { code, reporter: input.reporter }));
  }
  const spans = partnerSpans(db, input.reporter, asked);
  const firsts = [...spans.values()].map((s) => s.first);
  const lasts = [...spans.values()].map((s) => s.last);
  const span = { first: firsts.length > 0 ? Math.min(...firsts) : null, last: lasts.length > 0 ? Math.max(...lasts) : null };
  // By default from the first year with the reporter's stated totals, so every share has the same kind of denominator.
  const firstStated = world ? firstYearWith(db, input.reporter, world) : null;
  const rangeOf = (s: { first: number | null; last: number | null }): { from: number | null; to: number | null } => ({
    from:
      input.from ??
      (s.first !== null && firstStated !== null && s.last !== null && firstStated <= s.last ? Math.max(s.first, firstStated) : s.first),
    to: input.to ?? s.last,
  });
  const { from, to } = rangeOf(span);
  /** What this partner's series would span asked for by itself, so that it can be read out of this one (db/common/series-of-one.ts). */
  const aloneOf = (code: string): PartnerSeriesAlone | null => {
    const own = spans.get(code) ?? { first: null, last: null };
    const r = rangeOf(own);
    return r.from === null || r.to === null || r.from > r.to ? null : { from: r.from, to: r.to, earliestYear: own.first };
  };
  const base = { reporter: economy(input.reporter), earliestYear: span.first, rule: PARTNERS_RULE, ruleText: PARTNERS_RULE_TEXT };
  if (from === null || to === null || from > to) {
    return {
      ...base,
      years: [],
      partners: asked.map((code) => ({ partner: economy(code), points: [], alone: aloneOf(code) })),
      totals: [],
      sources: [],
    };
  }
  if (to - from > 80) throw new ApiError('invalid-input', said('seriesYearsTooMany', { from: String(from), to: String(to) }));
  const years = yearRange(from, to);
  // The year before the first, so the first year's change is shown when that year is loaded.
  const data = byYear(chosen(db, input.reporter, world ? [...asked, world] : asked, from - 1, to));
  // The sum over all partners only for years without a stated total.
  const missing = years.filter((y) => !(world && data.get(y)?.get(world)?.export && data.get(y)?.get(world)?.import));
  const everyone = byYear(runsOf(missing).flatMap(([a, b]) => chosen(db, input.reporter, countries, a, b)));
  const totals = years.map((y) => {
    const t = totalsOf(world ? data.get(y)?.get(world) : undefined, everyone.get(y), source);
    return { exports: t.exports, imports: t.imports, total: t.total };
  });
  const used = new Map<string, SourceRef>();
  const partners = asked.map((code) => ({
    partner: economy(code),
    alone: aloneOf(code),
    points: years.map((y, i): PartnerSeriesPoint => {
      const p = data.get(y)?.get(code);
      const prev = data.get(y - 1)?.get(code);
      const exports = flowOf(p?.export, source);
      const imports = flowOf(p?.import, source);
      for (const f of [exports, imports]) if (f) used.set(f.source.id, f.source);
      const total = measureOf(p, 'total');
      const t = totals[i]!;
      return {
        year: y,
        exports,
        imports,
        total,
        balance: measureOf(p, 'balance'),
        share: {
          exports: share(exports?.value ?? null, t.exports),
          imports: share(imports?.value ?? null, t.imports),
          total: share(total, t.total),
        },
        change: Object.fromEntries(PARTNER_MEASURES.map((m) => [m, change(measureOf(p, m), measureOf(prev, m))])) as Record<
          PartnerMeasure,
          Change | null
        >,
      };
    }),
  }));
  return { ...base, years, partners, totals: totals.map((t) => ({ exports: t.exports, imports: t.imports })), sources: [...used.values()] };
}

export function partnersHandlers(ctx: Context): HandlersOf<typeof partnersContract> {
  return {
    partnerReporters: () => partnerReporters(ctx.db),
    partnerRanking: (input) => partnerRanking(ctx.db, input),
    partnerRankHistory: (input) => partnerRankHistory(ctx.db, input),
    partnerSeries: (input) => partnerSeries(ctx.db, input),
  };
}
