-- Schema 2: what an import records beyond schema 1's import_run (issue 4, "Data in and out").
-- An import is one transaction; these columns keep its summary so the history can show it
-- (rows read, skipped by reason, problems) and undo it.

ALTER TABLE import_run ADD COLUMN file_size INTEGER;
ALTER TABLE import_run ADD COLUMN user_name TEXT;
ALTER TABLE import_run ADD COLUMN rows_read INTEGER NOT NULL DEFAULT 0;
ALTER TABLE import_run ADD COLUMN problem_count INTEGER NOT NULL DEFAULT 0;
-- {"breakdown row": 12, "invalid": 3, ...}
ALTER TABLE import_run ADD COLUMN skipped_by_reason TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(skipped_by_reason));

-- "Already imported?" is asked by file hash.
CREATE INDEX import_run_file_hash ON import_run (file_hash);
