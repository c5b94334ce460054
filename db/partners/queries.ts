import type { Context } from '../context.ts';
import type { HandlersOf } from '../area.ts';
import { ApiError } from '../common/errors.ts';
import type { Db } from '../open.ts';
import type { SourceRef } from '../shared-types.ts';
import { sourceLookup, economyLookup } from '../refs.ts';
import type { Change } from '../trade/contract.ts';
import { CHOICE_RULE, chosenFlowsSql, preparedOnce } from '../trade/chosen.ts';
import {
  PARTNER_MEASURES,
  type PartnerFlow,
  type PartnerMeasure,
  type PartnerRankHistory,
  type PartnerRanking,
  type PartnerReporter,
  type PartnerRow,
  type PartnerSeries,
  type PartnerSeriesPoint,
  type ReporterTotal,
  type partnersContract,
} from './contract.ts';

/** Annual totals of the reporter (the rows the partial index trade_flow_totals holds). */
const ANNUAL = "f.product_code = 'TOTAL' AND f.month IS NULL AND f.flow IN ('export', 'import')";

const CANDIDATES_WHERE = `f.reporter = :reporter AND f.partner IN (SELECT value FROM json_each(:partners)) AND f.year BETWEEN :from AND :to AND ${ANNUAL}`;

/**
 * The annual flows of a reporter with each partner economy listed in :partners (a JSON array), from
 * year :from to :to: one short range per partner in the partial index of
 * annual totals (migration 005), which stays small beside millions of HS rows; the natural key the
 * planner picks otherwise makes every probe descend the whole table's index.
 */
const CANDIDATES_SQL = `SELECT f.partner, f.year, f.flow, f.value_usd, f.source_id FROM trade_flow f INDEXED BY trade_flow_totals WHERE ${CANDIDATES_WHERE}
  ORDER BY f.partner, f.year, f.flow`;

/** The same flows, one chosen per flow where several sources give it (the shared choice block). */
const CHOSEN_SQL = `SELECT c.partner, c.year, c.flow, c.value_usd, c.source_id, c.alternatives FROM (${chosenFlowsSql(CANDIDATES_WHERE)}) c`;

const RULE =
  `${CHOICE_RULE} Partners are countries and territories; groups such as the World are never ranked. ` +
  "Total and balance only where both flows are reported; ranks shared on a tie. Shares are of the reporter's total as stated where it is loaded, else of the sum over its partners (said beside each share).";

interface ChosenRow {
  partner: string;
  year: number;
  flow: 'export' | 'import';
  value_usd: number;
  source_id: string;
  alternatives: number;
}

interface Economies {
  /** Partner countries of the reporter (economies of any kind but group), once each. */
  countries: string[];
  /** The World, if the database knows it. */
  world: string | null;
}

function partnerEconomies(db: Db, reporter: string): Economies {
  const countries = preparedOnce(db, "SELECT code FROM economy WHERE kind != 'group' AND code != ? ORDER BY code")
    .pluck()
    .all(reporter) as string[];
  const world = preparedOnce(
    db,
    "SELECT code FROM economy WHERE code IN ('WLD', 'W00') OR (kind = 'group' AND lower(name) = 'world') ORDER BY code = 'WLD' DESC LIMIT 1",
  )
    .pluck()
    .get() as string | undefined;
  return { countries, world: world ?? null };
}

/**
 * One row per flow. A flow given by one source needs no choice; the choice block runs only for the
 * partners where some flow has several sources, which keeps a ranking of every partner fast.
 */
function chosen(db: Db, reporter: string, partners: readonly string[], from: number, to: number): ChosenRow[] {
  if (partners.length === 0 || from > to) return [];
  const params = { reporter, partners: JSON.stringify(partners), from, to };
  const candidates = preparedOnce(db, CANDIDATES_SQL).all(params) as Omit<ChosenRow, 'alternatives'>[];
  // The index returns the rows of one flow side by side (reporter, partner, year, flow, source).
  const contested = new Set<string>();
  for (let i = 1; i < candidates.length; i++) {
    const a = candidates[i - 1]!;
    const b = candidates[i]!;
    if (a.partner === b.partner && a.year === b.year && a.flow === b.flow) contested.add(b.partner);
  }
  const out: ChosenRow[] = [];
  for (const r of candidates) {
    if (contested.has(r.partner)) continue;
    (r as ChosenRow).alternatives = 0;
    out.push(r as ChosenRow);
  }
  if (contested.size > 0) {
    out.push(...(preparedOnce(db, CHOSEN_SQL).all({ ...params, partners: JSON.stringify([...contested]) }) as ChosenRow[]));
  }
  return out;
}

