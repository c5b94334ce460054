-- 014_products5m_trade_generation: a counter that changes when what a trade figure is read from changes.
--
-- The Partners view keeps a reporter's years and its last read of flows until they may have changed. Keyed on
-- every write of this connection (total_changes()), a briefing saved or a setting changed made the next ranking
-- read them again. This counter moves only with what those reads depend on: trade_flow's rows (every writer of
-- them adds 1 in its own transaction: imports, undo, packs, see db/trade/chosen.ts; never a trigger per row),
-- and, through the triggers below, the economies (names, kinds), the sources (what the choice rule ranks by)
-- and the preferred-source settings. Writes of other connections are still seen through data_version.
CREATE TABLE trade_generation (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  n  INTEGER NOT NULL
) STRICT;
INSERT INTO trade_generation (id, n) VALUES (1, 0);

CREATE TRIGGER trade_generation_economy_insert AFTER INSERT ON economy BEGIN UPDATE trade_generation SET n = n + 1; END;
CREATE TRIGGER trade_generation_economy_update AFTER UPDATE ON economy BEGIN UPDATE trade_generation SET n = n + 1; END;
CREATE TRIGGER trade_generation_economy_delete AFTER DELETE ON economy BEGIN UPDATE trade_generation SET n = n + 1; END;
CREATE TRIGGER trade_generation_source_insert AFTER INSERT ON source BEGIN UPDATE trade_generation SET n = n + 1; END;
CREATE TRIGGER trade_generation_source_update AFTER UPDATE ON source BEGIN UPDATE trade_generation SET n = n + 1; END;
CREATE TRIGGER trade_generation_source_delete AFTER DELETE ON source BEGIN UPDATE trade_generation SET n = n + 1; END;
CREATE TRIGGER trade_generation_setting_insert AFTER INSERT ON setting WHEN new.key GLOB 'trade.preferredSource*' BEGIN
  UPDATE trade_generation SET n = n + 1;
END;
CREATE TRIGGER trade_generation_setting_update AFTER UPDATE ON setting WHEN new.key GLOB 'trade.preferredSource*' OR old.key GLOB 'trade.preferredSource*' BEGIN
  UPDATE trade_generation SET n = n + 1;
END;
CREATE TRIGGER trade_generation_setting_delete AFTER DELETE ON setting WHEN old.key GLOB 'trade.preferredSource*' BEGIN
  UPDATE trade_generation SET n = n + 1;
END;
