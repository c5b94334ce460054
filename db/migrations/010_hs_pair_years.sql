-- 010_hs_pair_years: the pairs and years with HS-6 figures, kept beside hs_chapter_summary.
--
-- The Products view lists the pairs with HS-6 figures (first and last year, largest first) and a pair's
-- years. Read from hs_chapter_summary, that is one row per chapter, year, flow and source: 192,000 rows
-- grouped at 5 million trade rows. This table holds the same sums one level up (pair, flow, year), a
-- few rows per pair. Triggers on hs_chapter_summary keep it in step: that table changes by one row per
-- chapter sum an import, undo or pack writes (never per trade_flow row), so the triggers cost nothing a
-- large import would notice, and every writer of the chapter sums keeps this table right without a
-- second code path.
CREATE TABLE hs_pair_year (
  reporter   TEXT NOT NULL,
  partner    TEXT NOT NULL,
  flow       TEXT NOT NULL,
  year       INTEGER NOT NULL,
  value_usd  REAL NOT NULL,
  rows       INTEGER NOT NULL,
  PRIMARY KEY (reporter, partner, flow, year)
) STRICT, WITHOUT ROWID;

INSERT INTO hs_pair_year (reporter, partner, flow, year, value_usd, rows)
SELECT reporter, partner, flow, year, sum(value_usd), sum(rows) FROM hs_chapter_summary GROUP BY 1, 2, 3, 4;

CREATE TRIGGER hs_pair_year_insert AFTER INSERT ON hs_chapter_summary BEGIN
  INSERT INTO hs_pair_year (reporter, partner, flow, year, value_usd, rows)
  VALUES (new.reporter, new.partner, new.flow, new.year, new.value_usd, new.rows)
  ON CONFLICT DO UPDATE SET value_usd = value_usd + excluded.value_usd, rows = rows + excluded.rows;
END;

CREATE TRIGGER hs_pair_year_update AFTER UPDATE OF value_usd, rows ON hs_chapter_summary BEGIN
  UPDATE hs_pair_year SET value_usd = value_usd + new.value_usd - old.value_usd, rows = rows + new.rows - old.rows
  WHERE reporter = new.reporter AND partner = new.partner AND flow = new.flow AND year = new.year;
  DELETE FROM hs_pair_year
  WHERE reporter = new.reporter AND partner = new.partner AND flow = new.flow AND year = new.year AND rows <= 0;
END;

CREATE TRIGGER hs_pair_year_delete AFTER DELETE ON hs_chapter_summary BEGIN
  UPDATE hs_pair_year SET value_usd = value_usd - old.value_usd, rows = rows - old.rows
  WHERE reporter = old.reporter AND partner = old.partner AND flow = old.flow AND year = old.year;
  DELETE FROM hs_pair_year
  WHERE reporter = old.reporter AND partner = old.partner AND flow = old.flow AND year = old.year AND rows <= 0;
END;
