/**
 * Deck-ready charts, the partners' world map and the products treemap, in real Chromium against the
 * HTTP host: a database with the default packs and an imported Comtrade-like file of HS-6 rows.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../../db/imports/importer.ts';
import { openSession } from '../../db/session.ts';
import { seriousAxeViolations } from '../support/axe.ts';
import { downloadOf, startApp, type AppHarness } from '../support/browser.ts';
import { requireBuiltRenderer } from '../support/build-output.ts';
import { HEADER } from '../support/comtrade-like.ts';
import { decodePng } from '../support/png.ts';
import { tempDir } from '../support/temp.ts';

const tmp = tempDir();
let app: AppHarness;

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

beforeAll(async () => {
  requireBuiltRenderer();
  const dbPath = tmp.file('charts.sqlite');
  // A new database with the default packs (Korea's trade with every partner), then the HS-6 import.
  const session = openSession({ path: dbPath });
  const csv = tmp.file('kor-chn-hs6.csv');
  comtradeFile(csv);
  importFile(session.db, { path: csv, onlyValidRows: true, userName: 'test' });
  session.close();
  app = await startApp({ dbPath, today: '2024-06-01' });
}, 60_000);
afterAll(async () => {
  await app?.close();
  tmp.cleanup();
});

async function open(page: Page, hash: string): Promise<void> {
  await page.goto(`${app.host.url}${hash}`);
  await page.locator('main h1').waitFor();
  await expect.poll(() => page.locator('main .state-loading').count()).toBe(0);
  await expect.poll(() => page.locator('figure.chart[data-chart-ready="false"]').count(), { timeout: 15_000 }).toBe(0);
}

async function chartReady(page: Page, testid: string): Promise<void> {
  await expect.poll(() => page.locator(`figure[data-testid="${testid}"][data-chart-ready="true"]`).count(), { timeout: 15_000 }).toBe(1);
}

/** The CSS-pixel centre of the canvas pixels of the scale's last colour in the map's eastern half (the colour legend, bottom left, has it too). */
function centreOfColour(page: Page, testid: string): Promise<{ x: number; y: number; n: number }> {
  return page
    .getByTestId(testid)
    .locator('canvas')
    .evaluate((element) => {
      // The page's DOM types, which the tests' Node types do not have.
      const canvas = element as unknown as {
        width: number;
        height: number;
        getContext(kind: '2d'): {
          getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray; width: number; height: number };
        };
        getBoundingClientRect(): { width: number; height: number };
      };
      const page = globalThis as unknown as {
        getComputedStyle(e: unknown): { getPropertyValue(name: string): string };
        document: { documentElement: unknown };
      };
      const { data, width, height } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
      const rgb = page.getComputedStyle(page.document.documentElement).getPropertyValue('--accent').trim();
      const want = [1, 3, 5].map((i) => parseInt(rgb.slice(i, i + 2), 16));
      let sx = 0;
      let sy = 0;
      let n = 0;
      for (let y = 0; y < height; y++)
        for (let x = Math.floor(width / 2); x < width; x++) {
          const o = (y * width + x) * 4;
          if (Math.abs(data[o]! - want[0]!) <= 1 && Math.abs(data[o + 1]! - want[1]!) <= 1 && Math.abs(data[o + 2]! - want[2]!) <= 1) {
            sx += x;
            sy += y;
            n++;
          }
        }
      const r = canvas.getBoundingClientRect();
      return { x: (sx / n) * (r.width / width), y: (sy / n) * (r.height / height), n };
    });
}

describe('the partners world map', () => {
  it("colours Korea's partners by exports; a click on China, or China chosen in the list, opens the pair", async () => {
    const page = await app.newPage({ reducedMotion: 'reduce' });
    await open(page, '#/partners?reporter=KOR&year=2023');
    const map = page.getByTestId('partners-map');
    await map.scrollIntoViewIfNeeded();
    await chartReady(page, 'partners-map-chart');
    expect(await map.locator('h2').innerText()).toBe("South Korea's partners on the map, 2023");
    // The table alternative lists the same figures as the ranking (China first by exports).
    await map.getByRole('button', { name: 'Show as table' }).click();
    const first = await page.getByTestId('partners-map-chart-table').locator('tbody tr').first().innerText();
    expect(first).toMatch(/^China\s+124\.8 bn\s+19\.7%$/);
    await map.getByRole('button', { name: 'Hide table' }).click();
    for (const width of [1440, 1024, 800]) {
      await page.setViewportSize({ width, height: 1000 });
      await chartReady(page, 'partners-map-chart');
      await map.screenshot({ path: `tests/artifacts/partners-map-${width}-light.png` });
    }
    await page.setViewportSize({ width: 1280, height: 900 });
    await chartReady(page, 'partners-map-chart');

    // China has the largest exports: the scale's last colour, and only China has it.
    const china = await centreOfColour(page, 'partners-map-chart');
    expect(china.n).toBeGreaterThan(50);
    await page
      .getByTestId('partners-map-chart')
      .locator('canvas')
      .click({ position: { x: china.x, y: china.y } });
    await expect.poll(() => page.url()).toMatch(/#\/trade\?reporter=KOR&partner=CHN$/);

    // The keyboard's way: the country list and "Open the pair".
    await open(page, '#/partners?reporter=KOR&year=2023');
    await page.getByTestId('partners-map-country').selectOption('JPN');
    await page.getByTestId('partners-map-open').press('Enter');
    await expect.poll(() => page.url()).toMatch(/#\/trade\?reporter=KOR&partner=JPN$/);
    expect(app.pageErrors).toEqual([]);
  });

  it('shows the balance around zero, in the dark theme too, and stays accessible', async () => {
    const page = await app.newPage({ colorScheme: 'dark', reducedMotion: 'reduce' });
    await open(page, '#/partners?reporter=KOR&year=2023');
    await page.getByTestId('partners-map-measure').selectOption('balance');
    await chartReady(page, 'partners-map-chart');
    const map = page.getByTestId('partners-map');
    expect(await map.getByTestId('partners-map-chart').locator('.chart-title').innerText()).toBe(
      "South Korea's balance of trade by partner, 2023",
    );
    for (const width of [1440, 1024, 800]) {
      await page.setViewportSize({ width, height: 1000 });
      await chartReady(page, 'partners-map-chart');
      await map.screenshot({ path: `tests/artifacts/partners-map-${width}-dark.png` });
    }
    expect(await seriousAxeViolations(page)).toEqual([]);
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

    // Back by the breadcrumb: to the chapter, then to all chapters.
    await page.getByTestId('products-breadcrumb').getByRole('button', { name: 'HS 85' }).click();
    await expect.poll(codes).toEqual(['8542', '8507', '8529']);
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
