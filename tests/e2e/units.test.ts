/**
 * The money unit in real Chromium through the HTTP host: "USD mn" chosen in the shell shows the Trade view's tiles,
 * table and chart axis in millions, is kept across a reload, and prints: a dashboard printed with `unit=mn` in its
 * route (what `npm run print -- --unit mn` asks for) and one printed in the profile that chose it (Electron's print
 * window shares the app's storage) read in millions in the PDF's text. Screenshots at 1440 and 800 px go to
 * tests/artifacts/units-trade-mn-*.png, the PDF to tests/artifacts/units-trade-mn.pdf.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, describe, expect, it } from 'vitest';
import { printRoute, type PageSetup } from '../../db/common/paper.ts';
import { printToPdf } from '../../db/http-host/print.ts';
import { admit } from '../support/browser.ts';
import { appPerFile } from '../support/app-per-file.ts';

const TODAY = '2026-11-29';
const A4: PageSetup = { paper: 'A4', orientation: 'portrait' };
const TRADE = { reporter: 'KOR', partner: 'CHN', from: '2011', to: '2021' };
const TRADE_HASH = `#/trade?${new URLSearchParams(TRADE).toString()}`;

const contexts: BrowserContext[] = [];
const errors: string[] = [];

mkdirSync('tests/artifacts', { recursive: true });
const app = appPerFile({ today: TODAY });
afterAll(async () => {
  for (const c of contexts) await c.close();
});

/** A fresh profile (its own localStorage), in English. */
async function profile(): Promise<Page> {
  const context = await app.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-GB' });
  contexts.push(context);
  await admit(context, app.host);
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  return page;
}

async function chartsDrawn(page: Page): Promise<void> {
  await expect.poll(() => page.locator('figure.chart[data-chart-ready="false"]').count(), { timeout: 10_000 }).toBe(0);
}

interface ChartData {
  labels: string[];
  datasets: { label: string; data: (number | null)[] }[];
  axes: Record<string, string | null>;
}
const chartData = async (page: Page, testid: string): Promise<ChartData> =>
  JSON.parse((await page.getByTestId(testid).getAttribute('data-chart-data')) ?? '{}') as ChartData;

async function readPdf(pdf: Buffer): Promise<string> {
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true });
  return text.replace(/\s+/g, ' ');
}

