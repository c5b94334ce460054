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
 */
import { parseArgs } from 'node:util';
import { printDateLabel, printRoute, toChromiumPdfOptions, type PageSetup } from '../../db/common/paper.ts';
import { dispatch } from '../../db/dispatch.ts';
import { CONTENT_SECURITY_POLICY } from '../../db/content-security-policy.ts';
import { admit, launchChromium } from '../support/browser.ts';
import { requireBuiltRenderer } from '../support/build-output.ts';
import { startHttpHost } from '../../db/http-host/host.ts';
import { printToPdf } from '../../db/http-host/print.ts';
import { sixChartBriefing } from '../support/six-chart-briefing.ts';
import { tempDir } from '../support/temp.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' } } });
const RUNS = Math.max(1, Number(values.runs) || 3);
const SETUP: PageSetup = { paper: 'A4', orientation: 'portrait' };
const TODAY = '2026-11-29';

requireBuiltRenderer();
const tmp = tempDir('tradebrief-bench-print-');
const host = await startHttpHost({ path: tmp.file('bench.sqlite'), today: TODAY });
const browser = await launchChromium();

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

async function measure(name: string, route: string): Promise<void> {
  const appTimes: number[] = [];
  const staticTimes: number[] = [];
  // Where each path's time goes: the print route until it says ready, the static page until it is loaded with its fonts.
  const appReady: number[] = [];
  const staticLoaded: number[] = [];
  let pages = 0;
  let staticHtml = '';
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await admit(context, host);
  await context.route(`${host.url}bench-static.html`, (r) =>
    r.fulfill({
      status: 200,
      contentType: 'text/html; charset=utf-8',
      headers: { 'Content-Security-Policy': CONTENT_SECURITY_POLICY },
      body: staticHtml,
    }),
  );
  for (let run = 0; run < RUNS + 1; run++) {
    // App path: a fresh page each run (the app loads, connects, fetches, draws, prints).
    const page = await context.newPage();
    const t0 = performance.now();
    const printed = await printToPdf(page, host.url, route, { setup: SETUP, today: TODAY });
    const appMs = performance.now() - t0;
    if (run === 0) {
      pages = Number(/\/Type\s*\/Pages[^>]*\/Count (\d+)/.exec(printed.pdf.toString('latin1'))?.[1] ?? 0);
      // The same document as a static page: charts frozen to images, scripts removed, same stylesheet and fonts.
      staticHtml = (await page.evaluate(`(async () => {
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
        const base = document.createElement('base');
        base.href = location.origin + '/';
        document.head.prepend(base);
        return '<!doctype html>' + document.documentElement.outerHTML;
      })()`)) as string;
    } else {
      appTimes.push(appMs);
      appReady.push(printed.readyMs);
    }
    await page.close();

    const staticPage = await context.newPage();
    const s0 = performance.now();
    // Served as a plain HTML file at the app's origin, so the stylesheet and fonts load as in the app.
    await staticPage.goto(`${host.url}bench-static.html`, { waitUntil: 'load' });
    await staticPage.evaluate('document.fonts.ready.then(() => true)');
    const loadedMs = performance.now() - s0;
    await staticPage.pdf(
      toChromiumPdfOptions(SETUP, {
        title: printed.title,
        classification: printed.classification,
        printedOn: printDateLabel(TODAY),
        language: 'en',
      }),
    );
    const staticMs = performance.now() - s0;
    if (run > 0) {
      staticTimes.push(staticMs);
      staticLoaded.push(loadedMs);
    }
    await staticPage.close();
  }
  await context.close();
  const a = median(appTimes);
  const s = median(staticTimes);
  console.log(
    `${name}: ${pages} pages; print route ${a.toFixed(0)} ms, static page ${s.toFixed(0)} ms (median of ${RUNS}); ratio ${(a / s).toFixed(2)}× (target ≤ 1.20×)`,
  );
  console.log(
    `  print route ready after ${median(appReady).toFixed(0)} ms (code, data, fonts, drawing); static page loaded with its fonts after ${median(staticLoaded).toFixed(0)} ms (medians)`,
  );
}

try {
  const created = await dispatch(host.session.handlers, 'createBriefing', {
    title: 'Benchmark: five pages, six charts',
    classification: 'For internal use',
    blocks: sixChartBriefing(),
  });
  if (!created.ok) throw new Error(created.error.message);
  const big = created.data as { id: string };
  console.log(`Print time, A4 portrait, Chromium ${browser.version()}, ${RUNS} measured runs after one warm-up`);
  await measure('Default briefing', printRoute({ briefing: 'korea-china-2022:korea-china-trade-push-2022' }));
  await measure('Five pages, six charts', printRoute({ briefing: big.id }));
} finally {
  await browser.close();
  await host.close();
  tmp.cleanup();
}
