/**
 * Benchmark (prints figures, asserts nothing): a window opened cold (a new browser context, nothing cached) on the
 * Overview, in Chromium against the browser host on a fresh database (the default packs): the time to the first
 * contentful paint and to the Overview drawn (its headline and checked claims, nothing "Loading…"), and the
 * JavaScript fetched while it was measured (the rest of English, loaded after the first paint, included). With
 * `--reference <renderer folder>` (another build's out/renderer, e.g. main's), the same for that build, alternating
 * run by run, and the ratio of the medians.
 *
 *   npm run bench:first-paint [-- --runs 9] [-- --language en|ko|zh] [-- --reference ../main/out/renderer]
 *   (reads the build in TRADEBRIEF_OUT or out/: npm run build first)
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser } from 'playwright-core';
import { startHttpHost, type HttpHost } from '../../db/http-host/host.ts';
import { admit, launchChromium } from '../support/browser.ts';
import { requireBuiltRenderer } from '../support/build-output.ts';
import type { PageGlobals } from '../support/page-globals.ts';
import { tempDir } from '../support/temp.ts';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '9' }, language: { type: 'string', default: 'en' }, reference: { type: 'string' } },
});
const RUNS = Math.max(1, Number(values.runs) || 9);
const LOCALES: Record<string, string> = { en: 'en-GB', ko: 'ko-KR', zh: 'zh-CN' };
const locale = LOCALES[values.language ?? 'en'] ?? 'en-GB';

interface Run {
  paint: number;
  drawn: number;
  scriptBytes: number;
}

const tmp = tempDir('tradebrief-bench-first-paint-');
const builds: { name: string; host: HttpHost; runs: Run[] }[] = [
  { name: 'this build', host: await startHttpHost({ path: tmp.file('this.sqlite'), staticDir: requireBuiltRenderer() }), runs: [] },
];
if (values.reference) {
  const staticDir = resolve(values.reference);
  builds.push({ name: `reference (${staticDir})`, host: await startHttpHost({ path: tmp.file('reference.sqlite'), staticDir }), runs: [] });
}
const browser: Browser = await launchChromium();

/** One cold start: a new context, the Overview opened, timed in the page from its navigation. */
async function coldStart(host: HttpHost): Promise<Run> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale });
  await admit(context, host);
  // Watches every frame from the document's start, so the moment the Overview is drawn is not missed.
  await context.addInitScript(() => {
    const g = globalThis as unknown as PageGlobals & { benchDrawnAt?: number };
    const drawn = (): boolean =>
      g.document.querySelector('#headline-title') !== null &&
      g.document.querySelector('[data-testid="claims-checked"]') !== null &&
      g.document.querySelector('main .state-loading') === null;
    const frame = (): void => {
      if (drawn()) g.requestAnimationFrame(() => (g.benchDrawnAt = performance.now()));
      else g.requestAnimationFrame(frame);
    };
    g.requestAnimationFrame(frame);
  });
  const page = await context.newPage();
  let scriptBytes = 0;
  page.on('response', (response) => {
    if (response.url().endsWith('.js')) void response.body().then((b) => (scriptBytes += b.length));
  });
  await page.goto(`${host.url}#/overview`);
  await page.waitForFunction(() => (globalThis as unknown as { benchDrawnAt?: number }).benchDrawnAt !== undefined, undefined, {
    timeout: 60_000,
  });
  const times = await page.evaluate(() => ({
    drawn: (globalThis as unknown as { benchDrawnAt: number }).benchDrawnAt,
    paint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN,
  }));
  await context.close();
  return { ...times, scriptBytes };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

// A first start of each apart (the host's first requests, Chromium's own warm-up), then the runs, alternating.
for (const build of builds) await coldStart(build.host);
for (let run = 0; run < RUNS; run++) {
  for (const build of run % 2 ? [...builds].reverse() : builds) build.runs.push(await coldStart(build.host));
}

console.log(`Cold start on the Overview (${locale}), Chromium 1280×900, median of ${RUNS}, builds alternating run by run`);
for (const { name, runs } of builds) {
  const kb = median(runs.map((r) => r.scriptBytes)) / 1024;
  console.log(
    `${name}: first contentful paint ${median(runs.map((r) => r.paint)).toFixed(0)} ms, Overview drawn ${median(runs.map((r) => r.drawn)).toFixed(0)} ms ` +
      `(min ${Math.min(...runs.map((r) => r.drawn)).toFixed(0)}, max ${Math.max(...runs.map((r) => r.drawn)).toFixed(0)}), JavaScript fetched ${kb.toFixed(1)} KB raw`,
  );
}
if (builds.length === 2) {
  const [own, reference] = builds.map((b) => ({ paint: median(b.runs.map((r) => r.paint)), drawn: median(b.runs.map((r) => r.drawn)) }));
  console.log(
    `this build / reference: first contentful paint ${(own!.paint / reference!.paint).toFixed(2)}×, Overview drawn ${(own!.drawn / reference!.drawn).toFixed(2)}×`,
  );
}

await browser.close();
for (const { host } of builds) await host.close();
tmp.cleanup();
