/**
 * Growth and one framing in the Trade view: the tiles' figures beside their growth, the KPI year with
 * both flows, and screenshots of the view at 1440 and 800 px in light and dark (tests/artifacts, for looking at).
 */
import { describe, expect, it } from 'vitest';
import { appPerFile } from '../support/app-per-file.ts';
import type { Page } from 'playwright-core';
import { printRoute } from '../../db/common/paper.ts';
import { foldRounding } from '../../renderer/src/lib/blocks/reconciliation-fold.ts';

const app = appPerFile({ today: '2022-09-15' });

async function open(page: Page, hash: string): Promise<void> {
  await page.goto(`${app.host.url}${hash}`);
  await page.locator('main h1').waitFor();
  await expect.poll(() => page.locator('main .state-loading, figure.chart[data-chart-ready="false"]').count(), { timeout: 10_000 }).toBe(0);
}

describe('Trade view: growth beside each figure, at every width and in both schemes', () => {
  it('keeps the growth lines inside their tiles at 1440 and 800 px, light and dark', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      for (const width of [1440, 800]) {
        const page = await app.newPage({ colorScheme, reducedMotion: 'reduce' });
        await page.setViewportSize({ width, height: 1000 });
        await open(page, '#/trade?reporter=KOR&partner=CHN&from=2011&to=2021');
        for (const flow of ['exports', 'imports', 'total']) {
          const tile = await page.getByTestId(`kpi-${flow}`).boundingBox();
          const line = await page.getByTestId(`growth-${flow}`).boundingBox();
          expect(line!.x + line!.width, `${colorScheme} ${width} ${flow}`).toBeLessThanOrEqual(tile!.x + tile!.width + 0.5);
        }
        expect(Number(await page.evaluate('document.scrollingElement.scrollWidth'))).toBeLessThanOrEqual(width);
        await page.screenshot({ path: `tests/artifacts/trade-growth-${width}-${colorScheme}.png` });
        await page.close();
      }
    }
    expect(app.pageErrors).toEqual([]);
  });

  it("keeps the mirror chart's year axis continuous, a year one side does not report an empty place, and states the headline total's rule", async () => {
    const page = await app.newPage({ reducedMotion: 'reduce' });
    await open(page, '#/trade?reporter=KOR&partner=CHN&from=1975&to=2024');
    expect(await page.getByTestId('total-rule').innerText()).toMatch(
      /sum of South Korea's two flows[\s\S]*Overview shows the stated total/,
    );
    // China → Korea: China's own report is loaded for a few years only, Korea's for every year.
    const data = JSON.parse((await page.getByTestId('mirror-chart-1').getAttribute('data-chart-data')) ?? '{}') as {
      labels: string[];
      datasets: { data: (number | null)[] }[];
    };
    const years = data.labels.map(Number);
    expect(years.length).toBeGreaterThan(10);
    years.forEach((y, i) => expect(y).toBe(years[0]! + i));
    const china = data.datasets[0]!.data;
    expect(china[years.indexOf(2021)]).toBeCloseTo(150.5, 1);
    expect(china[years.indexOf(2015)]).toBeNull();
    expect(data.datasets[1]!.data[years.indexOf(2015)]).not.toBeNull();
    expect(app.pageErrors).toEqual([]);
  });

  it('the briefing\'s "where figures disagree" block folds rounding-level differences as the dashboard does', async () => {
    const h = app.host.session.handlers;
    const items = [
      ...(await h.reconciliation({ reporter: 'KOR', partner: 'CHN', tolerance: 0 })),
      ...(await h.reconciliation({ reporter: 'CHN', partner: 'KOR', tolerance: 0 })),
    ];
    const { major, minor } = foldRounding(items);
    expect(minor.length).toBeGreaterThan(0);
    expect(major.length).toBeGreaterThan(0);

    // The dashboard: the larger ones listed, the rounding-level ones behind one summary line.
    const page = await app.newPage({ reducedMotion: 'reduce' });
    await open(page, '#/trade?reporter=KOR&partner=CHN&from=1975&to=2024');
    const rec = page.getByTestId('reconciliation');
    await expect.poll(() => rec.locator(':scope > ul > li').count()).toBe(major.length);
    expect(await rec.locator('details summary').innerText()).toContain(`${minor.length} smaller disagreement`);

    // The briefing block, same pair, both directions as two blocks: the same items listed, the same folded.
    const created = await h.createBriefing({
      title: 'Disagreements',
      audience: '',
      classification: '',
      blocks: [
        { kind: 'reconciliation', config: { heading: 'KOR reports', reporter: 'KOR', partner: 'CHN', tolerance: 0 } },
        { kind: 'reconciliation', config: { heading: 'CHN reports', reporter: 'CHN', partner: 'KOR', tolerance: 0 } },
      ],
    });
    const route = printRoute({ briefing: created.id });
    await page.goto(`${app.host.url}${route}${route.includes('?') ? '&' : '?'}preview=1`);
    await expect.poll(() => page.evaluate('document.body.dataset.printReady')).toBe('true');
    const blocks = page.locator('[data-block-kind="reconciliation"]');
    expect(await blocks.locator('ul.doc-list > li').count()).toBe(major.length);
    const folded = await blocks.getByTestId('reconciliation-folded').allInnerTexts();
    const count = folded.map((text) => Number(/^(\d+) smaller disagreement/.exec(text)?.[1])).reduce((a, b) => a + b, 0);
    expect(count).toBe(minor.length);
    expect(app.pageErrors).toEqual([]);
  });
});
