/**
 * The sectors area's reads of SQLite: the sectors joined by name across packs, their HS codes and
 * export-plan priorities, the product-group figures of a pair, and the yearly sums of HS-6 exports
 * under a code prefix. Which of several sources' flows counts is decided in SQL by
 * db/trade/chosen.ts; how the sums become a sector's values is decided in db/sectors/rules.ts.
 */
import type { Db } from '../database.ts';
import { chosenFlowsSql, preparedOnce, tradeVersion } from '../trade/chosen.ts';

/** One pair and the years asked for. */
export interface PairSpan {
  reporter: string;
  partner: string;
  from: number;
  to: number;
}

export interface FigureRow {
  id: string;
  reporter: string;
  partner: string;
  year: number;
  flow: 'export' | 'import';
  label: string;
  hs_note: string;
  sector_name: string | null;
  value_usd: number;
  period_note: string | null;
  /** 1 when the source does not state the unit and it was inferred from the context. */
  unit_inferred: number;
  source_id: string;
  note: string | null;
}

export interface PriorityRow {
  plan_id: string;
  title: string;
  position: number;
  source_id: string;
}

export interface HsCodeRow {
  hs_code: string;
  description: string | null;
  note: string | null;
  source_id: string | null;
}

/** A year's sum of HS-6 exports under one or more code prefixes: its value, rows and sources (comma-separated). */
export interface YearSum {
  year: number;
  v: number;
  n: number;
  srcs: string;
}

/** Sectors of the same name in several packs are one sector: grouped by the lower-cased name, with its rows' ids (a JSON array). */
export function sectorGroups(db: Db): { key: string; name: string; description: string | null; ids: string }[] {
  return db
    .prepare(
      `SELECT lower(name) AS key, min(name) AS name, max(description) AS description, json_group_array(id) AS ids FROM sector
    GROUP BY lower(name) ORDER BY lower(name)`,
    )
    .all() as { key: string; name: string; description: string | null; ids: string }[];
}

/** The name of the sector whose lower-cased name is `key`, or null when there is none. */
export function sectorNameOf(db: Db, key: string): string | null {
  return db.prepare('SELECT min(name) FROM sector WHERE lower(name) = ?').pluck().get(key) as string | null;
}

/** The pair's product-group figures: the reporter's exports to the partner and the partner's imports from it. */
const FIGURES_SQL = `SELECT f.id, f.reporter, f.partner, f.year, f.flow, f.label, f.hs_note, s.name AS sector_name, f.value_usd,
      f.period_note, f.unit_inferred, f.source_id, f.note
    FROM sector_figure f LEFT JOIN sector s ON s.id = f.sector_id
    WHERE ((f.reporter = :reporter AND f.partner = :partner AND f.flow = 'export') OR (f.reporter = :partner AND f.partner = :reporter AND f.flow = 'import'))
      AND f.year BETWEEN :from AND :to
    ORDER BY f.year DESC, f.value_usd DESC`;

export function figureRows(db: Db, pair: PairSpan): FigureRow[] {
  return preparedOnce(db, FIGURES_SQL).all(pair) as FigureRow[];
}

const PRIORITIES_SQL = `SELECT p.id AS plan_id, p.title, ps.position, p.source_id FROM export_plan_sector ps
    JOIN export_plan p ON p.id = ps.plan_id JOIN sector s ON s.id = ps.sector_id
    WHERE lower(s.name) = :key AND p.reporter = :reporter AND p.partner = :partner ORDER BY ps.position`;

/** The places a sector holds in the export plans of the pair. */
export function priorityRows(db: Db, input: { key: string; reporter: string; partner: string }): PriorityRow[] {
  return preparedOnce(db, PRIORITIES_SQL).all(input) as PriorityRow[];
}

const HS_CODES_SQL = `SELECT h.hs_code, h.description, h.note, h.source_id FROM sector_hs h JOIN sector s ON s.id = h.sector_id
    WHERE lower(s.name) = ? ORDER BY h.hs_code`;

/** The HS codes mapped to a sector in every pack that names it (a code may come once per pack). */
export function hsCodeRows(db: Db, key: string): HsCodeRow[] {
  return preparedOnce(db, HS_CODES_SQL).all(key) as HsCodeRow[];
}

