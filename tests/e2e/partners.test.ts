import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { seriousAxeViolations } from '../support/axe.ts';
import { appPerFile } from '../support/app-per-file.ts';
import { decodePng } from '../support/png.ts';

const app = appPerFile({ today: '2024-06-01' });

async function open(page: Page, hash: string): Promise<void> {
  await page.goto(`${app.host.url}${hash}`);
  await page.locator('main h1').waitFor();
  await expect.poll(() => page.locator('main .state-loading').count()).toBe(0);
  await expect.poll(() => page.locator('figure.chart[data-chart-ready="false"]').count(), { timeout: 15_000 }).toBe(0);
}

const rowCells = (page: Page, testid: string): Promise<string[][]> =>
  page
    .getByTestId(testid)
    .locator('tbody tr')
    .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => (c as unknown as { innerText: string }).innerText.trim())));

/**
 * How many pixel rows the first partner's line takes in the bump chart (China, rank 1 in every year, drawn in the first
 * palette colour with points of radius 3): 6 or more when the line and its points are drawn whole, about half that
 * when the chart's top edge cuts them. The legend's box of the same colour sits above the line or to the right of the
 * columns read.
 */
async function rankOneLineHeight(page: Page): Promise<number> {
  const image = decodePng(await page.getByTestId('partners-bump').locator('canvas').screenshot());
  const near = (i: number): boolean =>
    Math.abs(image.rgb[i]! - 0x1f) + Math.abs(image.rgb[i + 1]! - 0x77) + Math.abs(image.rgb[i + 2]! - 0xb4) < 30;
  const rows: number[] = [];
  for (let y = 0; y < image.height; y++) {
    let count = 0;
    for (let x = 0; x < Math.floor(image.width * 0.6); x++) if (near((y * image.width + x) * 3)) count++;
    if (count >= 3) rows.push(y);
  }
  // The lowest run of consecutive rows: the line (the legend's box, when the legend is on top, is a run above it).
  let height = 0;
  for (let i = rows.length - 1; i >= 0 && (i === rows.length - 1 || rows[i + 1]! - rows[i]! === 1); i--) height++;
  return height;
}

