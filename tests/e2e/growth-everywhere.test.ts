/**
 * Growth where a figure stands. The partners ranking's growth-rate column shows the model's rate for the ranked
 * measure over the chosen range. The printed "Headline figures" block carries each flow's growth line (year-on-year change, share of the
 * reporter's trade with the world, growth rate) from the same model as the Trade tiles: the PDF's text, read
 * back, holds what the Trade view's tiles show for the same pair and year, and the reason where a figure is not given.
 * The PDF is kept in tests/artifacts to look at.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { extractText, getDocumentProxy } from 'unpdf';
import { beforeAll, describe, expect, it } from 'vitest';
import { printRoute } from '../../db/common/paper.ts';
import { dispatch } from '../../db/dispatch.ts';
import { printToPdf } from '../../db/http-host/print.ts';
import type { PartnerRanking } from '../../db/partners/contract.ts';
import type { TradeKpi } from '../../db/trade/contract.ts';
import { percent } from '../../renderer/src/i18n/numbers.ts';
import { appPerFile } from '../support/app-per-file.ts';

const TODAY = '2026-11-29';
const app = appPerFile({ today: TODAY });

async function call<T>(method: string, input: unknown): Promise<T> {
  const e = await dispatch(app.host.session.handlers, method, input);
  if (!e.ok) throw new Error(e.error.message);
  return e.data as T;
}

async function pdfText(pdf: Buffer): Promise<string> {
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true });
  return text.replace(/\s+/g, ' ');
}

/** The growth lines of the Trade view's tiles, as the screen shows them. */
async function tileGrowth(page: Page, hash: string): Promise<string[]> {
  await page.goto(`${app.host.url}${hash}`);
  await page.locator('main h1').waitFor();
  await page.getByTestId('growth-exports').waitFor();
  const lines: string[] = [];
  for (const flow of ['exports', 'imports', 'total']) {
    for (const part of await page.getByTestId(`growth-${flow}`).locator('span').allInnerTexts())
      lines.push(part.replace(/\s+/g, ' ').trim());
  }
  return lines;
}

describe('the printed headline figures carry the growth the Trade tiles show', () => {
  let text = '';
  let screenKorea: string[] = [];
  let screenChina: string[] = [];

  beforeAll(async () => {
    const created = await call<{ id: string }>('createBriefing', {
      title: 'Growth in print',
      blocks: [
        { kind: 'kpi', config: { heading: 'Korea reports', reporter: 'KOR', partner: 'CHN', year: 2021 } },
        { kind: 'kpi', config: { heading: 'China reports', reporter: 'CHN', partner: 'KOR', year: 2021 } },
      ],
    });
    const page = await app.newPage({ reducedMotion: 'reduce' });
    const { pdf } = await printToPdf(page, app.host.url, printRoute({ briefing: created.id }), {
      setup: { paper: 'A4', orientation: 'portrait' },
      today: TODAY,
    });
    mkdirSync('tests/artifacts', { recursive: true });
    writeFileSync('tests/artifacts/print-kpi-growth.pdf', pdf);
    text = await pdfText(pdf);
    screenKorea = await tileGrowth(page, '#/trade?reporter=KOR&partner=CHN&to=2021');
    screenChina = await tileGrowth(page, '#/trade?reporter=CHN&partner=KOR&to=2021');
    await page.close();
  });

  it("prints Korea's year-on-year change and share of its exports, as computed by the Trade KPI", async () => {
    const kpi = await call<TradeKpi>('tradeKpi', { reporter: 'KOR', partner: 'CHN', to: 2021 });
    expect(kpi.year).toBe(2021);
    const yoy = kpi.growth.exports.yoy.change?.relative;
    if (yoy === undefined || yoy === null) throw new Error('no year-on-year change of Korea’s 2021 exports');
    expect(text).toContain(`${yoy > 0 ? '+' : '−'}${percent(Math.abs(yoy), 'en')} year-on-year (2020 → 2021)`);
    const share = kpi.growth.exports.share.value;
    if (share === null) throw new Error('no share of Korea’s 2021 exports');
    expect(text).toContain(`${percent(share, 'en')} share of South Korea's exports`);
  });

  it('prints every growth line the Trade tiles show for the same pair and year', () => {
    // Three lines under exports and imports, two under the total: its share of the reporter's total trade is the
    // Trade view's own tile (said once), and the print's total carries it.
    expect(screenKorea.length).toBe(8);
    expect(screenChina.length).toBe(8);
    for (const line of [...screenKorea, ...screenChina]) expect(text).toContain(line);
  });

  it("prints the reason where China's customs give no year-on-year change or share", () => {
    expect(text).toContain('Year-on-year: not given — the year before is not reported');
    expect(text).toContain("Share: not known — no figure of the reporter's total for that year is loaded");
    expect(app.pageErrors).toEqual([]);
  });
});

describe("the partners ranking's growth-rate column", () => {
  it("shows each partner's rate of the ranked measure from the chosen first year to the year shown, and a dash with its reason for the balance", async () => {
    const ranking = await call<PartnerRanking>('partnerRanking', { reporter: 'KOR', from: 2014 });
    const china = ranking.partners.find((p) => p.partner.code === 'CHN')!;
    const rate = china.cagr.exports.rate;
    if (rate === null) throw new Error("no growth rate of Korea's exports to China");
    expect(china.cagr.exports).toMatchObject({ fromYear: 2014, toYear: 2023 });
    const page = await app.newPage({ reducedMotion: 'reduce' });
    await page.goto(`${app.host.url}#/partners?reporter=KOR&from=2014`);
    const table = page.getByTestId('partners-table');
    await table.locator('tr[data-partner="CHN"]').waitFor({ timeout: 30_000 });
    expect(await table.locator('thead').innerText()).toContain('CAGR 2014–2023');
    const cell = table.locator('tr[data-partner="CHN"] [data-testid="partners-cagr"]');
    expect((await cell.innerText()).trim()).toBe(`${rate > 0 ? '+' : '−'}${percent(Math.abs(rate), 'en')}`);
    await page.getByTestId('partners-by').selectOption('balance');
    await expect.poll(() => table.locator('caption').innerText(), { timeout: 30_000 }).toContain('by balance');
    // Ranked by balance, the top rows are the largest surpluses: the first of them.
    const balance = table.locator('tbody tr').first().getByTestId('partners-cagr').locator('span');
    await balance.waitFor({ timeout: 30_000 });
    expect([(await balance.innerText()).trim(), await balance.getAttribute('title')]).toEqual([
      '—',
      'not given for a balance (its sign can change)',
    ]);
    await page.close();
    expect(app.pageErrors).toEqual([]);
  });
});
