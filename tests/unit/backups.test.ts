import Database from 'better-sqlite3';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { backupBeforeChange, backupsDir, copyBackupInto, latestBackup, listBackups } from '../../db/backup.ts';
import { dispatch } from '../../db/dispatch.ts';
import { defaultMigrationsDir, openDatabase, readMigrations } from '../../db/open.ts';
import { openSession } from '../../db/session.ts';
import { chosen } from '../support/chosen-files.ts';
import { snapshot } from '../support/db-snapshot.ts';
import { tempDir } from '../support/temp.ts';

const tmp = tempDir('tradebrief-backups-');
afterAll(() => tmp.cleanup());
const latest = readMigrations().length;

/** A migrations folder holding only the first `n` migrations: a database "from an older version". */
function olderMigrations(n: number): string {
  const dir = tmp.file(`migrations-${n}`);
  mkdirSync(dir, { recursive: true });
  for (const m of readMigrations().slice(0, n)) cpSync(join(defaultMigrationsDir, m.name), join(dir, m.name));
  return dir;
}

function countSources(path: string): number {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare('SELECT count(*) FROM source').pluck().get() as number;
  } finally {
    db.close();
  }
}

describe('automatic backups', () => {
  it('are taken before a migration of an existing database, holding the old schema and rows', () => {
    const path = tmp.file('upgrade/tradebrief.sqlite');
    mkdirSync(tmp.file('upgrade'));
    const old = openDatabase(path, { migrationsDir: olderMigrations(1) });
    old.prepare("INSERT INTO source (id, label, publisher, title) VALUES ('s1', 'S1', 'Customs', 'Trade 2021')").run();
    old.close();
    expect(listBackups(path)).toEqual([]);

    openDatabase(path).close();
    const backups = listBackups(path);
    expect(backups).toHaveLength(1);
    expect(backups[0]!.reason).toBe(`before-migration-${latest}`);
    const copy = new Database(join(backupsDir(path), backups[0]!.file), { readonly: true });
    expect(copy.pragma('user_version', { simple: true })).toBe(1);
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(copy.prepare('SELECT title FROM source').pluck().all()).toEqual(['Trade 2021']);
    copy.close();
    // Reopening at the latest schema takes no further backup.
    openDatabase(path).close();
    expect(listBackups(path)).toHaveLength(1);
  });

  it('are not taken for a new database', () => {
    const path = tmp.file('new/tradebrief.sqlite');
    mkdirSync(tmp.file('new'));
    openDatabase(path).close();
    expect(existsSync(backupsDir(path))).toBe(false);
  });

  it('keep only the newest N (the setting), N = 5 by default', async () => {
    const path = tmp.file('keep/tradebrief.sqlite');
    mkdirSync(tmp.file('keep'));
    const db = openDatabase(path);
    const base = Date.UTC(2026, 10, 29, 8, 0, 0);
    for (let i = 0; i < 7; i++) await backupBeforeChange(db, 'import', new Date(base + i * 1000));
    expect(listBackups(path).map((b) => b.takenAt)).toEqual([6, 5, 4, 3, 2].map((i) => new Date(base + i * 1000).toISOString()));
    const session = openSession({ path, today: '2026-11-29' });
    expect(await dispatch(session.handlers, 'setBackupKeep', { keep: 2 })).toEqual({ ok: true, data: { keep: 2 } });
    session.close();
    expect(listBackups(path)).toHaveLength(2);
    await backupBeforeChange(db, 'import', new Date(base + 10_000));
    expect(listBackups(path).map((b) => b.takenAt)).toEqual([10, 6].map((i) => new Date(base + i * 1000).toISOString()));
    // Backups of another database in the same folder are not counted or touched.
    writeFileSync(join(backupsDir(path), 'other.20260101T000000000Z.before-import.sqlite'), '');
    expect(listBackups(path)).toHaveLength(2);
    db.close();
    expect(readdirSync(backupsDir(path))).toContain('other.20260101T000000000Z.before-import.sqlite');
  });
});

