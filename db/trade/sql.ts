/**
 * The trade area's reads and writes of SQLite: each a prepared statement and the shape of its rows.
 * Which row of several sources counts is decided in SQL by db/trade/chosen.ts; what the rows mean
 * (a year's value, a change, a gap) is decided in db/trade/rules.ts.
 */
import type { Db } from '../database.ts';
import type { Flow } from '../common/vocabulary.ts';
import { chosenFlowsSql, dataVersion, preparedOnce } from './chosen.ts';

export interface PairScope {
  reporter?: string | undefined;
  partner?: string | undefined;
}

/** A stated aggregate (total trade or balance) beside the sums of its parts from the same source. */
export interface StatedRow {
  reporter: string;
  partner: string;
  year: number;
  measure: 'total_trade' | 'balance';
  stated: number;
  exports: number | null;
  imports: number | null;
  source_id: string;
  note: string | null;
}

/** One total flow (a year's or a month's) given by several sources: their values as JSON. */
export interface DisagreeRow {
  reporter: string;
  partner: string;
  year: number;
  month: number | null;
  flow: Flow;
  values: string;
}

/** A chosen TOTAL row of one pair (see db/trade/chosen.ts). */
export interface ChosenRow {
  year: number;
  month: number | null;
  flow: 'export' | 'import';
  value_usd: number;
  series: 'primary' | 'crosscheck';
  source_id: string;
  note: string | null;
  alternatives: number;
}

/** A chosen monthly row: always has its month. */
export type MonthRow = ChosenRow & { month: number };

const scopeWhere = 'WHERE (:reporter IS NULL OR s.reporter = :reporter) AND (:partner IS NULL OR s.partner = :partner)';
const scopeParams = (scope: PairScope) => ({ reporter: scope.reporter ?? null, partner: scope.partner ?? null });

const STATED_VS_PARTS_SQL = `
    SELECT s.reporter, s.partner, s.year, s.measure, s.value_usd AS stated, s.source_id, s.note,
      (SELECT sum(value_usd) FROM trade_flow f WHERE f.reporter = s.reporter AND f.partner = s.partner AND f.year = s.year
         AND f.month IS NULL AND f.product_code = 'TOTAL' AND f.flow = 'export' AND f.source_id = s.source_id) AS exports,
      (SELECT sum(value_usd) FROM trade_flow f WHERE f.reporter = s.reporter AND f.partner = s.partner AND f.year = s.year
         AND f.month IS NULL AND f.product_code = 'TOTAL' AND f.flow = 'import' AND f.source_id = s.source_id) AS imports
    FROM stated_figure s ${scopeWhere} ORDER BY s.year, s.reporter, s.partner`;

/** Stated aggregates with the sums of their parts from the same source. */
export function statedWithParts(db: Db, scope: PairScope): StatedRow[] {
  return db.prepare(STATED_VS_PARTS_SQL).all(scopeParams(scope)) as StatedRow[];
}

const disagreeSql = (month: string): string => `
    SELECT s.reporter, s.partner, s.year, s.month, s.flow, json_group_array(json_object('value', s.value_usd, 'source', s.source_id)) AS "values"
    FROM trade_flow s ${scopeWhere} AND ${month} AND s.product_code = 'TOTAL'
    GROUP BY s.reporter, s.partner, s.year, s.month, s.flow
    HAVING count(DISTINCT s.source_id) > 1 AND max(s.value_usd) - min(s.value_usd) >= 0.5
    ORDER BY s.year, s.reporter, s.partner, s.flow`;

/** Total flows that several sources give with different values: the years' first, then the months'. */
export function disagreeingTotals(db: Db, scope: PairScope): DisagreeRow[] {
  const params = scopeParams(scope);
  return [
    ...(db.prepare(disagreeSql('s.month IS NULL')).all(params) as DisagreeRow[]),
    ...(db.prepare(disagreeSql('s.month IS NOT NULL')).all(params) as DisagreeRow[]),
  ];
}

const PAIR_CHOICES_SQL = `SELECT year, month, flow, source_id FROM (${chosenFlowsSql(
  "f.reporter = :reporter AND f.partner = :partner AND f.product_code = 'TOTAL'",
)})`;

/** The source chosen for each total flow of one pair (every year and month). */
export function chosenSources(
  db: Db,
  reporter: string,
  partner: string,
): { year: number; month: number | null; flow: string; source_id: string }[] {
  return preparedOnce(db, PAIR_CHOICES_SQL).all({ reporter, partner }) as {
    year: number;
    month: number | null;
    flow: string;
    source_id: string;
  }[];
}

export function sourceExists(db: Db, id: string): boolean {
  return db.prepare('SELECT 1 FROM source WHERE id = ?').get(id) !== undefined;
}

export function economies(db: Db): { code: string; name: string; kind: string; parentCode: string | null }[] {
  return db.prepare('SELECT code, name, kind, parent_code AS parentCode FROM economy ORDER BY kind, name').all() as {
    code: string;
    name: string;
    kind: string;
    parentCode: string | null;
  }[];
}

