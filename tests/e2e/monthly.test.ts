/**
 * Monthly data in the app: a UN Comtrade file of monthly rows (twelve months of 2023, seven of 2024,
 * no annual row) imported through the data core, then the Monthly trade view (chart of months, its
 * table, what the annual series makes of each year), the trade view's "By month" option and its
 * labelled annual series, in Chromium, with axe-core in light and dark.
 */
import { writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../../db/imports/importer.ts';
import { seriousAxeViolations } from '../support/axe.ts';
import { appPerFile } from '../support/app-per-file.ts';
import { tempDir } from '../support/temp.ts';

const tmp = tempDir();
const HEADER =
  'typeCode,freqCode,refYear,refMonth,period,reporterCode,reporterISO,reporterDesc,flowCode,partnerCode,partnerISO,partnerDesc,' +
  'partner2Code,classificationCode,cmdCode,aggrLevel,isLeaf,customsCode,motCode,primaryValue';
/** USD: exports 1.1–2.2 bn a month, imports a little less; distinct per month so a misplaced month shows. */
const value = (year: number, month: number, flow: 'X' | 'M'): number =>
  (flow === 'X' ? 1.1e9 : 0.9e9) + (year - 2023) * 0.5e9 + month * 0.1e9;
const MONTHS: [number, number][] = [
  ...Array.from({ length: 12 }, (_, i): [number, number] => [2023, i + 1]),
  ...Array.from({ length: 7 }, (_, i): [number, number] => [2024, i + 1]),
];

const app = appPerFile({ today: '2024-09-15' }, () => tmp.cleanup());
beforeAll(async () => {
  const file = tmp.file('kor-deu-monthly.csv');
  const lines = MONTHS.flatMap(([y, m]) =>
    (['X', 'M'] as const).map(
      (flow) =>
        `C,M,${y},${m},${y}${String(m).padStart(2, '0')},410,KOR,Rep. of Korea,${flow},999,QZD,Qazadia (test economy),0,H6,TOTAL,0,True,C00,0,${value(y, m, flow)}`,
    ),
  );
  writeFileSync(file, `${HEADER}\n${lines.join('\n')}\n`);
  const summary = importFile(app.host.session.db, { path: file, onlyValidRows: true, userName: 'e2e' });
  expect([summary.rowsAdded, summary.monthlyRows]).toEqual([MONTHS.length * 2, MONTHS.length * 2]);
});

async function open(page: Page, hash: string): Promise<void> {
  await page.goto(`${app.host.url}${hash}`);
  await page.locator('main h1').waitFor();
  await expect.poll(() => page.locator('main .state-loading').count()).toBe(0);
}

async function chartsDrawn(page: Page): Promise<void> {
  await expect.poll(() => page.locator('figure.chart[data-chart-ready="false"]').count(), { timeout: 10_000 }).toBe(0);
}

const bn = (usd: number): string => (usd / 1e9).toFixed(1);
const sum = (year: number, months: number, flow: 'X' | 'M'): number =>
  Array.from({ length: months }, (_, i) => value(year, i + 1, flow)).reduce((a, b) => a + b, 0);

describe('Monthly trade view', () => {
  it('is in the sidebar and shows every month in the chart and its table, and each year as the annual series has it', async () => {
    const page = await app.newPage();
    await open(page, '#/overview');
    await page.getByRole('navigation').getByRole('link', { name: 'Monthly trade' }).click();
    await expect.poll(() => page.url()).toMatch(/#\/monthly/);
    await page.locator('main h1', { hasText: 'Monthly trade' }).waitFor();
    await page.getByTestId('filter-partner').selectOption('QZD');
    await page.getByTestId('monthly-table').waitFor();
    await chartsDrawn(page);

    const chart = page.getByTestId('monthly-chart');
    const data = JSON.parse((await chart.getAttribute('data-chart-data')) ?? '{}') as {
      labels: string[];
      datasets: { label: string; data: (number | null)[] }[];
    };
    expect(data.labels).toEqual(
      MONTHS.map(([y, m]) => `${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][m - 1]} ${y}`),
    );
    expect(data.datasets.map((d) => d.label)).toEqual([
      'Exports to Qazadia (test economy)',
      'Imports from Qazadia (test economy)',
      'Balance',
    ]);
    expect(data.datasets[0]!.data.map((v) => Number(v).toFixed(3))).toEqual(MONTHS.map(([y, m]) => (value(y, m, 'X') / 1e9).toFixed(3)));
    // "Show as table" holds the same months and values as the chart.
    await chart.getByRole('button', { name: 'Show as table' }).click();
    const shown = await page
      .getByTestId('monthly-chart-table')
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => (c as unknown as { innerText: string }).innerText.trim())));
    expect(shown.map((r) => r.slice(0, 3))).toEqual(
      MONTHS.map(([y, m], i) => [data.labels[i], bn(value(y, m, 'X')), bn(value(y, m, 'M'))]),
    );

    const rows = page.getByTestId('monthly-table').locator('tbody tr');
    expect(await rows.count()).toBe(MONTHS.length);
    expect(await rows.first().innerText()).toMatch(/^Jan 2023\s+1\.200\s*I\d+/);

    const years = page.getByTestId('monthly-years');
    expect(await years.locator('tr', { hasText: '2023' }).innerText()).toMatch(/sum of 12 months[\s\S]*sum of 12 months/);
    const y2024 = years.locator('tr', { hasText: '2024' });
    expect(await y2024.locator('.badge.warn').first().innerText()).toBe('Jan–Jul only');
    expect(await y2024.innerText()).toContain((sum(2024, 7, 'X') / 1e9).toFixed(3));
    expect(app.pageErrors).toEqual([]);
  });

  it('says so when a pair has no monthly figures', async () => {
    const page = await app.newPage();
    await open(page, '#/monthly?reporter=KOR&partner=CHN');
    expect(await page.getByTestId('monthly-empty').innerText()).toMatch(/No monthly figures of South Korea's trade with China/);
  });
});

