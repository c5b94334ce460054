/**
 * The interface's language in real Chromium through the HTTP host: the browser's language at first start, the
 * switch in the shell (sidebar, Sources, Briefings list and editor, `<html lang>`), the choice kept across a reload,
 * only the chosen language's messages fetched, dates and economy names per language, axe in Korean and Chinese, and
 * the pseudo-locale for clipped text; the Data view in Korean and Chinese (headings, buttons, built-in sectors). Screenshots at 1440 and 800 px go to tests/artifacts/i18n-*.png.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { seriousAxeViolations } from '../support/axe.ts';
import { admit } from '../support/browser.ts';
import { appPerFile } from '../support/app-per-file.ts';
import { HEADER } from '../support/comtrade-like.ts';
import { tempDir } from '../support/temp.ts';
import { importFile } from '../../db/imports/importer.ts';

const DEFAULT_ID = 'korea-china-2022:korea-china-trade-push-2022';
const contexts: BrowserContext[] = [];
const errors: string[] = [];

mkdirSync('tests/artifacts', { recursive: true });
const app = appPerFile({ today: '2026-11-29' });
afterAll(async () => {
  for (const c of contexts) await c.close();
});

/** A fresh browser profile (its own localStorage) whose languages are `locale`'s, as a first start. */
async function profile(locale: string, width = 1440): Promise<{ page: Page; scripts: string[] }> {
  const context = await app.browser.newContext({ viewport: { width, height: 900 }, locale });
  contexts.push(context);
  await admit(context, app.host);
  const page = await context.newPage();
  const scripts: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname.split('/').pop() ?? '');
  });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  return { page, scripts };
}

const sidebar = (page: Page) => page.getByRole('navigation').innerText();
const htmlLang = (page: Page) => page.evaluate<string>('document.documentElement.lang');

