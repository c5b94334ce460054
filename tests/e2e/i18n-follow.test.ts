/**
 * What follows a language chosen later, in real Chromium through the HTTP host: a form's errors shown before the
 * switch, and the other windows of the same profile (the 'storage' event on the remembered choice; the desktop app's
 * windows are told by main as well, which cannot run here).
 */
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { admit } from '../support/browser.ts';
import { appPerFile } from '../support/app-per-file.ts';

const contexts: BrowserContext[] = [];
const errors: string[] = [];

const app = appPerFile({ today: '2026-11-29' });
afterAll(async () => {
  for (const c of contexts) await c.close();
});

/** A fresh browser profile (its own localStorage) that starts in English. */
async function profile(): Promise<BrowserContext> {
  const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
  contexts.push(context);
  await admit(context, app.host);
  return context;
}

async function open(context: BrowserContext, route: string): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(`${app.host.url}${route}`);
  // A print window has no sidebar: it is ready when its document is.
  await page.getByTestId(route.startsWith('#/print/') ? 'briefing-doc' : 'language-select').waitFor();
  return page;
}

const DEFAULT_ID = 'korea-china-2022:korea-china-trade-push-2022';
const htmlLang = (page: Page) => page.evaluate<string>('document.documentElement.lang');
const texts = async (l: Locator): Promise<string> => (await l.allInnerTexts()).join('\n');
const HANGUL = /[\uac00-\ud7a3]/;
const HAN = /[\u4e00-\u9fff]/;

