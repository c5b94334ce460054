/**
 * Automatic backups of a database file, kept in a `backups/` folder beside it:
 *   <folder>/backups/<name>.<UTC timestamp>.<reason>.sqlite
 * taken before each migration (db/open.ts), before an import, undo or pack load writes (in the
 * worker, `backupBeforeWrite`: never for one that changes nothing) and before a restore
 * (`backupBeforeChange`), the last N kept (setting `backups.keep`, default 5). Copies are made with SQLite's own consistent
 * copy mechanisms: the online backup API (`db.backup()`, asynchronous) when the caller can wait,
 * and `VACUUM INTO` while a database is being opened (opening is synchronous) or from a second
 * connection inside a worker's write transaction (`backupBeforeWrite`). Every copy is written to a
 * temporary name (`….partial`), turned into a self-contained file (rollback journal, no -wal/-shm
 * beside it), checked, then renamed, so a crash never leaves half a backup under a backup's name;
 * what a killed backup leaves is removed at the next start and at the next backup.
 */
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { ApiError } from './common/errors.ts';
import { said, saidAs, type CoreMessageCode, type Said } from './common/core-messages.ts';
import type { Db } from './database.ts';

export const DEFAULT_KEEP = 5;
export const KEEP_SETTING = 'backups.keep';
export const MAX_KEEP = 100;

export interface BackupInfo {
  /** File name inside the backups folder (what restoreBackup takes). */
  file: string;
  /** When it was taken (ISO 8601, UTC). */
  takenAt: string;
  /** Why: 'before-migration-3', 'before-import', 'before-restore'… */
  reason: string;
  bytes: number;
}

/** The backups folder of a database file. */
export function backupsDir(dbPath: string): string {
  return join(dirname(dbPath), 'backups');
}

function stem(dbPath: string): string {
  const name = basename(dbPath);
  return name.slice(0, name.length - extname(name).length) || name;
}

function slug(reason: string): string {
  return (
    reason
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'backup'
  );
}

/** 2026-11-29T08:15:30.123Z → 20261129T081530123Z (sortable, valid in every file system). */
function stamp(date: Date): string {
  return date.toISOString().replace(/[-:.]/g, '');
}

const NAME = /^(.+)\.(\d{8}T\d{9}Z)\.([a-z0-9-]+)\.sqlite$/;