async function shoot(page: Page, name: string): Promise<void> {
  for (const width of [1440, 800]) {
    await page.setViewportSize({ width, height: 900 });
    // The first screen (full pages of the editor run to 12,000 px and cannot be looked at whole).
    await page.screenshot({ path: `tests/artifacts/i18n-${name}-${width}.png` });
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}

/** Sidebar entries and buttons whose text is cut (wider than their box, with no wrap to show it). */
async function clipped(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(`
    [...document.querySelectorAll('nav a, button, label, h1, h2, .lede, select, .brand')]
      .filter((el) => el.offsetParent !== null && el.scrollWidth > el.clientWidth + 1)
      .map((el) => el.tagName.toLowerCase() + ' “' + (el.innerText || '').slice(0, 40) + '” ' + el.scrollWidth + '>' + el.clientWidth)
  `);
}

describe('Languages in Chromium', () => {
  it('starts in the browser’s language: English for en-GB, Korean for ko-KR, Chinese for zh-CN', async () => {
    const english = await profile('en-GB');
    await english.page.goto(`${app.host.url}#/overview`);
    await english.page.getByTestId('language-select').waitFor();
    expect(await htmlLang(english.page)).toBe('en');
    expect(await sidebar(english.page)).toContain('Trade balance');
    // English is in the main bundle: no language chunk was fetched.
    expect(english.scripts.filter((s) => /^(ko|zh|pseudo)-/.test(s))).toEqual([]);

    const korean = await profile('ko-KR');
    await korean.page.goto(`${app.host.url}#/overview`);
    await expect.poll(() => htmlLang(korean.page)).toBe('ko');
    expect(await sidebar(korean.page)).toContain('무역수지');
    expect(korean.scripts.some((s) => s.startsWith('ko-'))).toBe(true);
    expect(korean.scripts.filter((s) => s.startsWith('zh-'))).toEqual([]);

    const chinese = await profile('zh-CN');
    await chinese.page.goto(`${app.host.url}#/overview`);
    await expect.poll(() => htmlLang(chinese.page)).toBe('zh-CN');
    expect(await sidebar(chinese.page)).toContain('贸易差额');
    expect(chinese.scripts.filter((s) => s.startsWith('ko-'))).toEqual([]);
  });

  for (const [label, lang, words] of [
    [
      '한국어',
      'ko',
      {
        trade: '무역수지',
        briefings: '브리핑',
        newBriefing: '새 브리핑',
        sources: '출처',
        edit: '브리핑 편집',
        date: /\d{4}년 \d{1,2}월 \d{1,2}일/,
        china: '중국',
        verdicts: ['사실', '한 출처로는 사실, 다른 출처로는 아님', '사실이 아님', '불러온 데이터로는 검증할 수 없음'],
      },
    ],
    [
      '简体中文',
      'zh-CN',
      {
        trade: '贸易差额',
        briefings: '简报',
        newBriefing: '新建简报',
        sources: '来源',
        edit: '编辑简报',
        date: /\d{4}年\d{1,2}月\d{1,2}日/,
        china: '中国',
        verdicts: ['属实', '按一个来源属实，按另一个来源不属实', '不属实', '无法用已载入的数据核对'],
      },
    ],
  ] as const) {
    it(`switches to ${label}: sidebar, Briefings, Sources and <html lang>, kept across a reload, axe clean`, async () => {
      const { page, scripts } = await profile('en-GB');
      await page.goto(`${app.host.url}#/briefings`);
      await page.getByTestId('briefing-item').first().waitFor();
      await page.getByTestId('language-select').selectOption({ label });
      await expect.poll(() => htmlLang(page)).toBe(lang);
      expect(await sidebar(page)).toContain(words.trade);
      expect(await sidebar(page)).toContain(words.briefings);
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(words.briefings);
      expect(await page.getByTestId('new-briefing').innerText()).toBe(words.newBriefing);
      // The list's dates in the language; the briefing's own title (user text) as typed.
      const list = await page.getByTestId('briefing-list').innerText();
      expect(list).toMatch(words.date);
      expect(list).toContain('Korea–China trade push, August 2022');
      expect(await page.title()).toBe(`${words.briefings} — Tradebrief`);
      expect(scripts.filter((s) => /^(ko|zh)-/.test(s))).toHaveLength(1);

      await page.reload();
      await page.getByTestId('briefing-item').first().waitFor();
      expect(await htmlLang(page)).toBe(lang);
      expect(await page.getByTestId('new-briefing').innerText()).toBe(words.newBriefing);
      expect(await seriousAxeViolations(page)).toEqual([]);
      expect(await clipped(page)).toEqual([]);
      await shoot(page, `briefings-${lang}`);

      await page.goto(`${app.host.url}#/briefings/${encodeURIComponent(DEFAULT_ID)}`);
      await page.getByTestId('block-card').first().waitFor();
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(words.edit);
      expect(await seriousAxeViolations(page)).toEqual([]);
      await shoot(page, `editor-${lang}`);

      await page.goto(`${app.host.url}#/sources`);
      await page.getByTestId('source-card').first().waitFor();
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(words.sources);
      // Sources keep their original titles.
      expect(await page.getByTestId('source-card').first().innerText()).toMatch(/[A-Za-z]{4}/);
      // Checked claims read in the language: the verdicts, and the claim sentences with economies by Intl.
      const verdicts = await page.locator('.verdict-badge').allInnerTexts();
      expect(verdicts.length).toBeGreaterThan(0);
      for (const v of verdicts) expect(words.verdicts).toContain(v);
      expect((await page.locator('.claim-summary').allInnerTexts()).join(' ')).toContain(words.china);
      await page
        .locator('.claim-summary')
        .first()
        .evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await page.screenshot({ path: `tests/artifacts/i18n-claims-${lang}-1440.png` });
      expect(await seriousAxeViolations(page)).toEqual([]);
      expect(await clipped(page)).toEqual([]);
      await shoot(page, `sources-${lang}`);

      // Economy names in the filters come from the browser's locale data.
      await page.goto(`${app.host.url}#/trade`);
      await page.getByTestId('filter-reporter').waitFor();
      expect(await page.getByTestId('filter-reporter').innerText()).toContain(words.china);
      expect(errors).toEqual([]);
      expect(app.foreignRequests).toEqual([]);
    });
  }

  for (const [locale, lang, words] of [
    [
      'ko-KR',
      'ko',
      {
        data: '데이터',
        sidebarData: '데이터',
        importTitle: '무역 파일 가져오기',
        choose: '파일 선택…',
        loadPack: '팩 불러오기…',
        sectors: '업종과 HS 코드',
        cosmetics: '화장품',
        history: '가져오기 기록',
      },
    ],
    [
      'zh-CN',
      'zh-CN',
      {
        data: '数据',
        sidebarData: '数据',
        importTitle: '导入贸易文件',
        choose: '选择文件…',
        loadPack: '载入数据包…',
        sectors: '行业及其HS编码',
        cosmetics: '化妆品',
        history: '导入记录',
      },
    ],
  ] as const) {
    it(`the Data view in ${lang}: headings, buttons and built-in sectors translated, users' text as typed, axe clean`, async () => {
      const { page } = await profile(locale);
      await page.goto(`${app.host.url}#/overview`);
      await expect.poll(() => htmlLang(page)).toBe(lang);
      await page.getByRole('navigation').getByRole('link', { name: words.sidebarData, exact: true }).click();
      await page.getByRole('heading', { level: 1, name: words.data }).waitFor();
      const headings = await page.getByRole('heading', { level: 2 }).allInnerTexts();
      expect(headings).toContain(words.importTitle);
      expect(headings).toContain(words.sectors);
      expect(headings).toContain(words.history);
      expect(await page.getByTestId('choose-file').innerText()).toBe(words.choose);
      expect(await page.getByTestId('load-pack').innerText()).toBe(words.loadPack);
      // No English heading or button label is left in the converted sections.
      for (const english of ['Import a trade file', 'Load a briefing pack', 'Export and copies', 'Import history', 'Recent changes'])
        expect(headings).not.toContain(english);
      const sectors = page.locator('section[aria-labelledby="edit-sectors-title"] .rows');
      await expect.poll(() => sectors.innerText().catch(() => '')).toContain(words.cosmetics);
      // A built-in sector's HS chapters are titled in the language (hover text).
      const chapterTitles = await sectors.locator('[title]').evaluateAll((els) => els.map((e) => e.getAttribute('title') ?? ''));
      expect(chapterTitles.join('\n')).toMatch(lang === 'ko' ? /33 — 정유와 레지노이드/ : /33 — 精油及香膏/);
      // Sources keep their original titles.
      expect(await page.locator('section[aria-labelledby="edit-sources-title"] .rows').innerText()).toMatch(/[A-Za-z]{4}/);
      expect(await seriousAxeViolations(page)).toEqual([]);
      expect(await clipped(page)).toEqual([]);
      await shoot(page, `data-${lang}`);
      // Further down: the sectors and the edit log, for the eye.
      for (const width of [1440, 800]) {
        await page.setViewportSize({ width, height: 900 });
        await page.locator('#edit-sectors-title').evaluate((el) => el.scrollIntoView({ block: 'start' }));
        await page.screenshot({ path: `tests/artifacts/i18n-data-sectors-${lang}-${width}.png` });
      }
      expect(errors).toEqual([]);
      expect(app.foreignRequests).toEqual([]);
    });
  }

  for (const [locale, lang, words] of [
    [
      'ko-KR',
      'ko',
      {
        contents: '이 데이터베이스에 있는 것',
        routes: '경로별 구간과 운송 기간',
        events: '회의·박람회·전시회·포럼',
        monthly: '가져온 그대로의 월별',
        paper: '용지',
        sources: '출처',
        printLanguage: '인쇄 언어',
      },
    ],
    [
      'zh-CN',
      'zh',
      {
        contents: '本数据库内容',
        routes: '各路线的路段和运输时间',
        events: '会议、交易会、展览和论坛',
        monthly: '按月的出口、进口和贸易差额',
        paper: '纸张',
        sources: '来源',
        printLanguage: '打印语言',
      },
    ],
  ] as const) {
    it(`the overview, monthly, logistics, events, briefing editor and print preview in ${lang}: translated, nothing clipped at 1440 or 800 px, axe clean`, async () => {
      const { page } = await profile(locale);
      const views = [
        { name: 'overview', route: '#/overview', ready: () => page.getByRole('heading', { name: words.contents }).waitFor() },
        { name: 'logistics', route: '#/logistics', ready: () => page.getByText(words.routes).waitFor() },
        { name: 'monthly', route: '#/monthly', ready: () => page.getByText(words.monthly).waitFor() },
        {
          name: 'events',
          route: '#/events',
          ready: async () => {
            await page.getByText(words.events).waitFor();
            await page.getByTestId('event-card').first().waitFor();
          },
        },
        {
          name: 'briefing-editor',
          route: `#/briefings/${encodeURIComponent(DEFAULT_ID)}`,
          ready: () => page.getByLabel(words.printLanguage).waitFor(),
        },
        {
          name: 'print-preview',
          route: `#/print/briefing/${encodeURIComponent(DEFAULT_ID)}?preview=1`,
          ready: async () => {
            await page.getByRole('toolbar').getByText(words.paper).waitFor();
            await page.locator('#doc-sources-title').filter({ hasText: words.sources }).waitFor();
          },
        },
      ];
      for (const view of views) {
        await page.goto(`${app.host.url}${view.route}`);
        await view.ready();
        expect(await htmlLang(page)).toBe(lang === 'zh' ? 'zh-CN' : 'ko');
        for (const width of [1440, 800]) {
          await page.setViewportSize({ width, height: 900 });
          expect(await clipped(page), `${view.name} at ${width} px`).toEqual([]);
          await page.screenshot({ path: `tests/artifacts/i18n-${view.name}-${lang}-${width}.png` });
        }
        await page.setViewportSize({ width: 1440, height: 900 });
        expect(await seriousAxeViolations(page), view.name).toEqual([]);
      }
      expect(errors).toEqual([]);
      expect(app.foreignRequests).toEqual([]);
    });
  }

  for (const [locale, lang, words] of [
    [
      'ko-KR',
      'ko',
      {
        sectors: '수출 업종',
        sectorsCaption: '수출 업종',
        cosmetics: '화장품',
        showCodes: /HS 코드 9개 보기/,
        codes: 'HS 코드',
        projects: '협력 사업',
        kpiBlock: '주요 수치',
        total: /^사업 15건/,
      },
    ],
    [
      'zh-CN',
      'zh',
      {
        sectors: '出口行业',
        sectorsCaption: '出口的行业',
        cosmetics: '化妆品',
        showCodes: /显示9个HS编码/,
        codes: 'HS编码',
        projects: '合作项目',
        kpiBlock: '主要数值',
        total: /^15个项目/,
      },
    ],
  ] as const) {
    it(`the sectors and projects dashboards in ${lang}: headings, tables and the drill-down translated, nothing clipped, axe clean`, async () => {
      const { page } = await profile(locale);
      await page.goto(`${app.host.url}#/sectors?reporter=KOR&partner=CHN`);
      await page.getByRole('heading', { level: 1, name: words.sectors }).waitFor();
      const table = page.getByTestId('sectors-table');
      await table.waitFor();
      expect(await table.locator('caption').innerText()).toContain(words.sectorsCaption);
      // A built-in sector is named in the interface's language (the pack's English name is gone from its row).
      const cosmetics = table.locator('tr', { hasText: words.cosmetics }).first();
      expect(await cosmetics.locator('th').innerText()).toBe(words.cosmetics);
      expect(await table.locator('tbody th').allInnerTexts()).not.toContain('Cosmetics');
      await cosmetics.getByRole('button', { name: words.showCodes }).click();
      await page.getByTestId('hs-codes').waitFor();
      expect(await page.getByTestId('hs-codes').locator('caption').innerText()).toContain(words.codes);
      expect(await page.locator('main').innerText()).not.toMatch(/No data loaded|Priority #|HS codes behind/);
      await page.goto(`${app.host.url}#/projects`);
      await page.getByRole('heading', { level: 1, name: words.projects }).waitFor();
      await page.getByTestId('projects-total').waitFor();
      expect(await page.getByTestId('projects-total').innerText()).toMatch(words.total);
      expect(await page.locator('main').innerText()).not.toMatch(/Clear filters|Projects by field|split not reported/);
      for (const [view, route] of [
        ['sectors', '#/sectors?reporter=KOR&partner=CHN'],
        ['projects', '#/projects'],
      ] as const) {
        await page.goto(`${app.host.url}${route}`);
        await page.getByRole('heading', { level: 1, name: view === 'sectors' ? words.sectors : words.projects }).waitFor();
        await page.getByTestId(view === 'sectors' ? 'sectors-table' : 'projects-table').waitFor();
        for (const width of [1440, 800]) {
          await page.setViewportSize({ width, height: 900 });
          expect(await clipped(page), `${view} at ${width} px`).toEqual([]);
          await page.screenshot({ path: `tests/artifacts/i18n-${view}-${lang}-${width}.png` });
        }
        await page.setViewportSize({ width: 1440, height: 900 });
        expect(await seriousAxeViolations(page), view).toEqual([]);
      }
      // The briefing editor offers the block kinds (the registry's labels) in the same language.
      await page.goto(`${app.host.url}#/briefings/${encodeURIComponent(DEFAULT_ID)}`);
      await page.getByTestId('new-block-kind').waitFor();
      expect(await page.getByTestId('new-block-kind').innerText()).toContain(words.kpiBlock);
      expect(errors).toEqual([]);
      expect(app.foreignRequests).toEqual([]);
    });
  }

  for (const [locale, lang, views] of [
    [
      'ko-KR',
      'ko',
      [
        {
          route: '#/trade',
          heading: '무역수지',
          lede: '양측이 각각 보고한 연도별 수출, 수입과 무역수지',
          h2: '미러 통계: 양측이 각각 보고한 같은 무역',
        },
        { route: '#/partners', heading: '교역 상대국', lede: '보고국의 무역 상대국을 수출, 수입, 합계, 무역수지 순으로' },
        { route: '#/products', heading: '주요 품목', lede: 'HS 류·호·코드별로' },
      ],
    ],
    [
      'zh-CN',
      'zh-CN',
      [
        {
          route: '#/trade',
          heading: '贸易差额',
          lede: '按年份列出双方各自报告的出口、进口和贸易差额',
          h2: '镜像统计：双方各自报告的同一贸易',
        },
        { route: '#/partners', heading: '贸易伙伴', lede: '按出口、进口、合计和贸易差额排名' },
        { route: '#/products', heading: '主要商品', lede: '按HS章、品目和编码列出的出口或进口' },
      ],
    ],
  ] as const) {
    it(`Trade, Partners and Top products in ${lang}: headings and ledes translated, axe clean`, async () => {
      const { page } = await profile(locale);
      for (const view of views) {
        await page.goto(`${app.host.url}${view.route}`);
        await expect.poll(() => htmlLang(page)).toBe(lang);
        await page.getByRole('heading', { level: 1, name: view.heading, exact: true }).waitFor();
        expect(await page.locator('.lede').innerText(), view.route).toContain(view.lede);
        if ('h2' in view) await page.getByRole('heading', { level: 2, name: view.h2 }).waitFor();
        // The English heading and lede of the view are gone.
        expect(await page.locator('main').innerText(), view.route).not.toMatch(
          /^(Trade balance|Partners|Top products)$|A reporter's trading|A pair's exports/m,
        );
        expect(await seriousAxeViolations(page), view.route).toEqual([]);
        await shoot(page, `${view.route.slice(2)}-${lang}`);
      }
      expect(errors).toEqual([]);
      expect(app.foreignRequests).toEqual([]);
    });
  }

  let productsLoaded = false;
  /** Korea's exports to and imports from China by HS-6 code, 2022–2023 (values made up for the test, in USD). */
  function productsFile(path: string): void {
    const codes = ['854231', '854232', '850760', '847130', '870899', '390110', '330499', '271019'];
    const lines = [HEADER.join(',')];
    codes.forEach((code, i) => {
      for (const year of [2022, 2023])
        for (const flow of ['X', 'M']) {
          const value = Math.round((codes.length - i) ** 2 * 5e7 * (year === 2023 ? 1.1 : 1) * (flow === 'X' ? 1 : 0.6));
          lines.push(
            `C,A,${year},52,${year},410,KOR,Rep. of Korea,${flow},156,CHN,China,0,H6,${code},6,True,C00,0,0,0,,${value},${value},True,False`,
          );
        }
    });
    writeFileSync(path, `${lines.join('\n')}\n`);
  }

  /**
   * Text these views wrote in English before: none of it may show in Korean or Chinese. (The data core's rules and
   * notes are still English, and some of their words are the same: the patterns are the views' own phrases.)
   */
  const ENGLISH =
    /not reported|Sources used|Preferred source|Reported by|Why the two|Rank by|Partners compared|Share of|Add a partner|Colour by|Open the pair|Under each value|All chapters|The treemap draws|Change on|Shares are of (the pair's total (ex|im)ports|the sum of the chapters)|as stated \(|sum of \d+ (headings?|codes?)\b|Show as table|largest surplus|Loading/;

  for (const [locale, lang, words] of [
    [
      'ko-KR',
      'ko',
      {
        trade: '무역수지',
        tradeChart: '대중국 무역',
        tradeColumns: ['연도', '수출', '수입', '무역수지', '수출 전년 대비', '수입 전년 대비', '출처'],
        kpiNote: '2024년: 한국의 대중국 수출만 보고되었습니다. 위 수치는 수출과 수입이 모두 보고된 최근 연도인 2023년 기준입니다.',
        mirrorColumns: ['연도', '한국 보고', '중국 보고', '차이'],
        year: '연도',
        partners: '교역 상대국',
        ranking: '수출 기준 상대국 순위',
        partnersColumns: ['순위', '상대국', '수출', '수입', '무역액', '무역수지', '연평균 증가율', '비교'],
        map: '지도로 본 한국의 상대국',
        bump: '한국의 수출 기준 주요 상대국',
        share: '한국의 수출·수입 중 중국의 비중',
        compare: '상대국 비교: 한국의 연도별 수출',
        rank: '순위',
        oneFlowNote:
          '2023년에 한 방향의 흐름만 보고된 상대국이 11개입니다. 무역액과 무역수지를 알 수 없어 그 기준으로는 순위를 매기지 않습니다.',
        products: '주요 품목',
        treemap: '한국의 대중국 수출, HS 류별',
        productsColumns: ['HS 류', '백만 달러', '비중', '2022년 대비 증감', '수치', '출처'],
        sectors: '수출 업종',
        cosmetics: '화장품',
      },
    ],
    [
      'zh-CN',
      'zh',
      {
        trade: '贸易差额',
        tradeChart: '韩国与中国的贸易',
        tradeColumns: ['年份', '出口', '进口', '贸易差额', '出口同比', '进口同比', '来源'],
        kpiNote: '2024年：仅报告了韩国对中国的出口；上方数字为出口和进口均有报告的最近一年2023年。',
        mirrorColumns: ['年份', '韩国报告', '中国报告', '差值'],
        year: '年份',
        partners: '贸易伙伴',
        ranking: '按出口排名的贸易伙伴',
        partnersColumns: ['排名', '贸易伙伴', '出口', '进口', '贸易进出口总值', '贸易差额', '年均增长率', '比较'],
        map: '地图上的韩国贸易伙伴',
        bump: '韩国按出口的主要贸易伙伴',
        share: '中国在韩国出口和进口中的占比',
        compare: '贸易伙伴比较：韩国各年出口',
        rank: '排名',
        oneFlowNote: '2023年只报告了单一流向的贸易伙伴有11个：进出口总值和贸易差额未知，不按这两项排名。',
        products: '主要商品',
        treemap: '韩国对中国出口，按HS章',
        productsColumns: ['HS章', '百万美元', '占比', '较2022年变化', '数值', '来源'],
        sectors: '出口行业',
        cosmetics: '化妆品',
      },
    ],
  ] as const) {
    // One test a view (each draws several charts, at two widths and in two schemes).
    for (const view of ['trade', 'partners', 'products', 'sectors'] as const)
      it(`${view} in ${lang}: chart titles, axes, table headers and notes translated, nothing clipped at 1440 or 800 px, axe clean`, async () => {
        if (!productsLoaded) {
          // Product-level figures for Top products (the packs have none): an HS-6 import into the app's database.
          const tmp = tempDir();
          const csv = tmp.file('kor-chn-hs6.csv');
          productsFile(csv);
          importFile(app.host.session.db, { path: csv, onlyValidRows: true, userName: 'test' });
          tmp.cleanup();
          productsLoaded = true;
        }
        const { page } = await profile(locale);
        const ready = async (): Promise<void> => {
          await expect.poll(() => page.locator('main .state-loading, main .state-loading-map').count(), { timeout: 15_000 }).toBe(0);
          await expect.poll(() => page.locator('figure.chart[data-chart-ready="false"]').count(), { timeout: 15_000 }).toBe(0);
        };
        const chartTitle = (testid: string) => page.getByTestId(testid).locator('.chart-title').innerText();
        const axes = async (testid: string) =>
          (JSON.parse((await page.getByTestId(testid).getAttribute('data-chart-data')) ?? '{}') as { axes: Record<string, string | null> })
            .axes;
        const headers = (table: ReturnType<Page['getByTestId']>) => table.locator('thead th').allInnerTexts();
        const showTable = async (testid: string) => {
          await page.getByTestId(testid).locator('.chart-head button').first().click();
          await page.getByTestId(`${testid}-table`).waitFor();
        };
        const look = async (name: string): Promise<void> => {
          const text = await page.locator('main').innerText();
          const left = [...text.matchAll(new RegExp(ENGLISH.source, 'g'))].map((m) => text.slice(Math.max(0, m.index - 40), m.index + 40));
          expect(left, name).toEqual([]);
          for (const width of [1440, 800]) {
            await page.setViewportSize({ width, height: 900 });
            await ready();
            // Nothing wider than the window once the charts have taken the new width (wide tables scroll in their frame).
            await expect
              .poll(() => page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth + 1'), { timeout: 15_000 })
              .toBe(true);
            expect(await clipped(page), `${name} at ${width} px`).toEqual([]);
            await page.screenshot({ path: `tests/artifacts/i18n-${name}-${lang}-${width}.png`, fullPage: true });
          }
          await page.setViewportSize({ width: 1440, height: 900 });
          await ready();
          expect(await seriousAxeViolations(page), name).toEqual([]);
          // And in the dark scheme (the charts are drawn again in its colours).
          await page.emulateMedia({ colorScheme: 'dark' });
          await ready();
          await page.screenshot({ path: `tests/artifacts/i18n-${name}-${lang}-dark-1440.png`, fullPage: true });
          await page.emulateMedia({ colorScheme: 'light' });
        };

        if (view === 'trade') {
          await page.goto(`${app.host.url}#/trade?reporter=KOR&partner=CHN`);
          await page.getByRole('heading', { level: 1, name: words.trade, exact: true }).waitFor();
          await ready();
          expect(await chartTitle('trade-chart')).toContain(words.tradeChart);
          expect(Object.values(await axes('trade-chart'))).toContain(words.year);
          await showTable('trade-chart');
          expect(await headers(page.getByTestId('trade-chart-table'))).toEqual(words.tradeColumns);
          await showTable('mirror-chart-0');
          expect(await headers(page.getByTestId('mirror-chart-0-table'))).toEqual(words.mirrorColumns);
          // The data core's note on the tiles, in the language with the economies named in it: no English left.
          const kpiNotes = await page.getByTestId('kpi-notes').locator('li').allInnerTexts();
          expect(kpiNotes).toEqual([words.kpiNote]);
          expect(kpiNotes.join(' ')).not.toMatch(/[A-Za-z]/);
          await look('trade-charts');
        }

        if (view === 'partners') {
          await page.goto(`${app.host.url}#/partners?reporter=KOR&year=2023&by=exports`);
          await page.getByRole('heading', { level: 1, name: words.partners, exact: true }).waitFor();
          await ready();
          expect(await page.locator('#partners-ranking-title').innerText()).toContain(words.ranking);
          expect((await headers(page.getByTestId('partners-table'))).map((h) => h.trim().replace(/ \d{4}–\d{4}$/, ''))).toEqual(
            words.partnersColumns,
          );
          expect(await page.locator('#partners-map-title').innerText()).toContain(words.map);
          expect(await chartTitle('partners-bump')).toContain(words.bump);
          expect(Object.values(await axes('partners-bump'))).toEqual([words.year, words.rank]);
          expect(await page.locator('#partners-share-title').innerText()).toContain(words.share);
          expect(await page.locator('#partners-compare-title').innerText()).toContain(words.compare);
          // The ranking's note (the data core's) on partners with one flow, in the language: no English left.
          const partnerNotes = await page.getByTestId('partners-notes').locator('li').allInnerTexts();
          expect(partnerNotes).toEqual([words.oneFlowNote]);
          expect(partnerNotes.join(' ')).not.toMatch(/[A-Za-z]/);
          // The map is drawn as it comes into view: scrolled to, so that it is looked at too.
          await page.getByTestId('partners-map').scrollIntoViewIfNeeded();
          await page.getByTestId('partners-map-chart').waitFor();
          await look('partners-charts');
        }

        if (view === 'products') {
          await page.goto(`${app.host.url}#/products?reporter=KOR&partner=CHN`);
          await page.getByRole('heading', { level: 1, name: words.products, exact: true }).waitFor();
          await ready();
          expect(await chartTitle('products-treemap')).toContain(words.treemap);
          expect(await headers(page.getByTestId('products-table'))).toEqual(words.productsColumns);
          // The ranking's notes (the data core's) in the language: no English beside the HS nomenclature's name.
          const productNotes = await page.getByTestId('products-notes').locator('li').allInnerTexts();
          // Every chapter of the file is the sum of its codes: at least that note shows.
          expect(productNotes.length).toBeGreaterThan(0);
          expect(productNotes.join(' ').replace(/\bHS\b/g, '')).not.toMatch(/[A-Za-z]/);
          await look('products-charts');
        }

        if (view === 'sectors') {
          await page.goto(`${app.host.url}#/sectors?reporter=KOR&partner=CHN`);
          await page.getByRole('heading', { level: 1, name: words.sectors, exact: true }).waitFor();
          await ready();
          // The chart's categories name the built-in sectors in the language too.
          const labels = (
            JSON.parse((await page.getByTestId('sectors-chart').getAttribute('data-chart-data')) ?? '{}') as { labels: string[] }
          ).labels;
          expect(labels.some((l) => l.startsWith(words.cosmetics))).toBe(true);
          expect(labels.some((l) => l.startsWith('Cosmetics'))).toBe(false);
          await look('sectors-names');
        }
        expect(errors).toEqual([]);
        expect(app.foreignRequests).toEqual([]);
      });
  }

  it('counts take the language’s plural form: English one / other by the count, Korean its one form', async () => {
    const expected = {
      en: (n: number, one: string, other: string) => `${n} ${n === 1 ? one : other}`,
      ko: (n: number, word: string) => `${word} ${n}건`,
    };
    for (const locale of ['en-GB', 'ko-KR']) {
      const { page } = await profile(locale);
      await page.goto(`${app.host.url}#/overview`);
      const section = page.getByTestId('claims-checked');
      await section.getByTestId('claim').first().waitFor();
      const verdicts = await section.getByTestId('claim').evaluateAll((els) => els.map((e) => e.getAttribute('data-verdict')));
      const count = (v: string): number => verdicts.filter((x) => x === v).length;
      const lede = await section.locator('p.lede').innerText();
      if (locale === 'en-GB') {
        expect(lede).toContain(expected.en(verdicts.length, 'claim', 'claims'));
        expect(lede).toContain(expected.en(count('holds'), 'holds', 'hold'));
        expect(lede).toContain(expected.en(count('differs'), 'does not', 'do not'));
      } else {
        expect(lede).toContain(expected.ko(verdicts.length, '주장'));
        expect(lede).toContain(expected.ko(count('holds'), '성립'));
      }
      // A value the message names is put in, none is left as written.
      expect(lede).not.toContain('{{');
    }
  });

  it('the pseudo-locale lengthens every converted string without clipping the shell, Briefings, Sources, Trade, Partners or Top products at 800 px', async () => {
    const { page } = await profile('en-GB', 800);
    await page.goto(`${app.host.url}#/briefings`);
    await page.getByTestId('briefing-item').first().waitFor();
    await page.evaluate(() => localStorage.setItem('tradebrief.language', 'en-XA'));
    await page.reload();
    await expect.poll(() => htmlLang(page)).toBe('en-XA');
    expect(await page.getByTestId('new-briefing').innerText()).toMatch(/^［Ñéw bríéfíñg·+］$/);
    expect(await clipped(page)).toEqual([]);
    await page.screenshot({ path: 'tests/artifacts/i18n-briefings-en-XA-800.png' });
    await page.goto(`${app.host.url}#/sources`);
    await page.getByTestId('source-card').first().waitFor();
    expect(await clipped(page)).toEqual([]);
    await page.screenshot({ path: 'tests/artifacts/i18n-sources-en-XA-800.png' });
    // Trade, Partners and Top products: their chart titles, tables and notes, 40 % longer.
    for (const [name, route] of [
      ['trade', '#/trade?reporter=KOR&partner=CHN'],
      ['partners', '#/partners?reporter=KOR&year=2023'],
      ['products', '#/products?reporter=KOR&partner=CHN'],
    ] as const) {
      await page.goto(`${app.host.url}${route}`);
      await page.locator('main h1').waitFor();
      await expect.poll(() => page.locator('main .state-loading, main .state-loading-map').count(), { timeout: 15_000 }).toBe(0);
      if (name === 'partners') {
        // The map is drawn as it comes into view.
        await page.getByTestId('partners-map').scrollIntoViewIfNeeded();
        await page.getByTestId('partners-map-chart').waitFor();
      }
      await expect.poll(() => page.locator('figure.chart[data-chart-ready="false"]').count(), { timeout: 15_000 }).toBe(0);
      expect(await clipped(page), name).toEqual([]);
      await page.screenshot({ path: `tests/artifacts/i18n-${name}-en-XA-800.png`, fullPage: true });
    }
    // Not offered in the settings: only the three languages are.
    const offered = await page.getByTestId('language-select').locator('option').allInnerTexts();
    expect(offered.slice(0, 3)).toEqual(['English', '한국어', '简体中文']);
    expect(errors).toEqual([]);
  });
});
