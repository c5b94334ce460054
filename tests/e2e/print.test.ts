/**
 * Printing in real Chromium through the HTTP host, with the same options module as Electron: the
 * default briefing and every dashboard summary to PDF, read back (text layer, page count, page
 * numbers, footnotes, source list), rendered to PNG (charts drawn, not blank), CJK glyphs from the
 * bundled font in the body and in the running header, a five-page briefing with six charts on five
 * pages with every chart whole, hostile Markdown inert.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../db/dispatch.ts';
import { PRINTABLE_DASHBOARDS, printRoute, type PageSetup } from '../../db/common/paper.ts';
import { admit, CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/browser.ts';
import { appPerFile } from '../support/app-per-file.ts';
import { decodePng, luminanceVariance, matchingPixels } from '../support/png.ts';
import { printToPdf } from '../../db/http-host/print.ts';
import { MAX_ELEMENTS } from '../../db/briefings/markdown.ts';
import { sixChartBriefing } from '../support/six-chart-briefing.ts';
import { tempDir } from '../support/temp.ts';

const TODAY = '2026-11-29';
const DEFAULT_ID = 'korea-china-2022:korea-china-trade-push-2022';
const A4: PageSetup = { paper: 'A4', orientation: 'portrait' };
const ARTIFACTS = 'tests/artifacts/print';
/** The trade chart's colours (styles.css --export / --import, light theme: paper is light). */
const EXPORT_BLUE = '#1f6fb8';
const IMPORT_ORANGE = '#c2571a';

const tmp = tempDir();

mkdirSync(ARTIFACTS, { recursive: true });
const app = appPerFile({ today: TODAY }, () => tmp.cleanup());

async function readPdf(pdf: Buffer) {
  const doc = await getDocumentProxy(new Uint8Array(pdf));
  const { totalPages, text } = await extractText(doc, { mergePages: false });
  const first = await doc.getPage(1);
  const { width, height } = first.getViewport({ scale: 1 });
  return { totalPages, pages: text.map((t) => t.replace(/\s+/g, ' ')), all: text.join(' ').replace(/\s+/g, ' '), width, height };
}

/** pdftoppm -png -r 60: one PNG per page, kept as artifacts to look at. */
function renderPages(pdf: Buffer, name: string): string[] {
  const file = join(ARTIFACTS, `${name}.pdf`);
  writeFileSync(file, pdf);
  const mine = (f: string): boolean => new RegExp(`^${name}-\\d+\\.png$`).test(f);
  for (const old of readdirSync(ARTIFACTS).filter(mine)) rmSync(join(ARTIFACTS, old));
  execFileSync('pdftoppm', ['-png', '-r', '60', file, join(ARTIFACTS, name)]);
  return readdirSync(ARTIFACTS)
    .filter(mine)
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
    .map((f) => join(ARTIFACTS, f));
}

/** The trade chart on some page: bars of both colours, and a box around them that is far from blank. */
function chartDrawn(pngs: string[]): { page: number; bars: number; variance: number } | null {
  for (const [i, png] of pngs.entries()) {
    const image = decodePng(readFileSync(png));
    const blue = matchingPixels(image, EXPORT_BLUE, 30);
    const orange = matchingPixels(image, IMPORT_ORANGE, 30);
    if (blue.count > 150 && orange.count > 150 && blue.box)
      return { page: i + 1, bars: blue.count + orange.count, variance: luminanceVariance(image, blue.box) };
  }
  return null;
}

