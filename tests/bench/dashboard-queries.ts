/**
 * Dashboard query latency at scale (a benchmark, not a test: it prints figures, asserts nothing).
 *
 *   node tests/bench/dashboard-queries.ts [--rows 5000000] [--runs 7] [--keep path.sqlite] [--analyze]
 *
 * Builds a synthetic database beside the two default packs: HS-6 codes × partners × years × 2 flows
 * of one reporter (KOR), plus annual TOTAL rows per partner, from 1,000 sources (each also cited by
 * a statement: a partner's HS rows come from one source, as from one import, and each partner's
 * year of totals from another), inserted in one transaction with a prepared multi-row INSERT, and
 * the HS summary and per-source row counts built from them as an import builds them. Then times
 * every dashboard query (median of --runs runs; the Partners queries beside the korea-world-trade pack's
 * 21,384 flows of KOR with 259 partners) and, in the same run, a raw full scan of trade_flow
 * as the reference, and compares the sector sums read from the summary with raw sums. Finally it
 * times reloading a pack beside those rows, drops the dashboards' partial index on annual totals
 * (migration 003) and times the queries that use it again, to show what it buys. Last, the pair's rows
 * again under a second source (a newer import): the sector figures must not change (each flow counted
 * once, db/trade/chosen.ts), and the queries are timed with the ranking at work (the sectors also after a trade
 * write, as their chosen sums are kept until then).
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { listEvents } from '../../db/events/queries.ts';
import { listRoutes } from '../../db/logistics/queries.ts';
import { headline } from '../../db/overview/queries.ts';
import type { Db } from '../../db/open.ts';
import { partnerRankHistory, partnerRanking, partnerReporters, partnerSeries } from '../../db/partners/queries.ts';
import { productPairs, topProducts } from '../../db/products/queries.ts';
import { listProjects } from '../../db/projects/queries.ts';
import { listSectors, sectorDetail } from '../../db/sectors/queries.ts';
import { disjointPrefixes } from '../../db/sectors/rules.ts';
import { checkClaims } from '../../db/claims/check.ts';
import { loadPack, parsePack, readPackFile } from '../../db/packs/load.ts';
import { defaultPacksDir, openSession } from '../../db/session.ts';
import { listSources } from '../../db/sources/queries.ts';
import { reconcile, tradeKpi, tradeMirror, tradeMonthly, tradePairs, tradeSeries } from '../../db/trade/queries.ts';
import { tradeRowsChanged } from '../../db/trade/chosen.ts';
import { applyToHsSummary } from '../../db/trade/hs-summary.ts';
import { writeYearCodes } from '../../db/trade/hs-year-codes.ts';
import { tempDir } from '../support/temp.ts';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '5000000' },
    runs: { type: 'string', default: '7' },
    keep: { type: 'string' },
    /** Run ANALYZE after generating (the app itself never does: without it the planner has no statistics). */
    analyze: { type: 'boolean', default: false },
  },
});
const targetRows = Number(values.rows);
const runs = Math.max(1, Number(values.runs));
const YEARS = 20;
const FLOWS = ['export', 'import'] as const;
const PARTNERS = 50;
/** Sources of the synthetic rows (the Sources list lists each with what cites it): one per partner and year of totals. */
const SOURCES = PARTNERS * YEARS;
const sourceOf = (n: number): string => `bench:S${n % SOURCES}`;

/** Partners: CHN plus synthetic economies XAA, XAB, … */
function partnerCodes(n: number): string[] {
  const out = ['CHN'];
  for (let i = 0; out.length < n; i++) out.push(`X${String.fromCharCode(65 + Math.floor(i / 26))}${String.fromCharCode(65 + (i % 26))}`);
  return out;
}

