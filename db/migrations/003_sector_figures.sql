-- 003_sector_figures (issue 3, dashboards): product-group values as sources state them, and an
-- index for the dashboards' per-year queries.
--
-- A sector figure is not an HS trade flow: its code may be a chapter range ("84-85"), an industry
-- class ("MTI:semiconductors (~HS 8541-8542)") or a subset of a heading, and it may cover part of a
-- year ("Jan–Nov only"). It is kept exactly as worded, linked to a sector when it belongs to one.
CREATE TABLE sector_figure (
  id          TEXT PRIMARY KEY,
  reporter    TEXT NOT NULL REFERENCES economy(code),
  partner     TEXT NOT NULL REFERENCES economy(code),
  year        INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2100),
  flow        TEXT NOT NULL CHECK (flow IN ('export', 'import')),
  label       TEXT NOT NULL,                 -- the product group as the source describes it
  hs_note     TEXT NOT NULL,                 -- the code field as given
  sector_id   TEXT REFERENCES sector(id) ON DELETE SET NULL,
  value_usd   REAL NOT NULL CHECK (value_usd >= 0),
  period_note TEXT,                          -- NULL: the full calendar year; else e.g. 'Jan–Nov only'
  source_id   TEXT NOT NULL REFERENCES source(id),
  pack_id     TEXT REFERENCES pack(id) ON DELETE CASCADE,
  note        TEXT
) STRICT;
CREATE INDEX sector_figure_pair ON sector_figure (reporter, partner, year);
CREATE INDEX sector_figure_sector ON sector_figure (sector_id);

-- The dashboards read annual totals (product_code 'TOTAL', no month) by pair and year. With millions
-- of HS rows, a partial covering index over just those rows keeps the trade dashboards, the filter
-- choices and the reconciliation independent of the HS detail (see tests/bench/dashboard-queries.ts).
CREATE INDEX trade_flow_totals ON trade_flow (reporter, partner, year, flow, source_id, series, value_usd)
  WHERE product_code = 'TOTAL' AND month IS NULL;
