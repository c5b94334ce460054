/**
 * What follows a language chosen later, in real Chromium through the HTTP host: a form's errors shown before the
 * switch, and a second window of the same profile.
 */
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admit, startApp, type AppHarness } from '../support/browser.ts';
import { requireBuiltRenderer } from '../support/build-output.ts';

let app: AppHarness;
const contexts: BrowserContext[] = [];
const errors: string[] = [];

beforeAll(async () => {
  requireBuiltRenderer();
  app = await startApp({ today: '2026-11-29' });
});
afterAll(async () => {
  for (const c of contexts) await c.close();
  await app?.close();
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
  await page.getByTestId('language-select').waitFor();
  return page;
}

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
});