describe('A language chosen later', () => {
  it('a form’s errors, shown before the switch, are written again in the new language (and back)', async () => {
    const page = await open(await profile(), '#/data');
    const form = page.getByTestId('event-form');
    await form.locator('button[type="submit"]').first().click();
    const fieldErrors = form.locator('.field-error');
    await expect.poll(() => fieldErrors.count()).toBeGreaterThan(1);
    // And a date field's own notice, as typed: not a year of the range.
    const date = form.locator('fieldset.date-field');
    await date.locator('select').first().selectOption('year');
    await date.locator('input[type="text"]').fill('99');
    await date.locator('input[type="text"]').blur();
    await form.locator('.field-error', { hasText: '1900' }).waitFor();
    const count = await fieldErrors.count();
    const invalid = await form.locator('[aria-invalid="true"]').count();
    const english = await texts(fieldErrors);
    expect(english).toMatch(/Not a year from 1900 to 2100, as YYYY/);
    expect(english).not.toMatch(HANGUL);

    await page.getByTestId('language-select').selectOption({ label: '한국어' });
    await expect.poll(() => texts(fieldErrors)).toMatch(HANGUL);
    const korean = await texts(fieldErrors);
    // The same errors, on the same fields, none of them left in English (YYYY is the format's own name).
    expect(await fieldErrors.count()).toBe(count);
    expect(await form.locator('[aria-invalid="true"]').count()).toBe(invalid);
    expect(korean.replace(/YYYY/g, '')).not.toMatch(/[A-Za-z]{2}/);
    expect(korean).toContain('1900년부터 2100년까지의 연도가 아닙니다');

    await page.getByTestId('language-select').selectOption({ label: '简体中文' });
    await expect.poll(() => texts(fieldErrors)).toMatch(HAN);
    expect((await texts(fieldErrors)).replace(/YYYY/g, '')).not.toMatch(/[A-Za-z]{2}|[\uac00-\ud7a3]/);

    await page.getByTestId('language-select').selectOption({ label: 'English' });
    await expect.poll(() => texts(fieldErrors)).toBe(english);
    expect(errors).toEqual([]);
  });

  it('a language chosen in one window is followed by the others of the profile, without a reload; a print window keeps its own', async () => {
    const context = await profile();
    const a = await open(context, '#/briefings');
    const b = await open(context, '#/trade?reporter=KOR&partner=CHN');
    const printWindow = await open(context, `#/print/briefing/${encodeURIComponent(DEFAULT_ID)}`);
    const printed = await texts(printWindow.locator('#doc-sources-title'));
    // Set in b's page: still there after the switch means b was not reloaded.
    await b.evaluate('window.notReloaded = true');
    let loads = 0;
    b.on('load', () => (loads += 1));

    await a.getByTestId('language-select').selectOption({ label: '한국어' });
    await expect.poll(() => htmlLang(b)).toBe('ko');
    expect(await b.getByRole('navigation').innerText()).toContain('무역수지');
    expect(await b.getByRole('heading', { level: 1 }).innerText()).toBe('무역수지');
    expect(await b.getByTestId('language-select').inputValue()).toBe('ko');
    expect(await b.title()).toBe('무역수지 — Tradebrief');

    // And back the other way, from b: a follows.
    await b.getByTestId('language-select').selectOption({ label: '简体中文' });
    await expect.poll(() => htmlLang(a)).toBe('zh-CN');
    expect(await a.getByRole('heading', { level: 1 }).innerText()).toBe('简报');
    expect(await b.evaluate('window.notReloaded')).toBe(true);
    expect(loads).toBe(0);
    // The remembered choice is the last one.
    expect(await a.evaluate(() => localStorage.getItem('tradebrief.language'))).toBe('zh');

    // The print window draws its one document in its language: it follows no other window.
    expect(await htmlLang(printWindow)).toBe('en');
    expect(await texts(printWindow.locator('#doc-sources-title'))).toBe(printed);

    // Another profile (its own remembered setting) is not touched.
    const other = await open(await profile(), '#/overview');
    expect(await htmlLang(other)).toBe('en');
    expect(errors).toEqual([]);
  });

  for (const [locale, lang, words] of [
    [
      'ko-KR',
      'ko',
      {
        mirror: '시점과 수정: 12월에 선적된 물품이 1월에 도착할 수 있고',
        year: '“20111”은 ',
        date: '1900년부터 2100년까지의 연도가 아닙니다',
      },
    ],
    ['zh-CN', 'zh', { mirror: '时间与修订：12月运出的货物可能在1月到达', year: '“20111”不是', date: '不是1900年至2100年之间的年份' }],
  ] as const)
    it(`the places the sweep found, in ${lang} at 800 px: the mirror block's explanation, a year filter's and a date field's notices`, async () => {
      const context = await app.browser.newContext({ viewport: { width: 800, height: 900 }, locale });
      contexts.push(context);
      await admit(context, app.host);
      const latin = /[A-Za-z]{2}/;

      const print = await open(context, `#/print/briefing/${encodeURIComponent(DEFAULT_ID)}?preview=1`);
      const note = print.locator('.doc-mirror .doc-note').first();
      await expect.poll(() => note.innerText().catch(() => '')).toContain(words.mirror);
      // The valuation terms keep their codes (FOB, CIF) beside the language's words.
      expect((await note.innerText()).replace(/\b(FOB|CIF)\b/g, '')).not.toMatch(latin);
      await note.evaluate((el) => el.scrollIntoView({ block: 'center' }));
      await print.screenshot({ path: `tests/artifacts/i18n-fixed-mirror-note-${lang}-800.png` });

      const trade = await open(context, '#/trade?reporter=KOR&partner=CHN');
      await trade.getByTestId('filter-from').fill('20111');
      await trade.getByTestId('filter-from').press('Tab');
      const yearNotice = trade.getByTestId('filter-from-error');
      expect(await yearNotice.innerText()).toContain(words.year);
      expect((await yearNotice.innerText()).replace('20111', '')).not.toMatch(latin);
      await trade.screenshot({ path: `tests/artifacts/i18n-fixed-year-notice-${lang}-800.png` });

      const data = await open(context, '#/data');
      const form = data.getByTestId('event-form');
      await form.locator('button[type="submit"]').first().click();
      const date = form.locator('fieldset.date-field');
      await date.locator('select').first().selectOption('year');
      await date.locator('input[type="text"]').fill('99');
      await date.locator('input[type="text"]').blur();
      await form.locator('.field-error', { hasText: words.date }).waitFor();
      expect((await texts(form.locator('.field-error'))).replace(/YYYY/g, '')).not.toMatch(latin);
      await date.evaluate((el) => el.scrollIntoView({ block: 'center' }));
      await data.screenshot({ path: `tests/artifacts/i18n-fixed-date-notice-${lang}-800.png` });
      expect(errors).toEqual([]);
    });
});
