import Database from 'better-sqlite3';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { backupBeforeChange, backupsDir, copyBackupInto, latestBackup, LEFTOVER_AGE_MS, listBackups } from '../../db/backup.ts';
import { dispatch } from '../../db/dispatch.ts';
import { defaultMigrationsDir, openDatabase, readMigrations } from '../../db/open.ts';
import { openSession, type Session } from '../../db/session.ts';
import { chosen } from '../support/chosen-files.ts';
import { snapshot } from '../support/db-snapshot.ts';
import { olderDatabase } from '../support/older-database.ts';
import { tempDir } from '../support/temp.ts';

const tmp = tempDir('tradebrief-backups-');
afterAll(() => tmp.cleanup());
const latest = readMigrations().length;

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
    const old = olderDatabase(path, 1);
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
    expect(restored).toMatchObject({
      ok: true,
      data: { restored: { id: taken!.file }, safetyBackup: { reason: 'before-restore' }, schemaVersion: latest },
    });
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
    const old = olderDatabase(path, 1);
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
    expect(await dispatch(session.handlers, 'restoreBackup', { file: 'x.sqlite' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
    // Well-formed ids that are not in the listing (the database itself, '..', a backup that is not there): not-found.
    for (const id of ['tradebrief.20260101T000000000Z.before-import.sqlite', 'tradebrief.sqlite', '..']) {
      expect(await dispatch(session.handlers, 'restoreBackup', { id })).toMatchObject({
        ok: false,
        error: { code: 'not-found', message: expect.stringMatching(/no longer there/) },
      });
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

/** Runs a file import through the contract (a worker job) to its end. */
async function importThroughJob(
  session: Session,
  path: string,
): Promise<{ state: string; summary: { outcome: string; reason: string | null } | null }> {
  const started = await dispatch(session.handlers, 'startImport', { file: chosen(session, path), onlyValidRows: true });
  if (!started.ok) throw new Error(started.error.message);
  const jobId = (started.data as { jobId: string }).jobId;
  let progress: { state: string; summary: { outcome: string; reason: string | null } | null } = { state: 'running', summary: null };
  await expect
    .poll(
      async () => {
        const p = await dispatch(session.handlers, 'importProgress', { jobId });
        if (p.ok) progress = p.data as typeof progress;
        return progress.state;
      },
      { timeout: 15_000 },
    )
    .toMatch(/^(done|failed|cancelled)$/);
  return progress;
}

/** Files in the backups folder that are not finished backups (partial copies, -wal/-shm/-journal files). */
function strayFiles(path: string): string[] {
  const dir = backupsDir(path);
  return existsSync(dir) ? readdirSync(dir).filter((f) => !f.endsWith('.sqlite')) : [];
}

const comtrade = join(defaultMigrationsDir, '../../tests/fixtures/imports/comtrade-current.csv');

describe('imports back up first, only when they will write', () => {
  it('a pack import and a file import each leave a backup of the database as it was, and nothing else', async () => {
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
      expect(afterPack.map((b) => b.reason)).toEqual(['before-import-pack']);
      const packBackup = afterPack.find((b) => b.reason === 'before-import-pack')!;
      expect(countSources(join(backupsDir(path), packBackup.file))).toBe(sourcesBefore);

      const sourcesBeforeImport = countSources(path);
      const done = await importThroughJob(session, comtrade);
      expect(done).toMatchObject({ state: 'done', summary: { outcome: 'imported' } });
      const importBackup = listBackups(path).find((b) => b.reason === 'before-import');
      expect(importBackup).toBeDefined();
      expect(countSources(join(backupsDir(path), importBackup!.file))).toBe(sourcesBeforeImport);
      expect(countSources(path)).toBe(sourcesBeforeImport + 1);
      // Each backup is one self-contained file: no -wal/-shm or partial copy beside it.
      expect(strayFiles(path)).toEqual([]);
      const copy = new Database(join(backupsDir(path), importBackup!.file), { readonly: true });
      expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
      copy.close();
      expect(strayFiles(path)).toEqual([]);

      // Undoing the import backs up the database with the import still in it.
      const importId = session.db.prepare('SELECT max(id) FROM import_run').pluck().get() as number;
      expect(await dispatch(session.handlers, 'undoImport', { id: importId })).toMatchObject({ ok: true });
      const undoBackup = listBackups(path).find((b) => b.reason === 'before-undo-import');
      expect(undoBackup).toBeDefined();
      expect(countSources(join(backupsDir(path), undoBackup!.file))).toBe(sourcesBeforeImport + 1);
      expect(countSources(path)).toBe(sourcesBeforeImport);
      expect(strayFiles(path)).toEqual([]);
    } finally {
      session.close();
    }
  });

  it('takes no backup for an import, pack or undo that changes nothing', async () => {
    const path = tmp.file('no-change.sqlite');
    const session = openSession({ path });
    try {
      expect(await importThroughJob(session, comtrade)).toMatchObject({ summary: { outcome: 'imported' } });
      const packFile = join(defaultMigrationsDir, '../packs/korea-china-2022.json');
      expect(await dispatch(session.handlers, 'importPack', { file: chosen(session, packFile) })).toMatchObject({ ok: true });
      const backups = listBackups(path).map((b) => b.file);
      expect(backups).toHaveLength(1);
      const before = snapshot(session.db);

      // The same file again, the same pack again, a file with a header and no rows, an import that does not exist.
      expect(await importThroughJob(session, comtrade)).toMatchObject({ state: 'done', summary: { outcome: 'already-imported' } });
      expect(await dispatch(session.handlers, 'importPack', { file: chosen(session, packFile) })).toMatchObject({
        ok: true,
        data: { changed: false },
      });
      const headerOnly = tmp.file('header-only.csv');
      writeFileSync(headerOnly, `${readFileSync(comtrade, 'utf8').split('\n')[0]!}\n`);
      expect(await importThroughJob(session, headerOnly)).toMatchObject({
        state: 'done',
        summary: { outcome: 'no-rows', reason: 'The file has a header and no rows.' },
      });
      expect(await dispatch(session.handlers, 'undoImport', { id: 999 })).toMatchObject({ ok: false, error: { code: 'not-found' } });

      expect(listBackups(path).map((b) => b.file)).toEqual(backups);
      expect(snapshot(session.db)).toBe(before);
      expect(strayFiles(path)).toEqual([]);
    } finally {
      session.close();
    }
  });

  it('removes what a killed backup left (a full-size partial copy and its -wal/-shm) at the next start', async () => {
    const dir = tmp.file('killed');
    mkdirSync(dir);
    const path = join(dir, 'tradebrief.sqlite');
    openSession({ path }).close();
    const backups = backupsDir(path);
    mkdirSync(backups, { recursive: true });
    const left = join(backups, 'tradebrief.20261129T081530123Z.before-import.sqlite.partial');
    cpSync(path, left);
    writeFileSync(`${left}-wal`, 'x');
    writeFileSync(`${left}-shm`, 'x');
    writeFileSync(join(backups, 'tradebrief.20261129T081530124Z.before-import.sqlite-wal'), 'orphan');
    // Another database's leftovers in the same folder, and a partial copy being written right now (another process), stay.
    const other = join(backups, 'colleague.20261129T081530123Z.before-import.sqlite.partial');
    writeFileSync(other, 'x');
    const old = new Date(Date.now() - 2 * LEFTOVER_AGE_MS);
    for (const f of readdirSync(backups)) utimesSync(join(backups, f), old, old);
    const fresh = join(backups, 'tradebrief.20261129T090000000Z.before-import.sqlite.partial');
    writeFileSync(fresh, 'being written');

    openSession({ path }).close();
    expect(readdirSync(backups).sort()).toEqual([
      'colleague.20261129T081530123Z.before-import.sqlite.partial',
      'tradebrief.20261129T090000000Z.before-import.sqlite.partial',
    ]);
  });
});
