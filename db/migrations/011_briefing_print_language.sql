-- 011_briefing_print_language: the language a briefing prints in ('en', 'ko' or 'zh'); NULL prints in the
-- interface's language at the time of printing.
ALTER TABLE briefing ADD COLUMN print_language TEXT CHECK (print_language IS NULL OR print_language IN ('en', 'ko', 'zh'));