function parseStamp(s: string): string {
  return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(9, 11)}:${s.slice(11, 13)}:${s.slice(13, 15)}.${s.slice(15, 18)}Z`;
}

/** Backups of this database file, newest first. */
export function listBackups(dbPath: string): BackupInfo[] {
  const dir = backupsDir(dbPath);
  if (!existsSync(dir)) return [];
  const own = stem(dbPath);
  return readdirSync(dir)
    .flatMap((file) => {
      const m = NAME.exec(file);
      if (!m || m[1] !== own) return [];
      return [{ file, takenAt: parseStamp(m[2]!), reason: m[3]!, bytes: statSync(join(dir, file)).size }];
    })
    .sort((a, b) => (a.file < b.file ? 1 : a.file > b.file ? -1 : 0));
}

/** The keep-last-N setting of an open database (default 5). */
export function keepSetting(db: Db): number {
  try {
    const raw = db.prepare('SELECT value FROM setting WHERE key = ?').pluck().get(KEEP_SETTING) as string | undefined;
    const n = raw === undefined ? DEFAULT_KEEP : Number(JSON.parse(raw));
    return Number.isInteger(n) && n >= 1 && n <= MAX_KEEP ? n : DEFAULT_KEEP;
  } catch {
    return DEFAULT_KEEP;
  }
}

export function setKeepSetting(db: Db, keep: number): void {
  db.prepare('INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(
    KEEP_SETTING,
    JSON.stringify(keep),
  );
}

/** The files SQLite may keep beside a database file. */
const COMPANIONS = ['-wal', '-shm', '-journal'] as const;

function removeWithCompanions(file: string): void {
  rmSync(file, { force: true });
  for (const suffix of COMPANIONS) rmSync(`${file}${suffix}`, { force: true });
}

/** Deletes all but the newest `keep` backups of this database file (with any -wal/-shm a reader left beside them). */
export function pruneBackups(dbPath: string, keep: number): void {
  for (const old of listBackups(dbPath).slice(keep)) removeWithCompanions(join(backupsDir(dbPath), old.file));
}

/**
 * A backup still being written by another process is at most this old (its file is written to
 * continuously, then checked within seconds); older partial files are what a killed backup left.
 */
export const LEFTOVER_AGE_MS = 60_000;

/**
 * Removes what an interrupted backup of this database left in the backups folder: `….partial` copies
 * (full size when the process was killed while checking one) and their -wal/-shm/-journal files, and
 * -wal/-shm files whose backup is gone. Run when a database is opened and before each backup.
 * Returns the names removed.
 */
export function removeBackupLeftovers(dbPath: string, now: number = Date.now()): string[] {
  const dir = backupsDir(dbPath);
  if (!existsSync(dir)) return [];
  const own = `${stem(dbPath)}.`;
  const files = new Set(readdirSync(dir));
  const removed: string[] = [];
  for (const file of files) {
    if (!file.startsWith(own)) continue;
    const partial = /\.sqlite\.partial(-wal|-shm|-journal)?$/.test(file);
    const companion = /\.sqlite(-wal|-shm|-journal)$/.exec(file);
    const orphan = companion !== null && !files.has(file.slice(0, file.length - companion[1]!.length));
    if (!partial && !orphan) continue;
    let age: number;
    try {
      age = now - statSync(join(dir, file)).mtimeMs;
    } catch {
      continue;
    }
    if (partial && age < LEFTOVER_AGE_MS) continue;
    rmSync(join(dir, file), { force: true });
    removed.push(file);
  }
  return removed;
}

function target(dbPath: string, reason: string, now: Date): { final: string; temp: string } {
  const dir = backupsDir(dbPath);
  mkdirSync(dir, { recursive: true });
  let final = join(dir, `${stem(dbPath)}.${stamp(now)}.${slug(reason)}.sqlite`);
  for (let i = 1; existsSync(final); i++) final = join(dir, `${stem(dbPath)}.${stamp(new Date(now.getTime() + i))}.${slug(reason)}.sqlite`);
  return { final, temp: `${final}.partial` };
}

/**
 * Makes a finished copy a self-contained file (a WAL-mode copy opened by a reader grows -wal and -shm
 * files beside it, which the rename would leave behind), checks it and moves it into place.
 */
function finish(temp: string, final: string): void {
  const copy = new Database(temp, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
    const check = copy.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw new Error(`the copy failed its integrity check (${String(check)})`);
  } finally {
    copy.close();
  }
  for (const suffix of COMPANIONS) rmSync(`${temp}${suffix}`, { force: true });
  renameSync(temp, final);
}

function describe(file: string): BackupInfo {
  const m = NAME.exec(basename(file))!;
  return { file: basename(file), takenAt: parseStamp(m[2]!), reason: m[3]!, bytes: statSync(file).size };
}

/** The changes a backup is taken before, as the page names them. */
const CHANGES: Record<string, CoreMessageCode> = {
  restore: 'backupBeforeRestore',
  import: 'backupBeforeImport',
  'undo-import': 'backupBeforeUndo',
  'import-pack': 'backupBeforePack',
};

function changeText(reason: string): Said | string {
  const code = CHANGES[reason];
  return code ? saidAs(code) : reason;
}

/**
 * A backup of the open database before a change made on the host's connection (a restore):
 * SQLite's online backup API, then the oldest backups beyond the keep setting are removed. Returns
 * null for an in-memory database.
 */
export async function backupBeforeChange(db: Db, reason: string, now: Date = new Date()): Promise<BackupInfo | null> {
  if (db.memory || !db.name) return null;
  removeBackupLeftovers(db.name);
  const { final, temp } = target(db.name, `before-${reason}`, now);
  try {
    await db.backup(temp);
    finish(temp, final);
  } catch (error) {
    removeWithCompanions(temp);
    throw new ApiError('internal', said('backupFailed', { change: changeText(reason), reason: (error as Error).message }));
  }
  pruneBackups(db.name, keepSetting(db));
  return describe(final);
}

/**
 * A backup of the database file as last committed, taken by a write that is certain to change it
 * (an import, undo or pack load running in a worker, inside its own write transaction): a second,
 * read-only connection copies the committed state with VACUUM INTO. The writer holds the write
 * lock, so that state is exactly the one its transaction started from. Synchronous (workers are).
 */
export function backupBeforeWrite(dbPath: string, reason: string, now: Date = new Date()): BackupInfo {
  removeBackupLeftovers(dbPath);
  let reader: Db | undefined;
  let keep: number;
  const { final, temp } = target(dbPath, `before-${reason}`, now);
  try {
    reader = new Database(dbPath, { readonly: true, fileMustExist: true });
    reader.pragma('busy_timeout = 5000');
    keep = keepSetting(reader);
    reader.prepare('VACUUM INTO ?').run(temp);
    reader.close();
    finish(temp, final);
  } catch (error) {
    if (reader?.open) reader.close();
    removeWithCompanions(temp);
    throw new ApiError('internal', said('backupFailed', { change: changeText(reason), reason: (error as Error).message }));
  }
  pruneBackups(dbPath, keep);
  return describe(final);
}

/** The same, synchronously, while a database is being opened (before its migrations): VACUUM INTO. */
export function backupBeforeMigration(db: Db, dbPath: string, toVersion: number, now: Date = new Date()): BackupInfo {
  const { final, temp } = target(dbPath, `before-migration-${toVersion}`, now);
  try {
    db.prepare('VACUUM INTO ?').run(temp);
    finish(temp, final);
  } catch (error) {
    removeWithCompanions(temp);
    throw new ApiError('internal', said('backupNotUpgraded', { file: basename(dbPath), reason: (error as Error).message }), {
      path: dbPath,
    });
  }
  pruneBackups(dbPath, keepSetting(db));
  return describe(final);
}

/** Resolves a backup file name given by a caller; only names listed for this database are accepted. */
export function backupPath(dbPath: string, file: string): string {
  if (!listBackups(dbPath).some((b) => b.file === file)) {
    throw new ApiError('not-found', said('backupNotFound', { backup: file.slice(0, 200), file: basename(dbPath) }));
  }
  return join(backupsDir(dbPath), file);
}

/** The newest backup of a database file, if any (offered when the file cannot be opened). */
export function latestBackup(dbPath: string): string | null {
  const newest = listBackups(dbPath)[0];
  return newest ? join(backupsDir(dbPath), newest.file) : null;
}

/**
 * Copies a backup into `destination` (a new file, or the live database) with the backup API,
 * after checking that the backup is sound. The caller migrates the result if it is older.
 */
export async function copyBackupInto(backupFile: string, destination: string): Promise<void> {
  const source = new Database(backupFile, { readonly: true, fileMustExist: true });
  try {
    const check = source.pragma('integrity_check', { simple: true });
    if (check !== 'ok')
      throw new ApiError('corrupt-database', said('backupDamaged', { backup: basename(backupFile), check: String(check) }));
    await source.backup(destination);
  } finally {
    source.close();
  }
}
