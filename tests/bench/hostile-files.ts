/**
 * Hostile import files: made in a temporary folder (tests/support/hostile-files.ts), each previewed
 * and imported in a child process of its own that runs the job as the host does (worker thread), and
 * for each: the time until the refusal and the peak memory (maxRSS) of that whole process (target ≤
 * 300 MB), against a reference child that previews a small valid file in the same run. Also the
 * preview time of a large valid file (the preview reads its first megabytes only; target ≤ 2 s).
 *
 *   npm run bench:hostile
 *
 * Prints figures only (never a timed assertion). The machine may be shared: see the load average printed.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { XlsxFileWriter } from '../../db/exports/xlsx-writer.ts';
import { generate, HEADER } from '../support/comtrade-like.ts';
import { hugeCellXlsx, hugeSharedStringXlsx, oneLineCsv, unterminatedQuoteCsv, zipBombXlsx } from '../support/hostile-files.ts';

const MB = 1024 * 1024;
const child = fileURLToPath(new URL('./hostile-child.ts', import.meta.url));

interface Run {
  ms: number;
  outcome: string;
  maxRssMb: number;
  vmHwmMb: number;
}

function measure(dir: string, kind: 'preview' | 'import', file: string): Run {
  const db = join(dir, `bench-${kind}-${Math.random().toString(36).slice(2)}.sqlite`);
  const result = spawnSync(process.execPath, [child, db, kind, file], { encoding: 'utf8', timeout: 600_000 });
  for (const x of ['', '-wal', '-shm']) rmSync(db + x, { force: true });
  if (result.status !== 0)
    return {
      ms: Number.NaN,
      outcome: `child failed (${result.signal ?? result.status}): ${result.stderr.slice(-400)}`,
      maxRssMb: Number.NaN,
      vmHwmMb: Number.NaN,
    };
  return JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '{}') as Run;
}

/** A Comtrade-layout workbook written by the app's own writer (shared-string-free, as it writes them). */
function largeWorkbook(path: string, rows: number): void {
  const w = new XlsxFileWriter(path);
  w.addSheet('Trade', HEADER);
  const partners = ['CHN', 'USA', 'VNM', 'JPN', 'DEU'];
  for (let i = 0; i < rows; i++) {
    const code = String(10101 + 7 * Math.floor(i / 10)).padStart(6, '0');
    w.write([
      'C',
      'A',
      2018 + (i % 5),
      12,
      '2022',
      410,
      'KOR',
      'Rep. of Korea',
      i % 2 ? 'M' : 'X',
      156,
      partners[i % 5],
      'China',
      0,
      'H6',
      code,
      6,
      'TRUE',
      'C00',
      0,
      1,
      1,
      0,
      0,
      1000 + i,
      'TRUE',
      'FALSE',
    ]);
  }
  w.close();
}

function main(): void {
  const dir = mkdtempSync(join(tmpdir(), 'tradebrief-hostile-'));
  try {
    console.log(
      `Load average at start: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')} (2 cores, shared)`,
    );
    const files: [string, string, () => void][] = [
      ['reference: small valid CSV (20 rows)', join(dir, 'small.csv'), () => generate(join(dir, 'small.csv'), 20)],
      ['zip bomb .xlsx (one cell inflating to 1.1 GB)', join(dir, 'bomb.xlsx'), () => zipBombXlsx(join(dir, 'bomb.xlsx'), 1100 * MB)],
      ['.xlsx with one 64 MB cell (hardly compressible)', join(dir, 'cell.xlsx'), () => hugeCellXlsx(join(dir, 'cell.xlsx'), 64 * MB)],
      ['.xlsx with a 64 MB shared string', join(dir, 'sst.xlsx'), () => hugeSharedStringXlsx(join(dir, 'sst.xlsx'), 64 * MB)],
      ['30 MB CSV with no line end (JSON)', join(dir, 'one-line.csv'), () => oneLineCsv(join(dir, 'one-line.csv'), 30 * MB)],
      ['64 MB CSV with an unterminated quote', join(dir, 'quote.csv'), () => unterminatedQuoteCsv(join(dir, 'quote.csv'), 64 * MB)],
      ['large valid CSV (1,000,000 Comtrade rows)', join(dir, 'large.csv'), () => generate(join(dir, 'large.csv'), 1_000_000)],
      ['large valid .xlsx (100,000 Comtrade rows)', join(dir, 'large.xlsx'), () => largeWorkbook(join(dir, 'large.xlsx'), 100_000)],
    ];
    const rows: string[][] = [];
    for (const [label, path, make] of files) {
      const t = performance.now();
      make();
      const made = performance.now() - t;
      const size = statSync(path).size;
      console.log(`\n${label}: ${(size / MB).toFixed(1)} MB on disk (made in ${(made / 1000).toFixed(1)} s)`);
      for (const kind of ['preview', 'import'] as const) {
        if (label.startsWith('large') && kind === 'import') continue; // bench:import measures imports of valid files
        const run = measure(dir, kind, path);
        console.log(
          `  ${kind.padEnd(7)} ${run.ms.toFixed(0).padStart(6)} ms  peak RSS ${run.maxRssMb.toFixed(0).padStart(4)} MB  ${run.outcome.slice(0, 220)}`,
        );
        rows.push([label, kind, run.ms.toFixed(0), run.maxRssMb.toFixed(0)]);
      }
      rmSync(path, { force: true });
    }
    const reference = Number(rows[0]![3]);
    const worst = Math.max(...rows.filter((r) => !r[0]!.startsWith('reference') && !r[0]!.startsWith('large')).map((r) => Number(r[3])));
    console.log(
      `\nPeak RSS, worst hostile case: ${worst.toFixed(0)} MB (target ≤ 300 MB); the reference child (small valid file) peaks at ${reference.toFixed(0)} MB: ${(worst / reference).toFixed(2)}x`,
    );
    const oneLine = rows.find((r) => r[0]!.startsWith('30 MB') && r[1] === 'preview');
    const large = rows.find((r) => r[0]!.startsWith('large valid CSV') && r[1] === 'preview');
    const largeBook = rows.find((r) => r[0]!.startsWith('large valid .xlsx') && r[1] === 'preview');
    console.log(
      `Preview of the 30 MB one-line file: ${oneLine?.[2]} ms; of the 1,000,000-row CSV: ${large?.[2]} ms; of the 100,000-row workbook: ${largeBook?.[2]} ms (target ≤ 2,000 ms, worker start-up included)`,
    );
    console.log(
      `Load average at end: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
    writeFileSync(join(dir, 'done'), '');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
