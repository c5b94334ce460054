/**
 * The HS summary (table hs_summary, migration 005): sums of annual, primary-series HS-6 rows of
 * trade_flow per chapter (2 digits) and heading (4 digits), per pair, year, flow and source. The
 * sector dashboards read it instead of summing raw rows. Every write path of HS rows keeps it in
 * step inside its own transaction by calling `applyToHsSummary`: +1 after rows are added, −1
 * before rows are removed; one GROUP BY over those rows. Never a trigger per row: on a large
 * import a trigger would cost more than the rows themselves. (Sums gathered in JavaScript while an
 * import reads its file were measured slower than the GROUP BY, and wrong for repeated rows.)
 */
import type { Db } from '../open.ts';

/** Which trade_flow rows a change concerns (each a plain WHERE clause with named parameters). */
export type HsScope =
  | { rowsFrom: number; rowsTo: number }
  | { importId: number }
  | { packId: string };

const HS_ROWS = "month IS NULL AND series = 'primary' AND length(product_code) = 6";

function scopeClause(scope: HsScope): { where: string; params: Record<string, string | number> } {
  if ('rowsFrom' in scope) return { where: 'id BETWEEN :from AND :to', params: { from: scope.rowsFrom, to: scope.rowsTo } };
  if ('importId' in scope) return { where: 'import_id = :id', params: { id: scope.importId } };
  return { where: 'pack_id = :id', params: { id: scope.packId } };
}

const ADD = 'ON CONFLICT DO UPDATE SET value_usd = value_usd + excluded.value_usd, rows = rows + excluded.rows';

/** A change to the summary is first gathered per heading in temp.hs_delta, then applied at both levels. */
function resetDelta(db: Db): void {
  db.exec(`CREATE TEMP TABLE IF NOT EXISTS hs_delta (reporter TEXT, partner TEXT, code TEXT, year INTEGER, flow TEXT, source_id TEXT,
    value_usd REAL, rows INTEGER, PRIMARY KEY (reporter, partner, code, year, flow, source_id)) WITHOUT ROWID`);
  db.exec('DELETE FROM temp.hs_delta');
}

/** Adds (sign 1) or removes (sign −1) what temp.hs_delta holds to or from hs_summary, at heading and chapter level. */
function applyDelta(db: Db, sign: 1 | -1): void {
  db.prepare(`INSERT INTO hs_summary (reporter, partner, code, year, flow, source_id, value_usd, rows)
    SELECT reporter, partner, code, year, flow, source_id, :sign * value_usd, :sign * rows FROM temp.hs_delta WHERE true ${ADD}`).run({ sign });
  db.prepare(`INSERT INTO hs_summary (reporter, partner, code, year, flow, source_id, value_usd, rows)
    SELECT reporter, partner, substr(code, 1, 2), year, flow, source_id, :sign * sum(value_usd), :sign * sum(rows) FROM temp.hs_delta
    GROUP BY 1, 2, 3, 4, 5, 6 ${ADD}`).run({ sign });
  if (sign < 0) db.exec('DELETE FROM hs_summary WHERE rows <= 0');
  db.exec('DELETE FROM temp.hs_delta');
}

/** Adds (sign 1) or removes (sign −1) the rows in scope to or from the summary: one GROUP BY. Call inside a transaction. */
export function applyToHsSummary(db: Db, scope: HsScope, sign: 1 | -1): void {
  const { where, params } = scopeClause(scope);
  resetDelta(db);
  const headings = db.prepare(`INSERT INTO temp.hs_delta
    SELECT reporter, partner, substr(product_code, 1, 4), year, flow, source_id, sum(value_usd), count(*)
    FROM trade_flow WHERE ${where} AND ${HS_ROWS} GROUP BY 1, 2, 3, 4, 5, 6`).run(params).changes;
  if (headings > 0) applyDelta(db, sign);
}

export interface HsSummaryRow {
  reporter: string;
  partner: string;
  code: string;
  year: number;
  flow: string;
  source_id: string;
  value_usd: number;
  rows: number;
}

/** The summary as a fresh GROUP BY over trade_flow would give it (tests compare this with the table). */
export function freshHsSummary(db: Db): HsSummaryRow[] {
  return db.prepare(`
    WITH h AS (SELECT reporter, partner, substr(product_code, 1, 4) AS code, year, flow, source_id, sum(value_usd) AS value_usd, count(*) AS rows
               FROM trade_flow WHERE ${HS_ROWS} GROUP BY 1, 2, 3, 4, 5, 6)
    SELECT * FROM h
    UNION ALL
    SELECT reporter, partner, substr(code, 1, 2), year, flow, source_id, sum(value_usd), sum(rows) FROM h GROUP BY 1, 2, 3, 4, 5, 6
    ORDER BY 1, 2, 3, 4, 5, 6`).all() as HsSummaryRow[];
}

export function storedHsSummary(db: Db): HsSummaryRow[] {
  return db.prepare('SELECT * FROM hs_summary ORDER BY 1, 2, 3, 4, 5, 6').all() as HsSummaryRow[];
}