/** One decimal with English grouping: how the Trade view writes a figure in millions. */
const mn = (v: number | null): string =>
  v === null ? 'not reported' : v.toLocaleString('en', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

describe('The money unit in Chromium', () => {
  it('shows the Trade view in billions until "USD mn" is chosen, then its tiles, chart, table and axis in millions', async () => {
    const page = await profile();
    await page.goto(`${app.host.url}${TRADE_HASH}`);
    await page.getByTestId('trade-kpis').waitFor();
    await chartsDrawn(page);
    // The default: billions, as the app has always shown them.
    expect(await page.getByTestId('unit-select').inputValue()).toBe('bn');
    expect(await page.getByTestId('kpi-exports').innerText()).toMatch(/162\.9\s*USD bn/);
    const inBillions = await chartData(page, 'trade-chart');
    expect(inBillions.axes['y']).toBe('USD bn');
    const mirrorInBillions = await chartData(page, 'mirror-chart-0');
    // 2021 as South Korea reports it: 162.9 bn.
    expect(mirrorInBillions.datasets[0]!.data).toContainEqual(expect.closeTo(162.913, 3));

    await page.getByTestId('unit-select').selectOption('mn');
    // The same figure, a thousand times the number, with the unit named beside it.
    await expect.poll(() => page.getByTestId('kpi-exports').innerText()).toMatch(/162,9\d\d\.\d\s*USD mn/);
    expect(await page.getByTestId('kpi-exports').innerText()).not.toContain('USD bn');
    expect(await page.getByTestId('kpi-balance').innerText()).toMatch(/\+24,\d{3}\.\d\s*USD mn/);
    expect(await page.getByTestId('kpi-total').innerText()).toContain('USD mn');
    await chartsDrawn(page);
    await expect.poll(async () => (await chartData(page, 'trade-chart')).axes['y']).toBe('USD mn');
    const inMillions = await chartData(page, 'trade-chart');
    // Every bar and point of the chart is the billions' value times 1000 (the same data, rescaled, not re-rounded).
    inMillions.datasets.forEach((ds, i) =>
      ds.data.forEach((v, j) => {
        const before = inBillions.datasets[i]!.data[j]!;
        if (v === null) expect(before).toBeNull();
        else expect(v).toBeCloseTo(before * 1000, 6);
      }),
    );
    expect(inMillions.datasets[0]!.data.filter((v) => v !== null).every((v) => v! > 1000)).toBe(true);
    // The mirror chart follows too: its axis and its bars.
    const mirrorInMillions = await chartData(page, 'mirror-chart-0');
    expect(mirrorInMillions.axes['y']).toBe('USD mn');
    mirrorInMillions.datasets.forEach((ds, i) =>
      ds.data.forEach((v, j) => expect(v).toBeCloseTo(mirrorInBillions.datasets[i]!.data[j]! * 1000, 6)),
    );
    expect(mirrorInMillions.datasets[0]!.data.length).toBeGreaterThan(0);

    // The chart's table: the same values in millions, and a caption naming the unit.
    const figure = page.getByTestId('trade-chart');
    await figure.getByRole('button', { name: 'Show as table' }).click();
    const table = page.getByTestId('trade-chart-table');
    await table.waitFor();
    expect(await table.locator('caption').innerText()).toContain('USD mn');
    const rows = await table
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => (c as unknown as { innerText: string }).innerText.trim())));
    expect(rows.length).toBe(inMillions.labels.length);
    inMillions.datasets.slice(0, 2).forEach((ds, i) => ds.data.forEach((v, j) => expect(rows[j]?.[i + 1]).toBe(mn(v))));
    // The mirror table's caption.
    expect(await page.getByTestId('mirror-table-0').locator('caption').innerText()).toContain('USD mn');

    for (const width of [1440, 800]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: `tests/artifacts/units-trade-mn-${width}.png` });
    }
    await page.setViewportSize({ width: 1440, height: 900 });

    // Kept across a reload, as the language is.
    await page.reload();
    await page.getByTestId('trade-kpis').waitFor();
    expect(await page.getByTestId('unit-select').inputValue()).toBe('mn');
    expect(await page.getByTestId('kpi-exports').innerText()).toMatch(/162,9\d\d\.\d\s*USD mn/);

    // The profile that chose millions prints in millions without naming the unit (Electron's print window shares it).
    const { pdf } = await printToPdf(page, app.host.url, printRoute({ dashboard: 'trade', query: TRADE }), { setup: A4, today: TODAY });
    writeFileSync('tests/artifacts/units-trade-mn.pdf', pdf);
    const printed = await readPdf(pdf);
    expect(printed).toContain('USD mn');
    expect(printed).not.toContain('USD bn');
    expect(printed).toMatch(/162,9\d\d\.\d/);

    // Thousands: no decimals.
    await page.goto(`${app.host.url}${TRADE_HASH}`);
    await page.getByTestId('unit-select').selectOption('thousand');
    await expect.poll(() => page.getByTestId('kpi-exports').innerText()).toMatch(/162,9\d\d,\d{3}\s*USD thousand/);
  });

  it('prints in the unit its route names, in a profile that never chose one (npm run print -- --unit mn)', async () => {
    const page = await profile();
    const route = printRoute({ dashboard: 'trade', query: TRADE }, A4, 'mn');
    const printed = await readPdf((await printToPdf(page, app.host.url, route, { setup: A4, today: TODAY })).pdf);
    expect(printed).toContain('USD mn');
    expect(printed).not.toContain('USD bn');
    expect(printed).toMatch(/162,9\d\d\.\d/);
    // The route's unit is for that print only: the app itself is still in billions.
    await page.goto(`${app.host.url}${TRADE_HASH}`);
    await page.getByTestId('trade-kpis').waitFor();
    expect(await page.getByTestId('kpi-exports').innerText()).toMatch(/162\.9\s*USD bn/);

    // A fresh page, as every print gets one (a print window, a command's page): the app's own unit, billions.
    const fresh = await profile();
    const plain = await readPdf(
      (await printToPdf(fresh, app.host.url, printRoute({ dashboard: 'trade', query: TRADE }), { setup: A4, today: TODAY })).pdf,
    );
    expect(plain).toContain('USD bn');
    expect(plain).not.toContain('USD mn');
  });

  it('names the unit in the interface language: 백만 달러 / 百万美元 on tiles and axis, figures grouped the same', async () => {
    const page = await profile();
    await page.goto(`${app.host.url}${TRADE_HASH}`);
    await page.getByTestId('trade-kpis').waitFor();
    await page.getByTestId('unit-select').selectOption('mn');
    for (const [language, label] of [
      ['ko', '백만 달러'],
      ['zh', '百万美元'],
    ] as const) {
      await page.getByTestId('language-select').selectOption(language);
      await expect.poll(() => page.getByTestId('kpi-exports').innerText()).toMatch(new RegExp(`162,9\\d\\d\\.\\d\\s*${label}`));
      await chartsDrawn(page);
      await expect.poll(async () => (await chartData(page, 'trade-chart')).axes['y']).toBe(label);
      expect(await page.getByTestId('unit-select').locator('option:checked').innerText()).toBe(label);
      await page.screenshot({ path: `tests/artifacts/units-trade-mn-${language}-1440.png` });
    }
  });

  it('raised no page error', () => {
    expect(errors).toEqual([]);
  });
});
