/**
 * What the data core says, in Korean and Chinese where the user meets it (real Chromium, the HTTP host): a refused
 * briefing pack in the Data view, the claims' readings and the rounding rule on the Overview, the Top products
 * rule, and a partial year's months on the Trade view, named by Intl. None of it is left in English.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../../db/imports/importer.ts';
import { admit } from '../support/browser.ts';
import { appPerFile } from '../support/app-per-file.ts';
import { HEADER } from '../support/comtrade-like.ts';
import { tempDir } from '../support/temp.ts';

const tmp = tempDir();
const MONTHLY_HEADER =
  'typeCode,freqCode,refYear,refMonth,period,reporterCode,reporterISO,reporterDesc,flowCode,partnerCode,partnerISO,partnerDesc,' +
  'partner2Code,classificationCode,cmdCode,aggrLevel,isLeaf,customsCode,motCode,primaryValue';

const app = appPerFile({ today: '2024-09-15' }, () => tmp.cleanup());
beforeAll(async () => {
  // Korea's trade with a test economy: seven months of 2024, no annual figure (a partial year).
  const monthly = tmp.file('kor-qzd-2024.csv');
  const rows = [1, 2, 3, 4, 5, 6, 7].flatMap((m) =>
    ['X', 'M'].map(
      (flow) =>
        `C,M,2024,${m},2024${String(m).padStart(2, '0')},410,KOR,Rep. of Korea,${flow},999,QZD,Qazadia (test economy),0,H6,TOTAL,0,True,C00,0,${(flow === 'X' ? 1.2e9 : 0.9e9) + m * 1e8}`,
    ),
  );
  writeFileSync(monthly, `${MONTHLY_HEADER}\n${rows.join('\n')}\n`);
  importFile(app.host.session.db, { path: monthly, onlyValidRows: true, userName: 'e2e' });
  // HS-6 rows of Korea's trade with China, for the Top products view.
  const hs = tmp.file('kor-chn-hs6.csv');
  const lines = [HEADER.join(',')];
  ['854231', '870323', '330499'].forEach((code, i) => {
    for (const year of [2022, 2023])
      for (const flow of ['X', 'M'])
        lines.push(
          `C,A,${year},52,${year},410,KOR,Rep. of Korea,${flow},156,CHN,China,0,H6,${code},6,True,C00,0,0,0,,${(3 - i) * 1e9},${(3 - i) * 1e9},True,False`,
        );
  });
  // One breakdown row (a second partner), skipped: the import history counts it by its reason.
  lines.push(`C,A,2023,52,2023,410,KOR,Rep. of Korea,X,156,CHN,China,392,H6,854231,6,True,C00,0,0,0,,1000000,1000000,True,False`);
  writeFileSync(hs, `${lines.join('\n')}\n`);
  importFile(app.host.session.db, { path: hs, onlyValidRows: true, userName: 'e2e' });
});

/** A page whose browser speaks `locale` (the app starts in it). */
async function pageIn(locale: string): Promise<Page> {
  const context = await app.browser.newContext({ viewport: { width: 1440, height: 900 }, locale });
  await admit(context, app.host);
  const page = await context.newPage();
  page.on('pageerror', (e) => app.pageErrors.push(e.message));
  return page;
}

async function open(page: Page, hash: string): Promise<void> {
  await page.goto(`${app.host.url}${hash}`);
  await page.locator('main h1').waitFor();
  await expect.poll(() => page.locator('main .state-loading').count()).toBe(0);
}

