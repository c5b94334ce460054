/**
 * A briefing printed in its own language (its "Print language" setting) while the interface stays English: the
 * default briefing's blocks in a Korean and a Chinese briefing, printed to PDF through the HTTP host in real Chromium
 * and read back (the app's headings, table heads and footnote list heading in the language, the footer's date and
 * "page X of Y" in it, what users typed left as typed); the setting chosen in the editor; the preview showing the
 * sheets in the briefing's language and the interface English again once it is left.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractText, getDocumentProxy } from 'unpdf';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BlockSpec } from '../../db/briefings/contract.ts';
import type { Language } from '../../db/common/languages.ts';
import { printRoute, type PageSetup } from '../../db/common/paper.ts';
import { printToPdf, waitForPrintReady } from '../../db/http-host/print.ts';
import { appPerFile } from '../support/app-per-file.ts';

const TODAY = '2026-11-29';
const DEFAULT_ID = 'korea-china-2022:korea-china-trade-push-2022';
const A4: PageSetup = { paper: 'A4', orientation: 'portrait' };
const ARTIFACTS = 'tests/artifacts/print-language';

mkdirSync(ARTIFACTS, { recursive: true });
const app = appPerFile({ today: TODAY });

/** A copy of the default briefing (every kind of block, with sources) that prints in `language`. */
async function briefingIn(language: Language | null, title: string): Promise<string> {
  const model = await app.host.session.handlers.getBriefing({ id: DEFAULT_ID });
  const blocks = model.blocks.flatMap((b) => (b.kind === 'invalid' ? [] : [{ kind: b.kind, config: b.config } as BlockSpec]));
  const created = await app.host.session.handlers.createBriefing({
    title,
    audience: 'Delegation',
    classification: 'For internal use',
    printLanguage: language,
    blocks,
  });
  return created.id;
}

async function printed(id: string, name: string) {
  const page = await app.newPage();
  const result = await printToPdf(page, app.host.url, printRoute({ briefing: id }), { setup: A4, today: TODAY });
  await page.close();
  const file = join(ARTIFACTS, `${name}.pdf`);
  writeFileSync(file, result.pdf);
  // Kept to look at: one PNG per page.
  execFileSync('pdftoppm', ['-png', '-r', '60', file, join(ARTIFACTS, name)]);
  const doc = await getDocumentProxy(new Uint8Array(result.pdf));
  const { totalPages, text } = await extractText(doc, { mergePages: false });
  const pages = text.map((t) => t.replace(/\s+/g, ' '));
  return { totalPages, pages, all: pages.join(' '), compact: pages.join('').replace(/\s+/g, '') };
}

describe('a briefing printed in Korean, the interface in English', () => {
  let read: Awaited<ReturnType<typeof printed>>;
  beforeAll(async () => {
    read = await printed(await briefingIn('ko', 'Korea–China push (Korean print)'), 'korean');
  });

  it('has the footer in Korean on every page: the date and "N쪽 중 n쪽"', () => {
    expect(read.totalPages).toBeGreaterThanOrEqual(3);
    read.pages.forEach((text, i) => {
      expect(text.replace(/\s+/g, '')).toContain(`${read.totalPages}쪽중${i + 1}쪽`);
      expect(text.replace(/\s+/g, '')).toContain('2026년11월29일');
      expect(text).not.toMatch(/page \d+ of \d+/);
    });
  });

  it("draws the app's headings and labels in Korean and leaves what the user typed as typed", () => {
    // The source list's heading, the events and projects tables' heads, the sectors table's heads, the audience line.
    for (const words of ['출처', '일시', '행사', '장소', '주최', '건수', '분야', '체결', '업종', '수출계획', '대상:Delegation'])
      expect(read.compact, words).toContain(words);
    expect(read.all).not.toMatch(/\bOrganiser\b|\bIn an export plan\b|\bFor: Delegation\b/);
    // Block headings typed in English stay English; so do the sources' titles.
    expect(read.all).toContain('In brief');
    expect(read.all).toMatch(/Global Times/);
  });
});

