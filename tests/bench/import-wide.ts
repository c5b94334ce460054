/**
 * Wide against long (prints figures, asserts nothing): the same trade figures imported from a wide file (one row per
 * reporter, partner, year and HS code, with an exports and an imports column, as statistics offices publish tables)
 * and from a long file (one row per figure, a flow and a value column), each through a column mapping, by
 * Tradebrief's importer in a child process of its own (tests/bench/import-child.ts), alternating, best of the rounds.
 * The files name their partners (a new database knows none). One import in ten leaves its imports cell empty (not reported): the long file has no row for it.
 *
 *   npm run bench:import-wide                 500,000 wide rows (about 950,000 figures)
 *   npm run bench:import-wide -- 2000000 3    2 million wide rows, 3 rounds (default 2)
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ColumnMapping } from '../../db/imports/contract.ts';

const wideRows = Number(process.argv[2] ?? 500_000);
const repeat = Number(process.argv[3] ?? 2);
const dir = mkdtempSync(join(tmpdir(), 'tradebrief-bench-wide-'));

/** Writes both files of the same figures; returns how many figures they hold. */
function generate(wide: string, long: string): number {
  // Fifty partners the files name (a new database knows none: their name columns add them, as a statistics office's table does).
  const partners = Array.from(
    { length: 50 },
    (_, i) => `P${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(65 + Math.floor(i / 26))}`,
  );
  const years = [2018, 2019, 2020, 2021, 2022];
  let s = 42;
  const random = (): number => ((s = (s * 1664525 + 1013904223) >>> 0), s / 2 ** 32);
  const wfd = openSync(wide, 'w');
  const lfd = openSync(long, 'w');
  let w = 'reporter,reporter_name,partner,partner_name,year,hs code,exports,imports\n';
  let l = 'reporter,reporter_name,partner,partner_name,year,hs code,flow,value\n';
  let rows = 0;
  let figures = 0;
  outer: for (let c = 0; ; c++) {
    const hs = String(10101 + c * 7).padStart(6, '0');
    for (const p of partners) {
      for (const y of years) {
        const exports = (Math.round(random() * 1e9) / 100).toFixed(2);
        const imports = random() < 0.1 ? '' : (Math.round(random() * 1e9) / 100).toFixed(2);
        const pair = `KOR,South Korea,${p},Partner ${p}`;
        w += `${pair},${y},${hs},${exports},${imports}\n`;
        l += `${pair},${y},${hs},export,${exports}\n`;
        figures++;
        if (imports) {
          l += `${pair},${y},${hs},import,${imports}\n`;
          figures++;
        }
        if (w.length > 1 << 20) {
          writeSync(wfd, w);
          writeSync(lfd, l);
          w = l = '';
        }
        if (++rows === wideRows) break outer;
      }
    }
  }
  writeSync(wfd, w);
  writeSync(lfd, l);
  closeSync(wfd);
  closeSync(lfd);
  return figures;
}

interface Run {
  seconds: number;
  cpuSeconds: number;
  rowsAdded: number;
  problems: number;
  vmHwmMb: number;
}

const child = fileURLToPath(new URL('./import-child.ts', import.meta.url));
function importOnce(file: string, mapping: ColumnMapping, round: number): Run {
  const db = join(dir, `bench-${round}.sqlite`);
  const result = spawnSync(process.execPath, [child, db, file, JSON.stringify(mapping)], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`importer failed: ${result.stderr}`);
  for (const x of ['', '-wal', '-shm']) rmSync(db + x, { force: true });
  return JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '{}') as Run;
}

try {
  const wide = join(dir, 'wide.csv');
  const long = join(dir, 'long.csv');
  const figures = generate(wide, long);
  const mb = (f: string): string => `${(statSync(f).size / 1e6).toFixed(1)} MB`;
  console.log(
    `Wide file: ${wideRows.toLocaleString('en')} rows, ${mb(wide)}; long file: ${figures.toLocaleString('en')} rows, ${mb(long)}`,
  );
  const base = {
    reporter: 'reporter',
    reporterName: 'reporter_name',
    partner: 'partner',
    partnerName: 'partner_name',
    year: 'year',
    product: 'hs code',
    valueUnit: 'USD',
  } as const;
  const shapes: [string, string, ColumnMapping][] = [
    ['long', long, { ...base, flow: 'flow', value: 'value' }],
    ['wide', wide, { ...base, exports: 'exports', imports: 'imports' }],
  ];
  const best = new Map<string, Run>();
  for (let round = 1; round <= repeat; round++) {
    for (const [name, file, mapping] of round % 2 ? shapes : [...shapes].reverse()) {
      const run = importOnce(file, mapping, round);
      if (run.rowsAdded !== figures || run.problems !== 0)
        throw new Error(`${name}: ${run.rowsAdded} figures stored and ${run.problems} problems, expected ${figures} and none`);
      console.log(
        `round ${round}: ${name} ${run.seconds.toFixed(2)} s (CPU ${run.cpuSeconds.toFixed(2)} s, peak ${run.vmHwmMb.toFixed(0)} MB)`,
      );
      const was = best.get(name);
      best.set(name, !was || run.seconds < was.seconds ? { ...run, vmHwmMb: Math.max(run.vmHwmMb, was?.vmHwmMb ?? 0) } : was);
    }
  }
  const [l, w] = [best.get('long')!, best.get('wide')!];
  for (const [name, r] of [
    ['long', l],
    ['wide', w],
  ] as const)
    console.log(
      `${name.padEnd(5)} ${r.seconds.toFixed(2)} s, ${Math.round(r.rowsAdded / r.seconds).toLocaleString('en')} figures/s, CPU ${r.cpuSeconds.toFixed(2)} s, peak ${r.vmHwmMb.toFixed(0)} MB`,
    );
  console.log(
    `Ratio wide / long, the same ${figures.toLocaleString('en')} figures: ${(w.seconds / l.seconds).toFixed(2)}x wall, ${(w.cpuSeconds / l.cpuSeconds).toFixed(2)}x CPU (best of ${repeat} alternating rounds)`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
