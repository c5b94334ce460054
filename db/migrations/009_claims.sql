-- 007_claims_checkable_claims: what a source's statement says in a form the data can test.
--
-- A statement is a sentence as written; a claim is one testable assertion it makes (one statement may
-- make several). db/claims/check.ts evaluates each kind against trade_flow and stated_figure.
--   largest-partner: `partner` is `reporter`'s largest partner by `measure` (export, import, total) in `year`
--   total-value:     `reporter`'s `measure` with `partner` in `year` was `value` USD
--   share:           `partner`'s share of `reporter`'s `measure` with the world in `year` was `value` (a fraction)
--   growth:          `reporter`'s `measure` with `partner` changed by `value` (a fraction) from `year` − 1
-- `value_precision` is the unit of the last digit the source gives (1e8 for "364.1 bn", 0.001 for "26.9%"):
-- the rounding the check allows.
CREATE TABLE claim (
  id              TEXT PRIMARY KEY,
  statement_id    TEXT NOT NULL REFERENCES statement(id) ON DELETE CASCADE,
  position        INTEGER NOT NULL,
  kind            TEXT NOT NULL CHECK (kind IN ('largest-partner', 'total-value', 'share', 'growth')),
  reporter        TEXT NOT NULL REFERENCES economy(code),
  partner         TEXT NOT NULL REFERENCES economy(code),
  year            INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2100),
  measure         TEXT NOT NULL CHECK (measure IN ('export', 'import', 'total', 'balance')),
  value           REAL,
  value_precision REAL CHECK (value_precision > 0),
  note            TEXT,
  pack_id         TEXT REFERENCES pack(id) ON DELETE CASCADE,
  CHECK ((kind = 'largest-partner') = (value IS NULL AND value_precision IS NULL)),
  CHECK (kind = 'total-value' OR measure <> 'balance')
) STRICT;
CREATE INDEX claim_statement ON claim (statement_id, position);
CREATE INDEX claim_pack ON claim (pack_id) WHERE pack_id IS NOT NULL;
