/** The HS chapter summary as stored, and as a fresh GROUP BY over trade_flow gives it (tests compare the two). */
import type { Db } from '../../db/open.ts';

export interface HsSummaryRow {
  reporter: string;
  partner: string;
  chapter: string;
  year: number;
  flow: string;
  source_id: string;
  value_usd: number;
  rows: number;
}

export function freshHsSummary(db: Db): HsSummaryRow[] {
  return db
    .prepare(
      `SELECT reporter, partner, substr(product_code, 1, 2) AS chapter, year, flow, source_id, sum(value_usd) AS value_usd,
    count(*) AS rows FROM trade_flow WHERE month IS NULL AND series = 'primary' AND length(product_code) = 6
    GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6`,
    )
    .all() as HsSummaryRow[];
}

export function storedHsSummary(db: Db): HsSummaryRow[] {
  return db.prepare('SELECT * FROM hs_chapter_summary ORDER BY 1, 2, 3, 4, 5, 6').all() as HsSummaryRow[];
}
