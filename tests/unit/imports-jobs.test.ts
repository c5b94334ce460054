import { spawn } from 'node:child_process';
import { copyFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../db/dispatch.ts';
import type { ImportPreview, ImportProgress, ImportRunInfo } from '../../db/imports/contract.ts';
import { openDatabase } from '../../db/open.ts';
import { openSession, type Session } from '../../db/session.ts';
import { generate } from '../support/comtrade-like.ts';
import { chosen, saveTo, UNKNOWN_HANDLE } from '../support/chosen-files.ts';
import { snapshot } from '../support/db-snapshot.ts';
import { tempDir } from '../support/temp.ts';

const tmp = tempDir();
const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/imports/${name}`, import.meta.url));
let session: Session;
const bigFile = tmp.file('big.csv');

beforeAll(() => {
  session = openSession({ path: tmp.file('app.sqlite') });
  generate(bigFile, 150_000);
});
afterAll(() => {
  session.close();
  tmp.cleanup();
});

async function call<T>(method: string, input: unknown): Promise<T> {
  const envelope = await dispatch(session.handlers, method, input);
  if (!envelope.ok) throw Object.assign(new Error(envelope.error.message), { code: envelope.error.code });
  return envelope.data as T;
}

async function waitFor(jobId: string, until: (p: ImportProgress) => boolean = (p) => p.state !== 'running'): Promise<ImportProgress> {
  for (let i = 0; i < 1200; i++) {
    const p = await call<ImportProgress>('importProgress', { jobId });
    if (until(p)) return p;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('job did not finish');
}

describe('imports through the contract, in a worker thread', () => {
  it('previews in a worker without writing', async () => {
    const before = snapshot(session.db);
    const p = await call<ImportPreview>('previewImport', { file: chosen(session, fixture('comtrade-current.csv')) });
    expect(p).toMatchObject({ format: 'comtrade', rowsRead: 16, rowsValid: 9, problemCount: 2, alreadyImported: null });
    // Vietnam and the World come with the korea-world-trade pack; the big file's partners are new.
    expect(p.newEconomies).toEqual([]);
    const big = await call<ImportPreview>('previewImport', { file: chosen(session, bigFile) });
    expect(big.newEconomies.length).toBeGreaterThan(0);
    expect(big.newEconomies.every((code) => /^P[A-Z][AB]$/.test(code))).toBe(true);
    expect(snapshot(session.db)).toBe(before);
  });

  it('a file that does not exist cannot be chosen, naming it; a handle nobody gave out is no longer available', async () => {
    expect(() => chosen(session, tmp.file('nope.csv'))).toThrowError(
      expect.objectContaining({ code: 'not-found', message: 'nope.csv cannot be read: ENOENT.' }),
    );
    const gone = { code: 'not-found', message: 'This file is no longer available: choose it again.' };
    await expect(call('previewImport', { file: UNKNOWN_HANDLE })).rejects.toMatchObject(gone);
    await expect(call('startImport', { file: UNKNOWN_HANDLE, onlyValidRows: true })).rejects.toMatchObject(gone);
    // A place chosen to save is not a file to read.
    await expect(call('previewImport', { file: saveTo(session, tmp.file('out.csv')) })).rejects.toMatchObject(gone);
    // Never a path.
    await expect(call('previewImport', { file: fixture('comtrade-current.csv') })).rejects.toMatchObject({ code: 'invalid-input' });
    await expect(call('previewImport', { path: fixture('comtrade-current.csv') })).rejects.toMatchObject({ code: 'invalid-input' });
  });

  it('a read handle serves previews until its import takes it: it cannot be used for a second import', async () => {
    const before = snapshot(session.db);
    const file = chosen(session, fixture('comtrade-current.csv'));
    expect(await call<ImportPreview>('previewImport', { file })).toMatchObject({ fileName: 'comtrade-current.csv', rowsValid: 9 });
    expect(await call<ImportPreview>('previewImport', { file, format: 'comtrade' })).toMatchObject({ rowsValid: 9 });
    const { jobId } = await call<{ jobId: string }>('startImport', { file, onlyValidRows: true });
    const gone = { code: 'not-found', message: expect.stringMatching(/no longer available/) };
    await expect(call('startImport', { file, onlyValidRows: true })).rejects.toMatchObject(gone);
    await expect(call('previewImport', { file })).rejects.toMatchObject(gone);
    const done = await waitFor(jobId);
    expect(done.summary).toMatchObject({ outcome: 'imported', rowsAdded: 9 });
    await expect(call('startImport', { file, onlyValidRows: true })).rejects.toMatchObject(gone);
    expect(await call('undoImport', { id: done.summary!.importId })).toEqual({ removedRows: 9 });
    expect(snapshot(session.db)).toBe(before);
  });

  it('imports with progress and a summary, lists it, and undoes it', async () => {
    const before = snapshot(session.db);
    const { jobId } = await call<{ jobId: string }>('startImport', {
      file: chosen(session, fixture('comtrade-current.csv')),
      onlyValidRows: true,
    });
    const done = await waitFor(jobId);
    expect(done.state).toBe('done');
    expect(done.queuePosition).toBeNull();
    expect(done.summary).toMatchObject({ outcome: 'imported', rowsAdded: 9, rowsSkipped: 7 });
    expect(done.bytesRead).toBe(done.bytesTotal);
    // The host's own connection sees the committed rows.
    expect(session.db.prepare('SELECT count(*) FROM trade_flow WHERE import_id = ?').pluck().get(done.summary!.importId)).toBe(9);
    const list = await call<ImportRunInfo[]>('listImports', {});
    expect(list[0]).toMatchObject({ fileName: 'comtrade-current.csv', rowsAdded: 9, rowsPresent: 9, source: { publisher: 'UN Comtrade' } });
    expect(await call('undoImport', { id: list[0]!.id })).toEqual({ removedRows: 9 });
    expect(snapshot(session.db)).toBe(before);
  });

  it("undoes a large import in the worker: every row and its chapter sums gone, the host's connection sees it", async () => {
    const before = snapshot(session.db);
    const { jobId } = await call<{ jobId: string }>('startImport', { file: chosen(session, bigFile), onlyValidRows: true });
    const done = await waitFor(jobId);
    expect(done.summary).toMatchObject({ outcome: 'imported', rowsAdded: 150_000 });
    expect(await call('undoImport', { id: done.summary!.importId })).toEqual({ removedRows: 150_000 });
    expect(session.db.prepare('SELECT count(*) FROM trade_flow WHERE import_id IS NOT NULL').pluck().get()).toBe(0);
    // The import's own partner codes (P + two letters, the last A or B: no ISO code the packs hold).
    session.db.exec("DELETE FROM economy WHERE code GLOB 'P[A-Z][AB]'");
    expect(snapshot(session.db)).toBe(before);
    expect(session.db.pragma('foreign_key_check')).toEqual([]);
  });

  it('says which import it cannot undo, from the worker', async () => {
    await expect(call('undoImport', { id: 999 })).rejects.toMatchObject({ code: 'not-found', message: 'No import with id 999.' });
  });

  it('a large import reports progress while running and can be cancelled, leaving the database as before', async () => {
    const before = snapshot(session.db);
    const { jobId } = await call<{ jobId: string }>('startImport', { file: chosen(session, bigFile), onlyValidRows: true });
    const midway = await waitFor(jobId, (p) => p.rowsRead > 0 || p.state !== 'running');
    expect(midway.state).toBe('running');
    expect(midway.bytesRead).toBeGreaterThan(0);
    expect(midway.bytesRead).toBeLessThan(midway.bytesTotal);
    expect(await call('cancelImport', { jobId })).toEqual({ cancelled: true });
    const end = await waitFor(jobId);
    expect(end.state).toBe('cancelled');
    expect(end.error?.message).toMatch(/nothing was changed/);
    expect(snapshot(session.db)).toBe(before);
  });

  it('jobs on one database run one at a time: the others wait in a queue, with their place, and can leave it', async () => {
    const before = snapshot(session.db);
    const second = tmp.file('second.csv');
    copyFileSync(fixture('comtrade-current.csv'), second);
    const big = await call<{ jobId: string }>('startImport', { file: chosen(session, bigFile), onlyValidRows: true });
    const a = await call<{ jobId: string }>('startImport', { file: chosen(session, fixture('comtrade-current.csv')), onlyValidRows: true });
    const b = await call<{ jobId: string }>('startImport', { file: chosen(session, second), onlyValidRows: true });
    const running = await call<ImportProgress>('importProgress', { jobId: big.jobId });
    expect(running).toMatchObject({ state: 'running', queuePosition: null });
    expect(running.phase).not.toBe('queued');
    expect(await call<ImportProgress>('importProgress', { jobId: a.jobId })).toMatchObject({
      state: 'running',
      phase: 'queued',
      queuePosition: 1,
      rowsRead: 0,
    });
    expect(await call<ImportProgress>('importProgress', { jobId: b.jobId })).toMatchObject({
      state: 'running',
      phase: 'queued',
      queuePosition: 2,
      rowsRead: 0,
    });

    // Leaving the queue: the job ends cancelled without having run, the next moves up.
    expect(await call('cancelImport', { jobId: a.jobId })).toEqual({ cancelled: true });
    expect(await call<ImportProgress>('importProgress', { jobId: a.jobId })).toMatchObject({
      state: 'cancelled',
      phase: 'finished',
      queuePosition: null,
      rowsRead: 0,
      error: { code: 'cancelled' },
    });
    expect(await call<ImportProgress>('importProgress', { jobId: b.jobId })).toMatchObject({ phase: 'queued', queuePosition: 1 });

    // The running job ends (cancelled here): the waiting one starts and runs to its end.
    expect(await call('cancelImport', { jobId: big.jobId })).toEqual({ cancelled: true });
    expect((await waitFor(big.jobId)).state).toBe('cancelled');
    const done = await waitFor(b.jobId);
    expect(done).toMatchObject({
      state: 'done',
      phase: 'finished',
      queuePosition: null,
      summary: { outcome: 'imported', fileName: 'second.csv', rowsAdded: 9 },
    });
    expect(await call('undoImport', { id: done.summary!.importId })).toEqual({ removedRows: 9 });
    expect(snapshot(session.db)).toBe(before);
  });

  it('a process killed in the middle of an import leaves the database exactly as before', async () => {
    const path = tmp.file('crash.sqlite');
    openDatabase(path).close();
    const child = fileURLToPath(new URL('../support/import-and-report.ts', import.meta.url));
    const db = openDatabase(path);
    const before = snapshot(db);
    db.close();
    const proc = spawn(process.execPath, [child, path, bigFile], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      proc.stdout.on('data', (d: Buffer) => {
        // Killed once it has written rows inside its transaction.
        if (d.toString().includes('rows-added')) {
          proc.kill('SIGKILL');
          resolve();
        }
      });
      proc.on('exit', () => resolve());
      proc.on('error', reject);
    });
    await new Promise((r) => proc.once('exit', r).once('close', r));
    expect(proc.signalCode).toBe('SIGKILL');
    expect(existsSync(`${path}-wal`)).toBe(true);
    const after = openDatabase(path);
    expect(snapshot(after)).toBe(before);
    after.close();
  });
});
