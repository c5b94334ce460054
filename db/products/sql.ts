/**
 * The products area's reads of SQLite: the years with HS figures of a pair and flow, its HS figures of
 * a year and the year before (every source's, then the chosen one of the contested codes by the shared
 * rule of db/trade/chosen.ts), its stated total, and the pairs with HS figures.
 */
import type { Db } from '../database.ts';
import { chosenFlowsSql, preparedOnce } from '../trade/chosen.ts';
import { yearCodeRows } from '../trade/hs-year-codes.ts';

/** A pair, flow and year, and the range of product codes read (every code sorts between '0' and ':'). */
export interface CodeScope {
  reporter: string;
  partner: string;
  flow: string;
  year: number;
  lo: string;
  hi: string;
}

export interface CodeRow {
  product_code: string;
  year: number;
  value_usd: number;
  source_id: string;
}

/** Annual HS-level rows of one pair and flow: a range of the natural-key index (reporter, partner, product_code, year, …). */
const HS_WHERE =
  'f.reporter = :reporter AND f.partner = :partner AND f.product_code >= :lo AND f.product_code < :hi AND f.flow = :flow AND f.month IS NULL';

/** HS chapter codes, for probes of the index by exact code. */
const CHAPTERS = JSON.stringify(Array.from({ length: 99 }, (_, i) => String(i + 1).padStart(2, '0')));

/**
 * Years with HS figures of the pair and flow: those of HS-6 rows from the pair's years kept at import
 * (hs_pair_year, summed from hs_chapter_summary), and those of chapter rows (2 digits) by 99 probes of
 * the index. Scanning the pair's HS rows instead reads every code of every year (100,000 rows for 2,500
 * codes over 20 years). A year loaded with 4-digit headings only is not listed (it is shown when asked for).
 */
const YEARS_SQL = `SELECT year FROM hs_pair_year WHERE reporter = :reporter AND partner = :partner AND flow = :flow
  UNION SELECT f.year FROM trade_flow f WHERE f.reporter = :reporter AND f.partner = :partner
    AND f.product_code IN (SELECT value FROM json_each('${CHAPTERS}')) AND f.flow = :flow AND f.month IS NULL
  ORDER BY 1 DESC`;

/** The years with HS figures of the pair and flow, latest first. */
export function hsYears(db: Db, pair: { reporter: string; partner: string; flow: string }): number[] {
  return preparedOnce(db, YEARS_SQL).pluck().all(pair) as number[];
}

/**
 * Every source's HS rows of the scope's year and the year before, by code and year: read from the figures
 * kept by pair, flow and year (hs_year_codes), not from the natural-key index, which holds them by code, then
 * year, so that two years of a pair would walk the entries of all its years.
 */
export function candidateRows(db: Db, scope: CodeScope): CodeRow[] {
  return yearCodeRows(db, scope);
}

/** The contested flows only, one chosen each by the shared rule (db/trade/chosen.ts). */
const CHOSEN_SQL = `SELECT c.product_code, c.year, c.value_usd, c.source_id FROM (${chosenFlowsSql(
  `${HS_WHERE} AND f.year IN (:year, :year - 1) AND f.product_code IN (SELECT value FROM json_each(:codes))`,
)}) c`;

/** The chosen row of each of the codes in the scope's year and the year before. */
export function chosenRows(db: Db, scope: CodeScope, codes: Iterable<string>): CodeRow[] {
  return preparedOnce(db, CHOSEN_SQL).all({ ...scope, codes: JSON.stringify([...codes]) }) as CodeRow[];
}

const TOTAL_SQL = `SELECT c.value_usd, c.source_id FROM (${chosenFlowsSql(
  "f.reporter = :reporter AND f.partner = :partner AND f.product_code = 'TOTAL' AND f.flow = :flow AND f.month IS NULL AND f.year = :year",
)}) c`;

/** The pair's chosen total of the flow in the year, where one is loaded. */
export function statedTotal(
  db: Db,
  input: { reporter: string; partner: string; flow: string; year: number },
): { value_usd: number; source_id: string } | undefined {
  return preparedOnce(db, TOTAL_SQL).get(input) as { value_usd: number; source_id: string } | undefined;
}

/** Pairs with HS-6 figures, read from the pairs' years kept at import (hs_pair_year), not from the rows. */
export function pairSpans(db: Db): { reporter: string; partner: string; first: number; last: number }[] {
  return preparedOnce(
    db,
    `SELECT reporter, partner, min(year) AS first, max(year) AS last FROM hs_pair_year
    GROUP BY reporter, partner ORDER BY last DESC, sum(value_usd) DESC`,
  ).all() as { reporter: string; partner: string; first: number; last: number }[];
}