describe('the data core in Korean and Chinese', () => {
  it('a refused pack: the error in Korean, the file and the field named', async () => {
    const seed = JSON.parse(
      readFileSync(fileURLToPath(new URL('../../db/packs/korea-china-2022.json', import.meta.url)), 'utf8'),
    ) as Record<string, unknown> & { tradeFlows: Record<string, unknown>[] };
    const [first, ...rest] = seed.tradeFlows;
    const file = tmp.file('colleague.json');
    writeFileSync(file, JSON.stringify({ ...seed, id: 'colleague', tradeFlows: [{ ...first, source: 'nowhere' }, ...rest] }));
    const page = await pageIn('ko-KR');
    await open(page, '#/data');
    const panel = page.getByTestId('pack-panel');
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), panel.getByTestId('load-pack').click()]);
    await chooser.setFiles(file);
    const alert = page.locator('.notice[role="alert"]').first();
    await alert.waitFor();
    const text = await alert.innerText();
    expect(text).toContain('colleague.json');
    expect(text).toContain('올바른 브리핑 팩이 아닙니다');
    expect(text).toContain('tradeFlows[0].source');
    expect(text).toContain('알 수 없는 출처 "nowhere"');
    expect(text).not.toMatch(/valid briefing pack|unknown source/);
    await page.screenshot({ path: 'tests/artifacts/i18n-core-pack-ko.png' });
    await page.context().close();
  });

  it("claims on the Overview: the rounding rule and a rank's reading in Chinese, economies named by Intl", async () => {
    const page = await pageIn('zh-CN');
    await open(page, '#/overview');
    await page.getByTestId('claims-list').first().waitFor();
    const main = await page.locator('main').innerText();
    // The rounding rule, and the readings ranking Korea's partners ("ranked against 244 other partners loaded").
    expect(main).toContain('当数据按来源给出的最后一位四舍五入后等于公布数字时');
    expect(main).toMatch(/与已载入的\d+个其他贸易伙伴比较排名/);
    // What the world total leaves unallocated, in units of 10⁸ as the page writes amounts in Chinese.
    expect(main).toMatch(/韩国对世界的总额中有[\d,]+亿美元未分配给已载入的贸易伙伴/);
    // A standing the report gives without a year is checked for the year of the figures it cites, and says so in Chinese.
    expect(await page.getByTestId('claim-year-not-stated').allInnerTexts()).toEqual(
      Array.from({ length: 3 }, () => '来源未说明此说法的年份，按其所引贸易数据的年份（2021年）核对。'),
    );
    expect(main).not.toMatch(/ranked against|A stated figure holds|unallocated to the partners|gives no year/);
    await page.screenshot({ path: 'tests/artifacts/i18n-core-claims-zh.png', fullPage: true });
    await page.context().close();
  });

  it('the Top products rule in Korean', async () => {
    const page = await pageIn('ko-KR');
    await open(page, '#/products?reporter=KOR&partner=CHN');
    const rule = page.locator('main .small-note').last();
    await rule.waitFor();
    const text = await rule.innerText();
    expect(text).toContain('각 흐름은 한 번만 셉니다');
    expect(text).toContain('품목은 가져온 파일에서 불러온 HS 수준의 연간 수치입니다');
    expect(text).not.toMatch(/[A-Za-z]{5}/);
    await page.context().close();
  });

  for (const [locale, label] of [
    ['zh-CN', '仅1月–7月'],
    ['ko-KR', '1월–7월만'],
  ] as const) {
    it(`a partial year's months in ${locale}: "${label}" on the Trade view, its rule in the language`, async () => {
      const page = await pageIn(locale);
      await open(page, '#/trade?reporter=KOR&partner=QZD&from=2023&to=2024');
      const partial = page.getByTestId('partial-years');
      await partial.waitFor();
      expect(await partial.innerText()).toContain(label);
      const main = await page.locator('main').innerText();
      expect(main).not.toMatch(/Jan–Jul only|One value per year and flow/);
      await page.screenshot({ path: `tests/artifacts/i18n-core-partial-${locale}.png`, fullPage: true });
      await page.context().close();
    });
  }

  for (const [locale, label] of [
    ['zh-CN', '仅1月–9月'],
    ['ko-KR', '1월–9월만'],
  ] as const) {
    it(`a built-in sector figure's part of a year in ${locale}: "${label}" in the chart's labels and the table`, async () => {
      const page = await pageIn(locale);
      await open(page, '#/sectors?reporter=KOR&partner=CHN');
      const chart = page.locator('figure.chart[data-chart-ready="true"]').first();
      await chart.waitFor();
      const labels = (JSON.parse((await chart.getAttribute('data-chart-data')) ?? '{}') as { labels?: string[] }).labels ?? [];
      expect(labels.some((l) => l.includes(label))).toBe(true);
      expect(labels.join(' ')).not.toMatch(/only/);
      const main = await page.locator('main').innerText();
      expect(main).toContain(label);
      expect(main).not.toMatch(/(Jan|Feb|Mar|Sep|Nov)\b.*only/);
      await page.context().close();
    });
  }

  it('the import history’s skip reasons in Korean: a breakdown row counted by its reason', async () => {
    const page = await pageIn('ko-KR');
    await open(page, '#/data');
    const row = page.getByTestId('import-history').locator('tr', { hasText: 'kor-chn-hs6.csv' });
    const title = await row.locator('td.num').nth(1).getAttribute('title');
    expect(title).toContain('세부 행');
    expect(title).not.toMatch(/breakdown|[A-Za-z]{5} [a-z]{3,}/);
    await page.context().close();
  });

  it('raised no page errors and no request left the machine', () => {
    expect(app.pageErrors).toEqual([]);
    expect(app.foreignRequests).toEqual([]);
  });
});
