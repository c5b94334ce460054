/**
 * The data core's messages in the page's language (real Chromium, HTTP host): a bad CSV checked in Korean shows each
 * problem in Korean beside its row and column, the skip reasons too; switching to Chinese rewrites them; an import
 * with no valid row says why in Chinese; a file that is not a table, and a reading error, are refused in Korean naming
 * the file, line and column; a claim's readings and an edit form's checks are in Korean. The files are written here.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { admit, chooseFile, downloadOf } from '../support/browser.ts';
import { appPerFile } from '../support/app-per-file.ts';
import { tempDir } from '../support/temp.ts';

const tmp = tempDir();
const contexts: BrowserContext[] = [];
const errors: string[] = [];

/** A Comtrade file: the header of the layout and rows made from one valid row with some cells changed. */
function comtradeFile(name: string, changes: Record<string, string>[]): string {
  const sample = readFileSync(fileURLToPath(new URL('../fixtures/imports/comtrade-current.csv', import.meta.url)), 'utf8').split(/\r?\n/);
  const header = sample[0]!.split(',');
  // The fixture's first row has no quoted cell: splitting on commas is exact.
  const row = sample[1]!.split(',');
  const lines = changes.map((change) => header.map((column, i) => change[column] ?? row[i]).join(','));
  const path = tmp.file(name);
  writeFileSync(path, [header.join(','), ...lines].join('\n') + '\n');
  return path;
}

const app = appPerFile({ today: '2026-11-29' });
afterAll(async () => {
  for (const c of contexts) await c.close();
  tmp.cleanup();
});

/** A first start in a browser whose language is `locale`. */
async function profile(locale: string): Promise<Page> {
  const context = await app.browser.newContext({ viewport: { width: 1440, height: 900 }, locale });
  contexts.push(context);
  await admit(context, app.host);
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  return page;
}

/** The problems table as rows of cells: line, column, value, what is wrong. */
const problemRows = (page: Page): Promise<string[][]> =>
  page
    .getByTestId('problems')
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim())));