describe('Partners view', () => {
  it("ranks South Korea's partners in 2023 from KOSIS, says what the shares are of, and keeps its filters in the URL", async () => {
    const page = await app.newPage({ reducedMotion: 'reduce' });
    await open(page, '#/partners?reporter=KOR');
    expect(await page.locator('#partners-ranking-title').innerText()).toBe('Partners ranked by exports, 2023');
    const rows = await rowCells(page, 'partners-table');
    expect(rows.slice(0, 6).map((r) => [r[0], r[1]?.split('\n')[0]?.replace(/\s+[A-Z]+\d+(, [A-Z]+\d+)*$/, '')])).toEqual([
      ['1', 'China'],
      ['2', 'United States'],
      ['3', 'Vietnam'],
      ['4', 'Japan'],
      ['5', 'Hong Kong SAR China'],
      ['6', 'Taiwan'],
    ]);
    // China 2023: 124.8 bn, 19.7 % of the stated total (632.2 bn), −19.9 % on 2022.
    expect(rows[0]![2]).toMatch(/^124\.8\s*19\.7% · −19\.9% y\/y$/);
    expect(rows.length).toBe(20);
    expect(await page.getByTestId('partners-totals').innerText()).toMatch(/632\.2[\s\S]*As stated \(trade with the World\)/);
    expect(await page.getByRole('button', { name: 'Export data…' }).isVisible()).toBe(true);

    // Ranked by balance: Korea's largest surplus first; the URL holds the choice.
    await page.getByTestId('partners-by').selectOption('balance');
    await expect.poll(() => page.locator('#partners-ranking-title').innerText()).toBe('Partners ranked by balance, 2023');
    expect(page.url()).toMatch(/by=balance/);
    const byBalance = await rowCells(page, 'partners-table');
    expect(byBalance[0]?.[1]).toMatch(/^United States/);

    // Another year; the view reopens from its URL exactly.
    await page.getByTestId('partners-year').selectOption('2021');
    await expect.poll(() => page.url()).toMatch(/year=2021/);
    const url = page.url();
    const again = await app.newPage({ reducedMotion: 'reduce' });
    await open(again, url.slice(url.indexOf('#')));
    expect(await again.locator('#partners-ranking-title').innerText()).toBe('Partners ranked by balance, 2021');
    await again.close();

    await page.getByTestId('partners-show-all').click();
    expect((await rowCells(page, 'partners-table')).length).toBeGreaterThan(200);
    await page.close();
  });

  it("shows the rank over time, compares chosen partners on one axis, and China's share of Korea's exports and imports", async () => {
    const page = await app.newPage({ reducedMotion: 'reduce' });
    await open(page, '#/partners?reporter=KOR&year=2023&by=exports&from=2014&to=2023');
    const ranks = await rowCells(page, 'partners-rank-table');
    expect(ranks[0]).toEqual(['China', '1', '1', '1', '1', '1', '1', '1', '1', '1', '1']);
    expect(ranks.find((r) => r[0] === 'Vietnam')?.slice(1, 4)).toEqual(['6', '4', '4']);
    expect(await rankOneLineHeight(page)).toBeGreaterThanOrEqual(6);

    // The comparison starts on the top four; removing one and adding another changes the URL and the chart.
    const chart = page.getByTestId('partners-compare-chart');
    const labels = async (): Promise<string[]> =>
      (JSON.parse((await chart.getAttribute('data-chart-data')) ?? '{}') as { datasets: { label: string }[] }).datasets.map((d) => d.label);
    expect(await labels()).toEqual(['China', 'United States', 'Vietnam', 'Japan']);
    await page.getByRole('button', { name: 'Remove Japan' }).click();
    await page.getByTestId('partners-compare-add').selectOption('DEU');
    await expect.poll(labels).toEqual(['China', 'United States', 'Vietnam', 'Germany']);
    expect(page.url()).toMatch(/compare=CHN%2CUSA%2CVNM%2CDEU|compare=CHN,USA,VNM,DEU/);

    // China's share: the chart's data against its table, every year on the stated totals in this range.
    const share = page.getByTestId('partners-share-chart');
    const data = JSON.parse((await share.getAttribute('data-chart-data')) ?? '{}') as {
      labels: string[];
      datasets: { label: string; data: (number | null)[] }[];
    };
    expect(data.labels).toEqual(['2014', '2015', '2016', '2017', '2018', '2019', '2020', '2021', '2022', '2023']);
    expect(data.datasets[0]!.data[7]).toBeCloseTo((162912974000 / 644400368000) * 100, 6);
    await share.getByRole('button', { name: 'Show as table' }).click();
    const table = await rowCells(page, 'partners-share-chart-table');
    expect(table[7]).toEqual(['2021', '162.9', '25.3%', '138.6', '22.5%', 'stated total']);
    expect(await page.getByTestId('partners-share-basis').innerText()).toMatch(/as the source states them\./);
    await page.close();
  });

  it('says so when the share of early years is of the sum over partners, with no share where one partner only is loaded', async () => {
    const page = await app.newPage({ reducedMotion: 'reduce' });
    await open(page, '#/partners?reporter=KOR&year=2023&from=1988&to=2024');
    expect(await page.getByTestId('partners-share-basis').innerText()).toMatch(/except 1988–1990, 2024: no stated total is loaded/);
    await page.getByTestId('partners-share-chart').getByRole('button', { name: 'Show as table' }).click();
    const table = await rowCells(page, 'partners-share-chart-table');
    expect(table[table.length - 1]).toEqual(['2024', '133.0', '—', 'not reported', '—', 'sum over 1 partner(s)']);
    await page.close();
  });

  it("asks for the reporter's figures beside the list of reporters when it can guess the reporter, China's share read from the comparison", async () => {
    const page = await app.newPage({ reducedMotion: 'reduce' });
    await page.goto(`${app.host.url}#/overview`);
    await page.evaluate("localStorage.removeItem('tradebrief.filters')");
    const calls: string[] = [];
    const api = (url: string): string | null => (new URL(url).pathname.startsWith('/api/') ? new URL(url).pathname.slice(5) : null);
    page.on('request', (r) => {
      const method = api(r.url());
      if (method) calls.push(`asked ${method} ${r.postData() ?? ''}`);
    });
    page.on('requestfinished', (r) => {
      const method = api(r.url());
      if (method) calls.push(`answered ${method}`);
    });
    const visit = async (hash: string): Promise<void> => {
      await page.evaluate(`location.hash = '#/overview'`);
      await page.locator('main h1', { hasText: 'Overview' }).waitFor();
      calls.length = 0;
      await page.evaluate(`location.hash = '${hash}'`);
      await page.locator('#partners-ranking-title').waitFor();
      await expect.poll(() => page.locator('main .state-loading, figure.chart[data-chart-ready="false"]').count()).toBe(0);
    };
    const at = (prefix: string): number => calls.findIndex((c) => c.startsWith(prefix));

    // First visit: the reporter is known only from the list (its first, South Korea), the partners compared from the ranking.
    await visit('#/partners');
    expect(at('asked partnerRanking')).toBeGreaterThan(at('answered partnerReporters'));
    expect(at('asked partnerSeries')).toBeGreaterThan(at('answered partnerRanking'));
    // Again: South Korea, shown last time, is asked for beside the list, and the partners its ranking named for the
    // comparison beside the ranking.
    await visit('#/partners');
    expect(at('asked partnerRanking')).toBeGreaterThanOrEqual(0);
    expect(at('asked partnerRanking')).toBeLessThan(at('answered partnerReporters'));
    expect(at('asked partnerSeries')).toBeLessThan(at('answered partnerRanking'));
    // China is among the partners compared: its share is read from the comparison's answer, not asked for again.
    expect(calls.filter((c) => c.startsWith('asked partnerSeries'))).toEqual([
      'asked partnerSeries {"reporter":"KOR","partners":["CHN","USA","VNM","JPN"]}',
    ]);
    expect(await page.locator('#partners-share-title').innerText()).toBe("China's share of South Korea's exports and imports, 1991–2024");
    expect(await page.locator('#partners-compare-title').innerText()).toContain('South Korea');

    // A guess the list does not confirm (China reports no partners but South Korea): its round is left, South Korea's asked for.
    await visit('#/partners?reporter=CHN');
    expect(calls.filter((c) => c.startsWith('asked partnerRanking'))).toEqual([
      'asked partnerRanking {"reporter":"CHN"}',
      'asked partnerRanking {"reporter":"KOR"}',
    ]);
    expect(await page.getByRole('status').filter({ hasText: 'has no figures by partner' }).innerText()).toBe(
      'CHN has no figures by partner: showing South Korea.',
    );
    expect(await page.locator('#partners-totals-title').innerText()).toBe("South Korea's trade in 2023");
    expect((await rowCells(page, 'partners-table'))[0]?.[1]).toMatch(/^China/);
    await page.evaluate("localStorage.removeItem('tradebrief.filters')");
    expect(app.pageErrors).toEqual([]);
    await page.close();
  });

  it('passes axe in light and dark; screenshots at 1440 and 800 px', async () => {
    // The years chosen in the tests above are remembered and carried to the next view opened: forget them.
    const first = await app.newPage();
    await first.goto(`${app.host.url}#/overview`);
    await first.evaluate("localStorage.removeItem('tradebrief.filters')");
    await first.close();
    for (const scheme of ['light', 'dark'] as const) {
      for (const width of [1440, 800]) {
        const page = await app.newPage({ colorScheme: scheme, reducedMotion: 'reduce' });
        await page.setViewportSize({ width, height: 1000 });
        await open(page, '#/partners?reporter=KOR&year=2023&by=exports');
        // The map is drawn as it comes into view: scrolled to, so that it is checked and pictured too.
        await page.getByTestId('partners-map').scrollIntoViewIfNeeded();
        await expect.poll(() => page.locator('figure[data-testid="partners-map-chart"][data-chart-ready="true"]').count()).toBe(1);
        await page.evaluate('scrollTo(0, 0)');
        expect(await seriousAxeViolations(page), `${scheme} ${width}`).toEqual([]);
        expect(await page.locator('#partners-share-title').innerText()).toBe(
          "China's share of South Korea's exports and imports, 1991–2024",
        );
        await page.screenshot({ path: `tests/artifacts/partners-${scheme}-${width}.png`, fullPage: true });
        await page.screenshot({ path: `tests/artifacts/partners-${scheme}-${width}-top.png` });
        // Nothing wider than the window: the tables scroll inside their frame.
        const overflow = (await page.evaluate(`[document.documentElement.scrollWidth, window.innerWidth,
          ...[...document.querySelectorAll('main *')].filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1).slice(0, 3)
            .map((el) => el.tagName + '.' + el.className + ' ' + Math.round(el.getBoundingClientRect().right))]`)) as (number | string)[];
        expect(Number(overflow[0]) <= Number(overflow[1]) + 1, `${scheme} ${width} overflow: ${overflow.join(' ')}`).toBe(true);
        await page.close();
      }
    }
    expect(app.pageErrors).toEqual([]);
    expect(app.foreignRequests).toEqual([]);
  });
});

