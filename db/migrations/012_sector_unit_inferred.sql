-- 012_areas_sector_unit_inferred: a sector figure whose unit the source's text does not state (the unit
-- was inferred from the context) is marked, so every place that shows the figure says so beside it.
ALTER TABLE sector_figure ADD COLUMN unit_inferred INTEGER NOT NULL DEFAULT 0 CHECK (unit_inferred IN (0, 1));

-- Databases made before this migration hold the built-in Korea–China pack's figure already: its label,
-- copied from the source, says the unit was inferred (the same wording the pack's build reads).
UPDATE sector_figure SET unit_inferred = 1 WHERE label LIKE '%unit (%) inferred%';
