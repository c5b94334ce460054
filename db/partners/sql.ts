/**
 * The partners area's reads of SQLite: a reporter's annual total flows with many partners at once
 * (one chosen row per flow, by the shared choice rule of db/trade/chosen.ts), its partner countries,
 * and the years and reporters with partner figures (kept until trade figures may have changed: tradeVersion).
 */
import type { Db } from '../database.ts';
import { chosenFlowsSql, preparedOnce, tradeVersion } from '../trade/chosen.ts';

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

/** One flow of a reporter with a partner in a year, as chosen. */
export interface ChosenRow {
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

export function partnerEconomies(db: Db, reporter: string): Economies {
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

const namesCache = new WeakMap<Db, { version: string; names: ReadonlyMap<string, string> }>();

/**
 * Every economy's name by code, in one read (a ranking names every partner of a reporter: a lookup each was about a
 * third of its time), kept until trade figures may have changed: economies' writes move the trade counter.
 */
export function economyNames(db: Db): ReadonlyMap<string, string> {
  const version = tradeVersion(db);
  const hit = namesCache.get(db);
  if (hit?.version === version) return hit.names;
  const rows = preparedOnce(db, 'SELECT code, name FROM economy').raw().all() as [string, string][];
  const names = new Map(rows);
  namesCache.set(db, { version, names });
  return names;
}

/** The last answer of `chosen`, by connection: a ranking's growth rates and the rank history read the same years of every partner. */
const chosenCache = new WeakMap<Db, { key: string; rows: readonly ChosenRow[] }>();

/**
 * One row per flow. A flow given by one source needs no choice; the choice block runs only for the
 * partners where some flow has several sources, which keeps a ranking of every partner fast. The last
 * answer is kept until trade figures may have changed or another is asked for.
 */
export function chosen(db: Db, reporter: string, partners: readonly string[], from: number, to: number): readonly ChosenRow[] {
  if (partners.length === 0 || from > to) return [];
  const params = { reporter, partners: JSON.stringify(partners), from, to };
  const key = `${tradeVersion(db)}|${reporter}|${from}|${to}|${params.partners}`;
  const hit = chosenCache.get(db);
  if (hit?.key === key) return hit.rows;
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
  chosenCache.set(db, { key, rows: out });
  return out;
}

const yearsCache = new WeakMap<Db, Map<string, { version: string; years: { year: number; complete: boolean }[] }>>();
const reportersCache = new WeakMap<Db, { version: string; rows: { reporter: string; partners: number; first: number; last: number }[] }>();

/**
 * Years with annual figures of the reporter with partner countries, newest first, and whether both flows are
 * reported in each. Probed rather than scanned: the span from each partner's first and last year (two seeks per
 * economy in the totals index), then for each year of the span the first partner with an export and the first
 * with an import (a seek per partner tried: usually one; every partner for a year a flow is missing, so at most
 * years of the span × economies × 2). Grouping every annual row by year sorted them all (23,000 for Korea). The
 * answer is kept until trade figures may have changed (tradeVersion).
 */
const REPORTER_YEARS_SQL = `WITH RECURSIVE
    span(lo, hi) AS (
      SELECT min((SELECT min(f.year) FROM trade_flow f INDEXED BY trade_flow_totals WHERE f.reporter = :reporter AND f.partner = e.code
          AND ${ANNUAL})),
        max((SELECT max(f.year) FROM trade_flow f INDEXED BY trade_flow_totals WHERE f.reporter = :reporter AND f.partner = e.code
          AND ${ANNUAL}))
      FROM economy e WHERE e.kind != 'group'),
    y(year) AS (SELECT lo FROM span WHERE lo IS NOT NULL UNION ALL SELECT y.year + 1 FROM y, span WHERE y.year < span.hi),
    flows(year, exported, imported) AS (
      SELECT y.year,
        EXISTS (SELECT 1 FROM economy e CROSS JOIN trade_flow f INDEXED BY trade_flow_totals WHERE e.kind != 'group'
          AND f.reporter = :reporter AND f.partner = e.code AND f.year = y.year AND f.flow = 'export' AND ${ANNUAL}),
        EXISTS (SELECT 1 FROM economy e CROSS JOIN trade_flow f INDEXED BY trade_flow_totals WHERE e.kind != 'group'
          AND f.reporter = :reporter AND f.partner = e.code AND f.year = y.year AND f.flow = 'import' AND ${ANNUAL})
      FROM y)
  SELECT year, exported AND imported AS complete FROM flows WHERE exported OR imported ORDER BY year DESC`;

export function reporterYears(db: Db, reporter: string): { year: number; complete: boolean }[] {
  const version = tradeVersion(db);
  let byReporter = yearsCache.get(db);
  if (!byReporter) yearsCache.set(db, (byReporter = new Map()));
  const hit = byReporter.get(reporter);
  if (hit?.version === version) return hit.years;
  const rows = preparedOnce(db, REPORTER_YEARS_SQL).all({ reporter }) as { year: number; complete: number }[];
  const years = rows.map((r) => ({ year: r.year, complete: r.complete === 1 }));
  byReporter.set(reporter, { version, years });
  return years;
}

/** Annual totals in the partial index trade_flow_totals (its condition, so that the index may serve). */
const IN_TOTALS = "f.product_code = 'TOTAL' AND f.month IS NULL";

/**
 * Reporters with several partner countries, their number and first and last years. Read by stepping through the
 * totals index from one reporter to the next, then from one of its partners to the next (a seek each), and a seek
 * for each pair's first and last year: grouping every annual total of every reporter scanned them all. Kept until
 * trade figures may have changed.
 */
const REPORTERS_SQL = `WITH RECURSIVE
    reporters(reporter) AS (
      SELECT min(f.reporter) FROM trade_flow f INDEXED BY trade_flow_totals WHERE ${IN_TOTALS}
      UNION ALL
      SELECT (SELECT min(f.reporter) FROM trade_flow f INDEXED BY trade_flow_totals WHERE ${IN_TOTALS} AND f.reporter > r.reporter)
      FROM reporters r WHERE r.reporter IS NOT NULL),
    pairs(reporter, partner) AS (
      SELECT r.reporter, (SELECT min(f.partner) FROM trade_flow f INDEXED BY trade_flow_totals WHERE ${IN_TOTALS} AND f.reporter = r.reporter)
      FROM reporters r WHERE r.reporter IS NOT NULL
      UNION ALL
      SELECT p.reporter,
        (SELECT min(f.partner) FROM trade_flow f INDEXED BY trade_flow_totals WHERE ${IN_TOTALS} AND f.reporter = p.reporter AND f.partner > p.partner)
      FROM pairs p WHERE p.partner IS NOT NULL),
    spans(reporter, first, last) AS MATERIALIZED (
      SELECT p.reporter,
        (SELECT min(f.year) FROM trade_flow f INDEXED BY trade_flow_totals WHERE f.reporter = p.reporter AND f.partner = p.partner AND ${ANNUAL}),
        (SELECT max(f.year) FROM trade_flow f INDEXED BY trade_flow_totals WHERE f.reporter = p.reporter AND f.partner = p.partner AND ${ANNUAL})
      FROM pairs p JOIN economy e ON e.code = p.partner AND e.kind != 'group')
  SELECT reporter, count(*) AS partners, min(first) AS first, max(last) AS last FROM spans WHERE first IS NOT NULL
  GROUP BY reporter HAVING count(*) >= 2 ORDER BY partners DESC, reporter`;

export function reportersWithPartners(db: Db): { reporter: string; partners: number; first: number; last: number }[] {
  const version = tradeVersion(db);
  const hit = reportersCache.get(db);
  const rows =
    hit?.version === version
      ? hit.rows
      : (preparedOnce(db, REPORTERS_SQL).all() as { reporter: string; partners: number; first: number; last: number }[]);
  reportersCache.set(db, { version, rows });
  return rows;
}

/** The first and last year with annual figures of the reporter with each of these partners (those it has none with are left out). */
export function partnerSpans(db: Db, reporter: string, partners: readonly string[]): Map<string, { first: number; last: number }> {
  const rows = preparedOnce(
    db,
    `SELECT f.partner, min(f.year) AS first, max(f.year) AS last FROM trade_flow f
    WHERE f.reporter = :reporter AND f.partner IN (SELECT value FROM json_each(:partners)) AND ${ANNUAL} GROUP BY f.partner`,
  ).all({ reporter, partners: JSON.stringify(partners) }) as { partner: string; first: number; last: number }[];
  return new Map(rows.map((r) => [r.partner, { first: r.first, last: r.last }]));
}

/** The first year with annual figures of the reporter with one partner (the World: its stated totals). */
export function firstYearWith(db: Db, reporter: string, partner: string): number | null {
  return preparedOnce(db, `SELECT min(f.year) FROM trade_flow f WHERE f.reporter = ? AND f.partner = ? AND ${ANNUAL}`)
    .pluck()
    .get(reporter, partner) as number | null;
}
