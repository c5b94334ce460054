/**
 * `node tests/support/make-fixtures.ts`: writes tests/fixtures/schema-v<N>.sqlite, one database per
 * schema version N = 1..latest, built from the migration files 001..N alone, with representative
 * rows in the tables of version 1 (sources, economies, flows, stated figures, sectors, an export
 * plan, events with precise and relative dates, a project batch, a route, a briefing, settings).
 * The files are committed: they stand for databases written by earlier versions of Tradebrief, and
 * tests/unit/migrations-fixtures.test.ts upgrades each to the latest schema. Add the new version's
 * file after adding a migration; never regenerate the old ones.
 */
import Database from 'better-sqlite3';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readMigrations } from '../../db/open.ts';

export const fixturesDir = fileURLToPath(new URL('../fixtures/', import.meta.url));
export const fixturePath = (version: number): string => join(fixturesDir, `schema-v${version}.sqlite`);

const ROWS = `
INSERT INTO pack (id, version, title, content_hash, loaded_at) VALUES ('fixture', '1', 'Fixture pack', 'hash-v1', '2022-08-30T00:00:00Z');
INSERT INTO source (id, pack_id, label, publisher, title, published_precision, published_value, url, note)
  VALUES ('fixture:s1', 'fixture', 'S1', 'General Administration of Customs', 'Trade by country 2021', 'month', '2022-01', 'https://example.org/customs', 'a note, with "quotes"');
INSERT INTO source (id, pack_id, label, publisher, title, published_precision, published_value, cited_in_id)
  VALUES ('fixture:s2', 'fixture', 'S2', 'Newspaper', 'Korea–China trade push 经贸', 'day', '2022-08-28', 'fixture:s1');
INSERT INTO economy (code, name, kind) VALUES ('CHN', 'China', 'country'), ('KOR', 'South Korea', 'country');
INSERT INTO economy (code, name, kind, parent_code, region_label) VALUES ('CN-SD', 'Shandong', 'subnational', 'CHN', 'East China');
INSERT INTO place (id, name, kind, economy_code) VALUES ('fixture:incheon', 'Incheon', 'port', 'KOR'), ('fixture:weihai', 'Weihai', 'port', 'CHN');
INSERT INTO organisation (id, name, short_name, economy_code) VALUES ('fixture:kotra', 'Korea Trade-Investment Promotion Agency', 'KOTRA', 'KOR');
INSERT INTO trade_flow (reporter, partner, year, flow, product_code, value_usd, source_id, pack_id)
  VALUES ('CHN', 'KOR', 2021, 'export', 'TOTAL', 150.5e9, 'fixture:s1', 'fixture'),
         ('CHN', 'KOR', 2021, 'import', 'TOTAL', 213.5e9, 'fixture:s1', 'fixture'),
         ('CHN', 'KOR', 2021, 'export', '8703', 1.25e9, 'fixture:s1', 'fixture');
INSERT INTO trade_flow (reporter, partner, year, month, flow, product_code, value_usd, series, source_id, pack_id, note)
  VALUES ('KOR', 'CHN', 2022, 7, 'export', '33', 0.4e9, 'crosscheck', 'fixture:s2', 'fixture', 'mirror');
INSERT INTO stated_figure (id, reporter, partner, year, measure, value_usd, source_id, pack_id) VALUES ('fixture:total', 'CHN', 'KOR', 2021, 'total_trade', 364.1e9, 'fixture:s1', 'fixture');
INSERT INTO sector (id, name, description, pack_id) VALUES ('fixture:auto', 'Auto parts', 'Vehicles and parts', 'fixture');
INSERT INTO sector_hs (sector_id, hs_code, description, source_id) VALUES ('fixture:auto', '8708', 'Parts of vehicles', 'fixture:s1');
INSERT INTO export_plan (id, title, reporter, partner, organisation_id, source_id, pack_id) VALUES ('fixture:plan', 'Export plan', 'KOR', 'CHN', 'fixture:kotra', 'fixture:s2', 'fixture');
INSERT INTO export_plan_sector (plan_id, sector_id, position) VALUES ('fixture:plan', 'fixture:auto', 1);
INSERT INTO event (id, kind, title, place_id, place_text, country_code, date_precision, date_value, date_part, source_id, pack_id)
  VALUES ('fixture:fair', 'fair', 'Import fair', 'fixture:weihai', 'Weihai', 'CHN', 'month', '2022-09', 'late', 'fixture:s2', 'fixture');
INSERT INTO event (id, kind, title, organiser_id, date_precision, date_value, rel_anchor_id, rel_weekday, rel_relation, rel_note, source_id, pack_id)
  VALUES ('fixture:meeting', 'business-meeting', 'Business meeting', 'fixture:kotra', 'relative', '2022-08', 'fixture:s2', 5, 'before-anchor', 'last Friday', 'fixture:s2', 'fixture');
INSERT INTO event_sector (event_id, label) VALUES ('fixture:fair', 'cosmetics');
INSERT INTO project (id, title, project_count, partner_code, counterpart_code, status, signed_precision, signed_value, signed_event_id, split_reported, source_id, pack_id)
  VALUES ('fixture:batch', '15 projects', 15, 'CN-SD', 'KOR', 'signed', 'month', '2022-08', 'fixture:meeting', 0, 'fixture:s2', 'fixture');
INSERT INTO project_field (project_id, field, position) VALUES ('fixture:batch', 'logistics', 1), ('fixture:batch', 'cosmetics', 2);
INSERT INTO route (id, name, transit_days_min, transit_days_max, transit_basis, source_id, pack_id) VALUES ('fixture:route', 'Sea–rail', 10, 14, 'from Incheon', 'fixture:s2', 'fixture');
INSERT INTO route_leg (route_id, position, mode, from_place_id, to_place_id, label) VALUES ('fixture:route', 1, 'sea', 'fixture:incheon', 'fixture:weihai', 'ferry');
INSERT INTO statement (id, kind, text, source_id, pack_id) VALUES ('fixture:claim', 'claim', 'Trade grew.', 'fixture:s2', 'fixture');
INSERT INTO briefing (id, title, audience, dated_on, classification, created_at, updated_at, pack_id)
  VALUES ('user:b1', 'My briefing', 'Minister', '2022-08-30', 'RESTRICTED', '2022-08-30T10:00:00Z', '2022-08-31T10:00:00Z', 'fixture');
INSERT INTO briefing_block (id, briefing_id, position, kind, config) VALUES ('user:b1:1', 'user:b1', 1, 'text', '{"markdown":"# Title\\n<script>x</script>"}');
INSERT INTO edit_log (at, user_name, action, entity, entity_id, before, after) VALUES ('2022-08-31T10:00:00Z', 'analyst', 'update', 'briefing', 'user:b1', '{"title":"Old"}', '{"title":"My briefing"}');
INSERT INTO setting (key, value) VALUES ('ui.theme', '"dark"');
`;

/** Builds the fixture of one schema version from the migration files 1..version (overwrites). */
export function makeFixture(version: number, path: string = fixturePath(version)): void {
  const migrations = readMigrations().slice(0, version);
  if (migrations.length !== version) throw new Error(`There is no migration ${version}`);
  rmSync(path, { force: true });
  const db = new Database(path);
  try {
    db.pragma('foreign_keys = ON');
    db.transaction(() => {
      for (const m of migrations) {
        db.exec(m.sql);
        db.pragma(`user_version = ${m.version}`);
      }
      db.exec(ROWS);
    })();
    if ((db.pragma('foreign_key_check') as unknown[]).length > 0) throw new Error('fixture rows break a foreign key');
    db.exec('VACUUM');
  } finally {
    db.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const all = process.argv.includes('--all');
  for (let v = 1; v <= readMigrations().length; v++) {
    if (!all && existsSync(fixturePath(v))) continue;
    makeFixture(v);
    console.log(`wrote ${fixturePath(v)}`);
  }
}