/** Values by year, then partner: { export, import }. */
type ByYear = Map<number, Map<string, { export?: ChosenRow; import?: ChosenRow }>>;

function byYear(rows: readonly ChosenRow[]): ByYear {
  const out: ByYear = new Map();
  for (const r of rows) {
    let year = out.get(r.year);
    if (!year) out.set(r.year, (year = new Map()));
    let pair = year.get(r.partner);
    if (!pair) year.set(r.partner, (pair = {}));
    pair[r.flow] = r;
  }
  return out;
}

function measureOf(p: { export?: ChosenRow; import?: ChosenRow } | undefined, measure: PartnerMeasure): number | null {
  const x = p?.export?.value_usd;
  const m = p?.import?.value_usd;
  if (measure === 'exports') return x ?? null;
  if (measure === 'imports') return m ?? null;
  if (x === undefined || m === undefined) return null;
  return measure === 'total' ? x + m : x - m;
}

/** Competition ranking, largest first: ties share a rank and the next rank is skipped (1, 1, 3). */
export function competitionRanks(values: ReadonlyMap<string, number | null>): Map<string, number | null> {
  const known = [...values.values()].filter((v): v is number => v !== null).sort((a, b) => b - a);
  const firstIndex = new Map<number, number>();
  known.forEach((v, i) => {
    if (!firstIndex.has(v)) firstIndex.set(v, i);
  });
  const out = new Map<string, number | null>();
  for (const [k, v] of values) out.set(k, v === null ? null : firstIndex.get(v)! + 1);
  return out;
}

function change(now: number | null, before: number | null): Change | null {
  if (now === null || before === null) return null;
  return { absolute: now - before, relative: before === 0 ? null : (now - before) / Math.abs(before) };
}

/** The reporter's totals of a year: stated (trade with the World) where loaded, else the sum over partner countries. */
function totalsOf(
  world: { export?: ChosenRow; import?: ChosenRow } | undefined,
  partners: ReadonlyMap<string, { export?: ChosenRow; import?: ChosenRow }> | undefined,
  source: (id: string) => SourceRef,
): { exports: ReporterTotal | null; imports: ReporterTotal | null; total: ReporterTotal | null } {
  const one = (flow: 'export' | 'import'): ReporterTotal | null => {
    const stated = world?.[flow];
    if (stated) return { value: stated.value_usd, basis: 'stated', partners: null, sources: [source(stated.source_id)] };
    let sum = 0;
    let n = 0;
    const used = new Map<string, SourceRef>();
    for (const p of partners?.values() ?? []) {
      const r = p[flow];
      if (!r) continue;
      sum += r.value_usd;
      n++;
      if (!used.has(r.source_id)) used.set(r.source_id, source(r.source_id));
    }
    return n === 0 ? null : { value: sum, basis: 'sum-of-partners', partners: n, sources: [...used.values()] };
  };
  const exports = one('export');
  const imports = one('import');
  const total: ReporterTotal | null =
    exports && imports
      ? {
          value: exports.value + imports.value,
          basis: exports.basis === 'stated' && imports.basis === 'stated' ? 'stated' : 'sum-of-partners',
          partners:
            exports.basis === 'stated' && imports.basis === 'stated' ? null : Math.max(exports.partners ?? 0, imports.partners ?? 0),
          sources: [...new Map([...exports.sources, ...imports.sources].map((s) => [s.id, s])).values()],
        }
      : null;
  return { exports, imports, total };
}

function flowOf(r: ChosenRow | undefined, source: (id: string) => SourceRef): PartnerFlow | null {
  return r ? { value: r.value_usd, source: source(r.source_id), alternatives: r.alternatives } : null;
}

/** A share of the total; none of a sum over a single partner (it would read 100 % whatever the trade). */
function share(value: number | null, total: ReporterTotal | null): number | null {
  if (value === null || !total || total.value === 0 || (total.partners !== null && total.partners < 2)) return null;
  return value / total.value;
}

const yearsCache = new WeakMap<Db, Map<string, { version: string; years: { year: number; complete: boolean }[] }>>();
const reportersCache = new WeakMap<Db, { version: string; rows: { reporter: string; partners: number; first: number; last: number }[] }>();

