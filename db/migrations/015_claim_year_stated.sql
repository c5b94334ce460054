-- 015_claim_year_stated: whether the source states the year of a claim.
--
-- A source often asserts a standing ("China is South Korea's largest trading partner") without a year; the claim is
-- then checked for the year of the trade figures the same source cites, and the page says so in the reader's
-- language (it was an English note of the pack's before). 1: the year is the source's own; 0: taken from its figures.
ALTER TABLE claim ADD COLUMN year_stated INTEGER NOT NULL DEFAULT 1 CHECK (year_stated IN (0, 1));