// Each HS-6 flow counted once (db/trade/chosen.ts). A chapter is a lookup in the chapter summary
// (hs_chapter_summary, kept at import time, one sum per source); a heading or an HS-6 code is a
// short range scan of the natural-key index, which leads with (reporter, partner, product_code).
// A year only one source gives is that source's sum; the years several sources give are summed
// over the chosen rows instead (chosenSums), in one ranking for all the sector's codes.

const CHAPTER_SQL = `SELECT year, value_usd AS v, rows AS n, source_id AS srcs FROM hs_chapter_summary
    WHERE reporter = :reporter AND partner = :partner AND chapter = :code AND year BETWEEN :from AND :to AND flow = 'export'`;

/** A chapter's yearly export sums, one row per year and source. */
export function chapterSums(db: Db, input: PairSpan & { code: string }): YearSum[] {
  return preparedOnce(db, CHAPTER_SQL).all(input) as YearSum[];
}

const CODE_SQL = `SELECT year, sum(value_usd) AS v, count(*) AS n, group_concat(DISTINCT source_id) AS srcs FROM trade_flow
    WHERE reporter = :reporter AND partner = :partner AND product_code >= :code AND product_code < :code || ':' AND length(product_code) = 6
      AND year BETWEEN :from AND :to AND month IS NULL AND series = 'primary' AND flow = 'export' GROUP BY year`;

/** A heading's or an HS-6 code's yearly export sums over every source, each year listing its sources. */
export function codeSums(db: Db, input: PairSpan & { code: string }): YearSum[] {
  return preparedOnce(db, CODE_SQL).all(input) as YearSum[];
}

/** The chosen rows of several code prefixes (disjoint; each a range of the natural-key index), summed by year; one statement per number of prefixes. */
const chosenSumsSql = (prefixes: number): string =>
  `SELECT year, sum(value_usd) AS v, count(*) AS n, group_concat(DISTINCT source_id) AS srcs
    FROM (${chosenFlowsSql(`f.id IN (${Array.from(
      { length: prefixes },
      (_, i) => `SELECT id FROM trade_flow WHERE reporter = :reporter
        AND partner = :partner AND product_code >= :c${i} AND product_code < :c${i} || ':' AND year BETWEEN :from AND :to`,
    ).join(' UNION ALL ')})
      AND length(f.product_code) = 6 AND f.month IS NULL AND f.series = 'primary' AND f.flow = 'export'`)})
    GROUP BY year`;

/** Answers of chosenSums by pair, years and prefixes, while trade figures stay as they were (tradeVersion). */
const chosenSumsKept = new WeakMap<Db, { version: string; sums: Map<string, readonly YearSum[]> }>();
/** Enough for every sector of a few pairs, each in the overview (its last two years) and in its detail (all years). */
const KEPT_SUMS = 512;

/**
 * The yearly export sums of the chosen HS-6 rows under the prefixes, each flow counted once. Ranking the rows of
 * every source is most of a sector's time where sources overlap, so the answer is kept until trade figures may have
 * changed: what it depends on (trade rows, sources, economies, preferred sources) moves tradeVersion.
 */
export function chosenSums(db: Db, pair: PairSpan, prefixes: readonly string[]): readonly YearSum[] {
  const version = tradeVersion(db);
  let kept = chosenSumsKept.get(db);
  if (kept?.version !== version) chosenSumsKept.set(db, (kept = { version, sums: new Map() }));
  const key = JSON.stringify([pair.reporter, pair.partner, pair.from, pair.to, prefixes]);
  const hit = kept.sums.get(key);
  if (hit) return hit;
  const params = { ...pair, ...Object.fromEntries(prefixes.map((c, i) => [`c${i}`, c])) };
  const sums = preparedOnce(db, chosenSumsSql(prefixes.length)).all(params) as YearSum[];
  if (kept.sums.size >= KEPT_SUMS) kept.sums.clear();
  kept.sums.set(key, sums);
  return sums;
}

const LAST_HS_YEAR_SQL = `SELECT max(year) FROM hs_pair_year
    WHERE reporter = :reporter AND partner = :partner AND flow = 'export' AND year BETWEEN :from AND :to`;

/**
 * The last year any HS-6 export of the pair is loaded for: from the pair's years (hs_pair_year, kept in step with
 * the chapter summary, which holds every such row, by its triggers), a seek where the summary had a chapter's rows
 * of every year to walk.
 */
export function lastHsYear(db: Db, pair: PairSpan): number | null {
  return preparedOnce(db, LAST_HS_YEAR_SQL).pluck().get(pair) as number | null;
}
