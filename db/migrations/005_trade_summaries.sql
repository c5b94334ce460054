-- 005_trade_summaries (issue 4, speed at scale): one index on trade_flow's HS rows instead of two,
-- and a summary table the sector dashboards read instead of summing raw HS-6 rows of a chapter.
--
-- The natural key now leads with (reporter, partner, product_code, year): it still refuses a second
-- copy of the same figure from the same source, and it also serves every per-product range scan
-- the old pair index (reporter, partner, product_code, year, flow) served, so that index goes. One
-- index less to maintain halves the index work of a large import.
DROP INDEX trade_flow_pair;
DROP INDEX trade_flow_natural_key;
CREATE UNIQUE INDEX trade_flow_natural_key
  ON trade_flow (reporter, partner, product_code, year, ifnull(month, 0), flow, source_id);

-- Sums of annual, primary-series HS-6 rows per HS chapter (the first 2 digits), per source. A sector
-- mapped to a chapter (84, 39, …) would otherwise sum hundreds of HS-6 codes × years at every view;
-- headings and HS-6 codes are short range scans of the natural-key index. Kept in step with
-- trade_flow by db/trade/hs-summary.ts in the same transaction as the rows (imports, undo, packs);
-- tests compare it with a fresh GROUP BY after each of those.
CREATE TABLE hs_chapter_summary (
  reporter   TEXT NOT NULL,
  partner    TEXT NOT NULL,
  chapter    TEXT NOT NULL CHECK (length(chapter) = 2),
  year       INTEGER NOT NULL,
  flow       TEXT NOT NULL,
  source_id  TEXT NOT NULL,
  value_usd  REAL NOT NULL,
  rows       INTEGER NOT NULL,
  PRIMARY KEY (reporter, partner, chapter, year, flow, source_id)
) STRICT, WITHOUT ROWID;

INSERT INTO hs_chapter_summary (reporter, partner, chapter, year, flow, source_id, value_usd, rows)
SELECT reporter, partner, substr(product_code, 1, 2), year, flow, source_id, sum(value_usd), count(*)
FROM trade_flow WHERE month IS NULL AND series = 'primary' AND length(product_code) = 6
GROUP BY 1, 2, 3, 4, 5, 6;
