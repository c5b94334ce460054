import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { seriousAxeViolations } from '../support/axe.ts';
import { startApp } from '../support/browser.ts';
import { appPerFile } from '../support/app-per-file.ts';

// Mid-September 2022: the late-August meetings are past, the October 2022 fair and exhibition upcoming.
const app = appPerFile({ today: '2022-09-15' });

async function open(page: Page, hash: string): Promise<void> {
  await page.goto(`${app.host.url}${hash}`);
  await page.locator('main h1').waitFor();
  await expect.poll(() => page.locator('main .state-loading').count()).toBe(0);
}

async function chartsDrawn(page: Page): Promise<void> {
  await expect.poll(() => page.locator('figure.chart[data-chart-ready="false"]').count(), { timeout: 10_000 }).toBe(0);
}

/** Chart.js's data (as the chart holds it) against the cells of its "Show as table" table. */
async function expectTableEqualsChart(page: Page, testid: string, format: (v: unknown) => string): Promise<number> {
  const figure = page.getByTestId(testid);
  const data = JSON.parse((await figure.getAttribute('data-chart-data')) ?? '{}') as {
    labels: (string | string[])[];
    datasets: { label: string; data: unknown[] }[];
  };
  expect(data.labels.length).toBeGreaterThan(0);
  // A multi-line category label (an array) reads as one line in the table.
  const labels = data.labels.map((l) => (Array.isArray(l) ? l.join(' ') : l));
  await figure.getByRole('button', { name: 'Show as table' }).click();
  const table = page.getByTestId(`${testid}-table`);
  await table.waitFor();
  const rows = await table
    .locator('tbody tr')
    .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => (c as unknown as { innerText: string }).innerText.trim())));
  expect(rows.map((r) => r[0])).toEqual(labels);
  let compared = 0;
  data.datasets.forEach((ds, i) => {
    ds.data.forEach((v, j) => {
      expect(rows[j]?.[i + 1], `${testid} ${ds.label} ${labels[j]}`).toBe(format(v));
      compared++;
    });
  });
  return compared;
}

const oneDecimal = (v: unknown): string => (v === null ? 'not reported' : Number(v).toFixed(1));