describe('restoring a backup (listBackups / restoreBackup)', () => {
  it('puts the backed-up content back, after backing up the current state', async () => {
    const dir = tmp.file('restore');
    mkdirSync(dir);
    const session = openSession({ path: join(dir, 'tradebrief.sqlite'), today: '2026-11-29' });
    const before = snapshot(session.db);
    const taken = await backupBeforeChange(session.db, 'import');
    session.db.exec('PRAGMA foreign_keys = OFF; DELETE FROM trade_flow; DELETE FROM statement; PRAGMA foreign_keys = ON;');
    expect(snapshot(session.db)).not.toBe(before);

    const list = await dispatch(session.handlers, 'listBackups', {});
    // An entry's id is the backup's file name; the listing names no folder (the page never builds a path).
    expect(list).toMatchObject({ ok: true, data: { keep: 5, backups: [{ id: taken!.file, reason: 'before-import' }] } });
    expect(list.ok && list.data).not.toHaveProperty('folder');
    const [entry] = list.ok ? (list.data as { backups: { id: string }[] }).backups : [];
    expect(Object.keys(entry!).sort()).toEqual(['bytes', 'id', 'reason', 'takenAt']);

    const restored = await dispatch(session.handlers, 'restoreBackup', { id: entry!.id });
    expect(restored).toMatchObject({ ok: true, data: { restored: { id: taken!.file }, safetyBackup: { reason: 'before-restore' }, schemaVersion: latest } });
    // The same connection sees the restored rows (the hosts keep their session).
    expect(snapshot(session.db)).toBe(before);
    expect(session.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(session.db.pragma('journal_mode', { simple: true })).toBe('wal');
    session.close();
  });

  it('upgrades a backup taken before a migration', async () => {
    const dir = tmp.file('restore-old');
    mkdirSync(dir);
    const path = join(dir, 'tradebrief.sqlite');
    const old = openDatabase(path, { migrationsDir: olderMigrations(1) });
    old.prepare("INSERT INTO source (id, label, publisher, title) VALUES ('s1', 'S1', 'Customs', 'Trade 2021')").run();
    old.close();
    const session = openSession({ path, today: '2026-11-29' });
    const [migrationBackup] = listBackups(path);
    session.db.prepare("UPDATE source SET title = 'changed' WHERE id = 's1'").run();
    const result = await dispatch(session.handlers, 'restoreBackup', { id: migrationBackup!.file });
    expect(result).toMatchObject({ ok: true, data: { schemaVersion: latest } });
    expect(session.db.prepare("SELECT title FROM source WHERE id = 's1'").pluck().get()).toBe('Trade 2021');
    session.close();
  });

  it('refuses ids that are not backups of this database, changing nothing', async () => {
    const dir = tmp.file('restore-bad');
    mkdirSync(dir);
    const session = openSession({ path: join(dir, 'tradebrief.sqlite'), today: '2026-11-29' });
    const before = snapshot(session.db);
    for (const id of ['../tradebrief.sqlite', '/etc/passwd', 'x\\..\\y.sqlite', '']) {
      expect(await dispatch(session.handlers, 'restoreBackup', { id })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    }
    // The old field (a file name to join to a folder) is gone.
    expect(await dispatch(session.handlers, 'restoreBackup', { file: 'x.sqlite' })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    // Well-formed ids that are not in the listing (the database itself, '..', a backup that is not there): not-found.
    for (const id of ['tradebrief.20260101T000000000Z.before-import.sqlite', 'tradebrief.sqlite', '..']) {
      expect(await dispatch(session.handlers, 'restoreBackup', { id })).toMatchObject({ ok: false, error: { code: 'not-found', message: expect.stringMatching(/no longer there/) } });
    }
    expect(snapshot(session.db)).toBe(before);
    session.close();
  });
});

describe('a file that cannot be opened', () => {
  it('is refused untouched, and its last backup can be restored into a new file', async () => {
    const dir = tmp.file('corrupt');
    mkdirSync(dir);
    const path = join(dir, 'tradebrief.sqlite');
    const session = openSession({ path, today: '2026-11-29' });
    const sources = session.db.prepare('SELECT count(*) FROM source').pluck().get() as number;
    await backupBeforeChange(session.db, 'import');
    session.close();
    writeFileSync(path, 'not a database any more');
    const damaged = readFileSync(path);

    expect(() => openDatabase(path)).toThrowError(/tradebrief\.sqlite is not a Tradebrief database/);
    expect(readFileSync(path).equals(damaged)).toBe(true);

    // What the Electron host offers ("Restore last backup"): a copy beside it, never over it.
    const last = latestBackup(path);
    expect(last).not.toBeNull();
    const recovered = join(dir, 'tradebrief-restored.sqlite');
    await copyBackupInto(last!, recovered);
    openDatabase(recovered).close();
    expect(countSources(recovered)).toBe(sources);
    expect(readFileSync(path).equals(damaged)).toBe(true);
  });
});

describe('imports back up first', () => {
  it('a pack import and a file import each leave a backup of the database as it was', async () => {
    const path = tmp.file('imports-backup.sqlite');
    const session = openSession({ path });
    try {
      const sourcesBefore = countSources(path);
      const packFile = tmp.file('pack.json');
      const raw = JSON.parse(readFileSync(join(defaultMigrationsDir, '../packs/korea-china-2022.json'), 'utf8')) as Record<string, unknown>;
      writeFileSync(packFile, JSON.stringify({ ...raw, id: 'colleague-pack' }));
      const packed = await dispatch(session.handlers, 'importPack', { file: chosen(session, packFile) });
      expect(packed.ok).toBe(true);
      const afterPack = listBackups(path);
      expect(afterPack.map((b) => b.reason)).toContain('before-import-pack');
      const packBackup = afterPack.find((b) => b.reason === 'before-import-pack')!;
      expect(countSources(join(backupsDir(path), packBackup.file))).toBe(sourcesBefore);

      const started = await dispatch(session.handlers, 'startImport', {
        file: chosen(session, join(defaultMigrationsDir, '../../tests/fixtures/imports/comtrade-current.csv')), onlyValidRows: true,
      });
      expect(started.ok).toBe(true);
      expect(listBackups(path).map((b) => b.reason)).toContain('before-import');
      // Let the worker finish before the folder goes away.
      const jobId = started.ok ? (started.data as { jobId: string }).jobId : '';
      await expect.poll(async () => {
        const progress = await dispatch(session.handlers, 'importProgress', { jobId });
        return progress.ok ? (progress.data as { state: string }).state : 'error';
      }, { timeout: 15_000 }).toMatch(/^(done|failed|cancelled)$/);
    } finally {
      session.close();
    }
  });
});
