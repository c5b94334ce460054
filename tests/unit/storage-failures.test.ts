/**
 * A full disk and a read-only database file: a write ends with a clear error (`disk-full`,
 * `read-only`) and the database is intact (integrity check, same rows); an export that does not fit
 * leaves the file it was to replace as it was. Needs root to mount a small tmpfs (twice the new
 * database's size + 2 MB) and to make it read-only; skipped with a message otherwise.
 */
import { execFileSync } from 'node:child_process';
import {
  closeSync,
  copyFileSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statfsSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../db/dispatch.ts';
import { openDatabase } from '../../db/open.ts';
import { openSession } from '../../db/session.ts';
import { chosen, saveTo } from '../support/chosen-files.ts';
import { snapshot } from '../support/db-snapshot.ts';
import { tempDir } from '../support/temp.ts';

const tmp = tempDir('tradebrief-storage-');
const mountPoint = tmp.file('small-disk');
mkdirSync(mountPoint);
/** A new database with the default packs, made on the ordinary disk and copied onto the small one. */
const freshDb = tmp.file('fresh.sqlite');

function tryMount(): string | null {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return 'needs root on Linux to mount a small tmpfs';
  openSession({ path: freshDb, today: '2026-11-29' }).close();
  // Room for the database, the backup taken before an import, and 2 MB more: less than the big pack
  // needs on top (its rows and their journal).
  const megabytes = Math.ceil((2 * statSync(freshDb).size) / 2 ** 20) + 2;
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${megabytes}m`, 'tmpfs', mountPoint], { stdio: 'pipe' });
    return null;
  } catch (error) {
    return `mount is not permitted here (${String((error as Error).message).split('\n')[0]})`;
  }
}
const skipReason = tryMount();
if (skipReason) console.warn(`storage-failures.test.ts skipped: ${skipReason}`);

afterAll(() => {
  if (!skipReason) execFileSync('umount', ['-l', mountPoint], { stdio: 'pipe' });
  tmp.cleanup();
});

/** This process's open file descriptors on temporary export files under `dir` (Linux: /proc/self/fd). */
function openPartials(dir: string): { fd: number; file: string }[] {
  return readdirSync('/proc/self/fd').flatMap((fd) => {
    try {
      const file = readlinkSync(`/proc/self/fd/${fd}`);
      return file.startsWith(dir) && file.includes('.partial') ? [{ fd: Number(fd), file }] : [];
    } catch {
      return [];
    }
  });
}

/** The korea-china pack with thousands of extra flows: several MB of rows, written in one transaction. */
function bigPack(path: string): void {
  const pack = JSON.parse(readFileSync(new URL('../../db/packs/korea-china-2022.json', import.meta.url), 'utf8')) as {
    id: string;
    version: string;
    tradeFlows: Record<string, unknown>[];
    sources: { key: string }[];
  };
  pack.id = 'big-pack';
  const source = pack.sources[0]!.key;
  for (let year = 1950; year < 2100; year++) {
    for (let hs = 10; hs < 100; hs++) {
      for (const flow of ['export', 'import']) {
        pack.tradeFlows.push({
          reporter: 'CHN',
          partner: 'KOR',
          year,
          flow,
          productCode: String(hs),
          valueUsd: year * hs,
          source,
          note: 'x'.repeat(40),
        });
      }
    }
  }
  writeFileSync(path, JSON.stringify(pack));
}

describe.skipIf(skipReason !== null)('storage failures (a small tmpfs)', () => {
  const dbPath = join(mountPoint, 'tradebrief.sqlite');
  const packPath = tmp.file('big-pack.json');
  let before: string;

  beforeAll(() => {
    bigPack(packPath);
    copyFileSync(freshDb, dbPath);
    const session = openSession({ path: dbPath, today: '2026-11-29' });
    before = snapshot(session.db);
    session.close();
  });

  it('a pack too large for the disk ends with disk-full, the database intact', async () => {
    const session = openSession({ path: dbPath, today: '2026-11-29' });
    try {
      const envelope = await dispatch(session.handlers, 'importPack', { file: chosen(session, packPath) });
      expect(envelope).toMatchObject({
        ok: false,
        error: { code: 'disk-full', message: expect.stringMatching(/disk .* is full: nothing was changed/) },
      });
      expect(session.db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(snapshot(session.db)).toBe(before);
      // Still usable for reading.
      expect((await dispatch(session.handlers, 'overview', {})).ok).toBe(true);
    } finally {
      // An open connection would keep the disk busy for the tests after this one.
      session.close();
    }
    const reopened = openDatabase(dbPath);
    expect(reopened.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(snapshot(reopened)).toBe(before);
    reopened.close();
  });

  it('an export that does not fit on the disk ends with a clear error, the file it was to replace kept whole', async () => {
    const session = openSession({ path: dbPath, today: '2026-11-29' });
    const target = join(mountPoint, 'trade.csv');
    const filler = join(mountPoint, 'filler.bin');
    writeFileSync(target, 'the export from last week');
    try {
      // The disk fills up while the export is written (here: before, with another file).
      const { bavail, bsize } = statfsSync(mountPoint);
      writeFileSync(filler, Buffer.alloc(bavail * bsize));
      expect(statfsSync(mountPoint).bavail).toBe(0);
      const envelope = await dispatch(session.handlers, 'exportTableCsv', { target: saveTo(session, target), table: 'trade_flow' });
      expect(envelope).toMatchObject({
        ok: false,
        error: { code: 'invalid-file', message: expect.stringMatching(/could not be written: the disk is full/) },
      });
      expect(readFileSync(target, 'utf8')).toBe('the export from last week');
      // No half-written temporary file is left to fill the disk: not in the folder, not held open (a deleted
      // file still open keeps its space, and the disk cannot be unmounted or made read-only).
      expect(
        readdirSync(mountPoint)
          .filter((f) => !f.startsWith('tradebrief.sqlite') && f !== 'backups')
          .sort(),
      ).toEqual(['filler.bin', 'trade.csv']);
      expect(openPartials(mountPoint)).toEqual([]);
      expect(session.db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(snapshot(session.db)).toBe(before);
    } finally {
      rmSync(filler, { force: true });
      rmSync(target, { force: true });
      session.close();
      // Should the check above fail, the tests after this one still get a disk they can remount.
      for (const { fd } of openPartials(mountPoint)) closeSync(fd);
    }
  });

  it('a read-only database file: writing ends with read-only, the database intact', async () => {
    execFileSync('mount', ['-o', 'remount,ro', mountPoint], { stdio: 'pipe' });
    try {
      let opened: ReturnType<typeof openSession> | undefined;
      try {
        opened = openSession({ path: dbPath, today: '2026-11-29' });
      } catch (error) {
        // SQLite cannot open a WAL database on a read-only disk: refused, saying why.
        expect((error as { code?: string }).code).toBe('read-only');
        expect(String((error as Error).message)).toMatch(
          /^tradebrief\.sqlite is on a read-only file, folder or disk: it was not opened and nothing was changed\.$/,
        );
      }
      if (opened) {
        const envelope = await dispatch(opened.handlers, 'createBriefing', { title: 'Written to a read-only disk' });
        expect(envelope).toMatchObject({
          ok: false,
          error: { code: 'read-only', message: expect.stringMatching(/read-only: nothing was changed/) },
        });
        expect(opened.db.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(snapshot(opened.db)).toBe(before);
        opened.close();
      }
    } finally {
      execFileSync('mount', ['-o', 'remount,rw', mountPoint], { stdio: 'pipe' });
    }
    const db = openDatabase(dbPath);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(snapshot(db)).toBe(before);
    db.close();
  });
});
