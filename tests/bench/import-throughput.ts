/**
 * Import throughput: a Comtrade-like CSV (current API layout, HS6 × partners × years, totals only)
 * imported by Tradebrief's importer (validation included, one transaction) against the sqlite3
 * command-line tool's `.import` of the same file into a table of the same shape (the file's
 * columns, with the natural-key index trade_flow has), and into the same table without any index (the
 * CLI's best case), in the same run. The importer's time includes the HS summary it maintains.
 *
 *   npm run bench:import            1 million rows
 *   npm run bench:import -- 5000000 5 million rows
 *   npm run bench:import -- 1000000 3   (3 alternating rounds; the best of each counts; default 2)
 *
 * Prints figures only (never a timed assertion). Peak memory is the importer process's (it runs in
 * a child process of its own so the generator and the CLI do not count).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate, HEADER } from '../support/comtrade-like.ts';

function seconds(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

async function main(): Promise<void> {
  const rows = Number(process.argv[2] ?? 1_000_000);
  const dir = mkdtempSync(join(tmpdir(), 'tradebrief-bench-'));
  try {
    const csv = join(dir, 'comtrade-like.csv');
    let t = process.hrtime.bigint();
    generate(csv, rows);
    const bytes = statSync(csv).size;
    console.log(`Generated ${rows.toLocaleString('en')} rows, ${(bytes / 1e6).toFixed(1)} MB in ${seconds(t).toFixed(1)} s`);

    // The machine is shared: each measurement runs `repeat` times, alternating, and the best run counts.
    const repeat = Number(process.argv[3] ?? 2);
    const cols = HEADER.map((h) => `"${h}" TEXT`).join(', ');
    let cliSeconds = Infinity;
    let plainSeconds = Infinity;
    let cliRows = '';
    let ours = { seconds: Infinity, cpuSeconds: Infinity, rowsAdded: 0, maxRssMb: 0, vmHwmMb: 0 };
    const child = fileURLToPath(new URL('./import-child.ts', import.meta.url));
    for (let round = 1; round <= repeat; round++) {
      // Reference: sqlite3 CLI .import into a table of the file's shape with trade_flow's natural-key index.
      const cliDb = join(dir, `cli-${round}.sqlite`);
      execFileSync('/usr/bin/sqlite3', [
        cliDb,
        `PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; CREATE TABLE t (${cols});
        CREATE UNIQUE INDEX t_key ON t (reporterISO, partnerISO, cmdCode, refYear, refMonth, flowCode, typeCode);`,
      ]);
      t = process.hrtime.bigint();
      execFileSync('/usr/bin/sqlite3', [cliDb, '.mode csv', `.import --skip 1 ${csv} t`]);
      const cli = seconds(t);
      cliSeconds = Math.min(cliSeconds, cli);
      cliRows = execFileSync('/usr/bin/sqlite3', [cliDb, 'SELECT count(*) FROM t']).toString().trim();
      // Second reference: the same table without indexes (the CLI's best case).
      const plainDb = join(dir, `cli-plain-${round}.sqlite`);
      execFileSync('/usr/bin/sqlite3', [plainDb, `PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; CREATE TABLE t (${cols});`]);
      t = process.hrtime.bigint();
      execFileSync('/usr/bin/sqlite3', [plainDb, '.mode csv', `.import --skip 1 ${csv} t`]);
      plainSeconds = Math.min(plainSeconds, seconds(t));

      // Tradebrief's importer, in a child process (its own peak memory).
      const result = spawnSync(process.execPath, [child, join(dir, `tradebrief-${round}.sqlite`), csv], { encoding: 'utf8' });
      if (result.status !== 0) throw new Error(`importer failed: ${result.stderr}`);
      const run = JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '{}') as typeof ours;
      ours = {
        ...(run.seconds < ours.seconds ? run : ours),
        cpuSeconds: Math.min(run.cpuSeconds, ours.cpuSeconds),
        maxRssMb: Math.max(run.maxRssMb, ours.maxRssMb),
        vmHwmMb: Math.max(run.vmHwmMb, ours.vmHwmMb),
      };
      for (const f of [cliDb, plainDb, join(dir, `tradebrief-${round}.sqlite`)])
        for (const x of ['', '-wal', '-shm']) rmSync(f + x, { force: true });
      console.log(`round ${round}: CLI ${cli.toFixed(2)} s, importer ${run.seconds.toFixed(2)} s (CPU ${run.cpuSeconds.toFixed(2)} s)`);
    }

    console.log(`sqlite3 .import:       ${cliSeconds.toFixed(2)} s (${cliRows} rows)`);
    console.log(
      `Tradebrief importer:   ${ours.seconds.toFixed(2)} s (${ours.rowsAdded} rows, validation included, one transaction); CPU ${ours.cpuSeconds.toFixed(2)} s (least of the rounds, all threads)`,
    );
    console.log(`sqlite3 .import, table without indexes: ${plainSeconds.toFixed(2)} s`);
    console.log(`Ratio:                 ${(ours.seconds / cliSeconds).toFixed(2)}x the CLI into the indexed table (target ≤ 1.5x)`);
    console.log(`Ratio (no indexes):    ${(ours.seconds / plainSeconds).toFixed(2)}x the CLI into a table without indexes`);
    console.log(`Rows per second:       ${Math.round(ours.rowsAdded / ours.seconds).toLocaleString('en')}`);
    console.log(`Best of ${repeat} alternating rounds (the machine is shared).`);
    console.log(
      `Peak memory (importer process): maxRSS ${ours.maxRssMb.toFixed(0)} MB, VmHWM ${ours.vmHwmMb.toFixed(0)} MB (target ≤ 200 MB at 5M rows)`,
    );
    console.log("Summary tables: the importer's time includes updating hs_chapter_summary (HS chapter sums) in its transaction.");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
