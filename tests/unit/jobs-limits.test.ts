/**
 * Jobs are bounded: one at a time per database, a timeout, and they stop when the window or tab that
 * started them goes away — each time with the database exactly as before. Progress is pushed to
 * whoever listens, ending with the job's final state.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportProgress } from '../../db/imports/contract.ts';
import { cancelJobsOf, startJob } from '../../db/imports/jobs.ts';
import { openSession, type Session } from '../../db/session.ts';
import { generate } from '../support/comtrade-like.ts';
import { snapshot } from '../support/db-snapshot.ts';
import { tempDir } from '../support/temp.ts';

const tmp = tempDir();
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

const importOptions = { path: bigFile, onlyValidRows: true, userName: 't' };

describe('bounded jobs', () => {
  it('stops a job that runs past its time limit, says why, and changes nothing', async () => {
    const before = snapshot(session.db);
    const reports: ImportProgress[] = [];
    const job = startJob('import', session.path, importOptions, { timeoutMs: 50, report: (p) => reports.push(p) });
    await job.done;
    expect(job.state).toBe('cancelled');
    expect(job.error?.message).toMatch(/^The import took longer than 50 ms and was stopped: nothing was changed\.$/);
    expect(snapshot(session.db)).toBe(before);
    // The last report is the final state: a page learns how it ended without asking.
    expect(reports.at(-1)).toMatchObject({ jobId: job.id, state: 'cancelled', phase: 'finished' });
  });

  it('stops the jobs of a window that went away, and only those', async () => {
    const before = snapshot(session.db);
    const gone = startJob('preview', session.path, { path: bigFile }, { owner: 'tab-gone' });
    const stays = startJob('preview', session.path, { path: bigFile }, { owner: 'tab-stays' });
    expect(cancelJobsOf('tab-gone')).toBe(1);
    expect(cancelJobsOf('')).toBe(0);
    await Promise.all([gone.done, stays.done]);
    expect(gone.state).toBe('cancelled');
    expect(stays.state).toBe('done');
    expect(snapshot(session.db)).toBe(before);
  });

  it('runs one job at a time per database: the next waits with its place, then runs', async () => {
    const places: (number | null)[] = [];
    const first = startJob('preview', session.path, { path: bigFile });
    const second = startJob('preview', session.path, { path: bigFile }, { report: (p) => places.push(p.queuePosition) });
    expect(first.worker).not.toBeNull();
    expect(second.worker).toBeNull();
    await first.done;
    await second.done;
    expect(places[0]).toBe(1);
    expect(places).toContain(null);
    expect(second.state).toBe('done');
  });
});
