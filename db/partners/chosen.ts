/**
 * Which source's figure a partner view uses when several give the same flow: the one place the
 * Partners queries make that choice. It applies the trade dashboards' rule (SERIES_RULE: primary
 * series first, then a source giving both flows of the period, then the most recently published,
 * then the source id), in the shape of a shared "each flow counted once" block: `where` selects the
 * candidate rows (a condition on alias `f`), the result has one row per flow. When the shared block
 * lands, this module points at it and nothing else in db/partners changes.
 */
import type { Statement } from 'better-sqlite3';
import type { Db } from '../open.ts';
import { SERIES_RULE } from '../trade/queries.ts';

export const CHOICE_RULE = SERIES_RULE;

/**
 * One row per flow (reporter, partner, product, year, month, flow) among the rows matching `where`:
 * columns id, reporter, partner, year, month, flow, product_code, value_usd, series, source_id, note,
 * alternatives (how many other sources give the same flow). `where` must keep every candidate of a
 * flow (filter on the flow's key columns, never on the source) and must not keep only one of export/import.
 */
export function chosenFlowsSql(where: string): string {
  return `SELECT id, reporter, partner, year, month, flow, product_code, value_usd, series, source_id, note, n - 1 AS alternatives FROM (
    SELECT c.*, count(*) OVER flow_key AS n,
      row_number() OVER (flow_key ORDER BY c.series = 'primary' DESC, c.both_flows DESC,
        c.published_value IS NULL, c.published_value DESC, c.source_id) AS rk
    FROM (
      SELECT f.id, f.reporter, f.partner, f.year, f.month, f.flow, f.product_code, f.value_usd, f.series, f.source_id, f.note, s.published_value,
        sum(f.flow IN ('export', 'import')) OVER (PARTITION BY f.reporter, f.partner, f.product_code, f.year, f.month, f.source_id) = 2 AS both_flows
      FROM trade_flow f JOIN source s ON s.id = f.source_id
      WHERE ${where}
    ) c
    WINDOW flow_key AS (PARTITION BY c.reporter, c.partner, c.product_code, c.year, c.month, c.flow)
  ) WHERE rk = 1`;
}

const statements = new WeakMap<Db, Map<string, Statement>>();

/** A statement prepared once per connection (the ranking block takes a while to compile). */
export function preparedOnce(db: Db, sql: string): Statement {
  let byText = statements.get(db);
  if (!byText) {
    byText = new Map();
    statements.set(db, byText);
  }
  let stmt = byText.get(sql);
  if (!stmt) {
    stmt = db.prepare(sql);
    byText.set(sql, stmt);
  }
  return stmt;
}
