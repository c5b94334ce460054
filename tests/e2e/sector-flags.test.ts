/**
 * The Export sectors dashboard carries a figure's flags next to it (issue 14 item 8), in real Chromium
 * against the HTTP host with the built-in packs: the partial-year note ("Jan–Sep only") and "unit
 * inferred" in the chart's category labels and its own legend entry, in the chart's table, in the
 * sectors table, the drill and the briefing's printed sectors block, in English and Korean; screenshots at 1440 and 800 px, light and dark,
 * into tests/artifacts/sector-flags/ for looking at.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { appPerFile } from '../support/app-per-file.ts';
import type { PageGlobals } from '../support/page-globals.ts';

const shots = join('tests', 'artifacts', 'sector-flags');

mkdirSync(shots, { recursive: true });
const app = appPerFile({ today: '2026-11-30' });

async function openSectors(page: Page, reload = false): Promise<void> {
  await page.goto(`${app.host.url}#/sectors?reporter=KOR&partner=CHN`);
  // A change of the hash alone does not load the page again (the language is read at start).
  if (reload) await page.reload();
  await page.locator('main h1').waitFor();
  await expect.poll(() => page.locator('main .state-loading').count()).toBe(0);
  await expect.poll(() => page.locator('figure.chart[data-chart-ready="false"]').count(), { timeout: 10_000 }).toBe(0);
}

interface ChartData {
  labels: string[];
  datasets: { label: string; data: (number | null)[] }[];
}

const chartData = async (page: Page): Promise<ChartData> =>
  JSON.parse((await page.getByTestId('sectors-chart').getAttribute('data-chart-data')) ?? '{}') as ChartData;

describe('Export sectors: the flags beside each figure', () => {
  it('charts the Jan–Sep 2023 beverages figure as a part of the year and the 2023 semiconductors figure as unit inferred', async () => {
    const page = await app.newPage();
    await openSectors(page);
    const data = await chartData(page);
    const beverages = data.labels.indexOf('Beverages (2023, Jan–Sep only)');
    const chips = data.labels.indexOf('Semiconductors (2023, unit inferred)');
    expect(beverages, data.labels.join(' | ')).toBeGreaterThanOrEqual(0);
    expect(chips, data.labels.join(' | ')).toBeGreaterThanOrEqual(0);
    expect(data.labels).toContain('Flat panel displays (2018, Jan–Nov only)');
    // Two series, each with its legend entry: a part of a year is never drawn as a whole year's bar.
    expect(data.datasets.map((d) => d.label)).toEqual(['Full-year figure as stated', 'Part of the year only']);
    const [full, part] = data.datasets;
    expect([full!.data[beverages], part!.data[beverages]]).toEqual([null, 0.151]);
    expect([full!.data[chips], part!.data[chips]]).toEqual([36.1, null]);
    // Every charted label with a period note sits in the part-of-the-year series, and only those.
    data.labels.forEach((label, i) => expect(part!.data[i] !== null, label).toBe(/ only\)$/.test(label)));

    await page.getByTestId('sectors-chart').getByRole('button', { name: 'Show as table' }).click();
    const chartTable = page.getByTestId('sectors-chart-table');
    await chartTable.waitFor();
    expect(await chartTable.locator('thead').innerText()).toMatch(/Full-year figure as stated\s+Part of the year only/);
    const row = (await chartTable.locator('tr', { hasText: 'Beverages (2023, Jan–Sep only)' }).innerText())
      .split('\t')
      .map((c) => c.trim());
    expect(row.slice(0, 3)).toEqual(['Beverages (2023, Jan–Sep only)', '—', '0.2']);
    expect(await page.getByTestId('sectors-chart').innerText()).toContain('unit inferred');
    expect(app.pageErrors).toEqual([]);
  });

  it('puts the same flags next to the figure in the sectors table and the drill', async () => {
    const page = await app.newPage();
    await openSectors(page);
    const table = page.getByTestId('sectors-table');
    const beverages = table.locator('tr[data-testid="sector-row"]', { hasText: 'Beverages' });
    expect(await beverages.getByTestId('period-flag').innerText()).toBe('Jan–Sep only');
    expect(await beverages.getByTestId('unit-flag').count()).toBe(0);
    const chips = table.locator('tr[data-testid="sector-row"]', { hasText: 'Semiconductors' });
    const flag = chips.getByTestId('unit-flag');
    expect(await flag.innerText()).toBe('unit inferred');
    expect(await flag.getAttribute('title')).toMatch(/does not state the unit/);
    expect(await chips.innerText()).toMatch(/2023: 36\.1\s+USD bn\s+unit inferred/);

    await chips.getByRole('button', { name: /Show \d+ HS codes?/ }).click();
    const figures = page.getByTestId('sector-figures');
    await figures.waitFor();
    const inferred = figures.locator('tr', { has: page.getByTestId('unit-flag') });
    expect(await inferred.count()).toBe(1);
    expect(await inferred.innerText()).toMatch(/^2023\t[\s\S]*\t36\.1 unit inferred\t/);
    // The partial years of the same sector keep their months in the drill's period column.
    expect(await figures.innerText()).toContain('Jan–Nov only');
    expect(app.pageErrors).toEqual([]);
  });

  it('says the flags in the chosen language: "단위 추정" in Korean, in the chart and the table', async () => {
    const page = await app.newPage();
    await page.goto(app.host.url);
    await page.evaluate(() => localStorage.setItem('tradebrief.language', 'ko'));
    await openSectors(page, true);
    const data = await chartData(page);
    expect(
      data.labels.some((l) => l.endsWith('(2023, 단위 추정)')),
      data.labels.join(' | '),
    ).toBe(true);
    expect(data.datasets.map((d) => d.label)).toEqual(['발표된 연간 수치', '일부 기간 수치']);
    expect(await page.getByTestId('sectors-table').getByTestId('unit-flag').first().innerText()).toBe('단위 추정');
    await page.evaluate(() => localStorage.removeItem('tradebrief.language'));
    expect(app.pageErrors).toEqual([]);
  });

  it('prints the same flags in the briefing’s sectors block (the built-in briefing’s print preview)', async () => {
    const page = await app.newPage();
    await page.goto(`${app.host.url}#/print/briefing/${encodeURIComponent('korea-china-2022:korea-china-trade-push-2022')}?preview=1`);
    await expect.poll(() => page.evaluate('document.body.dataset.printReady'), { timeout: 30_000 }).toBe('true');
    const printed = await page.getByTestId('print-view').innerText();
    expect(printed).toMatch(/Beverages\s+[^\n]*0\.2 \(2023, Jan–Sep only: Beverages \(KCS definition\)/);
    expect(printed).toMatch(/Semiconductors\s+[^\n]*36\.1 \(2023, unit inferred: Semiconductors, full year 2023/);
    await page
      .getByTestId('print-view')
      .locator('table', { hasText: 'Semiconductors' })
      .screenshot({ path: join(shots, 'print-sectors-block.png') });
    expect(app.pageErrors).toEqual([]);
  });

  it('screenshots at 1440 and 800 px, light and dark, without the page growing wider than the window', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      for (const width of [1440, 800]) {
        const page = await app.newPage({ colorScheme });
        await page.setViewportSize({ width, height: 900 });
        await openSectors(page);
        const scrollWidth = await page.evaluate(() => (globalThis as unknown as PageGlobals).document.scrollingElement!.scrollWidth);
        expect(scrollWidth, `${colorScheme} ${width}`).toBeLessThanOrEqual(width);
        await page.getByTestId('sectors-chart').screenshot({ path: join(shots, `chart-${width}-${colorScheme}.png`) });
        await page.getByTestId('sectors-table').screenshot({ path: join(shots, `table-${width}-${colorScheme}.png`) });
        await page.close();
      }
    }
    expect(app.pageErrors).toEqual([]);
  });
});