describe('a briefing printed in Chinese, the interface in English', () => {
  let read: Awaited<ReturnType<typeof printed>>;
  beforeAll(async () => {
    read = await printed(await briefingIn('zh', 'Korea–China push (Chinese print)'), 'chinese');
  });

  it('has the footer in Chinese on every page: the date and "第 n 页，共 N 页"', () => {
    expect(read.totalPages).toBeGreaterThanOrEqual(3);
    read.pages.forEach((text, i) => {
      expect(text.replace(/\s+/g, '')).toContain(`第${i + 1}页，共${read.totalPages}页`);
      expect(text.replace(/\s+/g, '')).toContain('2026年11月29日');
    });
  });

  it("draws the app's headings and labels in Chinese", () => {
    for (const words of ['来源', '时间', '地点', '主办方', '数量', '领域', '签署', '行业', '出口计划', '呈送：Delegation'])
      expect(read.compact, words).toContain(words);
    expect(read.all).not.toMatch(/\bOrganiser\b|\bIn an export plan\b/);
  });

  it('names the economies a project was signed with in Chinese, a province keeping its stored name', () => {
    expect(read.compact).toContain('ShandongProvince–韩国');
    expect(read.all).not.toContain('South Korea –');
    expect(read.all).not.toContain('– South Korea');
  });
});

/** In the page (a script: the tests are type-checked without the DOM library): see cutWordsInTables. */
const CUT_WORDS_SCRIPT = `(() => {
  const cut = [];
  const cells = [...document.querySelectorAll('.doc-table th:not(.title), .doc-table .name')];
  for (const cell of cells) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement.closest('.cite')) continue;
      for (const word of node.data.matchAll(/\\S+/g)) {
        const middles = [];
        for (let i = word.index; i < word.index + word[0].length; i++) {
          const range = document.createRange();
          range.setStart(node, i);
          range.setEnd(node, i + 1);
          const rect = range.getBoundingClientRect();
          if (rect.height > 0) middles.push(rect.top + rect.height / 2);
        }
        if (Math.max(...middles) - Math.min(...middles) > 4) cut.push(word[0]);
      }
    }
  }
  const column = document.querySelector('.briefing-doc').getBoundingClientRect();
  const tooWide = [...document.querySelectorAll('.doc-table')].filter((t) => t.getBoundingClientRect().right > column.right + 0.5).length;
  return { cut, tooWide, cells: cells.length };
})()`;

/**
 * Every word of a table's column heads, of its row heads but the titles users typed (each other row head of the tables
 * below is an economy's or a sector's name) and of the economies named in its cells, as printed in `language`: the words
 * a line break cuts (a character of it on another line than the first), and the tables wider than the printed column.
 */
async function cutWordsInTables(language: Language): Promise<{ cut: string[]; tooWide: number; cells: number }> {
  const { id } = await app.host.session.handlers.createBriefing({
    title: `Tables in ${language}`,
    audience: '',
    classification: '',
    printLanguage: language,
    blocks: [
      { kind: 'partner-ranks', config: { reporter: 'KOR', by: 'total', top: 10, from: 2005, to: 2023 } },
      { kind: 'sectors-table', config: { reporter: 'KOR', partner: 'CHN' } },
      { kind: 'partner-ranking', config: { reporter: 'KOR', year: 2023, by: 'total', top: 10 } },
      { kind: 'projects-table', config: {} },
    ],
  });
  const page = await app.newPage();
  try {
    const route = printRoute({ briefing: id }, A4);
    await page.emulateMedia({ media: 'print' });
    await page.goto(`${app.host.url}${route}`);
    await waitForPrintReady(page, route);
    return (await page.evaluate(CUT_WORDS_SCRIPT)) as { cut: string[]; tooWide: number; cells: number };
  } finally {
    await page.close();
  }
}

