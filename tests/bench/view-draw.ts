/**
 * Benchmark (prints figures, asserts nothing): a sidebar click to the view fully drawn, for every sidebar view,
 * in Chromium against the browser host on a fresh database (the default packs).
 *
 *   npm run bench:views [-- --runs 7] [-- --views trade,partners]      (needs a built renderer: npm run build)
 *   npm run bench:views -- --views partners --against ../main/out       (this build against another one, run by run)
 *
 * Each run starts on a page that shows no view (an unknown route: the shell only), clicks the view's sidebar
 * link and waits, frame by frame in the page, until the view's heading is there, nothing reads "Loading…" and
 * every chart has drawn its last frame, then one more frame for it to be painted. The first run of each view
 * (its code fetched and parsed) is reported apart. The reference, in the same run: the same click to a route
 * with nothing to load or draw (the "not found" page), which is what the shell alone costs.
 *
 * With `--against <build folder>` (another build's output, e.g. the main branch's), each view's clicks alternate
 * between this build and that one, each on its own host and database in the same process: on a shared machine
 * both see the same load, and the ratio of their medians is the comparison.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { startHttpHost } from '../../db/http-host/host.ts';
import { VIEW_LIST as views } from '../../renderer/src/views/view-list.ts';
import { admit, launchChromium } from '../support/browser.ts';
import { clickAndWait } from '../support/view-click.ts';
import { requireBuiltRenderer } from '../support/build-output.ts';
import type { PageGlobals } from '../support/page-globals.ts';
import { tempDir } from '../support/temp.ts';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '7' },
    views: { type: 'string' },
    'reduced-motion': { type: 'boolean', default: false },
    against: { type: 'string' },
  },
});
const RUNS = Math.max(1, Number(values.runs) || 7);
const only = values.views?.split(',');
const targets = views.filter((v) => v.inSidebar && (!only || only.includes(v.id)));

requireBuiltRenderer();
const tmp = tempDir('tradebrief-bench-views-');
const host = await startHttpHost({ path: tmp.file('bench.sqlite'), today: '2022-09-15' });
const browser = await launchChromium();

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const context = await browser.newContext({
  viewport: { width: 1280, height: 900 },
  reducedMotion: values['reduced-motion'] ? 'reduce' : 'no-preference',
});
await admit(context, host);
const page = await context.newPage();

function goTo(hash: string): Promise<void> {
  return page.evaluate((h) => {
    (globalThis as unknown as PageGlobals).location.hash = h;
  }, hash);
}

async function toNeutral(): Promise<void> {
  await goTo('#/bench-start');
  await page.locator('main h1', { hasText: 'Not found' }).waitFor();
}

await page.goto(`${host.url}#/bench-start`);
await page.locator('main h1').waitFor();

// Reference: a click to a link that draws the shell's "not found" page (nothing to load or draw).
await page.evaluate(() => {
  const { document } = globalThis as unknown as PageGlobals;
  const item = document.createElement('li');
  const link = document.createElement('a');
  link.href = '#/bench-nothing';
  link.textContent = 'nothing';
  item.append(link);
  document.querySelector('nav.sidebar ul')?.append(item);
});
const reference: number[] = [];
for (let run = 0; run <= RUNS; run++) {
  await goTo('#/bench-start');
  await page.locator('main h1', { hasText: 'Not found' }).waitFor();
  const ms = await clickAndWait(page, 'bench-nothing', 'Tradebrief');
  if (run > 0) reference.push(ms);
}

console.log(
  `Sidebar click → view drawn, Chromium 1280×900, median of ${RUNS} (first visit apart)${values['reduced-motion'] ? ', reduced motion' : ''}`,
);
console.log(`reference (the shell's "not found" page): ${median(reference).toFixed(0)} ms`);
const medians: number[] = [];
for (const view of targets) {
  const times: number[] = [];
  let first = 0;
  for (let run = 0; run <= RUNS; run++) {
    await toNeutral();
    const ms = await clickAndWait(page, view.id, `${view.label} — Tradebrief`);
    if (run === 0) first = ms;
    else times.push(ms);
  }
  const m = median(times);
  medians.push(m);
  const charts = await page.locator('main figure.chart').count();
  console.log(
    `${view.id.padEnd(10)} ${m.toFixed(0).padStart(5)} ms  (min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)}; first visit ${first.toFixed(0)} ms; ${charts} chart${charts === 1 ? '' : 's'})`,
  );
}
console.log(`slowest view: ${Math.max(...medians).toFixed(0)} ms (target ≤ 150 ms)`);

if (values.against) {
  const otherDir = resolve(values.against, 'renderer');
  const otherHost = await startHttpHost({ path: tmp.file('against.sqlite'), today: '2022-09-15', staticDir: otherDir });
  const otherContext = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    reducedMotion: values['reduced-motion'] ? 'reduce' : 'no-preference',
  });
  await admit(otherContext, otherHost);
  const other = await otherContext.newPage();
  await other.goto(`${otherHost.url}#/bench-start`);
  await other.locator('main h1').waitFor();
  // CPU time of every Chromium process and of this one (the hosts): the work a click costs, which the machine's load
  // changes far less than the time it takes.
  const cdp = await browser.newBrowserCDPSession();
  const byType = new Map<string, number>();
  const cpuNow = async (): Promise<{ chromium: number; host: number; types: Map<string, number> }> => {
    const { processInfo } = (await cdp.send('SystemInfo.getProcessInfo')) as { processInfo: { cpuTime: number; type: string }[] };
    const own = process.cpuUsage();
    const types = new Map<string, number>();
    for (const p of processInfo) types.set(p.type, (types.get(p.type) ?? 0) + p.cpuTime * 1000);
    return { chromium: processInfo.reduce((sum, p) => sum + p.cpuTime * 1000, 0), host: (own.user + own.system) / 1000, types };
  };
  const visit = async (p: Page, view: (typeof targets)[number]): Promise<number> => {
    await p.evaluate(() => {
      (globalThis as unknown as PageGlobals).location.hash = '#/bench-start';
    });
    await p.locator('main h1', { hasText: 'Not found' }).waitFor();
    return clickAndWait(p, view.id, `${view.label} — Tradebrief`);
  };
  console.log(`\nAlternated run by run with ${otherDir} (median of ${RUNS} each; CPU: all Chromium processes and the host's):`);
  for (const view of targets) {
    const mine: number[] = [];
    const theirs: number[] = [];
    const mineCpu: number[] = [];
    const theirsCpu: number[] = [];
    const hostShare: Record<'mine' | 'theirs', number[]> = { mine: [], theirs: [] };
    // The other page visits the view as often as this one did above, so that both run code the engine has warmed alike.
    for (let run = 0; run <= RUNS; run++) await visit(other, view);
    for (let run = 0; run < RUNS; run++) {
      // Each round starts with the other build than the round before.
      const order = [
        [page, mine, mineCpu, 'mine'],
        [other, theirs, theirsCpu, 'theirs'],
      ] as const;
      for (const [p, into, cpuInto, whose] of run % 2 === 0 ? order : [...order].reverse()) {
        const cpu = await cpuNow();
        into.push(await visit(p, view));
        const after = await cpuNow();
        cpuInto.push(after.chromium - cpu.chromium + after.host - cpu.host);
        hostShare[whose].push(after.host - cpu.host);
        if (p === page) for (const [type, ms] of after.types) byType.set(type, (byType.get(type) ?? 0) + ms - (cpu.types.get(type) ?? 0));
      }
    }
    const a = median(mine);
    const b = median(theirs);
    console.log(
      `${view.id.padEnd(10)} this build ${a.toFixed(0).padStart(5)} ms, the other ${b.toFixed(0).padStart(5)} ms: ${(a / b).toFixed(2)}× (faster in ${mine.filter((m, i) => m < theirs[i]!).length} of ${RUNS} rounds); CPU ${median(mineCpu).toFixed(0)} ms against ${median(theirsCpu).toFixed(0)} ms: ${(median(mineCpu) / median(theirsCpu)).toFixed(2)}× (the hosts' part: ${median(hostShare.mine).toFixed(0)} and ${median(hostShare.theirs).toFixed(0)} ms)`,
    );
  }
  console.log(
    `this build's Chromium CPU per click by process: ${[...byType].map(([type, ms]) => `${type} ${(ms / RUNS / targets.length).toFixed(0)} ms`).join(', ')}`,
  );
  await otherContext.close();
  await otherHost.close();
}

await context.close();
await browser.close();
await host.close();
tmp.cleanup();
