-- 007_packs_source_flow_count: how many trade_flow rows cite each source, kept beside trade_flow.
--
-- The Sources list shows that count for every source. Counting it from trade_flow means visiting every
-- row (an index leading with source_id would still be walked entry by entry): hundreds of milliseconds
-- at millions of rows, however the query is written. Every writer of trade_flow rows keeps this table
-- in step in the same transaction (db/trade/flow-counts.ts: imports, undo, packs), as for
-- hs_chapter_summary; a source without rows has no entry.
CREATE TABLE source_flow_count (
  source_id TEXT PRIMARY KEY,
  rows      INTEGER NOT NULL CHECK (rows > 0)
) STRICT, WITHOUT ROWID;

INSERT INTO source_flow_count (source_id, rows)
SELECT source_id, count(*) FROM trade_flow GROUP BY source_id;
