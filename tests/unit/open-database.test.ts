import Database from 'better-sqlite3';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { backupsDir } from '../../db/backup.ts';
import { openDatabase, readMigrations } from '../../db/open.ts';
import { tempDir } from '../support/temp.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

describe('openDatabase', () => {
  it('creates a new file with every migration applied, WAL and foreign keys on', () => {
    const path = tmp.file('fresh.sqlite');
    const db = openDatabase(path);
    expect(db.pragma('user_version', { simple: true })).toBe(readMigrations().length);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all();
    for (const t of [
      'source',
      'economy',
      'trade_flow',
      'sector',
      'sector_hs',
      'export_plan',
      'project',
      'event',
      'route',
      'route_leg',
      'briefing',
      'briefing_block',
    ]) {
      expect(tables).toContain(t);
    }
    db.close();
  });

  it('reopens an existing database without re-applying migrations', () => {
    const path = tmp.file('reopen.sqlite');
    openDatabase(path).close();
    const db = openDatabase(path);
    expect(db.pragma('user_version', { simple: true })).toBe(readMigrations().length);
    db.close();
  });

  it('refuses a database written by a newer schema and leaves the file byte for byte as it was', () => {
    const path = tmp.file('newer.sqlite');
    const raw = new Database(path);
    raw.exec('CREATE TABLE pack (id TEXT); CREATE TABLE source (id TEXT); CREATE TABLE trade_flow (id INTEGER)');
    raw.pragma('user_version = 999');
    raw.close();
    const before = readFileSync(path);
    expect(() => openDatabase(path)).toThrowError(/newer version of Tradebrief \(schema 999/);
    expect(readFileSync(path).equals(before)).toBe(true);
    // Nothing beside it either: no backup taken, no WAL or shared-memory file left.
    expect(existsSync(backupsDir(path))).toBe(false);
    expect(existsSync(`${path}-wal`) || existsSync(`${path}-shm`)).toBe(false);
  });

  it('refuses a file that is not SQLite, naming it, and does not touch it', () => {
    const path = tmp.file('notes.sqlite');
    writeFileSync(path, 'these are my meeting notes, not a database');
    const before = readFileSync(path);
    expect(() => openDatabase(path)).toThrowError(/notes\.sqlite is not a Tradebrief database/);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('refuses an SQLite file of another application', () => {
    const path = tmp.file('other.sqlite');
    const raw = new Database(path);
    raw.exec('CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)');
    raw.close();
    const before = readFileSync(path);
    expect(() => openDatabase(path)).toThrowError(/other\.sqlite is an SQLite file but not a Tradebrief database/);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('reports a damaged file as damaged', () => {
    const path = tmp.file('damaged.sqlite');
    const db = openDatabase(path);
    db.pragma('journal_mode = DELETE');
    db.exec(
      'CREATE TABLE filler (x TEXT); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 400) INSERT INTO filler SELECT hex(randomblob(500)) FROM n',
    );
    db.close();
    const bytes = readFileSync(path);
    // Overwrite a stretch of pages in the middle (not the header) with garbage.
    bytes.fill(0x5a, 4096 * 3, 4096 * 6);
    writeFileSync(path, bytes);
    expect(() => openDatabase(path)).toThrowError(/damaged\.sqlite is damaged|not a Tradebrief database/);
  });
});
