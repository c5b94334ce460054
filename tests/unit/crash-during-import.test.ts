/**
 * Crash during an import: a child process imports a large CSV file with the real importer and is
 * killed with SIGKILL at a random point (rows read, or at the commit), TRIALS times. After each kill the database reopens with
 * integrity_check ok, the import is either fully present or fully absent, and the data that was
 * there before is untouched. The figures (kill times, present/absent) are printed for the report.
 */
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/open.ts';
import { openSession } from '../../db/session.ts';
import { snapshot } from '../support/db-snapshot.ts';
import { tempDir } from '../support/temp.ts';

const TRIALS = 20;
const ROWS = 40_000;
const child = new URL('../support/crash-import.ts', import.meta.url).pathname;
const tmp = tempDir('tradebrief-crash-');
afterAll(() => tmp.cleanup());

const base = tmp.file('base.sqlite');
const csv = tmp.file('comtrade-big.csv');
let before: string;
let baseFlows: number;

/** A Comtrade file (current layout) of ROWS distinct flows, from the importer's own fixture row. */
function writeCsv(): void {
  const [header, first] = readFileSync(new URL('../fixtures/imports/comtrade-current.csv', import.meta.url), 'utf8').split(/\r?\n/);
  const cols = header!.split(',');
  const at = (name: string): number => cols.indexOf(name);
  const lines = [header!];
  for (let i = 0; i < ROWS; i++) {
    const year = 1901 + Math.floor(i / 1000);
    const r = first!.split(',');
    r[at('refYear')] = String(year);
    r[at('period')] = String(year);
    r[at('refPeriodId')] = `${year}0101`;
    r[at('cmdCode')] = String(100000 + (i % 1000) * 7);
    r[at('aggrLevel')] = '6';
    r[at('isLeaf')] = 'True';
    r[at('primaryValue')] = String(1000 + i);
    r[at('fobvalue')] = String(1000 + i);
    lines.push(r.join(','));
  }
  writeFileSync(csv, `${lines.join('\n')}\n`);
}

function counts(path: string): { flows: number; runs: number } {
  const db = new Database(path, { readonly: true });
  try {
    return {
      flows: db.prepare('SELECT count(*) FROM trade_flow').pluck().get() as number,
      runs: db.prepare('SELECT count(*) FROM import_run').pluck().get() as number,
    };
  } finally {
    db.close();
  }
}

/** Where to kill the child: after it has read this many rows, when it starts committing, or never. */
type KillPoint = number | 'committing' | null;

/** Runs the child on `db`, killing it with SIGKILL at `killAt` (from its progress lines). */
function runImport(
  db: string,
  killAt: KillPoint,
): Promise<{ signal: NodeJS.Signals | null; code: number | null; output: string; elapsedMs: number }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [child, db, csv], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let pending = '';
    let readyAt = 0;
    let killed = false;
    const kill = (): void => {
      if (!killed) proc.kill('SIGKILL');
      killed = true;
    };
    proc.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop()!;
      for (const line of lines) {
        if (line === 'ready') {
          readyAt = performance.now();
          if (killAt === 0) kill();
        }
        const m = /^progress (\w+) (\d+)$/.exec(line);
        if (!m || killAt === null) continue;
        if (killAt === 'committing' ? m[1] === 'committing' : Number(m[2]) >= killAt) kill();
      }
    });
    proc.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    proc.on('error', reject);
    proc.on('exit', (code, signal) => resolve({ code, signal, output, elapsedMs: readyAt ? performance.now() - readyAt : 0 }));
  });
}

describe('a process killed in the middle of an import', () => {
  let fullRows = 0;
  let importMs = 0;

  beforeAll(async () => {
    writeCsv();
    const session = openSession({ path: base, today: '2026-11-29' });
    before = snapshot(session.db);
    session.close();
    baseFlows = counts(base).flows;
    // One complete run: what "fully present" means, and how long an import takes.
    const full = tmp.file('full.sqlite');
    copyFileSync(base, full);
    const run = await runImport(full, null);
    expect(run.code, run.output).toBe(0);
    importMs = run.elapsedMs;
    fullRows = counts(full).flows - baseFlows;
    expect(fullRows).toBe(ROWS);
  }, 120_000);

  it(`leaves the import fully present or fully absent and earlier data untouched (${TRIALS} kills)`, async () => {
    const outcomes: string[] = [];
    for (let trial = 0; trial < TRIALS; trial++) {
      const db = tmp.file(`trial-${trial}.sqlite`);
      copyFileSync(base, db);
      // Spread over the whole import: on opening, after a random number of rows read, at the commit.
      const killAt: KillPoint = trial === 0 ? 0 : trial % 6 === 5 ? 'committing' : Math.floor(Math.random() * ROWS);
      const run = await runImport(db, killAt);
      expect(run.signal, `trial ${trial} was not killed (${run.output.slice(-200)})`).toBe('SIGKILL');
      const reopened = openDatabase(db);
      try {
        expect(reopened.pragma('integrity_check', { simple: true }), `trial ${trial}`).toBe('ok');
        expect(reopened.pragma('foreign_key_check'), `trial ${trial}`).toEqual([]);
        const { flows, runs } = {
          flows: reopened.prepare('SELECT count(*) FROM trade_flow').pluck().get() as number,
          runs: reopened.prepare('SELECT count(*) FROM import_run').pluck().get() as number,
        };
        if (flows === baseFlows) {
          expect(runs, `trial ${trial}: absent import left a run`).toBe(0);
          expect(snapshot(reopened) === before, `trial ${trial}: earlier data changed`).toBe(true);
          outcomes.push(`${String(killAt)}:absent`);
        } else {
          expect(flows, `trial ${trial}: partial import`).toBe(baseFlows + fullRows);
          expect(runs).toBe(1);
          // Earlier rows are exactly as before.
          const earlier = reopened.prepare('SELECT * FROM trade_flow WHERE import_id IS NULL ORDER BY id').raw().all();
          const original = new Database(base, { readonly: true });
          expect(earlier).toEqual(original.prepare('SELECT * FROM trade_flow ORDER BY id').raw().all());
          original.close();
          outcomes.push(`${String(killAt)}:present`);
        }
      } finally {
        reopened.close();
      }
    }
    const absent = outcomes.filter((o) => o.includes('absent')).length;
    console.log(
      `crash during import: ${TRIALS} SIGKILL trials (kill point = rows read) over a ${Math.round(importMs)} ms import of ${ROWS} rows: ` +
        `${absent} absent, ${TRIALS - absent} present, 0 partial, 0 damaged. ${outcomes.join(' ')}`,
    );
    expect(absent).toBeGreaterThan(0);
  }, 300_000);
});