describe('Partners: the world map from the keyboard', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`moves with the arrow keys, shows the focused country's outline at 3:1 or more on any fill, and Enter opens the pair (${scheme}, 800 px)`, async () => {
      const page = await app.newPage({ colorScheme: scheme, reducedMotion: 'reduce' });
      await page.setViewportSize({ width: 800, height: 800 });
      await open(page, '#/partners?reporter=KOR&year=2023&by=exports');
      await page.getByTestId('partners-map').scrollIntoViewIfNeeded();
      await expect.poll(() => page.locator('figure[data-testid="partners-map-chart"][data-chart-ready="true"]').count()).toBe(1);
      // Tab from the map's last button lands on its one stop, the largest partner; ArrowRight goes to the next by size.
      const chart = page.getByTestId('partners-map-chart');
      await chart.getByRole('button', { name: 'Copy' }).focus();
      await page.keyboard.press('Tab');
      const focusedCountry = () => page.evaluate("document.activeElement?.getAttribute('data-iso3') ?? null");
      expect(await focusedCountry()).toBe('CHN');
      await page.keyboard.press('ArrowRight');
      expect(await focusedCountry()).toBe('USA');

      // The outline drawn on the focused country: its top line against what borders it on both sides (a wider line
      // under it, else the country's own fill inside it), in screen pixels and WCAG contrast.
      const ring = (await page.evaluate(`(() => {
        const lum = (c) => { const [r, g, b] = c.match(/[\\d.]+/g).slice(0, 3).map((v) => { v = v / 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
        const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
        const country = document.activeElement.querySelector('path');
        const d = country.getAttribute('d');
        const drawn = [...document.querySelectorAll('[data-testid="partners-map-chart"] svg path')].filter((p) => p !== country && p.getAttribute('d') === d && p.getAttribute('stroke'));
        if (drawn.length === 0) return { lines: 0 };
        const scale = country.getScreenCTM().a;
        const width = (p) => Number(p.getAttribute('stroke-width')) * scale;
        const line = drawn.at(-1);
        const under = drawn.slice(0, -1).filter((p) => width(p) >= width(line) + 2).at(-1);
        const beside = under ? getComputedStyle(under).stroke : getComputedStyle(country).fill;
        return { lines: drawn.length, width: Math.round(width(line) * 10) / 10, contrast: ratio(getComputedStyle(line).stroke, beside) };
      })()`)) as { lines: number; width?: number; contrast?: number };
      expect(ring.lines).toBeGreaterThan(0);
      expect(ring.width).toBeGreaterThanOrEqual(2);
      expect(ring.contrast).toBeGreaterThanOrEqual(3);

      // Enter opens the pair: the Trade view, with the focus on it rather than lost to <body>.
      await page.keyboard.press('Enter');
      await expect.poll(() => page.url()).toContain('#/trade?reporter=KOR&partner=USA');
      await expect.poll(() => page.evaluate("document.activeElement?.id ?? ''")).toBe('main');
      expect(app.pageErrors).toEqual([]);
      await page.close();
    });
  }
});