function pdffonts(pdf: Buffer, name: string, pages?: { first: number; last: number }): string {
  const file = join(tmp.dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  const range = pages ? ['-f', String(pages.first), '-l', String(pages.last)] : [];
  return execFileSync('pdffonts', [...range, file], { encoding: 'utf8' });
}

/** The bitmaps drawn in a PDF (pdfimages -list): the page each is drawn on, its size, resolution and object. */
function pdfImages(pdf: Buffer, name: string): { page: number; width: number; height: number; ppi: number; object: number }[] {
  const file = join(tmp.dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' })
    .split('\n')
    .slice(2)
    .filter((l) => l.trim())
    .map((l) => l.trim().split(/\s+/))
    .map((c) => ({ page: Number(c[0]), width: Number(c[3]), height: Number(c[4]), object: Number(c[10]), ppi: Number(c[12]) }));
}

async function createBriefing(input: Record<string, unknown>): Promise<string> {
  const created = await dispatch(app.host.session.handlers, 'createBriefing', input);
  if (!created.ok) throw new Error(created.error.message);
  return (created.data as { id: string }).id;
}

describe('printing the default briefing', () => {
  let pdf: Buffer;
  let read: Awaited<ReturnType<typeof readPdf>>;

  beforeAll(async () => {
    const page = await app.newPage();
    pdf = (await printToPdf(page, app.host.url, printRoute({ briefing: DEFAULT_ID }), { setup: A4, today: TODAY })).pdf;
    read = await readPdf(pdf);
    await page.close();
  });

  it('is an A4 PDF of several pages with the header and "page 1 of N" footer on every page', () => {
    expect(read.totalPages).toBeGreaterThanOrEqual(3);
    expect(Math.abs(read.width - 595.3)).toBeLessThan(1);
    expect(Math.abs(read.height - 841.9)).toBeLessThan(1.5);
    read.pages.forEach((text, i) => {
      expect(text).toContain(`page ${i + 1} of ${read.totalPages}`);
      expect(text).toContain('Korea–China trade push, August 2022');
      expect(text).toContain('FOR INTERNAL USE');
      expect(text).toContain('29 Nov 2026');
      expect(text).toContain('Tradebrief');
    });
  });

  it('carries the figures of the first pack: 150.5, 213.5, 63.0, 364.1 (and the 364.0 its parts add up to)', () => {
    for (const figure of ['150.5', '213.5', '63.0', '364.1', '364.0']) expect(read.all).toContain(figure);
  });

  it('carries footnote numbers on the blocks and ends with the numbered source list', () => {
    // Three or more consecutive sources print as a range.
    expect(read.pages[0]).toMatch(/In brief ?\[1–3\]/);
    expect(read.pages[0]).toMatch(/as China's customs report it ?\[4\]/);
    const sources = read.all.slice(read.all.lastIndexOf('Sources'));
    expect(sources).toMatch(/1\. ?Global Times/);
    expect(sources).toMatch(/2\. ?Yonhap News Agency/);
    expect(sources).toMatch(/4\. ?General Administration of Customs of China/);
    expect(sources).toContain('(S5)');
    expect(sources).toContain('As cited in Global Times');
  });

  it('draws the chart: bars in both colours, a chart area far from blank', () => {
    const pngs = renderPages(pdf, 'default-briefing');
    expect(pngs).toHaveLength(read.totalPages);
    const chart = chartDrawn(pngs);
    expect(chart, 'no drawn trade chart found on any page').not.toBeNull();
    expect(chart!.variance).toBeGreaterThan(500);
  });

  it('prints Korean and Chinese names from the bundled CJK font, in the text layer', () => {
    const compact = read.all.replace(/\s+/g, '');
    for (const s of ['대한무역투자진흥공사', '서울', '山东省', '西安', '北京', '인천', '青岛']) expect(compact).toContain(s);
    const fonts = pdffonts(pdf, 'default');
    expect(fonts).toMatch(/\+TradebriefCJKKR-Regular/);
    expect(fonts).toMatch(/\+TradebriefCJKSC-Regular/);
  });

  it('made no request outside the app and raised no page error', () => {
    expect(app.foreignRequests).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  });
});

describe('page setups', () => {
  it('prints US Letter landscape with the same header and footer', async () => {
    const page = await app.newPage();
    const setup: PageSetup = { paper: 'Letter', orientation: 'landscape' };
    const { pdf } = await printToPdf(page, app.host.url, printRoute({ briefing: DEFAULT_ID }, setup), { setup, today: TODAY });
    const read = await readPdf(pdf);
    expect(Math.abs(read.width - 792)).toBeLessThan(1);
    expect(Math.abs(read.height - 612)).toBeLessThan(1);
    expect(read.pages[0]).toContain(`page 1 of ${read.totalPages}`);
    expect(read.all).toContain('364.1');
    expect(chartDrawn(renderPages(pdf, 'default-letter-landscape'))).not.toBeNull();
    await page.close();
  });

  it('prints light paper from a window in a dark theme (a hidden print window follows the system)', async () => {
    const page = await app.newPage({ colorScheme: 'dark' });
    const { pdf } = await printToPdf(page, app.host.url, printRoute({ briefing: DEFAULT_ID }), { setup: A4, today: TODAY });
    await page.close();
    // The light theme's bar colours (the dark theme's are lighter blue and orange), on a white page.
    const pngs = renderPages(pdf, 'default-dark-system');
    const chart = chartDrawn(pngs);
    expect(chart, 'no trade chart in the light colours').not.toBeNull();
    // Around the bars the chart is paper-white, not the dark theme's chart background (#1b2027).
    const image = decodePng(readFileSync(pngs[chart!.page - 1]!));
    const box = matchingPixels(image, EXPORT_BLUE, 30).box!;
    let sum = 0;
    for (let y = box.y0; y <= box.y1; y++) {
      for (let x = box.x0; x <= box.x1; x++) {
        const i = (y * image.width + x) * 3;
        sum += 0.2126 * image.rgb[i]! + 0.7152 * image.rgb[i + 1]! + 0.0722 * image.rgb[i + 2]!;
      }
    }
    expect(sum / ((box.x1 - box.x0 + 1) * (box.y1 - box.y0 + 1))).toBeGreaterThan(170);
  });

  it('fails with a clear error, not a hang, when the print route cannot be drawn', async () => {
    const page = await app.newPage();
    await expect(printToPdf(page, app.host.url, printRoute({ briefing: 'no-such-briefing' }), { setup: A4, today: TODAY })).rejects.toThrow(
      /cannot be printed: No briefing with id no-such-briefing/,
    );
    await expect(printToPdf(page, app.host.url, '#/print/briefing/x', { setup: A4, today: TODAY, timeoutMs: 1 })).rejects.toThrow(
      /did not become ready within 0 s|cannot be printed/,
    );
    app.pageErrors.length = 0;
    await page.close();
  });

  it('prints the route it was given in a window that printed another route before', async () => {
    const id = await createBriefing({
      title: 'Printed second',
      classification: '',
      blocks: [{ kind: 'text', config: { heading: 'Second', markdown: 'Only in the second briefing.' } }],
    });
    const page = await app.newPage();
    const first = await printToPdf(page, app.host.url, printRoute({ briefing: DEFAULT_ID }), { setup: A4, today: TODAY });
    // Another route in the same window is a change of hash: the first layout's "ready" is still set when the printer starts waiting.
    const second = await printToPdf(page, app.host.url, printRoute({ briefing: id }), { setup: A4, today: TODAY });
    await page.close();
    expect(first.title).toBe('Korea–China trade push, August 2022');
    expect(second.title).toBe('Printed second');
    const read = await readPdf(second.pdf);
    expect(read.all).toContain('Only in the second briefing.');
    expect(read.all).not.toContain('Korea–China trade push');
  });

  it('prints a briefing in English without waiting for the bundled CJK faces it does not use', async () => {
    const id = await createBriefing({
      title: 'English only',
      classification: '',
      blocks: [{ kind: 'text', config: { heading: 'Plain', markdown: 'Nothing here needs a Korean or Chinese face.' } }],
    });
    const page = await app.newPage();
    // The layout starts loading both CJK faces (1.5 MB) whatever its text: here they arrive only once the PDF is made.
    let release = (): void => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    const held: string[] = [];
    await page.route(/\.woff2$/, async (route) => {
      held.push(route.request().url());
      await released;
      await route.fallback().catch(() => undefined);
    });
    try {
      const { pdf } = await printToPdf(page, app.host.url, printRoute({ briefing: id }), { setup: A4, today: TODAY });
      expect((await readPdf(pdf)).all).toContain('Nothing here needs a Korean or Chinese face.');
    } finally {
      release();
    }
    expect(held.length).toBeGreaterThan(0);
    await page.close();
  });

  it("asks for the briefing and the bundled faces as the page starts, before the layout's code has loaded, and for the briefing once", async () => {
    const page = await app.newPage();
    const requested: string[] = [];
    let release = (): void => {};
    const asked = new Promise<void>((resolve) => (release = resolve));
    page.on('request', (request) => {
      requested.push(new URL(request.url()).pathname);
      const faces = new Set(requested.filter((path) => path.endsWith('.woff2')));
      if (requested.includes('/api/getBriefing') && faces.size === 2) release();
    });
    // The layout's code is held until the page has asked for the briefing and both faces: a page that asked for them
    // from the layout's code only would never be given it, and the print would time out.
    await page.route(/\/assets\/Print-[^/]*\.js$/, async (route) => {
      await asked;
      await route.fallback();
    });
    const { pdf } = await printToPdf(page, app.host.url, printRoute({ briefing: DEFAULT_ID }), {
      setup: A4,
      today: TODAY,
      timeoutMs: 20_000,
    });
    expect((await readPdf(pdf)).all).toContain('Korea–China trade push');
    expect(requested.filter((path) => path === '/api/getBriefing')).toHaveLength(1);
    // The chart, drawn once at a fixed size, has its box's size at three device pixels per CSS pixel.
    const canvases = (await page.evaluate(
      `[...document.querySelectorAll('canvas')].map((c) => [c.width, c.height, c.parentElement.clientWidth, c.parentElement.clientHeight])`,
    )) as [number, number, number, number][];
    expect(canvases.length).toBeGreaterThan(0);
    for (const [width, height, boxWidth, boxHeight] of canvases) {
      expect(boxWidth).toBeGreaterThan(500);
      expect([width, height]).toEqual([boxWidth * 3, boxHeight * 3]);
    }
    await page.close();
  });

  it("fails with a clear error, not a hang, when the print layout's code cannot be loaded", async () => {
    const page = await app.newPage();
    await page.route(/\/assets\/Print-[^/]*\.js$/, (route) => route.abort('failed'));
    await expect(printToPdf(page, app.host.url, printRoute({ briefing: DEFAULT_ID }), { setup: A4, today: TODAY })).rejects.toThrow(
      /cannot be printed: .*Print-[^ ]*\.js/,
    );
    app.pageErrors.length = 0;
    await page.close();
  });
});

describe('a briefing with six charts', () => {
  // Five pages before the export sectors took the later sourced figures (their definitions are printed in the sectors table): seven now.
  it('prints on seven A4 pages, every chart whole, at print resolution and beside its heading', async () => {
    const id = await createBriefing({ title: 'Five pages, six charts', classification: 'For internal use', blocks: sixChartBriefing() });
    const page = await app.newPage();
    const { pdf } = await printToPdf(page, app.host.url, printRoute({ briefing: id }), { setup: A4, today: TODAY });
    await page.close();
    const read = await readPdf(pdf);
    expect(read.totalPages).toBe(7);
    // Each chart is one bitmap drawn once: a chart cut across two pages would be drawn on both.
    const images = pdfImages(pdf, 'six-charts');
    expect(images).toHaveLength(6);
    expect(new Set(images.map((i) => i.object)).size).toBe(6);
    for (const image of images) {
      expect(image.ppi).toBeGreaterThanOrEqual(280);
      expect(image.width / image.height).toBeGreaterThan(2.5); // a wide chart, not a sliver
      expect(image.height).toBeGreaterThanOrEqual(600); // 200 CSS px or more at 3 device pixels each: readable
    }
    // Every chart's heading is on the page of its chart (a heading never ends a page alone).
    const compact = read.pages.map((t) => t.replace(/\s+/g, ''));
    for (const [reporter, partner, from, to] of [
      ['KOR', 'CHN', 1992, 2024],
      ['KOR', 'CHN', 2010, 2024],
      ['KOR', 'CHN', 1992, 2008],
      ['CHN', 'KOR', 2015, 2024],
      ['KOR', 'CHN', 2000, 2012],
      ['KOR', 'CHN', 2018, 2024],
    ] as const) {
      const heading = compact.findIndex((t) => t.includes(`${reporter}–${partner},${from}–${to}`));
      const names = reporter === 'KOR' ? 'SouthKorea–China' : 'China–SouthKorea';
      const title = compact.findIndex((t) => t.includes(`${names},${from}–${to}(USDbn`));
      expect(heading, `${reporter}–${partner} ${from}–${to}`).toBeGreaterThanOrEqual(0);
      expect(title).toBe(heading);
    }
    const pngs = renderPages(pdf, 'six-chart-briefing');
    expect(pngs).toHaveLength(7);
    expect(chartDrawn(pngs)).not.toBeNull();
    expect(app.foreignRequests).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  });
});

describe("a printed chart's image", () => {
  const sixCharts = (): Promise<string> =>
    createBriefing({ title: 'Six charts, encoded', classification: 'For internal use', blocks: sixChartBriefing() });
  /** Counts the page's own PNG encodings (a canvas's toBlob and toDataURL), before any of the app's code runs. */
  const COUNT_ENCODING = `(() => {
    window.__encodedHere = 0;
    for (const name of ['toBlob', 'toDataURL']) {
      const own = HTMLCanvasElement.prototype[name];
      HTMLCanvasElement.prototype[name] = function (...args) {
        window.__encodedHere++;
        return own.apply(this, args);
      };
    }
  })()`;

  it("is encoded in a worker, not on the page's thread, and holds the canvas's pixels exactly", async () => {
    const id = await sixCharts();
    const page = await app.newPage();
    await page.addInitScript(COUNT_ENCODING);
    const workers: string[] = [];
    page.on('worker', (worker) => workers.push(worker.url()));
    const { pdf } = await printToPdf(page, app.host.url, printRoute({ briefing: id }), { setup: A4, today: TODAY });
    expect(await page.evaluate('window.__encodedHere')).toBe(0);
    expect(workers.some((url) => /\/assets\/png-worker-[^/]*\.js$/.test(url))).toBe(true);
    // Each hidden canvas (the chart as drawn) against the image printed in its place, pixel for pixel.
    const canvases = (await page.evaluate(
      `[...document.querySelectorAll('canvas')].map((c) => (c.style.display === 'none' ? c.toDataURL('image/png') : null))`,
    )) as (string | null)[];
    await page.close();
    expect(canvases).toHaveLength(6);
    const dir = join(tmp.dir, 'encoded-images');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'six.pdf'), pdf);
    execFileSync('pdfimages', ['-png', join(dir, 'six.pdf'), join(dir, 'chart')]);
    const printed = readdirSync(dir)
      .filter((f) => f.endsWith('.png'))
      .sort()
      .map((f) => decodePng(readFileSync(join(dir, f))));
    expect(printed).toHaveLength(6);
    for (const [i, url] of canvases.entries()) {
      expect(url, `chart ${i + 1} printed as an image`).not.toBeNull();
      const drawn = decodePng(Buffer.from(url!.slice(url!.indexOf(',') + 1), 'base64'));
      const image = printed[i]!;
      expect([image.width, image.height]).toEqual([drawn.width, drawn.height]);
      expect(Buffer.compare(Buffer.from(image.rgb), Buffer.from(drawn.rgb)), `chart ${i + 1}'s pixels`).toBe(0);
    }
  });

  it('is encoded by the page, with no worker started, when the layout prints one chart', async () => {
    const page = await app.newPage();
    await page.addInitScript(COUNT_ENCODING);
    const workers: string[] = [];
    page.on('worker', (worker) => workers.push(worker.url()));
    const { pdf } = await printToPdf(page, app.host.url, printRoute({ briefing: DEFAULT_ID }), { setup: A4, today: TODAY });
    expect(await page.evaluate('window.__encodedHere')).toBe(1);
    expect(workers).toEqual([]);
    await page.close();
    expect(pdfImages(pdf, 'default-one-chart')).toHaveLength(1);
  });

  it("is encoded by the page when the worker's code cannot be loaded, and still prints every chart as an image", async () => {
    const id = await sixCharts();
    const page = await app.newPage();
    await page.addInitScript(COUNT_ENCODING);
    await page.route(/\/assets\/png-worker-[^/]*\.js$/, (route) => route.abort('failed'));
    const { pdf } = await printToPdf(page, app.host.url, printRoute({ briefing: id }), { setup: A4, today: TODAY });
    expect(await page.evaluate('window.__encodedHere')).toBe(6);
    await page.close();
    const images = pdfImages(pdf, 'six-charts-no-worker');
    expect(images).toHaveLength(6);
    for (const image of images) expect(image.ppi).toBeGreaterThanOrEqual(280);
    app.pageErrors.length = 0; // the refused worker's script is reported as a page error
  });
});

describe('dashboard summaries', () => {
  for (const name of PRINTABLE_DASHBOARDS) {
    it(`prints the ${name} summary to PDF`, async () => {
      const page = await app.newPage();
      const route = printRoute({
        dashboard: name,
        ...(name === 'trade' ? { query: { reporter: 'KOR', partner: 'CHN', from: '2000', to: '2024' } } : {}),
      });
      const { pdf, title } = await printToPdf(page, app.host.url, route, { setup: A4, today: TODAY });
      const read = await readPdf(pdf);
      expect(read.totalPages).toBeGreaterThanOrEqual(1);
      expect(read.pages[0]).toContain(`page 1 of ${read.totalPages}`);
      expect(read.pages[0]).toContain(title);
      expect(read.all).toContain('Sources');
      const pngs = renderPages(pdf, `dashboard-${name}`);
      if (name === 'trade') expect(chartDrawn(pngs)).not.toBeNull();
      if (name === 'overview') for (const figure of ['150.5', '213.5', '63.0']) expect(read.all).toContain(figure);
      if (name === 'projects') expect(read.all).toMatch(/South Korea–\s*Shandong industrial cooperation projects/);
      if (name === 'events') expect(read.all).toContain('2022 Korea-China Logistics Cooperation Forum');
      if (name === 'logistics') expect(read.all).toMatch(/25 to 30 days/);
      if (name === 'partners') {
        for (const heading of ['Top partners and their shares', 'Partners on the map', 'Rank of the top partners by year'])
          expect(read.all).toContain(heading);
        expect(read.all).toMatch(/South Korea's top 10 of \d+ partners by exports, \d{4}, USD bn Rank Partner Exports Share of total/);
        expect(read.all).toContain("China's share of South Korea's exports and imports by year");
      }
      expect(read.all).not.toMatch(/cannot be shown/);
      expect(app.foreignRequests).toEqual([]);
      expect(app.pageErrors).toEqual([]);
      await page.close();
    });
  }
});

describe('hostile Markdown', () => {
  const HOSTILE = [
    'Harmless opening line.',
    '<script>window.__pwned = "script"; alert(1)</script>',
    '<img src="x" onerror="window.__pwned = \'onerror\'; alert(2)">',
    '<svg onload="window.__pwned = \'svg\'"><circle r="5"/></svg>',
    "[click me](javascript:window.__pwned='link';alert(3))",
    '<a href="javascript:alert(4)" onclick="alert(5)">raw link</a>',
    '![remote](https://tracker.example.com/pixel.png)',
    '<iframe src="https://evil.example.com/"></iframe>',
    '<p style="background:url(https://evil.example.com/bg.png)" onmouseover="alert(6)">styled</p>',
    '<form action="https://evil.example.com/"><button>send</button></form>',
    '![inline](data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==)',
    'Closing line with a [real link](https://example.org/).',
  ].join('\n\n');

  it('displays and prints inert: no script, no handler, no dialog, no request', async () => {
    const created = await app.host.session.handlers.createBriefing({
      title: 'Hostile',
      audience: '',
      classification: '',
      blocks: [{ kind: 'text', config: { markdown: HOSTILE, sources: [] } }],
    });
    const page = await app.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(`${app.host.url}#/briefings/${encodeURIComponent(created.id)}`);
    const md = page.getByTestId('markdown').first();
    await md.waitFor();
    await md.hover();
    await page
      .getByText('raw link')
      .click()
      .catch(() => undefined);
    await page
      .getByText('click me')
      .click()
      .catch(() => undefined);
    const dom = await md.evaluate((el) => ({
      html: el.innerHTML,
      text: el.textContent,
      scripts: el.querySelectorAll('script, iframe, svg, form, object, embed').length,
      handlers: [...el.querySelectorAll('*')]
        .flatMap((n) => [...n.attributes].map((a) => a.name))
        .filter((n) => n.startsWith('on') || n === 'style'),
      jsLinks: [...el.querySelectorAll('a')].filter((a) => /^\s*javascript:/i.test(a.getAttribute('href') ?? '')).length,
      remoteImages: [...el.querySelectorAll('img')].filter((i) => /^(https?:|\/\/)/i.test(i.getAttribute('src') ?? '')).length,
      dataImages: [...el.querySelectorAll('img')].filter((i) => (i.getAttribute('src') ?? '').startsWith('data:image/png')).length,
      pwned: (globalThis as unknown as { __pwned?: string }).__pwned ?? null,
    }));
    expect(dom.scripts).toBe(0);
    expect(dom.handlers).toEqual([]);
    expect(dom.jsLinks).toBe(0);
    expect(dom.remoteImages).toBe(0);
    expect(dom.dataImages).toBe(1);
    expect(dom.pwned).toBeNull();
    expect(dom.html).toContain('Harmless opening line.');
    // Raw HTML in the note is shown as the text it is.
    expect(dom.text).toContain('<script>window.__pwned = "script"; alert(1)</script>');
    expect(dom.text).toContain('<a href="javascript:alert(4)" onclick="alert(5)">raw link</a>');
    expect(dom.html).toContain('href="https://example.org/"');

    const { pdf } = await printToPdf(page, app.host.url, printRoute({ briefing: created.id }), { setup: A4, today: TODAY });
    const read = await readPdf(pdf);
    expect(read.all).toContain('Harmless opening line.');
    expect(read.all).toContain('Closing line with a real link');
    expect(await page.evaluate('globalThis.__pwned ?? null')).toBeNull();
    expect(dialogs).toEqual([]);
    expect(app.foreignRequests).toEqual([]);
    expect(app.pageErrors).toEqual([]);
    await page.close();
  });

  it('draws a note nested 25,000 deep as its text, and the largest note of strike marks with a bounded number of elements', async () => {
    const deep = `Deep start\n${'> '.repeat(24_950)}deep end`;
    const marks = `Marks start ${'~a'.repeat(24_980)} marks end`;
    const created = await app.host.session.handlers.createBriefing({
      title: 'Hostile nesting',
      audience: '',
      classification: '',
      blocks: [
        { kind: 'text', config: { markdown: deep, sources: [] } },
        { kind: 'text', config: { markdown: marks, sources: [] } },
      ],
    });
    const page = await app.newPage();
    await page.goto(`${app.host.url}#/briefings/${encodeURIComponent(created.id)}`);
    const notes = page.getByTestId('markdown');
    await notes.nth(1).waitFor();
    const shown = await notes.evaluateAll((els) =>
      els.map((el) => {
        let depth = 0;
        interface Tree {
          children: ArrayLike<Tree>;
        }
        const walk = (n: Tree, d: number): void => {
          depth = Math.max(depth, d);
          for (let i = 0; i < n.children.length; i++) walk(n.children[i]!, d + 1);
        };
        walk(el, 0);
        return { text: el.textContent ?? '', depth, elements: el.querySelectorAll('*').length };
      }),
    );
    // The deep note: plain text, said so, every character kept.
    expect(shown[0]!.text).toContain(deep);
    expect(shown[0]!.text).toContain('shown as plain text');
    expect(shown[0]!.depth).toBeLessThanOrEqual(2);
    // The strike marks: at most MAX_ELEMENTS elements (the rest shown as typed), never nested past the tree's limit.
    expect(shown[1]!.text).toContain('Marks start');
    expect(shown[1]!.text).toContain('~a~a marks end');
    expect(shown[1]!.elements).toBeLessThanOrEqual(MAX_ELEMENTS + 1);
    expect(shown[1]!.depth).toBeLessThanOrEqual(40);
    expect(app.pageErrors).toEqual([]);
    await page.close();
  });
});

describe('CJK without any system CJK font', () => {
  let browser: Browser;
  beforeAll(async () => {
    // A Chromium whose fontconfig knows only DejaVu (no CJK): every CJK glyph must come from the app's font.
    const conf = join(tmp.dir, 'fonts.conf');
    writeFileSync(
      conf,
      `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig><dir>/usr/share/fonts/truetype/dejavu</dir><cachedir>${join(tmp.dir, 'fc-cache')}</cachedir></fontconfig>\n`,
    );
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_ARGS,
      headless: true,
      env: { ...process.env, FONTCONFIG_FILE: conf },
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('still prints Korean and Chinese with real glyphs from the bundled font', async () => {
    const context = await browser.newContext();
    await admit(context, app.host);
    const page = await context.newPage();
    const { pdf } = await printToPdf(page, app.host.url, printRoute({ briefing: DEFAULT_ID }), { setup: A4, today: TODAY });
    const fonts = pdffonts(pdf, 'no-system-cjk');
    expect(fonts).not.toMatch(/Noto ?Sans ?CJK/i);
    expect(fonts).toMatch(/\+TradebriefCJKKR-Regular/);
    expect(fonts).toMatch(/\+TradebriefCJKSC-Regular/);
    const read = await readPdf(pdf);
    // 산업일보 is in a source's publisher, in bold: synthesised from the regular face, not boxes.
    for (const s of ['대한무역투자진흥공사', '山东省', '青岛', '산업일보']) expect(read.all.replace(/\s+/g, '')).toContain(s);
    renderPages(pdf, 'no-system-cjk');
    // Negative control: text in a font stack without the bundled faces has no CJK font to draw with here.
    await page.setContent('<p style="font-family: \'DejaVu Sans\'">서울 山东省</p>');
    const control = pdffonts(await page.pdf(), 'control');
    expect(control).not.toMatch(/TradebriefCJK/);
    await page.close();
  });

  it('draws a Korean and Chinese title and classification in the header of every page, from the bundled fonts', async () => {
    const title = '한중 무역 브리핑 — 韩中贸易简报';
    const classification = '대외비 · 内部资料';
    const latin = Array.from(
      { length: 14 },
      (_, i) => `Paragraph ${i + 1}. ${'Exports and imports are shown as each reporter states them. '.repeat(8)}`,
    ).join('\n\n');
    const id = await createBriefing({ title, classification, blocks: [{ kind: 'text', config: { markdown: latin } }] });
    const context = await browser.newContext();
    await admit(context, app.host);
    const page = await context.newPage();
    const { pdf } = await printToPdf(page, app.host.url, printRoute({ briefing: id }), { setup: A4, today: TODAY });
    const read = await readPdf(pdf);
    expect(read.totalPages).toBeGreaterThanOrEqual(2);
    read.pages.forEach((text, i) => {
      const compact = text.replace(/\s+/g, '');
      expect(compact, `page ${i + 1}`).toContain('한중무역브리핑—韩中贸易简报');
      expect(compact, `page ${i + 1}`).toContain('대외비·内部资料');
      expect(text).toContain(`page ${i + 1} of ${read.totalPages}`);
    });
    // On the first page the title is drawn twice, in the header and as the document's heading (bold):
    // both in real glyphs (a box drawn for a missing glyph drops the character from the text layer).
    const first = read.pages[0]!.replace(/\s+/g, '');
    expect(first.split('한중무역브리핑—韩中贸易简报').length - 1).toBe(2);
    // Past the first page the body is Latin only: the CJK faces on page 2 are the header's.
    const fonts = pdffonts(pdf, 'cjk-header', { first: 2, last: 2 });
    expect(fonts).toMatch(/\+TradebriefCJKKR-Regular/);
    expect(fonts).toMatch(/\+TradebriefCJKSC-Regular/);
    renderPages(pdf, 'cjk-header');
    // Negative control: the same title in Chromium's own header template (its own document, system
    // fonts only) gets no CJK font here, which is why the page draws the header itself.
    await page.setContent('<p>body</p>');
    const control = await page.pdf({
      displayHeaderFooter: true,
      headerTemplate: `<div style="font-size:8px">${title}</div>`,
      footerTemplate: '<span></span>',
      margin: { top: '20mm', bottom: '18mm' },
    });
    expect(pdffonts(control, 'cjk-header-control')).not.toMatch(/TradebriefCJK|CJK/);
    await page.close();
    expect(app.foreignRequests).toEqual([]);
  });
});