/** Changes when anything is written to the database, by this connection or another. */
function dataVersion(db: Db): string {
  return `${db.pragma('data_version', { simple: true }) as number} ${preparedOnce(db, 'SELECT total_changes()').pluck().get() as number}`;
}

/**
 * Years with annual figures of the reporter with partner countries, newest first. Reading them
 * scans every annual row of the reporter, so the answer is kept until the database changes (this
 * connection's changes or another's: total_changes() and data_version).
 */
function reporterYears(db: Db, reporter: string): { year: number; complete: boolean }[] {
  const version = dataVersion(db);
  let byReporter = yearsCache.get(db);
  if (!byReporter) yearsCache.set(db, (byReporter = new Map()));
  const hit = byReporter.get(reporter);
  if (hit?.version === version) return hit.years;
  const rows = preparedOnce(
    db,
    `SELECT f.year, max(f.flow) != min(f.flow) AS complete FROM trade_flow f INDEXED BY trade_flow_totals
    WHERE f.reporter = ? AND ${ANNUAL} AND f.partner IN (SELECT code FROM economy WHERE kind != 'group')
    GROUP BY f.year ORDER BY f.year DESC`,
  ).all(reporter) as { year: number; complete: number }[];
  const years = rows.map((r) => ({ year: r.year, complete: r.complete === 1 }));
  byReporter.set(reporter, { version, years });
  return years;
}

/** Reporters with several partner countries: a scan of every annual total, so kept until the database changes. */
export function partnerReporters(db: Db): PartnerReporter[] {
  const economy = economyLookup(db);
  const version = dataVersion(db);
  const hit = reportersCache.get(db);
  const rows =
    hit?.version === version
      ? hit.rows
      : (preparedOnce(
          db,
          `SELECT f.reporter, count(DISTINCT f.partner) AS partners, min(f.year) AS first, max(f.year) AS last
    FROM trade_flow f INDEXED BY trade_flow_totals WHERE ${ANNUAL} AND f.partner IN (SELECT code FROM economy WHERE kind != 'group')
    GROUP BY f.reporter HAVING count(DISTINCT f.partner) >= 2 ORDER BY partners DESC, f.reporter`,
        ).all() as { reporter: string; partners: number; first: number; last: number }[]);
  reportersCache.set(db, { version, rows });
  return rows.map((r) => ({ reporter: economy(r.reporter), partners: r.partners, firstYear: r.first, lastYear: r.last }));
}

export function partnerRanking(db: Db, input: { reporter: string; year?: number | undefined }): PartnerRanking {
  const economy = economyLookup(db);
  const source = sourceLookup(db);
  const reporter = economy(input.reporter);
  const years = reporterYears(db, input.reporter);
  const year = input.year ?? years.find((y) => y.complete)?.year ?? years[0]?.year ?? null;
  const emptyRanked = { exports: 0, imports: 0, total: 0, balance: 0 };
  const base = { reporter, years, rule: RULE };
  if (year === null) {
    return {
      ...base,
      year: null,
      previousYear: null,
      totals: { exports: null, imports: null, total: null },
      partners: [],
      ranked: emptyRanked,
      notes: [`No annual trade of ${reporter.name} with partner countries is loaded.`],
      sources: [],
    };
  }
  const { countries, world } = partnerEconomies(db, input.reporter);
  const partnersAndWorld = world ? [...countries, world] : countries;
  const data = byYear(chosen(db, input.reporter, partnersAndWorld, year - 1, year));
  const split = (
    y: number,
  ): {
    world: { export?: ChosenRow; import?: ChosenRow } | undefined;
    partners: Map<string, { export?: ChosenRow; import?: ChosenRow }>;
  } => {
    const all = data.get(y) ?? new Map<string, { export?: ChosenRow; import?: ChosenRow }>();
    const w = world ? all.get(world) : undefined;
    if (world) all.delete(world);
    return { world: w, partners: all };
  };
  const now = split(year);
  const before = split(year - 1);
  const totals = totalsOf(now.world, now.partners, source);
  const notes: string[] = [];
  if (now.partners.size === 0) notes.push(`No figures of ${reporter.name}'s trade with partner countries are loaded for ${year}.`);
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
  if (oneFlow > 0)
    notes.push(
      `${oneFlow} partner${oneFlow === 1 ? ' has' : 's have'} only one flow reported for ${year}: total and balance not known, not ranked on them.`,
    );
  for (const [flow, t] of [
    ['exports', totals.exports],
    ['imports', totals.imports],
  ] as const) {
    if (t?.basis === 'sum-of-partners') {
      notes.push(
        `No stated total of ${reporter.name}'s ${flow} for ${year} is loaded: shares of ${flow} are of the sum over its partners, which leaves out any trade not allocated to a partner.`,
      );
    }
  }
  if (before.partners.size === 0 && now.partners.size > 0) notes.push(`No figures for ${year - 1}: no change on the year before.`);
  return { ...base, year, previousYear: year - 1, totals, partners, ranked, notes, sources: [...used.values()] };
}