describe('Trade balance: the annual series from months, and the By month option', () => {
  it('labels the sum of 12 months and the partial year, and switches the chart to months', async () => {
    const page = await app.newPage();
    await open(page, '#/trade?reporter=KOR&partner=QZD');
    await page.getByTestId('trade-kpis').waitFor();
    await chartsDrawn(page);
    // The latest year is a partial year: labelled, and not compared with the whole year before.
    expect(await page.getByTestId('kpi-exports').innerText()).toMatch(/Jan–Jul only/);
    expect(await page.getByTestId('kpi-notes').innerText()).toMatch(
      /2024 exports are a partial year \(Jan–Jul only\): no change on the year before/,
    );
    expect(await page.getByTestId('partial-years').innerText()).toMatch(/2024\s+Jan–Jul only/);
    await page.getByTestId('trade-chart').getByRole('button', { name: 'Show as table' }).click();
    const table = page.getByTestId('trade-chart-table');
    expect(await table.locator('tr', { hasText: '2023' }).innerText()).toContain(`${bn(sum(2023, 12, 'X'))} (sum of 12 months)`);
    expect(await table.locator('tr', { hasText: '2024' }).innerText()).toContain(`${bn(sum(2024, 7, 'X'))} (Jan–Jul only)`);

    await page.getByTestId('trade-granularity').getByLabel('By month').check();
    await page.getByTestId('monthly-chart').waitFor();
    await chartsDrawn(page);
    expect(await page.locator('#series-title').innerText()).toBe('By month, as reported by South Korea');
    expect(await page.getByTestId('monthly-table').locator('tbody tr').count()).toBe(MONTHS.length);
    expect(app.pageErrors).toEqual([]);
  });
});

describe('Trade balance: the preferred source', () => {
  it('choosing a source for the pair changes which figure and source the dashboard shows; the disagreement says which is used', async () => {
    const id = (label: string): string => app.host.session.db.prepare('SELECT id FROM source WHERE label = ?').pluck().get(label) as string;
    const page = await app.newPage();
    await open(page, '#/trade?reporter=KOR&partner=CHN&from=1992&to=1992');
    await page.getByTestId('trade-kpis').waitFor();
    expect(await page.getByTestId('kpi-exports').innerText()).toMatch(/2\.7[\s\S]*T1/);
    // The two sources differ by under 0.5 %: listed among the smaller disagreements.
    await page
      .getByTestId('reconciliation')
      .locator('details')
      .evaluate((d) => {
        (d as unknown as { open: boolean }).open = true;
      });
    expect(await page.getByTestId('reconciliation').innerText()).toMatch(/sources disagree[\s\S]*The dashboards use T1\./);
    await page.getByTestId('preferred-source').selectOption(id('T4'));
    await expect.poll(() => page.getByTestId('kpi-exports').innerText()).toMatch(/T4/);
    await page
      .getByTestId('reconciliation')
      .locator('details')
      .evaluate((d) => {
        (d as unknown as { open: boolean }).open = true;
      });
    await expect.poll(() => page.getByTestId('reconciliation').innerText()).toMatch(/The dashboards use T4\./);
    expect(await page.getByTestId('preferred-source').inputValue()).toBe(id('T4'));
    await page.getByTestId('preferred-source').selectOption('');
    await expect.poll(() => page.getByTestId('kpi-exports').innerText()).toMatch(/T1/);
    await page.getByRole('button', { name: 'All years' }).click();
    expect(app.pageErrors).toEqual([]);
  });
});

describe('accessibility (axe-core) of the monthly views, light and dark', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`no serious or critical axe violation, ${scheme}`, async () => {
      const page = await app.newPage({ colorScheme: scheme, reducedMotion: 'reduce' });
      const found: string[] = [];
      await open(page, '#/monthly?reporter=KOR&partner=QZD&from=2023&to=2024');
      await page.getByTestId('monthly-table').waitFor();
      await chartsDrawn(page);
      await page.getByRole('button', { name: 'Show as table' }).first().click();
      found.push(...(await seriousAxeViolations(page)).map((v) => `monthly: ${v}`));
      await open(page, '#/trade?reporter=KOR&partner=QZD&from=2023&to=2024');
      await page.getByTestId('trade-granularity').getByLabel('By month').check();
      await page.getByTestId('monthly-table').waitFor();
      await chartsDrawn(page);
      found.push(...(await seriousAxeViolations(page)).map((v) => `trade by month: ${v}`));
      expect(found).toEqual([]);
      expect(app.foreignRequests).toEqual([]);
      expect(app.pageErrors).toEqual([]);
    });
  }
});