/** The chosen annual TOTAL rows and monthly TOTAL rows of one pair (see db/trade/chosen.ts). */
const PAIR_TOTALS_SQL = `SELECT year, month, flow, value_usd, series, source_id, note, alternatives FROM (${chosenFlowsSql(
  "f.reporter = :reporter AND f.partner = :partner AND f.product_code = 'TOTAL' AND f.year BETWEEN :from AND :to",
)})
  WHERE flow IN ('export', 'import') ORDER BY year, flow, month`;

export function pairTotals(db: Db, pair: { reporter: string; partner: string; from: number; to: number }): ChosenRow[] {
  return preparedOnce(db, PAIR_TOTALS_SQL).all(pair) as ChosenRow[];
}

/** The first and last year with a total flow of the pair. */
export function yearSpan(db: Db, reporter: string, partner: string): { first: number | null; last: number | null } {
  return db
    .prepare(
      `SELECT min(year) AS first, max(year) AS last FROM trade_flow
    WHERE reporter = ? AND partner = ? AND product_code = 'TOTAL' AND flow IN ('export', 'import')`,
    )
    .get(reporter, partner) as { first: number | null; last: number | null };
}

/** A source's stated total trade of the pair in a year (the first source by id). */
export function statedTotal(
  db: Db,
  reporter: string,
  partner: string,
  year: number,
): { value_usd: number; source_id: string; note: string | null } | undefined {
  return db
    .prepare(
      `SELECT value_usd, source_id, note FROM stated_figure WHERE reporter = ? AND partner = ? AND year = ? AND measure = 'total_trade'
    ORDER BY source_id LIMIT 1`,
    )
    .get(reporter, partner, year) as { value_usd: number; source_id: string; note: string | null } | undefined;
}

/** Monthly TOTAL flows of one pair (the partial index trade_flow_monthly_totals finds them), one chosen row per month and flow. */
const MONTHLY_SQL = `SELECT year, month, flow, value_usd, series, source_id, note, alternatives FROM (${chosenFlowsSql(
  "f.reporter = :reporter AND f.partner = :partner AND f.product_code = 'TOTAL' AND f.month IS NOT NULL AND f.year BETWEEN :from AND :to",
)})
  WHERE flow IN ('export', 'import') ORDER BY year, month, flow`;

export function monthlyTotals(db: Db, pair: { reporter: string; partner: string; from: number; to: number }): MonthRow[] {
  return preparedOnce(db, MONTHLY_SQL).all(pair) as MonthRow[];
}

type PairWithTotals = { reporter: string; partner: string; first: number; last: number; n: number };
const pairsCache = new WeakMap<Db, { version: string; rows: readonly PairWithTotals[] }>();

/**
 * Every pair with total flows. A (year, flow) counts once, however many sources or months give it. The first pair is what a
 * dashboard opens on: the pairs the loaded briefings are about (the most sources) come first, then the largest (the trade of
 * their latest year with both flows reported for the whole year), groups such as the World last. Every pair dashboard asks
 * for them on each visit and they take a pass over every total, so the answer is kept until the database changes (this
 * connection's writes or another's).
 */
export function pairsWithTotals(db: Db): readonly PairWithTotals[] {
  const version = dataVersion(db);
  const hit = pairsCache.get(db);
  if (hit?.version === version) return hit.rows;
  const rows = preparedOnce(
    db,
    `SELECT p.reporter, p.partner, p.first, p.last, p.n,
      -- the sources of the pair's totals (a short range of the totals indexes, never the HS detail)
      (SELECT count(DISTINCT s.source_id) FROM trade_flow s WHERE s.reporter = p.reporter AND s.partner = p.partner
         AND s.product_code = 'TOTAL' AND s.flow IN ('export', 'import')) AS sources,
      (SELECT sum(v) FROM (SELECT max(g.value_usd) AS v FROM trade_flow g
         WHERE g.reporter = p.reporter AND g.partner = p.partner AND g.product_code = 'TOTAL' AND g.month IS NULL
           AND g.year = p.last_annual AND g.flow IN ('export', 'import') GROUP BY g.flow)) AS size
    FROM (SELECT reporter, partner, min(year) AS first, max(year) AS last, count(*) AS n,
        (SELECT max(b.year) FROM trade_flow b WHERE b.reporter = q.reporter AND b.partner = q.partner AND b.product_code = 'TOTAL'
           AND b.month IS NULL AND b.flow = 'export' AND EXISTS (SELECT 1 FROM trade_flow c WHERE c.reporter = b.reporter AND c.partner = b.partner
           AND c.product_code = 'TOTAL' AND c.month IS NULL AND c.flow = 'import' AND c.year = b.year)) AS last_annual FROM (
        SELECT reporter, partner, year, flow FROM trade_flow WHERE product_code = 'TOTAL' AND month IS NULL AND flow IN ('export', 'import')
        UNION
        SELECT reporter, partner, year, flow FROM trade_flow WHERE product_code = 'TOTAL' AND month IS NOT NULL AND flow IN ('export', 'import')) q
      GROUP BY reporter, partner) p
    LEFT JOIN economy e ON e.code = p.partner
    ORDER BY e.kind = 'group', sources DESC, size IS NULL, size DESC, p.n DESC, p.reporter, p.partner`,
  ).all() as PairWithTotals[];
  pairsCache.set(db, { version, rows });
  return rows;
}
