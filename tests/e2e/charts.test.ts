/**
 * Deck-ready charts, the partners' world map and the products treemap, in real Chromium against the
 * HTTP host: a database with the default packs and an imported Comtrade-like file of HS-6 rows.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { extractText, getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { importFile } from '../../db/imports/importer.ts';
import { openSession } from '../../db/session.ts';
import { seriousAxeViolations } from '../support/axe.ts';
import { downloadOf } from '../support/browser.ts';
import { appPerFile } from '../support/app-per-file.ts';
import { HEADER } from '../support/comtrade-like.ts';
import { decodePng } from '../support/png.ts';
import type { PageGlobals } from '../support/page-globals.ts';
import { tempDir } from '../support/temp.ts';

const tmp = tempDir();

/** HS-6 codes of Korea's trade with China (chapter, heading, code); values made up for the test, in USD. */
const CODES = [
  '854231',
  '854232',
  '854239',
  '850760',
  '852990',
  '847130',
  '847330',
  '848620',
  '870899',
  '870323',
  '390110',
  '390330',
  '290243',
  '901380',
  '330499',
  '271019',
];

function comtradeFile(path: string): void {
  const lines = [HEADER.join(',')];
  CODES.forEach((code, i) => {
    for (const year of [2022, 2023]) {
      for (const flow of ['X', 'M']) {
        const value = Math.round((CODES.length - i) ** 2 * 5e7 * (year === 2023 ? 1.1 : 1) * (flow === 'X' ? 1 : 0.6));
        lines.push(
          `C,A,${year},52,${year},410,KOR,Rep. of Korea,${flow},156,CHN,China,0,H6,${code},6,True,C00,0,0,0,,${value},${value},True,False`,
        );
      }
    }
  });
  writeFileSync(path, `${lines.join('\n')}\n`);
}

const app = appPerFile(
  () => {
    const dbPath = tmp.file('charts.sqlite');
    // A new database with the default packs (Korea's trade with every partner), then the HS-6 import.
    const session = openSession({ path: dbPath });
    const csv = tmp.file('kor-chn-hs6.csv');
    comtradeFile(csv);
    importFile(session.db, { path: csv, onlyValidRows: true, userName: 'test' });
    session.close();
    return { dbPath, today: '2024-06-01' };
  },
  () => tmp.cleanup(),
);

async function open(page: Page, hash: string): Promise<void> {
  await page.goto(`${app.host.url}${hash}`);
  await page.locator('main h1').waitFor();
  await expect.poll(() => page.locator('main .state-loading').count()).toBe(0);
  await expect.poll(() => page.locator('figure.chart[data-chart-ready="false"]').count(), { timeout: 15_000 }).toBe(0);
}

async function chartReady(page: Page, testid: string): Promise<void> {
  await expect.poll(() => page.locator(`figure[data-testid="${testid}"][data-chart-ready="true"]`).count(), { timeout: 15_000 }).toBe(1);
}

/** The map is drawn when it is about to come into view (PartnerMap.svelte): scrolled to, as a reader would. */
async function mapShown(page: Page): Promise<void> {
  await page.getByTestId('partners-map').scrollIntoViewIfNeeded();
  await chartReady(page, 'partners-map-chart');
}

/** The fill of every country of the map, by alpha-3 code (or name where it has none), and whether it links to a pair. */
function mapFills(page: Page): Promise<{ key: string; fill: string; link: boolean }[]> {
  return page
    .getByTestId('partners-map-chart')
    .locator('svg path[data-index]')
    .evaluateAll((paths) =>
      paths.map((p) => ({
        key: p.getAttribute('data-iso3') ?? p.closest('a')?.getAttribute('data-iso3') ?? '',
        fill: p.getAttribute('fill') ?? '',
        link: p.closest('a') !== null,
      })),
    );
}

/** A CSS variable of the page. */
function cssValue(page: Page, name: string): Promise<string> {
  return page.locator('html').evaluate((html, n) => {
    const { getComputedStyle } = globalThis as unknown as { getComputedStyle(e: unknown): { getPropertyValue(name: string): string } };
    return getComputedStyle(html).getPropertyValue(n).trim();
  }, name);
}

