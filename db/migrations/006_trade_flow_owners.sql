-- 006_trade_flow_owners (issue 4 follow-up): the rows of one pack or one import found without
-- scanning trade_flow, which may hold millions of rows.
--
-- Reloading a pack deletes its rows and takes them out of hs_chapter_summary, by pack_id; undoing an
-- import does the same by import_id, and the import history counts each import's rows still present.
-- Each of these was a full scan of trade_flow. Partial indexes: rows entered by hand carry neither key.
-- An import's rows get consecutive row ids and one import_id, so its index entries are appended in
-- order at the end of the index.
CREATE INDEX trade_flow_pack ON trade_flow (pack_id) WHERE pack_id IS NOT NULL;
CREATE INDEX trade_flow_import ON trade_flow (import_id) WHERE import_id IS NOT NULL;
