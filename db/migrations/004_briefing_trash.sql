-- 004_briefing_trash (issue 5, briefings): a deleted briefing goes to the trash first, so the
-- user can undo the deletion; the row and its blocks stay until the trash is emptied.
ALTER TABLE briefing ADD COLUMN deleted_at TEXT;
CREATE INDEX briefing_live ON briefing (deleted_at, updated_at);