/** HS-6 codes spread over the chapters, including the codes the sectors map (so sector queries find rows). */
function hsCodes(n: number): string[] {
  const codes = new Set<string>([
    '330499',
    '330410',
    '330420',
    '870840',
    '870830',
    '870899',
    '842121',
    '220299',
    '210690',
    '854232',
    '390110',
  ]);
  const chapters = Array.from({ length: 97 }, (_, i) => i + 1).filter((c) => c !== 77);
  let k = 0;
  while (codes.size < n) {
    const ch = chapters[k % chapters.length]!;
    const rest = Math.floor(k / chapters.length);
    const heading = 1 + (rest % 30);
    const sub = 10 * (1 + (Math.floor(rest / 30) % 9)) + (rest % 10);
    codes.add(`${String(ch).padStart(2, '0')}${String(heading).padStart(2, '0')}${String(sub).padStart(2, '0')}`);
    k++;
  }
  return [...codes].sort();
}

function generate(db: Db): { rows: number; seconds: number; codes: number; summarySeconds: number; yearCodesBytes: number } {
  const partners = partnerCodes(PARTNERS);
  const codes = hsCodes(Math.ceil(targetRows / (PARTNERS * YEARS * FLOWS.length)));
  const years = Array.from({ length: YEARS }, (_, i) => 2000 + i);
  const started = performance.now();
  db.pragma('journal_mode = DELETE');
  db.pragma('synchronous = OFF');
  const BATCH = 500;
  const one = '(?, ?, ?, ?, ?, ?, ?)';
  const insertMany = db.prepare(
    `INSERT INTO trade_flow (reporter, partner, year, flow, product_code, value_usd, source_id) VALUES ${Array(BATCH).fill(one).join(', ')}`,
  );
  const insertOne = db.prepare(`INSERT INTO trade_flow (reporter, partner, year, flow, product_code, value_usd, source_id) VALUES ${one}`);
  let seed = 42;
  const rand = (): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  let rows = 0;
  let summarySeconds = 0;
  let yearCodesBytes = 0;
  const firstId = db.prepare('SELECT ifnull(max(id), 0) + 1 FROM trade_flow').pluck().get() as number;
  db.transaction(() => {
    const insertSource = db.prepare("INSERT INTO source (id, label, publisher, title) VALUES (?, ?, 'Synthetic', ?)");
    const statement = db.prepare("INSERT INTO statement (id, kind, text, source_id) VALUES (?, 'context', ?, ?)");
    for (let i = 0; i < SOURCES; i++) {
      insertSource.run(sourceOf(i), `B${i + 1}`, `Benchmark data, part ${i + 1}`);
      statement.run(`bench:st${i}`, `Benchmark statement ${i + 1}`, sourceOf(i));
    }
    const economy = db.prepare("INSERT OR IGNORE INTO economy (code, name, kind) VALUES (?, ?, 'country')");
    for (const p of partners) economy.run(p, `Partner ${p}`);
    const buffer: (string | number)[] = [];
    let source = sourceOf(0);
    const push = (partner: string, year: number, flow: string, code: string, value: number): void => {
      buffer.push('KOR', partner, year, flow, code, value, source);
      rows++;
      if (buffer.length === BATCH * 7) {
        insertMany.run(buffer);
        buffer.length = 0;
      }
    };
    partners.forEach((partner, p) => {
      source = sourceOf(p * YEARS);
      for (const code of codes) {
        for (const year of years) for (const flow of FLOWS) push(partner, year, flow, code, Math.round(rand() * 5e7));
      }
      years.forEach((year, y) => {
        source = sourceOf(p * YEARS + y);
        for (const flow of FLOWS) push(partner, year, flow, 'TOTAL', Math.round(rand() * 5e11));
      });
    });
    for (let i = 0; i < buffer.length; i += 7) insertOne.run(buffer.slice(i, i + 7));
    // What an import does with the rows it added: the HS summary from their id range.
    const summaryStart = performance.now();
    const lastId = db.prepare('SELECT max(id) FROM trade_flow').pluck().get() as number;
    applyToHsSummary(db, { rowsFrom: firstId, rowsTo: lastId }, 1);
    // And the figures by pair, flow and year that Top products reads (an import gathers them while staging), with their size.
    const pages = (): number => db.pragma('page_count', { simple: true }) as number;
    const pagesBefore = pages();
    writeYearCodes(db, { rowsFrom: firstId, rowsTo: lastId });
    yearCodesBytes = (pages() - pagesBefore) * (db.pragma('page_size', { simple: true }) as number);
    // And the per-source row counts (an import adds its one count; here one GROUP BY over the new rows).
    db.prepare(
      `INSERT INTO source_flow_count (source_id, rows) SELECT source_id, count(*) FROM trade_flow WHERE id >= ? GROUP BY source_id
      ON CONFLICT (source_id) DO UPDATE SET rows = rows + excluded.rows`,
    ).run(firstId);
    summarySeconds = (performance.now() - summaryStart) / 1000;
  })();
  db.pragma('journal_mode = WAL');
  if (values.analyze) db.exec('ANALYZE');
  return { rows, seconds: (performance.now() - started) / 1000, codes: codes.length, summarySeconds, yearCodesBytes };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** The median CPU time (user + system) of the last `time`: on a shared machine it varies less than wall time. */
let lastCpuMs = 0;

function time(fn: () => unknown): number {
  fn(); // warm-up (statement preparation, page cache)
  const xs: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    fn();
    xs.push(performance.now() - t);
    const used = process.cpuUsage(c);
    cpu.push((used.user + used.system) / 1000);
  }
  lastCpuMs = median(cpu);
  return median(xs);
}

