/**
 * First start (a benchmark, not a test: it prints figures, asserts nothing): a new database file
 * is created, migrated and given the default packs, as openSession does on first launch.
 *
 *   node tests/bench/first-start.ts [--runs 7]
 *
 * Prints the median time of the whole first start (openSession) and, in the same run, of each
 * part: creating and migrating the file, then reading + validating and loading each default pack,
 * with each pack's file size, so the cost of a pack is read against the rest of the start.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../../db/open.ts';
import { loadPack, readPackFile } from '../../db/packs/load.ts';
import { DEFAULT_PACKS, defaultPacksDir, openSession } from '../../db/session.ts';
import { tempDir } from '../support/temp.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '7' } } });
const runs = Math.max(1, Number(values.runs));

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const tmp = tempDir('tradebrief-first-start-');
try {
  const whole: number[] = [];
  const migrate: number[] = [];
  const read = new Map<string, number[]>(DEFAULT_PACKS.map((f) => [f, []]));
  const load = new Map<string, number[]>(DEFAULT_PACKS.map((f) => [f, []]));
  for (let i = 0; i < runs; i++) {
    let t = performance.now();
    openSession({ path: tmp.file(`whole-${i}.sqlite`) }).close();
    whole.push(performance.now() - t);

    t = performance.now();
    const db = openDatabase(tmp.file(`parts-${i}.sqlite`));
    migrate.push(performance.now() - t);
    for (const file of DEFAULT_PACKS) {
      t = performance.now();
      const { pack } = readPackFile(join(defaultPacksDir, file));
      read.get(file)!.push(performance.now() - t);
      t = performance.now();
      loadPack(db, pack);
      load.get(file)!.push(performance.now() - t);
    }
    db.close();
  }
  console.log(`First start, median of ${runs} runs (new file each run):`);
  console.log(`  whole (openSession on a new file): ${median(whole).toFixed(0)} ms`);
  console.log(`  create + migrate the file:          ${median(migrate).toFixed(0)} ms`);
  for (const file of DEFAULT_PACKS) {
    const kb = statSync(join(defaultPacksDir, file)).size / 1024;
    console.log(
      `  ${file.padEnd(24)} ${kb.toFixed(0).padStart(6)} KB: read + validate ${median(read.get(file)!).toFixed(0).padStart(4)} ms, load ${median(load.get(file)!).toFixed(0).padStart(4)} ms`,
    );
  }
} finally {
  tmp.cleanup();
}
