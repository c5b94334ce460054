import Database from 'better-sqlite3';
import { accessSync, constants, existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { backupBeforeMigration, removeBackupLeftovers } from './backup.ts';
import { ApiError } from './common/errors.ts';
import { said, type Said } from './common/core-messages.ts';
import type { Db } from './database.ts';

export type { Db } from './database.ts';

/** Where the numbered `.sql` migrations live; the Electron host passes its packaged copy. */
export const defaultMigrationsDir = fileURLToPath(new URL('./migrations/', import.meta.url));

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Reads `NNN_name.sql` files in order; numbers must run 1, 2, 3… with no gap or duplicate. */
export function readMigrations(dir: string = defaultMigrationsDir): Migration[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort();
  const migrations = files.map((file) => {
    const match = /^(\d{3})_[a-z0-9_-]+\.sql$/.exec(file);
    if (!match) throw new Error(`Migration file name must look like 001_name.sql: ${file}`);
    return { version: Number(match[1]), name: file, sql: readFileSync(join(dir, file), 'utf8') };
  });
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migrations must be numbered 1..n without gaps: ${m.name} is #${i + 1}`);
  });
  return migrations;
}

export interface OpenOptions {
  migrationsDir?: string;
  readonly?: boolean;
}

const SQLITE_HEADER = 'SQLite format 3\0';

/**
 * Opens (or creates) a Tradebrief database: checks that it is SQLite and intact, refuses a
 * schema newer than this build without touching it, then applies pending migrations in one
 * transaction.
 */
export function openDatabase(path: string, options: OpenOptions = {}): Db {
  const name = basename(path);
  if (existsSync(path)) assertSqliteFile(path);
  let db: Db;
  try {
    db = new Database(path, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  } catch (error) {
    throw new ApiError('not-a-database', said('dbCannotOpen', { file: name, reason: (error as Error).message }), { path });
  }
  try {
    db.pragma('busy_timeout = 5000');
    const check = db.pragma('integrity_check', { simple: true });
    if (check !== 'ok') {
      throw new ApiError('corrupt-database', said('dbIntegrity', { file: name, check: String(check) }), { path });
    }
    const migrations = readMigrations(options.migrationsDir);
    const current = db.pragma('user_version', { simple: true }) as number;
    const latest = migrations.length;
    if (current > latest) {
      throw new ApiError('newer-schema', said('dbNewerSchema', { file: name, schema: String(current), latest: String(latest) }), {
        path,
        schema: current,
        supported: latest,
      });
    }
    if (current > 0 && !isTradebriefSchema(db)) {
      throw new ApiError('not-a-database', said('dbNotTradebrief', { file: name }), { path });
    }
    if (current === 0 && hasUserTables(db)) {
      throw new ApiError('not-a-database', said('dbNotTradebrief', { file: name }), { path });
    }
    if (!options.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
    }
    db.pragma('foreign_keys = ON');
    // What a backup killed half-way left beside the earlier backups (db/backup.ts).
    if (!options.readonly) removeBackupLeftovers(path);
    if (current < latest && !options.readonly) {
      // An existing database is copied to backups/ before its schema changes (db/backup.ts).
      if (current > 0) backupBeforeMigration(db, path, latest);
      applyMigrations(db, migrations, current);
    }
    return db;
  } catch (error) {
    db.close();
    throw mapSqliteError(cantOpenReason(error, path), name);
  }
}

/** SQLite says only "unable to open database file"; a file, folder or disk that cannot be written is the usual cause. */
function cantOpenReason(error: unknown, path: string): unknown {
  if ((error as { code?: string }).code !== 'SQLITE_CANTOPEN') return error;
  for (const target of [path, dirname(path)]) {
    try {
      accessSync(target, constants.W_OK);
    } catch {
      return new ApiError('read-only', said('dbReadOnlyPlace', { file: basename(path) }), { path });
    }
  }
  return error;
}

function assertSqliteFile(path: string): void {
  const buf = readFileSync(path, { flag: 'r' }).subarray(0, 16);
  // An empty file is a fresh database (SQLite treats it so).
  if (buf.length > 0 && buf.toString('latin1') !== SQLITE_HEADER) {
    throw new ApiError('not-a-database', said('dbNotSqlite', { file: basename(path) }), { path });
  }
}

function hasUserTables(db: Db): boolean {
  const row = db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").get() as {
    n: number;
  };
  return row.n > 0;
}

function isTradebriefSchema(db: Db): boolean {
  const row = db
    .prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table' AND name IN ('source', 'trade_flow', 'pack')")
    .get() as { n: number };
  return row.n === 3;
}

/** Brings an open database (e.g. one just restored from an older backup) to the latest schema. */
export function migrateToLatest(db: Db, path: string, migrationsDir?: string): void {
  const migrations = readMigrations(migrationsDir);
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > migrations.length) throw new ApiError('newer-schema', said('dbNewer', { file: basename(path) }), { path });
  if (current < migrations.length) {
    if (current > 0) backupBeforeMigration(db, path, migrations.length);
    applyMigrations(db, migrations, current);
  }
}

function applyMigrations(db: Db, migrations: Migration[], from: number): void {
  const pending = migrations.slice(from);
  db.transaction(() => {
    for (const m of pending) {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    }
  }).immediate();
  const violations = db.pragma('foreign_key_check') as unknown[];
  if (violations.length > 0) throw new ApiError('internal', said('dbMigrationForeignKeys'), violations);
}

/** Turns SQLite's error codes into messages a user can act on. */
export function mapSqliteError(error: unknown, name: string | Said): unknown {
  if (error instanceof ApiError) return error;
  const code = (error as { code?: string }).code ?? '';
  if (code === 'SQLITE_NOTADB') return new ApiError('not-a-database', said('dbNotSqlite', { file: name }));
  if (code === 'SQLITE_CORRUPT')
    return new ApiError('corrupt-database', said('dbDamaged', { file: name, reason: (error as Error).message }));
  if (code === 'SQLITE_READONLY' || code.startsWith('SQLITE_READONLY')) {
    return new ApiError('read-only', said('dbReadOnly', { file: name }));
  }
  if (code === 'SQLITE_FULL') return new ApiError('disk-full', said('dbDiskFull', { file: name }));
  return error;
}
