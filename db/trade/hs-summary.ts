/**
 * The HS chapter summary (table hs_chapter_summary, migration 005): sums of annual, primary-series
 * HS-6 rows of trade_flow per chapter (first 2 digits), pair, year, flow and source. The sector
 * dashboards read it for sectors mapped to a whole chapter. Every write path of HS rows keeps it in
 * step inside its own transaction:
 * - packs and undo call `applyToHsSummary`: +1 after rows are added, −1 before rows are removed;
 *   one GROUP BY over those rows;
 * - an import gathers its sums while it reads the file (`ImportChapterSums`): a GROUP BY over a
 *   million new rows must sort them, which cost the import about a second per million rows.
 * Never a trigger per row: on a large import a trigger would cost more than the rows themselves.
 */
import type { Db } from '../open.ts';

/** Which trade_flow rows a change concerns (each a plain WHERE clause with named parameters). */
export type HsScope = { rowsFrom: number; rowsTo: number } | { importId: number } | { packId: string };

const HS_ROWS = "month IS NULL AND series = 'primary' AND length(product_code) = 6";
const ADD = 'ON CONFLICT DO UPDATE SET value_usd = value_usd + excluded.value_usd, rows = rows + excluded.rows';
const INSERT = 'INSERT INTO hs_chapter_summary (reporter, partner, chapter, year, flow, source_id, value_usd, rows)';

function scopeClause(scope: HsScope): { where: string; params: Record<string, string | number> } {
  if ('rowsFrom' in scope) return { where: 'id BETWEEN :from AND :to', params: { from: scope.rowsFrom, to: scope.rowsTo } };
  if ('importId' in scope) return { where: 'import_id = :id', params: { id: scope.importId } };
  return { where: 'pack_id = :id', params: { id: scope.packId } };
}

/** Adds (sign 1) or removes (sign −1) the rows in scope to or from the summary. Call inside a transaction. */
export function applyToHsSummary(db: Db, scope: HsScope, sign: 1 | -1): void {
  const { where, params } = scopeClause(scope);
  const changed = db
    .prepare(
      `${INSERT}
    SELECT reporter, partner, substr(product_code, 1, 2), year, flow, source_id, :sign * sum(value_usd), :sign * count(*)
    FROM trade_flow WHERE ${where} AND ${HS_ROWS} GROUP BY 1, 2, 3, 4, 5, 6 ${ADD}`,
    )
    .run({ ...params, sign }).changes;
  if (sign < 0 && changed > 0) db.exec('DELETE FROM hs_chapter_summary WHERE rows <= 0');
}

interface Sum {
  reporter: string;
  partner: string;
  chapter: string;
  year: number;
  flow: string;
  value: number;
  rows: number;
}

/**
 * The chapter sums of one import's rows, gathered while its file is read. Files come sorted by
 * pair, period or product, so most rows add to the same sum as the row before: that sum is kept at
 * hand and the map is only consulted when the key changes. All rows of an import share one source
 * and the primary series. If the file held the same row twice, only its first copy is stored:
 * the caller then drops these sums and uses `applyToHsSummary` over the rows actually added.
 */
export class ImportChapterSums {
  readonly #sums = new Map<string, Sum>();
  #last: Sum | null = null;

  add(reporter: string, partner: string, product: string, year: number, month: number | null, flow: string, value: number): void {
    if (month !== null || product.length !== 6) return;
    let sum = this.#last;
    if (
      sum === null ||
      sum.year !== year ||
      sum.flow !== flow ||
      sum.reporter !== reporter ||
      sum.partner !== partner ||
      product.charCodeAt(0) !== sum.chapter.charCodeAt(0) ||
      product.charCodeAt(1) !== sum.chapter.charCodeAt(1)
    ) {
      const chapter = product.slice(0, 2);
      const key = `${reporter}\t${partner}\t${chapter}\t${year}\t${flow}`;
      sum = this.#sums.get(key) ?? null;
      if (sum === null) {
        sum = { reporter, partner, chapter, year, flow, value: 0, rows: 0 };
        this.#sums.set(key, sum);
      }
      this.#last = sum;
    }
    sum.value += value;
    sum.rows++;
  }

  /** Adds the sums to hs_chapter_summary under the import's source. */
  commit(db: Db, sourceId: string): void {
    const upsert = db.prepare(`${INSERT} VALUES (?, ?, ?, ?, ?, ?, ?, ?) ${ADD}`);
    for (const s of this.#sums.values()) upsert.run(s.reporter, s.partner, s.chapter, s.year, s.flow, sourceId, s.value, s.rows);
  }
}