const tmp = tempDir('tradebrief-bench-');
const path = values.keep ?? tmp.file('bench.sqlite');
const session = openSession({ path, today: '2022-09-15' });
const { db } = session;
try {
  console.log(
    `Generating ~${targetRows.toLocaleString('en')} synthetic trade_flow rows (HS6 × ${PARTNERS} partners × ${YEARS} years × 2 flows)…`,
  );
  const gen = generate(db);
  const total = db.prepare('SELECT count(*) FROM trade_flow').pluck().get() as number;
  console.log(`Planner statistics (ANALYZE): ${values.analyze ? 'yes' : "no, as in a user's database"}.`);
  console.log(
    `Inserted ${gen.rows.toLocaleString('en')} rows (${gen.codes} HS-6 codes) in ${gen.seconds.toFixed(1)} s ` +
      `(${Math.round(gen.rows / gen.seconds).toLocaleString('en')} rows/s); trade_flow now holds ${total.toLocaleString('en')} rows.`,
  );
  console.log(
    `HS chapter summary (hs_chapter_summary) and per-source counts (source_flow_count) built from them in ${gen.summarySeconds.toFixed(1)} s: ` +
      `${(db.prepare('SELECT count(*) FROM hs_chapter_summary').pluck().get() as number).toLocaleString('en')} rows.`,
  );
  const dbBytes = (db.pragma('page_count', { simple: true }) as number) * (db.pragma('page_size', { simple: true }) as number);
  console.log(
    `HS figures by pair, flow and year (hs_year_codes, read by Top products): ` +
      `${(db.prepare('SELECT count(*) FROM hs_year_codes').pluck().get() as number).toLocaleString('en')} rows, ` +
      `${(gen.yearCodesBytes / 1e6).toFixed(1)} MB of the database's ${(dbBytes / 1e6).toFixed(1)} MB ` +
      `(${((100 * gen.yearCodesBytes) / (dbBytes - gen.yearCodesBytes)).toFixed(1)} % added).`,
  );

  // Claims over the synthetic years: ranking CHN among KOR's 50 partners, a growth and a share (no world total: unchecked).
  loadPack(
    db,
    parsePack(
      {
        format: 'tradebrief-pack',
        formatVersion: 1,
        id: 'bench-claims',
        version: '1.0.0',
        title: 'Benchmark claims',
        sources: [{ key: 'C', label: 'C', publisher: 'Synthetic', title: 'Benchmark claims' }],
        economies: [
          { code: 'KOR', name: 'South Korea', kind: 'country' },
          { code: 'CHN', name: 'China', kind: 'country' },
        ],
        statements: (['export', 'import', 'total'] as const).map((flow) => ({
          key: `largest-${flow}`,
          kind: 'claim' as const,
          text: `CHN is KOR's largest partner by ${flow} in 2019.`,
          source: 'C',
          claims: [
            { kind: 'largest-partner' as const, reporter: 'KOR', partner: 'CHN', year: 2019, flow },
            { kind: 'growth' as const, reporter: 'KOR', partner: 'CHN', year: 2019, measure: flow, rate: 0.1, precision: 0.001 },
            { kind: 'share' as const, reporter: 'KOR', partner: 'CHN', year: 2019, flow, share: 0.2, precision: 0.01 },
          ],
        })),
      },
      'bench-claims.json',
    ),
  );
  const claimCount = checkClaims(db).claims.length;

  const pair = { reporter: 'KOR', partner: 'CHN' };
  db.exec('CREATE TEMP TABLE bench_touch (n INTEGER)');
  const touchStmt = db.prepare('INSERT INTO bench_touch (n) VALUES (1)');
  const touch = (): void => {
    touchStmt.run();
  };
  const products = { ...pair, flow: 'export', limit: 500 } as const;
  const queries: [string, () => unknown][] = [
    ['tradeSeries (KOR–CHN, all years)', () => tradeSeries(db, pair)],
    ['tradeKpi (latest year)', () => tradeKpi(db, pair)],
    ['tradeMirror (both directions)', () => tradeMirror(db, pair)],
    ['tradePairs (filter choices)', () => tradePairs(db)],
    ['reconciliation (KOR–CHN)', () => reconcile(db, { ...pair, tolerance: 0 })],
    ['overview headline', () => headline(db, {})],
    ['listSectors (KOR→CHN, HS-6 sums)', () => listSectors(db, pair)],
    ['sectorDetail (Cosmetics)', () => sectorDetail(db, { ...pair, name: 'Cosmetics' })],
    ['listProjects', () => listProjects(db, {})],
    ['listEvents', () => listEvents(db, {}, '2022-09-15')],
    ['listRoutes', () => listRoutes(db)],
    [
      `listSources (${(db.prepare('SELECT count(*) FROM source').pluck().get() as number).toLocaleString('en')} sources)`,
      () => listSources(db),
    ],
    [`checkClaims (${claimCount} claims)`, () => checkClaims(db)],
    ['partnerReporters', () => partnerReporters(db)],
    // The reporters and a reporter's years are kept until trade figures may change: a trade write first, to time them read afresh.
    [
      'partnerReporters (after a trade write)',
      () => {
        tradeRowsChanged(db);
        return partnerReporters(db);
      },
    ],
    ['partnerRanking (KOR, latest year)', () => partnerRanking(db, { reporter: 'KOR' })],
    // A write elsewhere (here a temporary table; a briefing saved, a setting changed) keeps the reporter's years and
    // flows; a write of trade figures (here the counter every writer of them moves) reads them again.
    [
      'partnerRanking (KOR, after a write elsewhere)',
      () => {
        touch();
        return partnerRanking(db, { reporter: 'KOR' });
      },
    ],
    [
      'partnerRanking (KOR, after a trade write)',
      () => {
        tradeRowsChanged(db);
        return partnerRanking(db, { reporter: 'KOR' });
      },
    ],
    ['partnerRanking (KOR 2010, synthetic)', () => partnerRanking(db, { reporter: 'KOR', year: 2010 })],
    ['partnerRankHistory (KOR, 10 years)', () => partnerRankHistory(db, { reporter: 'KOR', measure: 'total', top: 10 })],
    ['partnerSeries (KOR, 4 partners)', () => partnerSeries(db, { reporter: 'KOR', partners: ['CHN', 'USA', 'JPN', 'VNM'], from: 1991 })],
    ["partnerSeries (China's share, all years)", () => partnerSeries(db, { reporter: 'KOR', partners: ['CHN'] })],
    // The world map draws partnerRanking above (no query of its own); the Products view runs these.
    ['productPairs', () => productPairs(db)],
    ['topProducts (KOR→CHN chapters, latest year)', () => topProducts(db, { ...products, level: 'chapter' })],
    ['topProducts (KOR→CHN HS-6 codes, all)', () => topProducts(db, { ...products, level: 'code', limit: 6000 })],
    ['topProducts (KOR→CHN codes of chapter 84)', () => topProducts(db, { ...products, level: 'code', within: '84' })],
  ];
  const scan = time(() => db.prepare('SELECT count(*), sum(value_usd) FROM trade_flow').get());
  console.log(
    `\nReference: raw full scan of trade_flow (count + sum of value_usd): median ${scan.toFixed(1)} ms over ${runs} runs (CPU ${lastCpuMs.toFixed(1)} ms)\n`,
  );
  const pad = (s: string, n: number): string => s.padEnd(n);
  console.log(`${pad('query', 42)} ${'median ms'.padStart(10)} ${'× scan'.padStart(8)} ${'CPU ms'.padStart(8)}`);
  const withIndex = new Map<string, number>();
  for (const [name, fn] of queries) {
    const ms = time(fn);
    withIndex.set(name, ms);
    console.log(`${pad(name, 42)} ${ms.toFixed(2).padStart(10)} ${(ms / scan).toFixed(4).padStart(8)} ${lastCpuMs.toFixed(2).padStart(8)}`);
  }
  // The sector sums read from hs_chapter_summary and the index against the same sums over raw rows (a full scan), for every sector.
  const rawSum = db
    .prepare(
      `SELECT sum(value_usd) FROM trade_flow WHERE reporter = 'KOR' AND partner = 'CHN' AND flow = 'export'
    AND month IS NULL AND series = 'primary' AND length(product_code) = 6 AND product_code LIKE ? || '%'`,
    )
    .pluck();
  const summary = listSectors(db, pair).sectors;
  let checked = 0;
  let differing = 0;
  for (const sector of summary) {
    const codes = disjointPrefixes(sectorDetail(db, { ...pair, name: sector.name }).hsCodes.map((h) => h.code));
    const raw = codes.reduce((acc, code) => acc + ((rawSum.get(code) as number | null) ?? 0), 0);
    const fromSummary = sectorDetail(db, { ...pair, name: sector.name }).values.reduce((acc, v) => acc + v.value, 0);
    checked++;
    if (Math.abs(raw - fromSummary) > 1e-6 * Math.max(1, raw)) differing++;
  }
  console.log(`\nSector sums (all years) from the summary and index vs a raw scan: ${checked} sectors compared, ${differing} differ.`);
  // A pack reloaded (the Data view's "Load pack", a new version of a built-in pack) beside these rows.
  // What the Sources list would cost counting each source's rows in trade_flow instead of reading source_flow_count.
  const countedPerSource = time(() => db.prepare('SELECT source_id, count(*) FROM trade_flow GROUP BY source_id').all());
  console.log(
    `\nSources list reference: counting rows per source in trade_flow (one GROUP BY, no index leads with source_id): ` +
      `median ${countedPerSource.toFixed(1)} ms (${(countedPerSource / scan).toFixed(3)}× scan)`,
  );
  const { pack } = readPackFile(join(defaultPacksDir, 'korea-china-trade.json'));
  let version = 0;
  const reload = time(() => loadPack(db, pack, { contentHash: `bench-version-${++version}` }));
  console.log(
    `\nReloading the ${pack.id} pack (its ${pack.tradeFlows.length} trade rows replaced, ${pack.sources.length} sources updated): ` +
      `median ${reload.toFixed(1)} ms (${(reload / scan).toFixed(3)}× scan)`,
  );
  db.exec('DROP INDEX trade_flow_totals');
  console.log('\nWithout the partial index on annual totals (trade_flow_totals, migration 003):');
  for (const [name, fn] of queries.slice(0, 6)) {
    const ms = time(fn);
    console.log(
      `${pad(name, 42)} ${ms.toFixed(2).padStart(10)} ${(ms / scan).toFixed(4).padStart(8)}  (with index: ${withIndex.get(name)?.toFixed(2)} ms)`,
    );
  }
  // The same trade from a second source (as when a file is imported again from another layout): every
  // KOR–CHN row copied under another source, as a newer import. Each flow must still count once, so the
  // sector sums equal those of one source, and the rule now ranks candidates wherever the two overlap.
  db.exec(`CREATE INDEX trade_flow_totals ON trade_flow (reporter, partner, year, flow, source_id, series, value_usd)
    WHERE product_code = 'TOTAL' AND month IS NULL`);
  const sumsBefore = listSectors(db, pair).sectors.map((s) => [s.name, s.latest?.year ?? null, s.latest?.value ?? null]);
  const copied = db.transaction(() => {
    db.prepare(
      `INSERT INTO source (id, label, publisher, title) VALUES ('import:bench2', 'I9', 'Synthetic', 'The same rows, imported again')`,
    ).run();
    db.prepare(
      `INSERT INTO import_run (id, file_name, file_hash, format, source_id, started_at) VALUES (999, 'again.csv', 'x', 'comtrade', 'import:bench2', '2026-01-01')`,
    ).run();
    const first = (db.prepare('SELECT max(id) FROM trade_flow').pluck().get() as number) + 1;
    const n = db
      .prepare(
        `INSERT INTO trade_flow (reporter, partner, year, month, flow, product_code, value_usd, source_id, import_id)
      SELECT reporter, partner, year, month, flow, product_code, value_usd, 'import:bench2', 999 FROM trade_flow
      WHERE reporter = 'KOR' AND partner = 'CHN' AND pack_id IS NULL ORDER BY reporter, partner, product_code, year, flow`,
      )
      .run().changes;
    applyToHsSummary(db, { rowsFrom: first, rowsTo: first + n - 1 }, 1);
    writeYearCodes(db, { rowsFrom: first, rowsTo: first + n - 1 });
    return n;
  })();
  const sumsAfter = listSectors(db, pair).sectors.map((s) => [s.name, s.latest?.year ?? null, s.latest?.value ?? null]);
  console.log(
    `\nThe KOR–CHN rows again under a second source (${copied.toLocaleString('en')} rows, a newer import): ` +
      `sector figures ${JSON.stringify(sumsAfter) === JSON.stringify(sumsBefore) ? 'unchanged (each flow counted once)' : 'CHANGED'}.`,
  );
  for (const [name, fn] of queries.slice(0, 8)) {
    const ms = time(fn);
    console.log(
      `${pad(name, 36)} ${ms.toFixed(2).padStart(10)} ${(ms / scan).toFixed(4).padStart(8)} ${lastCpuMs.toFixed(2).padStart(8)}  (one source: ${withIndex.get(name)?.toFixed(2)} ms)`,
    );
  }
  // The sectors' chosen sums are kept until trade figures may change: a trade write first, to time them read afresh.
  for (const [name, fn] of [
    [
      'listSectors (after a trade write)',
      () => {
        tradeRowsChanged(db);
        return listSectors(db, pair);
      },
    ],
    [
      'sectorDetail (after a trade write)',
      () => {
        tradeRowsChanged(db);
        return sectorDetail(db, { ...pair, name: 'Cosmetics' });
      },
    ],
  ] as const) {
    const ms = time(fn);
    console.log(`${pad(name, 36)} ${ms.toFixed(2).padStart(10)} ${(ms / scan).toFixed(4).padStart(8)} ${lastCpuMs.toFixed(2).padStart(8)}`);
  }
  const monthly = time(() => tradeMonthly(db, pair));
  console.log(`${pad('tradeMonthly (no monthly rows)', 36)} ${monthly.toFixed(2).padStart(10)} ${(monthly / scan).toFixed(4).padStart(8)}`);
} finally {
  session.close();
  if (!values.keep) tmp.cleanup();
}