/** Sorted years as runs of consecutive years: [1965, 1966, 1967, 2024] → [[1965, 1967], [2024, 2024]]. */
function runsOf(years: readonly number[]): [number, number][] {
  const runs: [number, number][] = [];
  for (const y of years) {
    const last = runs[runs.length - 1];
    if (last && last[1] === y - 1) last[1] = y;
    else runs.push([y, y]);
  }
  return runs;
}

function yearRange(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
}

export function partnerRankHistory(
  db: Db,
  input: { reporter: string; measure: PartnerMeasure; top: number; from?: number | undefined; to?: number | undefined },
): PartnerRankHistory {
  const economy = economyLookup(db);
  const known = reporterYears(db, input.reporter);
  const to = input.to ?? known.find((y) => y.complete)?.year ?? known[0]?.year;
  const base = { reporter: economy(input.reporter), measure: input.measure, rule: RULE };
  if (to === undefined) return { ...base, years: [], rankedPartners: [], rows: [] };
  const from = input.from ?? to - 9;
  if (from > to) throw new ApiError('invalid-input', `The first year (${from}) is after the last (${to}).`);
  if (to - from > 60) throw new ApiError('invalid-input', `A rank history covers at most 61 years (asked: ${from}–${to}).`);
  const years = yearRange(from, to);
  const { countries } = partnerEconomies(db, input.reporter);
  const data = byYear(chosen(db, input.reporter, countries, from, to));
  const ranksByYear = years.map((y) => {
    const values = new Map(
      [...(data.get(y) ?? new Map<string, { export?: ChosenRow; import?: ChosenRow }>())].map(([code, p]) => [
        code,
        measureOf(p, input.measure),
      ]),
    );
    return { values, ranks: competitionRanks(values) };
  });
  const last = ranksByYear[ranksByYear.length - 1]!;
  const top = [...last.ranks]
    .filter((e): e is [string, number] => e[1] !== null)
    .sort((a, b) => a[1] - b[1] || economy(a[0]).name.localeCompare(economy(b[0]).name))
    .slice(0, input.top)
    .map(([code]) => code);
  return {
    ...base,
    years,
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
    if (!countrySet.has(code))
      throw new ApiError(
        'invalid-input',
        `${code} is not a partner country of ${input.reporter} (groups such as the World are not compared).`,
      );
  }
  const span = preparedOnce(
    db,
    `SELECT min(f.year) AS first, max(f.year) AS last FROM trade_flow f
    WHERE f.reporter = :reporter AND f.partner IN (SELECT value FROM json_each(:partners)) AND ${ANNUAL}`,
  ).get({ reporter: input.reporter, partners: JSON.stringify(asked) }) as { first: number | null; last: number | null };
  // By default from the first year with the reporter's stated totals, so every share has the same kind of denominator.
  const firstStated = world
    ? (preparedOnce(db, `SELECT min(f.year) FROM trade_flow f WHERE f.reporter = ? AND f.partner = ? AND ${ANNUAL}`)
        .pluck()
        .get(input.reporter, world) as number | null)
    : null;
  const from =
    input.from ??
    (span.first !== null && firstStated !== null && span.last !== null && firstStated <= span.last
      ? Math.max(span.first, firstStated)
      : span.first);
  const to = input.to ?? span.last;
  const base = { reporter: economy(input.reporter), earliestYear: span.first, rule: RULE };
  if (from === null || to === null || from > to) {
    return { ...base, years: [], partners: asked.map((code) => ({ partner: economy(code), points: [] })), totals: [], sources: [] };
  }
  if (to - from > 80) throw new ApiError('invalid-input', `A series covers at most 81 years (asked: ${from}–${to}).`);
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
