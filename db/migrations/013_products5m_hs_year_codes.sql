-- 013_products5m_hs_year_codes: a pair's HS-level figures of one flow and year, read without walking every year.
--
-- Top products reads a pair's HS figures of one year and the year before. The natural-key index holds them
-- by code, then year: reading two years walks every year's entries of the pair (100,000 at 2,500 codes over
-- 20 years). This table holds each annual HS figure (codes of 2, 4 and 6 digits, every series) once more,
-- grouped by pair, flow, year and source: the codes and their values as two arrays in the same order (JSON
-- text when written by SQL, as below; little-endian blobs when an import writes them: db/trade/hs-year-codes.ts),
-- so two years are a few rows. Rows are grouped by the import or pack that wrote the figures, so
-- an undo or a pack reload removes its own rows; an import may write its figures in several parts (it holds
-- a bounded number in memory). Kept in step by db/trade/hs-year-codes.ts in the same transaction as the
-- figures (imports, undo, packs); tests compare it with a fresh GROUP BY over trade_flow.
CREATE TABLE hs_year_codes (
  reporter   TEXT NOT NULL,
  partner    TEXT NOT NULL,
  flow       TEXT NOT NULL,
  year       INTEGER NOT NULL,
  source_id  TEXT NOT NULL,
  import_id  INTEGER,
  pack_id    TEXT,
  codes      ANY NOT NULL,
  amounts    ANY NOT NULL
) STRICT;
CREATE INDEX hs_year_codes_pair ON hs_year_codes (reporter, partner, flow, year);
CREATE INDEX hs_year_codes_import ON hs_year_codes (import_id) WHERE import_id IS NOT NULL;
CREATE INDEX hs_year_codes_pack ON hs_year_codes (pack_id) WHERE pack_id IS NOT NULL;

INSERT INTO hs_year_codes (reporter, partner, flow, year, source_id, import_id, pack_id, codes, amounts)
SELECT reporter, partner, flow, year, source_id, import_id, pack_id, json_group_array(product_code), json_group_array(value_usd)
FROM trade_flow WHERE month IS NULL AND product_code <> 'TOTAL'
GROUP BY reporter, partner, flow, year, source_id, import_id, pack_id;
