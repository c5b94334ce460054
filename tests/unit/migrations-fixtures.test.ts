/**
 * A database of every earlier schema version (tests/fixtures/schema-v<N>.sqlite, made by
 * tests/support/make-fixtures.ts from the migration files 1..N) upgrades to the latest schema with
 * every row kept, and a backup of the old file is taken first.
 */
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listBackups } from '../../db/backup.ts';
import { openDatabase, readMigrations } from '../../db/open.ts';
import { fixturePath, makeFixture } from '../support/make-fixtures.ts';
import { tempDir } from '../support/temp.ts';

const tmp = tempDir('tradebrief-fixtures-');
afterAll(() => tmp.cleanup());
const latest = readMigrations().length;

type Rows = Map<string, { columns: string[]; rows: unknown[][] }>;

/** Every column, in order: also works for WITHOUT ROWID tables (which have no rowid to sort by). */
const byAllColumns = (columns: string[]): string => columns.map((_, i) => i + 1).join(', ');

function allRows(db: Database.Database): Rows {
  const out: Rows = new Map();
  const tables = db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[];
  for (const t of tables) {
    const columns = (db.prepare(`PRAGMA table_info("${t}")`).all() as { name: string }[]).map((c) => c.name);
    out.set(t, {
      columns,
      rows: db
        .prepare(`SELECT * FROM "${t}" ORDER BY ${byAllColumns(columns)}`)
        .raw()
        .all() as unknown[][],
    });
  }
  return out;
}

describe('databases of every schema version', () => {
  it('exist for versions 1 to the latest', () => {
    for (let v = 1; v <= latest; v++)
      expect(existsSync(fixturePath(v)), `tests/fixtures/schema-v${v}.sqlite (node tests/support/make-fixtures.ts)`).toBe(true);
  });

  for (let version = 1; version <= latest; version++) {
    it(`schema ${version} upgrades to ${latest} keeping every row`, () => {
      const dir = tmp.file(`v${version}`);
      mkdirSync(dir);
      const path = join(dir, 'tradebrief.sqlite');
      copyFileSync(fixturePath(version), path);
      const raw = new Database(path, { readonly: true });
      expect(raw.pragma('user_version', { simple: true })).toBe(version);
      const before = allRows(raw);
      raw.close();
      expect(before.get('source')!.rows.length).toBeGreaterThan(0);

      const db = openDatabase(path);
      expect(db.pragma('user_version', { simple: true })).toBe(latest);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('foreign_key_check')).toEqual([]);
      for (const [table, { columns, rows }] of before) {
        // The same rows, read through the columns the old version had (new columns may be added).
        const now = db
          .prepare(`SELECT ${columns.map((c) => `"${c}"`).join(', ')} FROM "${table}" ORDER BY ${byAllColumns(columns)}`)
          .raw()
          .all();
        expect(now, `${table} after upgrading from schema ${version}`).toEqual(rows);
      }
      db.close();
      expect(listBackups(path).map((b) => b.reason)).toEqual(version < latest ? [`before-migration-${latest}`] : []);
    });
  }

  it('the fixture of the latest version is what the migration files build now', () => {
    const path = tmp.file('rebuilt.sqlite');
    makeFixture(latest, path);
    const a = new Database(path, { readonly: true });
    const b = new Database(fixturePath(latest), { readonly: true });
    const schema = (db: Database.Database): unknown => db.prepare('SELECT type, name, sql FROM sqlite_schema ORDER BY name').all();
    expect(schema(b), 'regenerate with: node tests/support/make-fixtures.ts --all (only while that version is unreleased)').toEqual(
      schema(a),
    );
    a.close();
    b.close();
  });
});