describe('core messages in the page’s language', () => {
  it('a bad CSV checked in Korean: each problem in Korean with its row and column; in Chinese after a switch', async () => {
    const file = comtradeFile('나쁜-파일.csv', [
      {},
      { refYear: '22', partnerISO: 'JPN', partnerCode: '392' },
      { primaryValue: '-5', partnerISO: 'VNM', partnerCode: '704' },
      { cmdCode: '1234567', partnerISO: 'USA', partnerCode: '842' },
      { partnerISO: '_X', partnerCode: '899' },
      { flowCode: 'DX' },
    ]);
    const page = await profile('ko-KR');
    await page.goto(`${app.host.url}#/data`);
    await expect.poll(() => page.evaluate<string>('document.documentElement.lang')).toBe('ko');
    await chooseFile(page, file);
    await page.getByTestId('import-preview').waitFor();
    const header = await page.getByTestId('problems').locator('thead').innerText();
    expect(header).toContain('줄');
    expect(header).toContain('열');
    expect(await problemRows(page)).toEqual([
      ['3', 'refYear', '22', '1900년부터 2100년까지의 연도여야 함'],
      ['4', 'primaryValue', '-5', '무역 금액은 음수일 수 없음'],
      ['5', 'cmdCode', '1234567', 'HS 코드는 2, 4, 6자리여야 하나 7자리임(스프레드시트에서 맨 앞의 0이 빠졌을 수 있음)'],
    ]);
    // Skip reasons, a nested message included (the flows the layout stores).
    const reasons = await page.locator('table.reasons').innerText();
    expect(reasons).toContain('상대국이 경제가 아닌 지역임');
    expect(reasons).toContain('수출입 구분 DX은(는) 저장하지 않음(X, M, RX, RM만 저장)');
    expect(reasons).not.toMatch(/not stored|area, not an economy/);
    await page.screenshot({ path: 'tests/artifacts/data-problems-ko.png', fullPage: true });

    // The same report, rewritten in Chinese without checking the file again.
    await page.getByTestId('language-select').selectOption('zh');
    await expect
      .poll(() => problemRows(page))
      .toEqual([
        ['3', 'refYear', '22', '应为1900年至2100年的年份'],
        ['4', 'primaryValue', '-5', '贸易金额不能为负数'],
        ['5', 'cmdCode', '1234567', 'HS编码应为2、4或6位，而不是7位（可能在电子表格中丢了开头的0）'],
      ]);
    expect(await page.locator('table.reasons').innerText()).toContain('贸易伙伴是地区，不是经济体');
    expect(errors).toEqual([]);
  });

  it('an import with no valid row says why in Chinese, naming the count; nothing is added', async () => {
    const file = comtradeFile('no-valid-rows.csv', [
      { refYear: '1850' },
      { primaryValue: 'n/a', partnerISO: 'JPN', partnerCode: '392' },
      { flowCode: 'DX' },
    ]);
    const before = app.host.session.db.prepare('SELECT count(*) FROM trade_flow').pluck().get();
    const page = await profile('zh-CN');
    await page.goto(`${app.host.url}#/data`);
    await chooseFile(page, file);
    await page.getByTestId('import-preview').waitFor();
    await page.getByTestId('start-import').click();
    const reason = page.getByTestId('import-no-rows');
    await reason.waitFor();
    expect(await reason.innerText()).toContain('没有有效的行：2个问题；不保存流向DX');
    expect(await reason.innerText()).toMatch(/不保存流向DX（只保存X、M、RX、RM）：1行。$/);
    expect(app.host.session.db.prepare('SELECT count(*) FROM trade_flow').pluck().get()).toBe(before);
    expect(errors).toEqual([]);
  });

  it('a file that is not a table is refused in Korean, naming the file; a reading error names its line and column', async () => {
    const png = tmp.file('차트.csv');
    writeFileSync(png, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]));
    const page = await profile('ko-KR');
    await page.goto(`${app.host.url}#/data`);
    await chooseFile(page, png);
    // The notice's text (its dismiss button aside).
    const alert = page.locator('.notice-error > span');
    await expect.poll(() => alert.allInnerTexts()).toContain('차트.csv은(는) PNG 이미지이며, CSV 파일이나 .xlsx 통합 문서가 아닙니다.');

    // A quote opened on line 3, column 10 and never closed.
    const quote = tmp.file('quote.csv');
    writeFileSync(quote, 'refYear,reporterISO,partnerISO,flowCode,cmdCode,primaryValue\n2022,KOR,CHN,X,TOTAL,1\n2022,KOR,"CHN,X,TOTAL,1\n');
    await chooseFile(page, quote);
    await expect
      .poll(() => alert.allInnerTexts())
      .toContain(
        'quote.csv을(를) 읽을 수 없습니다: 3번째 줄 10번째 열: 여기서 열린 따옴표 필드가 끝까지 닫히지 않음(닫는 따옴표가 빠졌나요?). 아무것도 바뀌지 않았습니다.',
      );
    expect(errors).toEqual([]);
  });

  it("a claim's readings and a disagreement say how the figure is obtained in Korean (the core's formulas)", async () => {
    const page = await profile('ko-KR');
    await page.goto(`${app.host.url}#/overview`);
    const section = page.getByTestId('claims-checked');
    await section.getByTestId('claim').first().waitFor();
    const readings = (await section.locator('.reading').allInnerTexts()).join('\n');
    expect(readings).toContain('출처 자체의 구성 수치: 수출 + 수입');
    expect(readings).not.toMatch(/exports \+ imports|own parts|stated total/);

    // A stated total against its parts, in the Trade balance's disagreements: the formula in Korean.
    await page.goto(`${app.host.url}#/trade?reporter=KOR&partner=CHN&from=2011&to=2021`);
    const rec = page.getByTestId('reconciliation');
    await rec.waitFor();
    expect(await rec.innerText()).toMatch(/\(수출 \+ 수입\)입니다/);
    expect(await rec.innerText()).not.toContain('exports + imports');
    expect(errors).toEqual([]);
  });

  it("an edit form's checks in Korean, next to their fields", async () => {
    const page = await profile('ko-KR');
    await page.goto(`${app.host.url}#/data`);
    const form = page.getByTestId('project-form');
    await form.waitFor();
    await expect.poll(() => page.locator('select:disabled').count()).toBe(0);
    await form.locator('input[type=number]').first().fill('0');
    await form.locator('button[type=submit]').click();
    await expect.poll(() => form.locator('[aria-invalid="true"]').count()).toBeGreaterThan(1);
    const text = await form.innerText();
    expect(text).toContain('필수 항목');
    expect(text).toContain('1 이상이어야 함');
    expect(text).not.toMatch(/\brequired\b|at least 1/);
    expect(errors).toEqual([]);
  });

  it('names the tables to export in Korean, and says the file is being written until it is', async () => {
    const page = await profile('ko-KR');
    await page.goto(`${app.host.url}#/data`);
    const table = page.getByRole('combobox', { name: /^테이블/ });
    await table.waitFor();
    const options = await table.locator('option').allInnerTexts();
    expect(options.slice(0, 3)).toEqual(['무역 수치(trade_flow)', '출처(source)', '국가·지역(economy)']);
    expect(options).toContain('최근 변경(edit_log)');
    // Whether the status was ever shown while the table was written (it goes once the file is saved).
    await page.evaluate(() => {
      const g = globalThis as unknown as { seen: boolean; document: { body: unknown; querySelector(s: string): unknown } };
      g.seen = false;
      new (globalThis as unknown as { MutationObserver: new (f: () => void) => { observe(n: unknown, o: object): void } }).MutationObserver(
        () => {
          if (g.document.querySelector('[data-testid="export-writing"]')) g.seen = true;
        },
      ).observe(g.document.body, { childList: true, subtree: true });
    });
    await table.selectOption('trade_flow');
    const saved = await downloadOf(page, () => page.getByRole('button', { name: '테이블 CSV' }).click(), tmp.file('trade_flow.csv'));
    expect(saved.name).toBe('trade_flow.csv');
    await expect.poll(() => page.locator('.notice').allInnerTexts()).toContainEqual(expect.stringMatching(/trade_flow의 [\d,]+개 행을/));
    expect(await page.evaluate(() => (globalThis as unknown as { seen: boolean }).seen)).toBe(true);
    expect(await page.getByTestId('export-writing').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('an event whose source states no place, or no city, says so in Korean, in the Events view and the Data view’s list', async () => {
    const [source] = await app.host.session.handlers.listSources({});
    await app.host.session.handlers.saveEvent({
      kind: 'fair',
      title: 'Placeless expo',
      date: { precision: 'day', value: '2027-03-02' },
      sectors: [],
      sourceId: source!.source.id,
    });
    const page = await profile('ko-KR');
    await page.goto(`${app.host.url}#/events`);
    const row = page.locator('main li, main tr').filter({ hasText: 'Placeless expo' }).first();
    await row.waitFor();
    expect(await row.innerText()).toContain('장소 미기재');
    // The seed's export fair: its source names the country and no city.
    const fair = page.locator('main li, main tr').filter({ hasText: 'Export fair' }).first();
    expect(await fair.innerText()).toContain('도시 미기재 · 중국');
    // The seed's meeting in Shandong: its source names the province, and no venue.
    const meeting = page.locator('main li, main tr').filter({ hasText: 'Industrial cooperation meeting with Shandong' }).first();
    expect(await meeting.innerText()).toMatch(/도시 미기재 · Shandong Province · 중국/);
    expect(await page.locator('main').innerText()).not.toContain('Not stated');
    await page.goto(`${app.host.url}#/data`);
    const listed = page.getByTestId('event-list').locator('li').filter({ hasText: 'Placeless expo' });
    await listed.waitFor();
    expect(await listed.innerText()).toContain('장소 미기재');
    expect(await page.locator('main').innerText()).not.toContain('Place not stated');
    expect(errors).toEqual([]);
  });
});
