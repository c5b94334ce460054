-- Tradebrief schema, version 1: the data model of DESIGN.md.
-- Text ids for curated entities (stable across pack reloads: "<pack>:<key>"),
-- integer ids for trade flows (millions of rows).
-- Dates with precision are stored as three columns:
--   *_precision  'day' | 'month' | 'year' | 'relative'
--   *_value      the best-known calendar value at that precision: 'YYYY-MM-DD', 'YYYY-MM', 'YYYY'
--                (for 'relative', the calendar month or day known from the anchor, if any)
--   *_part       'early' | 'mid' | 'late' within a month, when the source says so ("end of September")
-- and, for relative dates, the anchor (a source's publication), a weekday and the relation.

CREATE TABLE pack (
  id            TEXT PRIMARY KEY,
  version       TEXT NOT NULL,
  title         TEXT NOT NULL,
  content_hash  TEXT NOT NULL,
  loaded_at     TEXT NOT NULL
) STRICT;

CREATE TABLE source (
  id                  TEXT PRIMARY KEY,
  pack_id             TEXT REFERENCES pack(id) ON DELETE CASCADE,
  label               TEXT NOT NULL,            -- short label shown in footnotes, e.g. "S1"
  publisher           TEXT NOT NULL,
  title               TEXT NOT NULL,
  published_precision TEXT CHECK (published_precision IN ('day', 'month', 'year')),
  published_value     TEXT,
  published_note      TEXT,                     -- e.g. "a Sunday"
  url                 TEXT,
  note                TEXT,
  cited_in_id         TEXT REFERENCES source(id) ON DELETE SET NULL   -- the document that reported this source
) STRICT;

CREATE TABLE economy (
  code        TEXT PRIMARY KEY,                 -- ISO 3166-1 alpha-3 or ISO 3166-2 (CN-SD)
  name        TEXT NOT NULL,
  kind        TEXT NOT NULL CHECK (kind IN ('country', 'subnational', 'group')),
  parent_code TEXT REFERENCES economy(code),
  region_label TEXT                             -- e.g. "East China"
) STRICT;

CREATE TABLE place (
  id           TEXT PRIMARY KEY,
  name         TEXT NOT NULL,
  kind         TEXT NOT NULL CHECK (kind IN ('city', 'port', 'office', 'venue')),
  economy_code TEXT NOT NULL REFERENCES economy(code),
  note         TEXT
) STRICT;

CREATE TABLE organisation (
  id           TEXT PRIMARY KEY,
  name         TEXT NOT NULL,
  short_name   TEXT,
  economy_code TEXT REFERENCES economy(code)
) STRICT;

-- One reported figure: who reports it, for which trade, and from which source.
-- The same figure from another source is another row, never an overwrite.
CREATE TABLE trade_flow (
  id            INTEGER PRIMARY KEY,
  reporter      TEXT NOT NULL REFERENCES economy(code),
  partner       TEXT NOT NULL REFERENCES economy(code),
  year          INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2100),
  month         INTEGER CHECK (month BETWEEN 1 AND 12),
  flow          TEXT NOT NULL CHECK (flow IN ('export', 'import', 're-export', 're-import')),
  product_code  TEXT NOT NULL DEFAULT 'TOTAL'
                CHECK (product_code = 'TOTAL' OR (length(product_code) IN (2, 4, 6) AND product_code NOT GLOB '*[^0-9]*')),
  value_usd     REAL NOT NULL CHECK (value_usd >= 0),
  series        TEXT NOT NULL DEFAULT 'primary' CHECK (series IN ('primary', 'crosscheck')),
  source_id     TEXT NOT NULL REFERENCES source(id),
  pack_id       TEXT REFERENCES pack(id) ON DELETE CASCADE,
  import_id     INTEGER REFERENCES import_run(id) ON DELETE CASCADE,
  note          TEXT
) STRICT;
CREATE UNIQUE INDEX trade_flow_natural_key
  ON trade_flow (reporter, partner, year, ifnull(month, 0), flow, product_code, source_id);
CREATE INDEX trade_flow_pair ON trade_flow (reporter, partner, product_code, year, flow);

