/**
 * Loading a large briefing pack as the app does (a benchmark, not a test: it prints figures, asserts
 * nothing): `importPack` runs the load in the import worker, so the host's event loop keeps turning
 * and the size limits (db/packs/load.ts) bound what a file can cost. Two packs are written first, in
 * a child process (so their building does not count): one just under the element limit, loaded; one
 * of a million elements, refused. For each it prints the wall time, the longest pause of the host's
 * event loop (timers every 10 ms) and the process's peak RSS (host and worker together), beside the
 * reference of the same run: JSON.parse of the same file on the host's thread, the pause a load on
 * that thread starts with.
 *
 *   node tests/bench/pack-load.ts [elements just under the limit, default MAX_PACK_ELEMENTS - 1,000]
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dispatch } from '../../db/dispatch.ts';
import { MAX_PACK_ELEMENTS } from '../../db/packs/load.ts';
import { defaultPacksDir, openSession } from '../../db/session.ts';
import { tempDir } from '../support/temp.ts';

const self = fileURLToPath(import.meta.url);

/** Child mode: writes a pack of `n` trade flows (the first default pack's other facts kept). */
function writePack(path: string, n: number): void {
  const raw = JSON.parse(readFileSync(join(defaultPacksDir, 'korea-china-2022.json'), 'utf8')) as Record<string, unknown>;
  const flows: unknown[] = [];
  for (let i = 0; flows.length < n; i++) {
    flows.push({
      reporter: 'KOR',
      partner: 'CHN',
      year: 1900 + (i % 200),
      flow: 'export',
      productCode: String(100000 + Math.floor(i / 200)),
      valueUsd: i * 1234.5,
      source: 'S4',
      note: `synthetic figure ${i}`,
    });
  }
  writeFileSync(path, JSON.stringify({ ...raw, id: 'bench-pack', tradeFlows: flows, briefings: [] }));
}

const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MB`;

async function measure(label: string, run: () => Promise<unknown> | unknown): Promise<void> {
  let last = performance.now();
  let longest = 0;
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 10);
  const started = performance.now();
  let outcome: string;
  try {
    const result = await run();
    outcome = typeof result === 'string' ? result : 'done';
  } catch (error) {
    outcome = `failed: ${(error as Error).message.slice(0, 120)}`;
  }
  const ms = performance.now() - started;
  clearInterval(timer);
  // A pause that covers the whole run is seen only after it: count it too.
  longest = Math.max(longest, performance.now() - last);
  console.log(
    `${label.padEnd(44)} ${(ms / 1000).toFixed(2).padStart(6)} s   longest host pause ${longest.toFixed(0).padStart(5)} ms   ` +
      `peak RSS so far ${mb(Math.max(peak, process.resourceUsage().maxRSS * 1024))}   ${outcome}`,
  );
}

if (process.argv[2] === '--write') {
  writePack(process.argv[3]!, Number(process.argv[4]));
} else {
  const under = Number(process.argv[2] ?? MAX_PACK_ELEMENTS - 1000);
  const tmp = tempDir('tradebrief-bench-packs-');
  try {
    const small = tmp.file('under-limit.json');
    const huge = tmp.file('million.json');
    execFileSync(process.execPath, [self, '--write', small, String(under)]);
    execFileSync(process.execPath, [self, '--write', huge, '1000000']);
    const session = openSession({ path: tmp.file('bench.sqlite') });
    console.log(`Host process after opening a database with the default packs: RSS ${mb(process.memoryUsage().rss)}.`);
    console.log(
      `Packs: ${under.toLocaleString('en')} trade flows (${mb(statSync(small).size)}), 1,000,000 trade flows (${mb(statSync(huge).size)}); ` +
        `limits ${MAX_PACK_ELEMENTS.toLocaleString('en')} elements.\n`,
    );
    const load = async (path: string): Promise<string> => {
      const e = await dispatch(session.handlers, 'importPack', { file: session.files.registerRead(path).handle });
      return e.ok
        ? `loaded (${JSON.stringify((e.data as { counts: Record<string, number> }).counts['tradeFlows'])} trade flows)`
        : `refused: ${e.error.message.slice(0, 110)}`;
    };
    await measure('importPack, 1,000,000 elements (worker)', () => load(huge));
    await measure(`importPack, ${under.toLocaleString('en')} elements (worker)`, () => load(small));
    await measure(
      `reference: JSON.parse of the ${under.toLocaleString('en')} on the host`,
      () => void JSON.parse(readFileSync(small, 'utf8')),
    );
    session.close();
  } finally {
    tmp.cleanup();
  }
}
