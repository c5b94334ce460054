/**
 * Benchmark (prints figures, asserts nothing): time to print through the app's print route (load the
 * app, fetch and resolve the briefing, draw it, wait for fonts and charts, page.pdf) against Chromium
 * printing the same document saved as a static page (the print route's final HTML with its charts as
 * images and no script), in the same run, the same browser and with the same PDF options.
 *
 *   npm run bench:print [-- --runs 5]      (needs a built renderer: npm run build)
 *
 * Two documents: the default briefing of the first pack, and a five-page briefing with six charts
 * (tests/support/six-chart-briefing.ts; the run prints how many pages each came to).
 *
 *   --compare DIR    also prints through another build (DIR: its TRADEBRIEF_OUT, e.g. main's), alternating with this
 *                    one in every round, against the same static page: on a machine whose load changes, the two
 *                    builds see the same load.
 */
import { cpSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { printDateLabel, printRoute, toChromiumPdfOptions, type PageSetup } from '../../db/common/paper.ts';
import { dispatch } from '../../db/dispatch.ts';
import { admit, launchChromium } from '../support/browser.ts';
import { requireBuiltRenderer } from '../support/build-output.ts';
import { rendererDir, startHttpHost, type HttpHost } from '../../db/http-host/host.ts';
import { printToPdf } from '../../db/http-host/print.ts';
import { sixChartBriefing } from '../support/six-chart-briefing.ts';
import { tempDir } from '../support/temp.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, compare: { type: 'string' } } });
const RUNS = Math.max(1, Number(values.runs) || 3);
const SETUP: PageSetup = { paper: 'A4', orientation: 'portrait' };
const TODAY = '2026-11-29';

requireBuiltRenderer();
const tmp = tempDir('tradebrief-bench-print-');
const host = await startHttpHost({ path: tmp.file('bench.sqlite'), today: TODAY });
// The other build, on a database of its own made the same way.
const other = values.compare
  ? await startHttpHost({ path: tmp.file('compare.sqlite'), today: TODAY, staticDir: resolve(values.compare, 'renderer') })
  : undefined;
// A copy of this build's renderer, where the static page is written: its stylesheet and fonts load as in the app.
const staticDir = tmp.file('static');
cpSync(rendererDir, staticDir, { recursive: true });
const staticHost = await startHttpHost({ path: tmp.file('static.sqlite'), today: TODAY, staticDir });
const browser = await launchChromium();

/**
 * CPU time (ms) all of Chromium's processes have used so far: the difference over one print is what that print cost,
 * whatever else runs on the machine (wall time on a loaded machine mostly measures the others' load).
 */
const browserCdp = await browser.newBrowserCDPSession();
async function chromiumCpuMs(): Promise<number> {
  const { processInfo } = (await browserCdp.send('SystemInfo.getProcessInfo')) as { processInfo: { cpuTime: number }[] };
  return processInfo.reduce((sum, p) => sum + p.cpuTime, 0) * 1000;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** A build printed through: its host and the document's route on its database. */
interface Build {
  label: string;
  host: HttpHost;
  route: string;
}

/** The print route's final HTML as a static page: charts frozen to images, scripts removed, same stylesheet and fonts. */
const FREEZE_SCRIPT = `(async () => {
  for (const canvas of document.querySelectorAll('canvas')) {
    // A chart handed to the printer as an image (Chart.svelte) keeps its canvas hidden: the image is the chart.
    if (canvas.style.display === 'none') {
      canvas.remove();
      continue;
    }
    const img = document.createElement('img');
    img.src = canvas.toDataURL('image/png');
    img.style.width = canvas.style.width || canvas.clientWidth + 'px';
    img.style.height = canvas.style.height || canvas.clientHeight + 'px';
    canvas.replaceWith(img);
  }
  // Its image's blob address lasts only as long as this page: written out as a data address (the same pixels).
  for (const img of document.querySelectorAll('img')) {
    if (!img.src.startsWith('blob:')) continue;
    const copy = document.createElement('canvas');
    copy.width = img.naturalWidth;
    copy.height = img.naturalHeight;
    copy.getContext('2d').drawImage(img, 0, 0);
    img.src = copy.toDataURL('image/png');
  }
  for (const s of document.querySelectorAll('script')) s.remove();
  return '<!doctype html>' + document.documentElement.outerHTML;
})()`;

async function measure(name: string, builds: Build[]): Promise<void> {
  const appTimes = builds.map((): number[] => []);
  // Where each path's time goes: the print route until it says ready, the static page until it is loaded with its fonts.
  const appReady = builds.map((): number[] => []);
  const appCpu = builds.map((): number[] => []);
  const appPdf = builds.map((): number[] => []);
  const staticCpu: number[] = [];
  const staticTimes: number[] = [];
  const staticLoaded: number[] = [];
  let pages = 0;
  let meta = { title: '', classification: '' };
  // A context per build: a host's key is a cookie of 127.0.0.1, which another port's host would replace. No context
  // intercepts requests (Playwright would then take every request of the context through this process, not only one).
  const contexts = await Promise.all(builds.map(() => browser.newContext({ viewport: { width: 1280, height: 900 } })));
  for (const [i, b] of builds.entries()) await admit(contexts[i]!, b.host);
  // The static page is a file beside the app's stylesheet and fonts, served by a host of its own as the app's files are.
  const staticContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await admit(staticContext, staticHost);
  for (let run = 0; run < RUNS + 1; run++) {
    // App path: a fresh page each run (the app loads, connects, fetches, draws, prints); with two builds, each in turn,
    // the one going first alternating from round to round.
    const order = builds.map((_, i) => i);
    if (run % 2 === 1) order.reverse();
    for (const i of order) {
      const b = builds[i]!;
      const page = await contexts[i]!.newPage();
      const cpu0 = await chromiumCpuMs();
      const t0 = performance.now();
      const printed = await printToPdf(page, b.host.url, b.route, { setup: SETUP, today: TODAY });
      const appMs = performance.now() - t0;
      const cpuMs = (await chromiumCpuMs()) - cpu0;
      if (run > 0) {
        appCpu[i]!.push(cpuMs);
        appPdf[i]!.push(printed.pdfMs);
        appTimes[i]!.push(appMs);
        appReady[i]!.push(printed.readyMs);
      } else if (i === 0) {
        pages = Number(/\/Type\s*\/Pages[^>]*\/Count (\d+)/.exec(printed.pdf.toString('latin1'))?.[1] ?? 0);
        meta = { title: printed.title, classification: printed.classification };
        writeFileSync(join(staticDir, 'bench-static.html'), (await page.evaluate(FREEZE_SCRIPT)) as string);
      }
      await page.close();
    }

    const staticPage = await staticContext.newPage();
    const staticCpu0 = await chromiumCpuMs();
    const s0 = performance.now();
    // Served as a plain HTML file at the app's origin, so the stylesheet and fonts load as in the app.
    await staticPage.goto(`${staticHost.url}bench-static.html`, { waitUntil: 'load' });
    await staticPage.evaluate('document.fonts.ready.then(() => true)');
    const loadedMs = performance.now() - s0;
    await staticPage.pdf(toChromiumPdfOptions(SETUP, { ...meta, printedOn: printDateLabel(TODAY), language: 'en' }));
    const staticMs = performance.now() - s0;
    const staticCpuMs = (await chromiumCpuMs()) - staticCpu0;
    if (run > 0) {
      staticCpu.push(staticCpuMs);
      staticTimes.push(staticMs);
      staticLoaded.push(loadedMs);
    }
    await staticPage.close();
  }
  for (const c of [...contexts, staticContext]) await c.close();
  const s = median(staticTimes);
  const sc = median(staticCpu);
  console.log(
    `${name}: ${pages} pages; static page ${s.toFixed(0)} ms, loaded with its fonts after ${median(staticLoaded).toFixed(0)} ms, Chromium's CPU ${sc.toFixed(0)} ms (medians of ${RUNS})`,
  );
  builds.forEach((b, i) => {
    const a = median(appTimes[i]!);
    console.log(
      `  ${b.label}: print route ${a.toFixed(0)} ms, ready after ${median(appReady[i]!).toFixed(0)} ms (code, data, fonts, drawing), page.pdf ${median(appPdf[i]!).toFixed(0)} ms; ratio ${(a / s).toFixed(2)}× (target ≤ 1.20×); Chromium's CPU ${median(appCpu[i]!).toFixed(0)} ms, ${(median(appCpu[i]!) / sc).toFixed(2)}× the static page's`,
    );
  });
  if (builds.length === 2) {
    const faster = appTimes[0]!.filter((t, run) => t < appTimes[1]![run]!).length;
    const less = appCpu[0]!.filter((t, run) => t < appCpu[1]![run]!).length;
    console.log(`  ${builds[0]!.label} faster than ${builds[1]!.label} in ${faster} of ${RUNS} rounds, with less CPU in ${less}`);
  }
}

try {
  /** The six-chart briefing on `on`'s database: its print route. */
  const sixCharts = async (on: HttpHost): Promise<string> => {
    const created = await dispatch(on.session.handlers, 'createBriefing', {
      title: 'Benchmark: five pages, six charts',
      classification: 'For internal use',
      blocks: sixChartBriefing(),
    });
    if (!created.ok) throw new Error(created.error.message);
    return printRoute({ briefing: (created.data as { id: string }).id });
  };
  const both = async (route: (on: HttpHost) => Promise<string> | string): Promise<Build[]> => [
    { label: other ? 'this build' : 'app', host, route: await route(host) },
    ...(other ? [{ label: `build in ${values.compare}`, host: other, route: await route(other) }] : []),
  ];
  console.log(`Print time, A4 portrait, Chromium ${browser.version()}, ${RUNS} measured runs after one warm-up`);
  await measure('Default briefing', await both(() => printRoute({ briefing: 'korea-china-2022:korea-china-trade-push-2022' })));
  await measure('Five pages, six charts', await both(sixCharts));
} finally {
  await browser.close();
  await host.close();
  await other?.close();
  await staticHost.close();
  tmp.cleanup();
}