/** A colour variable of the page as rgb(r, g, b), as the map writes the colours it mixes. */
async function cssRgb(page: Page, name: string): Promise<string> {
  const value = await cssValue(page, name);
  return `rgb(${[1, 3, 5].map((i) => parseInt(value.slice(i, i + 2), 16)).join(', ')})`;
}

describe('the partners world map', () => {
  it("colours Korea's partners by exports; a click on China, Enter on Japan, or a partner chosen in the list opens the pair", async () => {
    const page = await app.newPage({ reducedMotion: 'reduce' });
    await open(page, '#/partners?reporter=KOR&year=2023');
    const map = page.getByTestId('partners-map');
    // Below the ranking: its place is kept, and the map drawn as it comes into view.
    expect(await page.getByTestId('partners-map-place').count()).toBe(1);
    expect(await page.getByTestId('partners-map-chart').count()).toBe(0);
    await mapShown(page);
    expect(await page.getByTestId('partners-map-place').count()).toBe(0);
    expect(await map.locator('h2').innerText()).toBe("South Korea's partners on the map, 2023");
    // The table alternative lists the same figures as the ranking (China first by exports).
    // From the keyboard: a disclosure (its words change, so its state is aria-expanded, not aria-pressed), the table it
    // shows named by aria-controls, and the focus kept on it.
    const toggle = map.getByRole('button', { name: 'Show as table' });
    expect([await toggle.getAttribute('aria-expanded'), await toggle.getAttribute('aria-pressed')]).toEqual(['false', null]);
    await toggle.focus();
    await page.keyboard.press('Enter');
    const hide = map.getByRole('button', { name: 'Hide table' });
    expect(await hide.getAttribute('aria-expanded')).toBe('true');
    expect(
      await page
        .locator(`#${await hide.getAttribute('aria-controls')}`)
        .getByTestId('partners-map-chart-table')
        .count(),
    ).toBe(1);
    expect(await hide.evaluate((b) => b === (b.ownerDocument as unknown as { activeElement: unknown }).activeElement)).toBe(true);
    const first = await page.getByTestId('partners-map-chart-table').locator('tbody tr').first().innerText();
    expect(first).toMatch(/^China\s+124\.8 bn\s+19\.7%$/);
    await map.getByRole('button', { name: 'Hide table' }).click();
    for (const width of [1440, 1024, 800]) {
      await page.setViewportSize({ width, height: 1000 });
      await chartReady(page, 'partners-map-chart');
      // The map fits: nothing wider than its frame, nor the page.
      const svg = (await map.locator('svg').boundingBox())!;
      const frame = (await map.locator('.chart-canvas').boundingBox())!;
      expect(svg.x + svg.width).toBeLessThanOrEqual(frame.x + frame.width + 0.5);
      const overflow = await page.evaluate(() => {
        const { document, innerWidth } = globalThis as unknown as PageGlobals;
        return (document.scrollingElement?.scrollWidth ?? 0) - innerWidth;
      });
      expect(overflow).toBeLessThanOrEqual(0);
      await map.screenshot({ path: `tests/artifacts/partners-map-${width}-light.png` });
    }
    await page.setViewportSize({ width: 1280, height: 900 });
    await chartReady(page, 'partners-map-chart');

    // China has the largest exports: the scale's last colour, and only China has it. A partner with no figure for
    // 2023 is in the "not reported" colour and links nowhere; every partner with a figure links to its pair.
    const fills = await mapFills(page);
    const accent = await cssRgb(page, '--accent');
    expect(fills.filter((f) => f.fill === accent).map((f) => f.key)).toEqual(['CHN']);
    const missing = await cssValue(page, '--border');
    const grey = fills.filter((f) => f.fill === missing);
    expect(grey.length).toBeGreaterThan(0);
    expect(grey.every((f) => !f.link)).toBe(true);
    expect(fills.filter((f) => f.link).length).toBeGreaterThan(150);
    // The legend: the unit, values in it, and the "not reported" swatch.
    const legend = await page.getByTestId('partners-map-chart').locator('svg text').allTextContents();
    expect(legend).toContain('USD bn');
    expect(legend).toContain('not reported');
    expect(await page.getByTestId('partners-map-chart-tick').allTextContents()).toEqual(['10 mn', '1 bn', '100 bn']);

    // A pointer on China: its figure and its source.
    const china = page.getByTestId('partners-map-chart').locator('a[data-iso3="CHN"] path');
    await china.hover();
    const tip = page.getByTestId('partners-map-chart-tip');
    await expect.poll(() => tip.innerText()).toMatch(/^China: 124\.8 bn\s+Source: Korea Customs Service \(KCS\) via KOSIS/);
    await page.screenshot({ path: 'tests/artifacts/partners-map-tooltip.png' });
    // A country with no figure says so, never zero: South Korea itself, never its own partner.
    const korea = page.getByTestId('partners-map-chart').locator('path[data-not-reported="true"][data-iso3="KOR"]');
    expect(await korea.count()).toBe(1);
    await korea.hover();
    await expect.poll(() => tip.innerText()).toBe('South Korea: not reported');
    await china.click();
    await expect.poll(() => page.url()).toMatch(/#\/trade\?reporter=KOR&partner=CHN$/);

    // The keyboard: one tab stop on the map (the largest partner), the arrow keys from country to country by size,
    // Enter on the focused country.
    await open(page, '#/partners?reporter=KOR&year=2023');
    await mapShown(page);
    const figure = page.getByTestId('partners-map-chart');
    expect(await figure.locator('a[tabindex="0"]').count()).toBe(1);
    await figure.getByRole('button', { name: 'Copy' }).focus();
    await page.keyboard.press('Tab');
    const focused = (): Promise<string | null> =>
      page.evaluate(() => {
        const { document } = globalThis as unknown as { document: { activeElement: { getAttribute(n: string): string | null } | null } };
        return document.activeElement?.getAttribute('data-iso3') ?? null;
      });
    expect(await focused()).toBe('CHN');
    await page.keyboard.press('ArrowRight');
    expect(await focused()).toBe('USA');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowRight');
    expect(await focused()).toBe('USA');
    expect(await figure.locator('a[data-iso3="USA"]').getAttribute('aria-label')).toMatch(/^United States: [\d.]+ bn\. Source: /);
    await expect.poll(() => tip.innerText()).toMatch(/^United States: /);
    await figure.screenshot({ path: 'tests/artifacts/partners-map-focus.png' });
    await page.keyboard.press('Enter');
    await expect.poll(() => page.url()).toMatch(/#\/trade\?reporter=KOR&partner=USA$/);

    // The country list and "Open the pair".
    await open(page, '#/partners?reporter=KOR&year=2023');
    await page.getByTestId('partners-map-country').selectOption('VNM');
    await page.getByTestId('partners-map-open').press('Enter');
    await expect.poll(() => page.url()).toMatch(/#\/trade\?reporter=KOR&partner=VNM$/);
    expect(app.pageErrors).toEqual([]);
  });

  it('shows the balance around zero, in the dark theme too, and stays accessible', async () => {
    const page = await app.newPage({ colorScheme: 'dark', reducedMotion: 'reduce' });
    await open(page, '#/partners?reporter=KOR&year=2023');
    await page.getByTestId('partners-map-measure').selectOption('balance');
    await mapShown(page);
    const map = page.getByTestId('partners-map');
    expect(await map.getByTestId('partners-map-chart').locator('.chart-title').innerText()).toBe(
      "South Korea's balance of trade by partner, 2023",
    );
    // Diverging: the legend runs from the largest deficit through zero to the largest surplus.
    const ticks = await page.getByTestId('partners-map-chart-tick').allTextContents();
    expect(ticks).toHaveLength(3);
    expect(ticks[0]).toMatch(/^−[\d.]+ bn$/);
    expect(ticks[1]).toBe('0 bn');
    expect(ticks[2]).toBe(ticks[0]!.replace('−', '+'));
    // The dark theme's colours: the map's background is the dark surface.
    expect(await map.locator('svg > rect').first().getAttribute('fill')).toBe('#1b2027');
    for (const width of [1440, 1024, 800]) {
      await page.setViewportSize({ width, height: 1000 });
      await chartReady(page, 'partners-map-chart');
      await map.screenshot({ path: `tests/artifacts/partners-map-${width}-dark.png` });
    }
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it('fetches the outlines only when the map is shown, once per window', async () => {
    const page = await app.newPage({ reducedMotion: 'reduce' });
    const fetched: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/world-map.json') fetched.push(request.url());
    });
    await open(page, '#/overview');
    await open(page, '#/trade?reporter=KOR&partner=CHN');
    expect(fetched).toHaveLength(0);
    await page.evaluate(() => {
      (globalThis as unknown as PageGlobals).location.hash = '#/partners?reporter=KOR&year=2023';
    });
    await mapShown(page);
    expect(fetched).toHaveLength(1);
    // Away and back: the map is made anew, its outlines are not fetched again.
    await page.evaluate(() => {
      (globalThis as unknown as PageGlobals).location.hash = '#/overview';
    });
    await page.locator('#partners-map-title').waitFor({ state: 'detached' });
    await page.evaluate(() => {
      (globalThis as unknown as PageGlobals).location.hash = '#/partners?reporter=KOR&year=2022';
    });
    await expect.poll(() => page.locator('#partners-map-title').innerText()).toContain('2022');
    await mapShown(page);
    expect(fetched).toHaveLength(1);
  });

  it('prints as a vector drawing: its legend is text of the PDF', async () => {
    const page = await app.newPage({ reducedMotion: 'reduce' });
    await page.setViewportSize({ width: 1024, height: 900 });
    await open(page, '#/partners?reporter=KOR&year=2023');
    // Printed without scrolling to the map: it is drawn for the paper.
    expect(await page.getByTestId('partners-map-place').count()).toBe(1);
    await page.emulateMedia({ media: 'print' });
    const file = 'tests/artifacts/partners-print.pdf';
    writeFileSync(file, await page.pdf({ format: 'A4', printBackground: true }));
    const doc = await getDocumentProxy(new Uint8Array(readFileSync(file)));
    const { text } = await extractText(doc, { mergePages: false });
    // The legend's unit, its values and the "not reported" swatch's label are printed as text, not pixels, on one page.
    const mapPage = text.findIndex((p) => /USD bn/.test(p) && /not reported/.test(p) && /10 mn\s+1 bn\s+100 bn/.test(p));
    expect(mapPage).toBeGreaterThanOrEqual(0);
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '100',
      '-f',
      String(mapPage + 1),
      '-l',
      String(mapPage + 1),
      file,
      'tests/artifacts/partners-print',
    ]);
  });

  it('saves the map as a PNG at twice its size, the countries drawn in their colours', async () => {
    const page = await app.newPage({ reducedMotion: 'reduce' });
    await open(page, '#/partners?reporter=KOR&year=2023');
    await mapShown(page);
    const figure = page.getByTestId('partners-map-chart');
    const size = await figure.locator('svg').evaluate((el) => ({ width: el.clientWidth, height: el.clientHeight }));
    const file = await downloadOf(
      page,
      () => figure.getByRole('button', { name: 'Save as PNG' }).click(),
      'tests/artifacts/partners-map-saved.png',
    );
    expect(file.name).toBe('partner-map-KOR-exports-2023.png');
    const image = decodePng(readFileSync(file.path));
    expect(image.width).toBe(2 * size.width);
    expect(image.height).toBe(2 * (size.height + 52 + 30));
    // China's colour (the scale's last, the accent) is in the image, in the map's band.
    const accent = (await cssRgb(page, '--accent')).match(/\d+/g)!.map(Number);
    let n = 0;
    for (let y = 2 * 52; y < 2 * (52 + size.height); y++)
      for (let x = 0; x < image.width; x++) {
        const o = (y * image.width + x) * 3;
        if (Math.abs(image.rgb[o]! - accent[0]!) + Math.abs(image.rgb[o + 1]! - accent[1]!) + Math.abs(image.rgb[o + 2]! - accent[2]!) <= 6)
          n++;
      }
    expect(n).toBeGreaterThan(1000);
  });
});

describe('the products treemap', () => {
  it('lists the chapters, drills chapter → heading → code by click and by Enter, and goes back by the breadcrumb', async () => {
    const page = await app.newPage({ reducedMotion: 'reduce' });
    await open(page, '#/products?reporter=KOR&partner=CHN');
    await chartReady(page, 'products-treemap');
    const codes = (): Promise<string[]> =>
      page
        .getByTestId('products-table')
        .locator('tbody tr')
        .evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-code') ?? ''));
    expect(await codes()).toEqual(['85', '84', '87', '39', '29', '90', '33', '27']);
    const first = await page.getByTestId('products-table').locator('tbody tr').first().innerText();
    // Chapter 85: three headings, 2023 = 1.1 × 2022; shares of the pair's stated total (KOSIS, from the world pack: 124.8 bn).
    // 85 in 2023: (16² + 15² + 14² + 13² + 12²) × 5e7 × 1.1 = 54,450 mn, 43.6 % of 124,817.7 mn.
    expect(first).toMatch(/^85\s+54,450\.0\s+43\.6%\s+\+10\.0%\s+sum of 3 headings/);
    expect(await page.locator('main').innerText()).toMatch(/Shares are of the pair's total exports as stated \(USD 124,817\.7 mn\)/);

    // A click on the treemap's largest box (squarified: top left) drills into chapter 85.
    const canvas = page.getByTestId('products-treemap').locator('canvas');
    await canvas.click({ position: { x: 20, y: 20 } });
    await expect.poll(() => page.url()).toMatch(/hs=85/);
    await chartReady(page, 'products-treemap');
    await expect.poll(codes).toEqual(['8542', '8507', '8529']);
    expect(await page.getByTestId('products-breadcrumb').innerText()).toMatch(/All chapters\s*›?\s*HS 85/);

    // Enter on a heading's code in the table drills into its codes.
    await page.getByRole('button', { name: 'HS 8542: show its codes' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.url()).toMatch(/hs=8542/);
    await expect.poll(codes).toEqual(['854231', '854232', '854239']);
    await chartReady(page, 'products-treemap');
    // The button pressed went with its list: the focus is on the list now shown (its scrolling region), not on <body>.
    const focused = (): Promise<string> =>
      page.evaluate(
        "(() => { const e = document.activeElement; return e === document.body ? '<body>' : e.getAttribute('aria-label') ?? e.textContent.trim(); })()",
      );
    expect(await focused()).toBe('Products (scrolls sideways on a narrow window)');
    for (const [width, scheme] of [
      [1440, 'light'],
      [1024, 'light'],
      [800, 'light'],
    ] as const) {
      await page.setViewportSize({ width, height: 1000 });
      await chartReady(page, 'products-treemap');
      await page.locator('main').screenshot({ path: `tests/artifacts/products-${width}-${scheme}.png` });
    }
    await page.setViewportSize({ width: 1280, height: 900 });

    // Back by the breadcrumb: to the chapter (with the keyboard: the focus stays in the breadcrumb), then to all chapters.
    await page.getByTestId('products-breadcrumb').getByRole('button', { name: 'HS 85' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(codes).toEqual(['8542', '8507', '8529']);
    await expect.poll(focused).toBe('All chapters');
    await page.getByTestId('products-breadcrumb').getByRole('button', { name: 'All chapters' }).click();
    await expect.poll(codes).toEqual(['85', '84', '87', '39', '29', '90', '33', '27']);
    expect(page.url()).not.toMatch(/hs=/);
    expect(app.pageErrors).toEqual([]);
  });

  it('reads in the dark theme at every width, and passes axe', async () => {
    const page = await app.newPage({ colorScheme: 'dark', reducedMotion: 'reduce' });
    await open(page, '#/products?reporter=KOR&partner=CHN');
    for (const width of [1440, 1024, 800]) {
      await page.setViewportSize({ width, height: 1000 });
      await chartReady(page, 'products-treemap');
      await page.locator('main').screenshot({ path: `tests/artifacts/products-${width}-dark.png` });
    }
    expect(await seriousAxeViolations(page)).toEqual([]);
  });
});

describe('deck-ready chart images', () => {
  it('draws the image’s unit and source lines in the interface’s language', async () => {
    const page = await app.newPage({ reducedMotion: 'reduce' });
    // Every text the page draws on a canvas, in order.
    await page.addInitScript(() => {
      const g = globalThis as unknown as {
        drawn: string[];
        CanvasRenderingContext2D: { prototype: { fillText: (text: string, ...rest: number[]) => void } };
      };
      g.drawn = [];
      const fillText = g.CanvasRenderingContext2D.prototype.fillText;
      g.CanvasRenderingContext2D.prototype.fillText = function (this: unknown, text: string, ...rest: number[]) {
        g.drawn.push(text);
        fillText.call(this, text, ...rest);
      };
      localStorage.setItem('tradebrief.language', 'ko');
    });
    /** The texts drawn while the first chart of the view at `hash` is saved as an image. */
    const drawnWhileSaving = async (hash: string): Promise<string[]> => {
      await open(page, hash);
      const figure = page.locator('figure.chart[data-chart-ready="true"]').first();
      await figure.waitFor();
      await page.evaluate(() => ((globalThis as unknown as { drawn: string[] }).drawn.length = 0));
      await downloadOf(page, () => figure.getByRole('button', { name: 'PNG로 저장' }).click(), 'tests/artifacts/chart-saved-ko.png');
      return page.evaluate(() => (globalThis as unknown as { drawn: string[] }).drawn);
    };
    try {
      // Top products names its unit; the Logistics chart has no source line of its own, so the image says where they are.
      const products = await drawnWhileSaving('#/products?reporter=KOR&partner=CHN');
      expect(products).toContain('단위: 백만 달러');
      const logistics = await drawnWhileSaving('#/logistics');
      expect(logistics).toContain('출처: Tradebrief의 각 수치에 표시된 출처');
      expect([...products, ...logistics].filter((text) => /^(Unit|Source):/.test(text))).toEqual([]);
    } finally {
      await page.evaluate(() => localStorage.removeItem('tradebrief.language'));
    }
  });

  it('saves a PNG at twice the chart size with the title drawn above the chart, through the host', async () => {
    const page = await app.newPage({ reducedMotion: 'reduce' });
    await open(page, '#/products?reporter=KOR&partner=CHN');
    await chartReady(page, 'products-treemap');
    const figure = page.getByTestId('products-treemap');
    const size = await figure.locator('.chart-canvas').evaluate((el) => ({ width: el.clientWidth, height: el.clientHeight }));
    const file = await downloadOf(
      page,
      () => figure.getByRole('button', { name: 'Save as PNG' }).click(),
      'tests/artifacts/chart-saved.png',
    );
    expect(file.name).toBe('products-KOR-CHN-export-2023.png');
    const image = decodePng(readFileSync(file.path));
    // The chart at 2×, with a 52 px title band and a 30 px source band (also at 2×).
    expect(image.width).toBe(2 * size.width);
    expect(image.height).toBe(2 * (size.height + 52 + 30));
    const row = (y: number): number[] => [...image.rgb.subarray(y * image.width * 3, (y + 1) * image.width * 3)];
    const inked = (y0: number, y1: number): number => {
      const bg = row(0).slice(0, 3);
      let n = 0;
      for (let y = y0; y < y1; y++) {
        const r = row(y);
        for (let x = 0; x < image.width; x++)
          if (Math.abs(r[x * 3]! - bg[0]!) + Math.abs(r[x * 3 + 1]! - bg[1]!) + Math.abs(r[x * 3 + 2]! - bg[2]!) > 120) n++;
      }
      return n;
    };
    // Nothing above the title; the title's letters in its line (2 × 10–28 px); the source line under the chart.
    expect(inked(0, 12)).toBe(0);
    expect(inked(20, 56)).toBeGreaterThan(400);
    expect(inked(2 * (52 + size.height) + 10, image.height)).toBeGreaterThan(100);
    // The chart itself: its boxes fill most of its band.
    expect(inked(2 * 52, 2 * (52 + size.height))).toBeGreaterThan(image.width * size.height);
    await expect.poll(() => page.locator('.notice, [role="status"]').filter({ hasText: 'Saved the chart as' }).count()).toBeGreaterThan(0);
  });

  it('copies the image to the clipboard as image/png, and says so plainly when the clipboard refuses', async () => {
    await app.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(app.host.url).origin });
    const page = await app.newPage({ reducedMotion: 'reduce' });
    await open(page, '#/products?reporter=KOR&partner=CHN');
    await chartReady(page, 'products-treemap');
    const figure = page.getByTestId('products-treemap');
    const width = await figure.locator('.chart-canvas').evaluate((el) => el.clientWidth);
    await figure.getByRole('button', { name: 'Copy' }).click();
    await expect.poll(() => page.getByText(/Copied the chart/).count()).toBeGreaterThan(0);
    const copied = await page.evaluate(async () => {
      const browser = globalThis as unknown as {
        navigator: { clipboard: { read(): Promise<{ types: string[]; getType(type: string): Promise<unknown> }[]> } };
        createImageBitmap(blob: unknown): Promise<{ width: number }>;
      };
      const [item] = await browser.navigator.clipboard.read();
      const bitmap = await browser.createImageBitmap(await item!.getType('image/png'));
      return { types: item!.types, width: bitmap.width };
    });
    expect(copied.types).toContain('image/png');
    expect(copied.width).toBe(2 * width);

    // Chromium itself refuses: the page served under a policy without the clipboard, as a locked-down deployment may serve it.
    await app.context.clearPermissions();
    const refused = await app.newPage({ reducedMotion: 'reduce' });
    await refused.route(
      (url) => url.pathname === '/' || url.pathname.endsWith('.html'),
      async (route) => {
        const response = await route.fetch();
        await route.fulfill({ response, headers: { ...response.headers(), 'permissions-policy': 'clipboard-write=()' } });
      },
    );
    await open(refused, '#/products?reporter=KOR&partner=CHN');
    await chartReady(refused, 'products-treemap');
    await refused.getByTestId('products-treemap').getByRole('button', { name: 'Copy' }).click();
    await expect.poll(() => refused.getByText(/could not be copied: the clipboard refused it .*Save as PNG/).count()).toBeGreaterThan(0);
  });
});

describe("the charts' colours", () => {
  /** The colour of a chart's top-left canvas pixel (its background) and the page's --surface, as #rrggbb. */
  function backgroundAndSurface(page: Page): Promise<{ pixel: string; surface: string }> {
    return page
      .locator('figure.chart canvas')
      .first()
      .evaluate((element) => {
        const canvas = element as unknown as {
          getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } };
        };
        const page = globalThis as unknown as {
          getComputedStyle(e: unknown): { getPropertyValue(name: string): string };
          document: { documentElement: unknown; createElement(tag: 'canvas'): { getContext(kind: '2d'): { fillStyle: string } } };
        };
        const [r, g, b] = canvas.getContext('2d').getImageData(1, 1, 1, 1).data;
        const hex = (n: number | undefined): string => (n ?? 0).toString(16).padStart(2, '0');
        // The variable as written ("#fff"), in the #rrggbb form a canvas gives back.
        const scratch = page.document.createElement('canvas').getContext('2d');
        scratch.fillStyle = page.getComputedStyle(page.document.documentElement).getPropertyValue('--surface').trim();
        return { pixel: `#${hex(r)}${hex(g)}${hex(b)}`, surface: scratch.fillStyle };
      });
  }

  it("follow the system's theme when it changes while a dashboard is open", async () => {
    const page = await app.newPage({ colorScheme: 'light' });
    await open(page, '#/trade?reporter=KOR&partner=CHN');
    const light = await backgroundAndSurface(page);
    expect(light.pixel).toBe(light.surface);
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(async () => (await backgroundAndSurface(page)).surface).not.toBe(light.surface);
    await expect
      .poll(async () => (await backgroundAndSurface(page)).pixel, { timeout: 15_000 })
      .toBe((await backgroundAndSurface(page)).surface);
    await page.emulateMedia({ colorScheme: 'light' });
    await expect.poll(async () => (await backgroundAndSurface(page)).pixel, { timeout: 15_000 }).toBe(light.surface);
  });
});
