/**
 * The overview area's reads of SQLite: the pair and year the headline stands on, that pair-year's
 * chosen flows and stated total, the statements, the packs loaded and what the database holds.
 */
import type { Db } from '../database.ts';
import type { Overview } from './contract.ts';
import { chosenFlowsSql, preparedOnce } from '../trade/chosen.ts';

export interface HeadlineFilter {
  reporter?: string | undefined;
  partner?: string | undefined;
  year?: number | undefined;
}

/** A pair-year whose source gives both flows. */
export interface HeadlinePick {
  reporter: string;
  partner: string;
  year: number;
  source_id: string;
}

export interface ChosenFlow {
  flow: 'export' | 'import';
  value_usd: number;
  source_id: string;
  note: string | null;
}

export interface StatedRow {
  value_usd: number;
  note: string | null;
  source_id: string;
}

export interface StatementRow {
  id: string;
  kind: 'claim' | 'context';
  text: string;
  source_id: string;
}

const filterParams = (filter: HeadlineFilter) => ({
  reporter: filter.reporter ?? null,
  partner: filter.partner ?? null,
  year: filter.year ?? null,
});

const WITH_STATED_SQL = `
    SELECT s.reporter, s.partner, s.year, s.source_id
    FROM stated_figure s
    WHERE s.measure = 'total_trade'
      AND (:reporter IS NULL OR s.reporter = :reporter) AND (:partner IS NULL OR s.partner = :partner) AND (:year IS NULL OR s.year = :year)
      AND (SELECT count(DISTINCT f.flow) FROM trade_flow f WHERE f.reporter = s.reporter AND f.partner = s.partner AND f.year = s.year
             AND f.source_id = s.source_id AND f.month IS NULL AND f.product_code = 'TOTAL' AND f.flow IN ('export', 'import')) = 2
    ORDER BY s.year DESC,
      EXISTS (SELECT 1 FROM trade_flow f WHERE f.reporter = s.reporter AND f.partner = s.partner AND f.year = s.year AND f.source_id = s.source_id
                AND f.month IS NULL AND f.product_code = 'TOTAL' AND f.flow IN ('export', 'import') AND f.series = 'primary') DESC,
      s.reporter, s.partner
    LIMIT 1`;

/**
 * The latest pair-year with a stated total whose own source gives both flows (the primary series first).
 * The years with a stated total are few (stated_figure is small), so this is cheap.
 */
export function pickWithStatedTotal(db: Db, filter: HeadlineFilter): HeadlinePick | undefined {
  return db.prepare(WITH_STATED_SQL).get(filterParams(filter)) as HeadlinePick | undefined;
}

const ANY_SQL = `
    SELECT f.reporter, f.partner, f.year, f.source_id
    FROM trade_flow f
    WHERE f.month IS NULL AND f.product_code = 'TOTAL' AND f.flow IN ('export', 'import')
      AND (:reporter IS NULL OR f.reporter = :reporter) AND (:partner IS NULL OR f.partner = :partner)
      AND (:year IS NULL OR f.year = :year)
    GROUP BY f.reporter, f.partner, f.year, f.source_id
    HAVING count(DISTINCT f.flow) = 2
    ORDER BY f.year DESC, f.series = 'primary' DESC, f.reporter, f.partner
    LIMIT 1`;

/** The latest pair-year of any source giving both flows: groups every annual flow of the database. */
export function pickAny(db: Db, filter: HeadlineFilter): HeadlinePick | undefined {
  return db.prepare(ANY_SQL).get(filterParams(filter)) as HeadlinePick | undefined;
}

/** The flows of the headline's pair and year that every dashboard uses (db/trade/chosen.ts). */
const HEADLINE_FLOWS_SQL = `SELECT flow, value_usd, source_id, note FROM (${chosenFlowsSql(
  "f.reporter = :reporter AND f.partner = :partner AND f.product_code = 'TOTAL' AND f.year = :year AND f.month IS NULL",
)})
  WHERE flow IN ('export', 'import')`;

export function chosenFlows(db: Db, pick: { reporter: string; partner: string; year: number }): ChosenFlow[] {
  return preparedOnce(db, HEADLINE_FLOWS_SQL).all({ reporter: pick.reporter, partner: pick.partner, year: pick.year }) as ChosenFlow[];
}

/** The pair-year's stated total trade: the given source's first, else any source's. */
export function statedTotalOf(
  db: Db,
  pick: { reporter: string; partner: string; year: number },
  preferredSource: string,
): StatedRow | undefined {
  return db
    .prepare(
      `SELECT value_usd, note, source_id FROM stated_figure WHERE reporter = ? AND partner = ? AND year = ?
    AND measure = 'total_trade' ORDER BY source_id = ? DESC, source_id LIMIT 1`,
    )
    .get(pick.reporter, pick.partner, pick.year, preferredSource) as StatedRow | undefined;
}

/** The sources' statements, their claims before the context. */
export function statementRows(db: Db): StatementRow[] {
  return db.prepare("SELECT id, kind, text, source_id FROM statement ORDER BY kind = 'context', id").all() as StatementRow[];
}

export function packRows(db: Db): { id: string; title: string; version: string }[] {
  return db.prepare('SELECT id, title, version FROM pack ORDER BY loaded_at, id').all() as { id: string; title: string; version: string }[];
}

/** What the database holds, counted. */
export function holdings(db: Db): Overview['counts'] {
  const count = (sql: string): number => db.prepare(sql).pluck().get() as number;
  return {
    sources: count('SELECT count(*) FROM source'),
    tradeFlows: count('SELECT count(*) FROM trade_flow'),
    events: count('SELECT count(*) FROM event'),
    projects: count('SELECT coalesce(sum(project_count), 0) FROM project'),
    projectBatches: count('SELECT count(*) FROM project WHERE project_count > 1'),
    routes: count('SELECT count(*) FROM route'),
    // Packs name the same sector in several places; the sectors view joins them by name, so count names.
    sectors: count('SELECT count(DISTINCT lower(name)) FROM sector'),
  };
}