describe('Trade balance dashboard', () => {
  it('shows 2021 as each side reports it, the mirror gap, the 0.1 bn reconciliation, and keeps the filters in the URL', async () => {
    const page = await app.newPage();
    await open(page, '#/trade?reporter=KOR&partner=CHN&from=2011&to=2021');
    const kpis = page.getByTestId('trade-kpis');
    await kpis.waitFor();
    expect(await page.locator('#kpi-title').innerText()).toBe('2021, as reported by South Korea');
    expect(await page.getByTestId('kpi-exports').innerText()).toContain('162.9');
    expect(await page.getByTestId('kpi-imports').innerText()).toContain('138.6');
    expect(await page.getByTestId('kpi-balance').innerText()).toContain('+24.3');
    // Of South Korea's total trade as KOSIS states it (the korea-world-trade pack): 301.5 / 1,259.5 bn.
    expect(await page.getByTestId('kpi-share').innerText()).toContain('23.9%');
    // Growth beside each figure, from the pack's own series: 2021 on 2020, the rate 2011–2021, the share of Korea's same flow.
    const series = await app.host.session.handlers.tradeSeries({ reporter: 'KOR', partner: 'CHN', from: 2010, to: 2021 });
    const v = (year: number, flow: 'exports' | 'imports'): number => series.years.find((y) => y.year === year)![flow]!.value;
    const pct1 = (r: number): string => `${r < 0 ? '−' : '+'}${(Math.abs(r) * 100).toFixed(1)}%`;
    const exportsGrowth = await page.getByTestId('kpi-exports').getByTestId('growth-exports').innerText();
    expect(exportsGrowth).toContain(`${pct1(v(2021, 'exports') / v(2020, 'exports') - 1)} year-on-year (2020 → 2021)`);
    expect(exportsGrowth).toContain(`CAGR 2011–2021: ${pct1(Math.pow(v(2021, 'exports') / v(2011, 'exports'), 1 / 10) - 1)} a year`);
    expect(exportsGrowth).toMatch(/\d+\.\d% share of South Korea's exports/);
    const importsGrowth = await page.getByTestId('growth-imports').innerText();
    expect(importsGrowth).toContain(`${pct1(v(2021, 'imports') / v(2020, 'imports') - 1)} year-on-year (2020 → 2021)`);
    // The share of the reporter's total trade is said once, in its own tile, not again under the total.
    expect(await page.getByTestId('kpi-share').innerText()).toContain("Share of South Korea's total trade");
    expect(await page.getByTestId('growth-total').innerText()).not.toContain('share of');
    // Mirror: China's report of the same trade.
    const mirror = await page.getByTestId('mirror-table-0').locator('tr', { hasText: '2021' }).innerText();
    expect(mirror).toMatch(/162\.9[\s\S]*213\.5/);
    const back = await page.getByTestId('mirror-table-1').locator('tr', { hasText: '2021' }).innerText();
    expect(back).toMatch(/150\.5[\s\S]*138\.6/);
    expect(await page.getByTestId('mirror').innerText()).toMatch(/CIF[\s\S]*Hong Kong[\s\S]*Timing/);
    await chartsDrawn(page);
    const compared = await expectTableEqualsChart(page, 'trade-chart', oneDecimal);
    expect(compared).toBe(11 * 3);

    // China as reporter: 150.5 / 213.5 and the stated total 364.1 against its parts 364.0.
    await page.getByTestId('filter-reporter').selectOption('CHN');
    await page.getByTestId('filter-partner').selectOption('KOR');
    await expect.poll(() => page.url()).toMatch(/reporter=CHN/);
    expect(page.url()).toMatch(/partner=KOR/);
    await expect.poll(() => page.getByTestId('kpi-exports').innerText()).toContain('150.5');
    expect(await page.getByTestId('kpi-imports').innerText()).toContain('213.5');
    // China's 2021 report has no 2020 beside it and no China–world total is loaded: each missing figure says why.
    const chinaGrowth = await page.getByTestId('growth-exports').innerText();
    expect(chinaGrowth).toContain('Year-on-year: not given — the year before is not reported');
    expect(chinaGrowth).toContain("Share: not known — no figure of the reporter's total for that year is loaded");
    expect(chinaGrowth).toMatch(/CAGR 2011–2021: [+−]\d+\.\d% a year \(not reported in between: 2012, 2013/);
    const rec = await page.getByTestId('reconciliation').innerText();
    expect(rec).toMatch(/stated total trade is\s+USD 364\.1 bn, while its parts give USD 364\.0 bn/);
    expect(rec).toContain('difference of USD 0.1 bn');
    await page.screenshot({ path: 'tests/artifacts/trade-light.png', fullPage: true });

    // Reopening the URL gives the same view; the filters follow to the next view.
    await page.reload();
    await expect.poll(() => page.getByTestId('kpi-exports').innerText()).toContain('150.5');
    expect(await page.getByTestId('filter-reporter').inputValue()).toBe('CHN');
    await page.getByRole('link', { name: 'Export sectors' }).click();
    await expect.poll(() => page.url()).toMatch(/#\/sectors\?.*reporter=CHN/);
    expect(page.url()).toMatch(/from=2011/);
    await page.goto(app.host.url);
    await expect.poll(() => page.url()).toMatch(/#\/sectors\?.*reporter=CHN/);
    expect(app.foreignRequests).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  });

  it('a year with a flow not reported shows as missing, and the chart can be saved as PNG', async () => {
    const page = await app.newPage({ reducedMotion: 'reduce' });
    await open(page, '#/trade?reporter=KOR&partner=CHN&from=2020&to=2024');
    await page.getByTestId('trade-kpis').waitFor();
    // 2024 has Korea's exports only: the tiles open on 2023, the latest year with both flows, and say why.
    expect(await page.locator('#kpi-title').innerText()).toBe('2023, as reported by South Korea');
    expect(await page.getByTestId('kpi-balance').innerText()).not.toContain('not known');
    expect(await page.getByTestId('kpi-notes').innerText()).toMatch(
      /2024: only South Korea's exports to China are reported; the tiles show 2023/,
    );
    await chartsDrawn(page);
    const data = JSON.parse((await page.getByTestId('trade-chart').getAttribute('data-chart-data')) ?? '{}') as {
      datasets: { data: unknown[] }[];
    };
    expect(data.datasets[1]?.data[4]).toBeNull();
    expect(data.datasets[2]?.data[4]).toBeNull();
    const download = page.waitForEvent('download');
    await page.getByTestId('trade-chart').getByRole('button', { name: 'Save as PNG' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('trade-KOR-CHN-2020-2024.png');
    const path = await file.path();
    expect(readFileSync(path).subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(app.pageErrors).toEqual([]);
  });
});

describe('Export sectors, projects, events, logistics dashboards', () => {
  it('sectors: plan priorities with source, "no data" where nothing is loaded, drill-down to HS codes', async () => {
    const page = await app.newPage();
    await open(page, '#/sectors?reporter=KOR&partner=CHN');
    const table = page.getByTestId('sectors-table');
    await table.waitFor();
    const beverages = await table.locator('tr', { hasText: 'Beverages' }).first().innerText();
    expect(beverages).toContain('Priority #6');
    expect(beverages).toContain('Jan–Sep only');
    const environment = await table.locator('tr', { hasText: 'Environmental equipment' }).first().innerText();
    expect(environment).toContain('No data loaded');
    const cosmetics = table.locator('tr', { hasText: 'Cosmetics' }).first();
    expect(await cosmetics.innerText()).toContain('Priority #5');
    await cosmetics.getByRole('button', { name: /Show 9 HS codes/ }).click();
    const hs = page.getByTestId('hs-codes');
    await hs.waitFor();
    expect(await hs.innerText()).toContain('3304');
    expect(await page.getByTestId('sector-figures').innerText()).toContain('Jan–Mar only');
    await chartsDrawn(page);
    // A sector's figure is in one of the two series (a whole year, a part of one); the other reads '—'.
    await expectTableEqualsChart(page, 'sectors-chart', (v) => (v === null ? '—' : oneDecimal(v)));
    expect(app.pageErrors).toEqual([]);
  });

  it('projects: 15 projects, the batch never split among its five fields, filters in the URL', async () => {
    const page = await app.newPage();
    await open(page, '#/projects');
    await page.getByTestId('projects-total').waitFor();
    expect(await page.getByTestId('projects-total').innerText()).toMatch(/^15 projects/);
    expect(await page.getByTestId('batch-note').innerText()).toContain(
      '15 projects in a batch spanning these 5 fields, split not reported',
    );
    await chartsDrawn(page);
    await expectTableEqualsChart(page, 'projects-by-field', (v) => String(v));
    await expectTableEqualsChart(page, 'projects-by-region', (v) => String(v));
    const fieldData = JSON.parse((await page.getByTestId('projects-by-field').getAttribute('data-chart-data')) ?? '{}') as {
      datasets: { data: number[] }[];
    };
    expect(fieldData.datasets[0]?.data).toEqual([15]);

    await page.getByTestId('filter-field').selectOption('New energy');
    await expect.poll(() => page.url()).toMatch(/field=New\+energy|field=New%20energy/);
    await expect.poll(() => page.getByTestId('projects-total').innerText()).toMatch(/^15 projects/);
    await page.getByTestId('filter-status').selectOption('completed');
    await expect.poll(() => page.locator('main').innerText()).toContain('No projects match these filters');
    await page.reload();
    await expect.poll(() => page.locator('main').innerText()).toContain('No projects match these filters');
    expect(await page.getByTestId('filter-status').inputValue()).toBe('completed');
    expect(app.pageErrors).toEqual([]);
  });

  it('events: the October 2022 events upcoming, the August meetings past, dates as precise as stated', async () => {
    const page = await app.newPage();
    await open(page, '#/events');
    const upcoming = page.getByTestId('events-upcoming');
    await upcoming.waitFor();
    const up = await upcoming.innerText();
    expect(up).toMatch(/Oct 2022[\s\S]*Export fair/);
    expect(up).toMatch(/Oct 2022[\s\S]*Marine equipment exhibition/);
    expect(up).toMatch(/end of Sept? 2022[\s\S]*Green industry business meeting/);
    const past = await page.getByTestId('events-past').innerText();
    expect(past).toContain('Tue of the week of the report (S1)');
    expect(past).toContain('Thu before the report (S1)');
    await chartsDrawn(page);
    const timeline = JSON.parse((await page.getByTestId('events-timeline').getAttribute('data-chart-data')) ?? '{}') as {
      labels: string[];
      datasets: { data: [number, number][] }[];
    };
    const fairIndex = timeline.labels.indexOf('Export fair');
    const [start, end] = timeline.datasets[0]?.data[fairIndex] ?? [0, 0];
    // A month-precision date spans its month: 1 to 31 October 2022.
    expect([new Date(start * 86_400_000).toISOString().slice(0, 10), end - start]).toEqual(['2022-10-01', 31]);
    await page.getByTestId('events-timeline').getByRole('button', { name: 'Show as table' }).click();
    expect(await page.getByTestId('events-timeline-table').locator('tr', { hasText: 'Export fair' }).innerText()).toMatch(
      /Oct 2022\s+1 Oct 2022\s+31 Oct 2022\s+upcoming/,
    );
    await page.getByTestId('filter-kind').selectOption('fair');
    await expect.poll(() => page.url()).toMatch(/kind=fair/);
    await expect.poll(() => page.getByTestId('event-card').count()).toBe(1);
    expect(await page.getByTestId('event-card').innerText()).toContain('Export fair');
    expect(app.pageErrors).toEqual([]);
  });

  it('logistics: the Incheon–Qingdao–Hamburg route, its legs and a 25–30 day floating bar', async () => {
    const page = await app.newPage();
    await open(page, '#/logistics');
    const card = page.getByTestId('route-card');
    await card.waitFor();
    const text = await card.innerText();
    expect(text).toContain('25–30 days');
    expect(text).toMatch(/Sea\s+Incheon[\s\S]*Qingdao[\s\S]*Rail\s+Qingdao[\s\S]*Hamburg/);
    await chartsDrawn(page);
    const data = JSON.parse((await page.getByTestId('transit-chart').getAttribute('data-chart-data')) ?? '{}') as {
      datasets: { data: unknown[] }[];
    };
    expect(data.datasets[0]?.data).toEqual([[25, 30]]);
    await page.getByTestId('transit-chart').getByRole('button', { name: 'Show as table' }).click();
    expect(await page.getByTestId('transit-chart-table').locator('tbody tr').first().innerText()).toMatch(/25\s+30/);
    expect(app.pageErrors).toEqual([]);
  });
});

describe('every view: accessibility (axe-core) in light and dark, screenshots', () => {
  const viewsToCheck = ['overview', 'trade', 'partners', 'sectors', 'projects', 'events', 'logistics', 'sources'];
  for (const scheme of ['light', 'dark'] as const) {
    it(`no serious or critical axe violation, ${scheme}`, async () => {
      const page = await app.newPage({ colorScheme: scheme, reducedMotion: 'reduce' });
      const found: string[] = [];
      for (const view of viewsToCheck) {
        await open(page, `#/${view}${view === 'trade' || view === 'sectors' ? '?reporter=KOR&partner=CHN&from=2011&to=2023' : ''}`);
        await chartsDrawn(page);
        // Open the tables and a drill-down so they are checked too.
        const show = page.getByRole('button', { name: 'Show as table' });
        while ((await show.count()) > 0) await show.first().click();
        if (view === 'sectors')
          await page
            .getByRole('button', { name: /Show 9 HS codes/ })
            .first()
            .click();
        await chartsDrawn(page);
        await page.screenshot({ path: `tests/artifacts/${view}-${scheme}.png`, fullPage: true });
        found.push(...(await seriousAxeViolations(page)).map((v) => `${view}: ${v}`));
        await page.reload();
      }
      expect(found).toEqual([]);
      expect(app.foreignRequests).toEqual([]);
      expect(app.pageErrors).toEqual([]);
    });
  }
});

describe('error state', () => {
  it('a failing query shows a clear message with a retry, never a blank page', async () => {
    const broken = await startApp({ today: '2022-09-15' });
    try {
      broken.host.session.db.exec('DROP TABLE sector_figure');
      const page = await broken.newPage();
      await page.goto(`${broken.host.url}#/sectors?reporter=KOR&partner=CHN`);
      const alert = page.getByRole('alert').first();
      await alert.waitFor();
      expect(await alert.innerText()).toMatch(/The sectors could not be loaded\.[\s\S]*sector_figure/);
      expect(await alert.getByRole('button', { name: 'Try again' }).count()).toBe(1);
      expect(broken.foreignRequests).toEqual([]);
    } finally {
      await broken.close();
    }
  });
});

/** The contract methods the page calls, in order. */
function methodsCalled(page: Page): string[] {
  const called: string[] = [];
  page.on('request', (r) => {
    const method = /\/api\/([A-Za-z]+)$/.exec(new URL(r.url()).pathname)?.[1];
    if (method && method !== 'methods') called.push(method);
  });
  return called;
}

describe('Trade balance dashboard: one call per load', () => {
  it('loads its view model in one call (never the separate queries), and each change of its filters is one more', async () => {
    const page = await app.newPage();
    const called = methodsCalled(page);
    await page.goto(`${app.host.url}#/trade?reporter=KOR&partner=CHN&from=2011&to=2021`);
    await expect.poll(() => page.getByTestId('kpi-exports').innerText()).toContain('162.9');
    // The filter bar's choices (pairs, economies) and the dashboard's data.
    expect(called.filter((m) => m !== 'tradePairs' && m !== 'listEconomies')).toEqual(['dashboard']);

    called.length = 0;
    await page.getByTestId('filter-from').fill('2015');
    await page.getByTestId('filter-from').dispatchEvent('change');
    await expect.poll(() => page.url()).toMatch(/from=2015/);
    await expect.poll(() => called).toEqual(['dashboard']);
    await expect.poll(() => page.getByTestId('mirror-table-0').locator('tbody tr').first().innerText()).toMatch(/^2015/);
    expect(called).toEqual(['dashboard']);
  });
});
