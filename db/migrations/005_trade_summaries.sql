-- 005_trade_summaries (issue 4, speed at scale): one index on trade_flow's HS rows instead of two,
-- and a summary table the sector dashboards read instead of summing raw HS-6 rows.
--
-- The natural key now leads with (reporter, partner, product_code, year): it still refuses a second
-- copy of the same figure from the same source, and it also serves every per-product range scan
-- the old pair index (reporter, partner, product_code, year, flow) served, so that index goes. One
-- index less to maintain halves the index work of a large import.
DROP INDEX trade_flow_pair;
DROP INDEX trade_flow_natural_key;
CREATE UNIQUE INDEX trade_flow_natural_key
  ON trade_flow (reporter, partner, product_code, year, ifnull(month, 0), flow, source_id);

-- Sums of annual, primary-series HS-6 rows per HS chapter (code of 2 digits) and heading (4 digits),
-- per source. Kept in step with trade_flow by db/trade/hs-summary.ts in the same transaction as the
-- rows (imports, undo, packs); tests compare it with a fresh GROUP BY after each of those.
CREATE TABLE hs_summary (
  reporter   TEXT NOT NULL,
  partner    TEXT NOT NULL,
  code       TEXT NOT NULL CHECK (length(code) IN (2, 4)),
  year       INTEGER NOT NULL,
  flow       TEXT NOT NULL,
  source_id  TEXT NOT NULL,
  value_usd  REAL NOT NULL,
  rows       INTEGER NOT NULL,
  PRIMARY KEY (reporter, partner, code, year, flow, source_id)
) STRICT, WITHOUT ROWID;

INSERT INTO hs_summary (reporter, partner, code, year, flow, source_id, value_usd, rows)
SELECT reporter, partner, substr(product_code, 1, 4), year, flow, source_id, sum(value_usd), count(*)
FROM trade_flow WHERE month IS NULL AND series = 'primary' AND length(product_code) = 6
GROUP BY 1, 2, 3, 4, 5, 6;
INSERT INTO hs_summary (reporter, partner, code, year, flow, source_id, value_usd, rows)
SELECT reporter, partner, substr(code, 1, 2), year, flow, source_id, sum(value_usd), sum(rows)
FROM hs_summary WHERE length(code) = 4 GROUP BY 1, 2, 3, 4, 5, 6;