describe('tables on paper, in each language', () => {
  it.each(['zh', 'ko', 'en'] as const)(
    'keep the words of their heads and of the names heading their rows whole (%s), each table within the page',
    async (language) => {
      const { cut, tooWide, cells } = await cutWordsInTables(language);
      // The rank table's partner column beside 19 year columns, the sectors' names beside the plans and the latest figures.
      // A table wider than the column would make Chromium shrink every page of the print to fit it.
      expect(cells).toBeGreaterThan(40);
      expect(cut).toEqual([]);
      expect(tooWide).toBe(0);
    },
  );
});

describe('the print language setting', () => {
  it('prints in the interface language when not set (English here)', async () => {
    const read = await printed(await briefingIn(null, 'Korea–China push (interface language)'), 'interface');
    expect(read.pages[0]).toContain(`page 1 of ${read.totalPages}`);
    expect(read.all).toContain('29 Nov 2026');
    expect(read.all).toContain('Organiser');
    expect(read.compact).not.toContain('출처');
  });

  it('is chosen in the editor and kept with the briefing', async () => {
    const id = await briefingIn(null, 'Chosen in the editor');
    const page = await app.newPage();
    await page.goto(`${app.host.url}#/briefings/${encodeURIComponent(id)}`);
    const select = page.getByTestId('print-language-select');
    await select.waitFor();
    expect(await select.inputValue()).toBe('');
    expect(await page.getByLabel('Print language').count()).toBe(1);
    await select.selectOption('zh');
    await expect.poll(async () => (await app.host.session.handlers.getBriefing({ id })).printLanguage, { timeout: 10_000 }).toBe('zh');
    await select.selectOption('');
    await expect.poll(async () => (await app.host.session.handlers.getBriefing({ id })).printLanguage, { timeout: 10_000 }).toBeNull();
    await page.close();
  });

  it("shows the preview in the briefing's language, then the interface in English again, nothing remembered", async () => {
    const id = await briefingIn('ko', 'Preview in Korean');
    const page = await app.newPage();
    await page.goto(`${app.host.url}#/briefings`);
    await page.getByRole('navigation').getByText('Briefings').waitFor();
    await page.goto(`${app.host.url}#/print/briefing/${encodeURIComponent(id)}?preview=1`);
    await page.getByTestId('preview-page').first().waitFor();
    await expect.poll(() => page.getByTestId('preview-pages').textContent(), { timeout: 15_000 }).toMatch(/^\d+쪽$/);
    expect(await page.locator('.sheet-foot').first().textContent()).toMatch(/\d+쪽 중 1쪽/);
    expect(await page.locator('html').getAttribute('lang')).toBe('ko');
    await page.getByRole('link', { name: '← 돌아가기' }).click();
    await page.getByTestId('print-language-select').waitFor();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.getByRole('navigation').getByText('Briefings').count()).toBe(1);
    expect(await page.evaluate(() => localStorage.getItem('tradebrief.language'))).toBeNull();
    await page.close();
  });

  it("prints a dashboard's summary in the interface language: Korean title and headings, the definition's English replaced", async () => {
    const page = await app.newPage();
    await page.goto(`${app.host.url}#/overview`);
    await page.evaluate(() => localStorage.setItem('tradebrief.language', 'ko'));
    await page.reload();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('ko');
    try {
      const result = await printToPdf(page, app.host.url, printRoute({ dashboard: 'trade' }), { setup: A4, today: TODAY });
      const doc = await getDocumentProxy(new Uint8Array(result.pdf));
      const { text } = await extractText(doc, { mergePages: true });
      const compact = text.replace(/\s+/g, '');
      for (const words of ['무역수지:한국–중국', '연도별수출·수입·무역수지', '미러통계,최근5년', '수치가엇갈리는곳,최근연도', '쪽중1쪽'])
        expect(compact, words).toContain(words);
      expect(text).not.toContain('Exports, imports and balance by year');
    } finally {
      await page.evaluate(() => localStorage.removeItem('tradebrief.language'));
      await page.close();
    }
  });

  it('made no request outside the app and raised no page error', () => {
    expect(app.foreignRequests).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  });
});
