/**
 * The Partners and Sectors queries of this checkout against another's (e.g. main's), alternated round by round on
 * the same database file, so both see the same load (a benchmark, not a test: it prints figures, asserts nothing).
 *
 *   node tests/bench/dashboard-compare.ts --against ../main --db bench.sqlite [--rounds 5] [--runs 7]
 *
 * The database is one kept by `node tests/bench/dashboard-queries.ts --keep bench.sqlite` (5 million rows, the KOR–CHN
 * rows under a second source). Both checkouts must read the same schema. The "after a trade write" cases move the
 * trade counter (db/trade/chosen.ts) before each call, so the answers kept until trade figures change are read
 * afresh; the file's trade figures themselves are not changed. Each query's answers are compared first: a
 * difference is printed. Per query: the median over rounds of each round's median wall and CPU time.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const { values } = parseArgs({
  options: {
    against: { type: 'string' },
    db: { type: 'string' },
    rounds: { type: 'string', default: '5' },
    runs: { type: 'string', default: '7' },
  },
});
if (!values.against || !values.db) {
  console.error('usage: node tests/bench/dashboard-compare.ts --against <other checkout> --db <database> [--rounds 5] [--runs 7]');
  process.exit(2);
}
const rounds = Math.max(1, Number(values.rounds));
const runs = Math.max(1, Number(values.runs));
const here = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const checkouts = [resolve(values.against), here];

interface Checkout {
  root: string;
  db: unknown;
  tradeRowsChanged: (db: unknown) => void;
  partners: Record<string, (db: unknown, input?: unknown) => unknown>;
  sectors: Record<string, (db: unknown, input: unknown) => unknown>;
}

const loaded: Checkout[] = [];
for (const root of checkouts) {
  const { openDatabase } = (await import(`${root}/db/open.ts`)) as { openDatabase: (path: string) => unknown };
  const chosen = (await import(`${root}/db/trade/chosen.ts`)) as { tradeRowsChanged: (db: unknown) => void };
  loaded.push({
    root,
    db: openDatabase(resolve(values.db)),
    tradeRowsChanged: chosen.tradeRowsChanged,
    partners: (await import(`${root}/db/partners/queries.ts`)) as Checkout['partners'],
    sectors: (await import(`${root}/db/sectors/queries.ts`)) as Checkout['sectors'],
  });
}

const pair = { reporter: 'KOR', partner: 'CHN' };
const cosmetics = { ...pair, name: 'Cosmetics' };
const cases: [string, (c: Checkout) => unknown][] = [
  ['partnerRanking (KOR, latest year)', (c) => c.partners.partnerRanking!(c.db, { reporter: 'KOR' })],
  [
    'partnerRanking (KOR, after a trade write)',
    (c) => {
      c.tradeRowsChanged(c.db);
      return c.partners.partnerRanking!(c.db, { reporter: 'KOR' });
    },
  ],
  [
    'partnerReporters (after a trade write)',
    (c) => {
      c.tradeRowsChanged(c.db);
      return c.partners.partnerReporters!(c.db);
    },
  ],
  ['listSectors (KOR→CHN)', (c) => c.sectors.listSectors!(c.db, pair)],
  ['sectorDetail (Cosmetics)', (c) => c.sectors.sectorDetail!(c.db, cosmetics)],
  [
    'listSectors (after a trade write)',
    (c) => {
      c.tradeRowsChanged(c.db);
      return c.sectors.listSectors!(c.db, pair);
    },
  ],
  [
    'sectorDetail (after a trade write)',
    (c) => {
      c.tradeRowsChanged(c.db);
      return c.sectors.sectorDetail!(c.db, cosmetics);
    },
  ],
];

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

for (const [name, fn] of cases) {
  const same = JSON.stringify(fn(loaded[0]!)) === JSON.stringify(fn(loaded[1]!));
  console.log(`${name}: ${same ? 'the same answer' : 'ANSWERS DIFFER'}`);
}

/** Per case and checkout: each round's median wall and CPU time. */
const figures = cases.map(() => loaded.map(() => ({ wall: [] as number[], cpu: [] as number[] })));
for (let round = 0; round < rounds; round++) {
  cases.forEach(([, fn], k) => {
    // Who goes first alternates round by round.
    for (const i of round % 2 ? [1, 0] : [0, 1]) {
      const c = loaded[i]!;
      fn(c);
      const wall: number[] = [];
      const cpu: number[] = [];
      for (let r = 0; r < runs; r++) {
        const used = process.cpuUsage();
        const start = performance.now();
        fn(c);
        wall.push(performance.now() - start);
        const u = process.cpuUsage(used);
        cpu.push((u.user + u.system) / 1000);
      }
      figures[k]![i]!.wall.push(median(wall));
      figures[k]![i]!.cpu.push(median(cpu));
    }
  });
}

const range = (xs: readonly number[]): string => `${median(xs).toFixed(2)} (${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)})`;
console.log(`\n${rounds} rounds of ${runs} runs; wall ms, median of the rounds (their range), and CPU ms`);
console.log(`${'query'.padEnd(44)} ${'against'.padEnd(22)} ${'this'.padEnd(22)} ${'CPU against'.padStart(11)} ${'CPU this'.padStart(9)}`);
cases.forEach(([name], k) => {
  const [a, b] = figures[k]!;
  console.log(
    `${name.padEnd(44)} ${range(a!.wall).padEnd(22)} ${range(b!.wall).padEnd(22)} ${median(a!.cpu).toFixed(2).padStart(11)} ${median(b!.cpu).toFixed(2).padStart(9)}`,
  );
});
console.log(`against: ${checkouts[0]}\nthis:    ${checkouts[1]}`);
