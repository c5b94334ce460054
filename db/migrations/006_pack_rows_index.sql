-- 006_pack_rows_index (issue 4 follow-up): a pack's trade rows found without scanning trade_flow.
--
-- Reloading a pack deletes its rows and takes them out of hs_chapter_summary, both by pack_id; beside
-- millions of imported rows that was a full scan of trade_flow each time. Only pack rows have a
-- pack_id, so a partial index holds a few hundred entries and costs an import nothing but the check.
CREATE INDEX trade_flow_pack ON trade_flow (pack_id) WHERE pack_id IS NOT NULL;