-- A published aggregate (total trade, balance) kept as stated, beside the parts it should equal.
CREATE TABLE stated_figure (
  id        TEXT PRIMARY KEY,
  reporter  TEXT NOT NULL REFERENCES economy(code),
  partner   TEXT NOT NULL REFERENCES economy(code),
  year      INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2100),
  measure   TEXT NOT NULL CHECK (measure IN ('total_trade', 'balance')),
  value_usd REAL NOT NULL,
  source_id TEXT NOT NULL REFERENCES source(id),
  pack_id   TEXT REFERENCES pack(id) ON DELETE CASCADE,
  note      TEXT
) STRICT;

CREATE TABLE sector (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  description TEXT,
  pack_id     TEXT REFERENCES pack(id) ON DELETE CASCADE
) STRICT;

CREATE TABLE sector_hs (
  sector_id   TEXT NOT NULL REFERENCES sector(id) ON DELETE CASCADE,
  hs_code     TEXT NOT NULL CHECK (length(hs_code) IN (2, 4, 6) AND hs_code NOT GLOB '*[^0-9]*'),
  description TEXT,
  source_id   TEXT REFERENCES source(id),
  note        TEXT,
  PRIMARY KEY (sector_id, hs_code)
) STRICT;

-- A named export plan and the sectors it prioritises (with the plan's source).
CREATE TABLE export_plan (
  id        TEXT PRIMARY KEY,
  title     TEXT NOT NULL,
  reporter  TEXT NOT NULL REFERENCES economy(code),
  partner   TEXT NOT NULL REFERENCES economy(code),
  organisation_id TEXT REFERENCES organisation(id),
  source_id TEXT NOT NULL REFERENCES source(id),
  pack_id   TEXT REFERENCES pack(id) ON DELETE CASCADE
) STRICT;

CREATE TABLE export_plan_sector (
  plan_id   TEXT NOT NULL REFERENCES export_plan(id) ON DELETE CASCADE,
  sector_id TEXT NOT NULL REFERENCES sector(id) ON DELETE CASCADE,
  position  INTEGER NOT NULL,
  PRIMARY KEY (plan_id, sector_id)
) STRICT;

CREATE TABLE event (
  id                TEXT PRIMARY KEY,
  kind              TEXT NOT NULL CHECK (kind IN ('meeting', 'business-meeting', 'forum', 'fair', 'exhibition', 'visit', 'other')),
  title             TEXT NOT NULL,
  place_id          TEXT REFERENCES place(id),
  place_text        TEXT,                       -- as the source words it ("KOTRA office, Seoul")
  country_code      TEXT REFERENCES economy(code),
  region_code       TEXT REFERENCES economy(code),
  organiser_id      TEXT REFERENCES organisation(id),
  date_precision    TEXT NOT NULL CHECK (date_precision IN ('day', 'month', 'year', 'relative')),
  date_value        TEXT,
  date_part         TEXT CHECK (date_part IN ('early', 'mid', 'late')),
  rel_anchor_id     TEXT REFERENCES source(id),
  rel_weekday       INTEGER CHECK (rel_weekday BETWEEN 0 AND 6),   -- 0 = Sunday
  rel_relation      TEXT CHECK (rel_relation IN ('before-anchor', 'week-of-anchor')),
  rel_note          TEXT,
  end_value         TEXT,                       -- last day of a multi-day event, when known
  note              TEXT,
  source_id         TEXT NOT NULL REFERENCES source(id),
  pack_id           TEXT REFERENCES pack(id) ON DELETE CASCADE,
  CHECK ((date_precision = 'relative') = (rel_anchor_id IS NOT NULL))
) STRICT;

CREATE TABLE event_sector (
  event_id TEXT NOT NULL REFERENCES event(id) ON DELETE CASCADE,
  label    TEXT NOT NULL,
  PRIMARY KEY (event_id, label)
) STRICT;

-- A cooperation project, or a batch of them (project_count > 1) whose split is not reported.
CREATE TABLE project (
  id                TEXT PRIMARY KEY,
  title             TEXT NOT NULL,
  project_count     INTEGER NOT NULL DEFAULT 1 CHECK (project_count >= 1),
  partner_code      TEXT NOT NULL REFERENCES economy(code),   -- the side the projects were signed with
  counterpart_code  TEXT REFERENCES economy(code),            -- the other side (e.g. KOR)
  status            TEXT NOT NULL CHECK (status IN ('planned', 'signed', 'in-progress', 'completed', 'cancelled')),
  signed_precision  TEXT CHECK (signed_precision IN ('day', 'month', 'year', 'relative')),
  signed_value      TEXT,
  signed_part       TEXT CHECK (signed_part IN ('early', 'mid', 'late')),
  signed_event_id   TEXT REFERENCES event(id),
  value_usd         REAL CHECK (value_usd >= 0),
  split_reported    INTEGER NOT NULL DEFAULT 0 CHECK (split_reported IN (0, 1)),
  note              TEXT,
  source_id         TEXT NOT NULL REFERENCES source(id),
  pack_id           TEXT REFERENCES pack(id) ON DELETE CASCADE
) STRICT;

CREATE TABLE project_field (
  project_id TEXT NOT NULL REFERENCES project(id) ON DELETE CASCADE,
  field      TEXT NOT NULL,
  position   INTEGER NOT NULL,
  PRIMARY KEY (project_id, field)
) STRICT;

CREATE TABLE route (
  id                TEXT PRIMARY KEY,
  name              TEXT NOT NULL,
  transit_days_min  INTEGER CHECK (transit_days_min >= 0),
  transit_days_max  INTEGER CHECK (transit_days_max >= transit_days_min),
  transit_basis     TEXT,                       -- what the range counts from ("cargo arriving at Incheon")
  note              TEXT,
  source_id         TEXT NOT NULL REFERENCES source(id),
  pack_id           TEXT REFERENCES pack(id) ON DELETE CASCADE
) STRICT;

CREATE TABLE route_leg (
  route_id      TEXT NOT NULL REFERENCES route(id) ON DELETE CASCADE,
  position      INTEGER NOT NULL,
  mode          TEXT NOT NULL CHECK (mode IN ('sea', 'rail', 'road', 'air')),
  from_place_id TEXT NOT NULL REFERENCES place(id),
  to_place_id   TEXT NOT NULL REFERENCES place(id),
  label         TEXT,                           -- e.g. "China-Europe freight railway"
  PRIMARY KEY (route_id, position)
) STRICT;

-- A sourced sentence the app may show: a claim of the report, or context.
CREATE TABLE statement (
  id        TEXT PRIMARY KEY,
  kind      TEXT NOT NULL CHECK (kind IN ('claim', 'context')),
  text      TEXT NOT NULL,
  source_id TEXT NOT NULL REFERENCES source(id),
  pack_id   TEXT REFERENCES pack(id) ON DELETE CASCADE
) STRICT;

CREATE TABLE briefing (
  id             TEXT PRIMARY KEY,
  title          TEXT NOT NULL,
  audience       TEXT NOT NULL DEFAULT '',
  dated_on       TEXT,
  classification TEXT NOT NULL DEFAULT '',
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL,
  pack_id        TEXT REFERENCES pack(id) ON DELETE SET NULL
) STRICT;

CREATE TABLE briefing_block (
  id          TEXT PRIMARY KEY,
  briefing_id TEXT NOT NULL REFERENCES briefing(id) ON DELETE CASCADE,
  position    INTEGER NOT NULL,
  kind        TEXT NOT NULL,
  config      TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(config))
) STRICT;
CREATE INDEX briefing_block_order ON briefing_block (briefing_id, position);

CREATE TABLE import_run (
  id            INTEGER PRIMARY KEY,
  file_name     TEXT NOT NULL,
  file_hash     TEXT NOT NULL,
  format        TEXT NOT NULL,
  source_id     TEXT REFERENCES source(id),
  started_at    TEXT NOT NULL,
  finished_at   TEXT,
  rows_added    INTEGER NOT NULL DEFAULT 0,
  rows_skipped  INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE edit_log (
  id         INTEGER PRIMARY KEY,
  at         TEXT NOT NULL,
  user_name  TEXT NOT NULL,
  action     TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete')),
  entity     TEXT NOT NULL,
  entity_id  TEXT NOT NULL,
  before     TEXT CHECK (before IS NULL OR json_valid(before)),
  after      TEXT CHECK (after IS NULL OR json_valid(after))
) STRICT;

CREATE TABLE setting (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL CHECK (json_valid(value))
) STRICT;
