/**
 * The Briefings view and editor in real Chromium through the HTTP host: list, create, duplicate,
 * delete with undo, edit with autosave (also when the page closes mid-typing), blocks added,
 * reordered from the keyboard and removed with undo, and the print preview page by page.
 */
import { mkdirSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Briefing } from '../../db/briefings/contract.ts';
import { appPerFile } from '../support/app-per-file.ts';

const DEFAULT_ID = 'korea-china-2022:korea-china-trade-push-2022';

mkdirSync('tests/artifacts', { recursive: true });
const app = appPerFile({ today: '2026-11-29' });

/** Polls up to 10 s (the machine is shared; a save or a chart may take a moment). */
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 10_000, interval: 100 });

const get = async (id: string): Promise<Briefing> => app.host.session.handlers.getBriefing({ id });
const list = async () => app.host.session.handlers.listBriefings({});

/** Opens the list, makes a new briefing and waits for its editor; returns its id. */
async function newBriefing(page: Page): Promise<string> {
  await page.goto(`${app.host.url}#/briefings`);
  await page.getByTestId('new-briefing').click();
  await page.getByTestId('title-input').waitFor();
  return decodeURIComponent(page.url().split('#/briefings/')[1] ?? '');
}

/** The title of the briefing a list button acts on ("Duplicate “…”", "Delete “…”"). */
async function briefingTitle(button: Locator): Promise<string> {
  const label = (await button.getAttribute('aria-label'))!;
  return label.slice(label.indexOf('“') + 1, -1);
}

describe('Briefings in Chromium', () => {
  it('lists the default briefing and opens it in the editor with its blocks', async () => {
    const page = await app.newPage();
    await page.goto(`${app.host.url}#/briefings`);
    await page.getByTestId('briefing-item').first().waitFor();
    expect(await page.getByTestId('briefing-list').innerText()).toContain('Korea–China trade push, August 2022');
    await page.screenshot({ path: 'tests/artifacts/briefings-list.png', fullPage: true });
    await page.getByRole('link', { name: 'Korea–China trade push, August 2022' }).click();
    await page.getByTestId('block-card').first().waitFor();
    expect(await page.getByTestId('block-card').count()).toBe(11);
    expect(await page.getByTestId('title-input').inputValue()).toBe('Korea–China trade push, August 2022');
    await page.getByTestId('briefing-chart').waitFor();
    await poll(() => page.getByTestId('briefing-chart').getAttribute('data-chart-ready')).toBe('true');
    await page.screenshot({ path: 'tests/artifacts/briefing-editor.png', fullPage: true });
    expect(app.foreignRequests).toEqual([]);
    expect(app.pageErrors).toEqual([]);
    await page.close();
  });

  it('autosaves the title, audience, date and classification after a pause', async () => {
    const page = await app.newPage();
    await page.goto(`${app.host.url}#/briefings/${encodeURIComponent(DEFAULT_ID)}`);
    await page.getByTestId('title-input').fill('Korea–China briefing for the minister');
    await page.getByTestId('audience-input').fill('Minister of Trade');
    await page.getByTestId('date-input').fill('2026-12-02');
    await page.getByTestId('classification-input').fill('Restricted');
    await poll(() => page.getByTestId('save-state').getAttribute('data-state')).toBe('saved');
    const b = await get(DEFAULT_ID);
    expect([b.title, b.audience, b.datedOn, b.classification]).toEqual([
      'Korea–China briefing for the minister',
      'Minister of Trade',
      '2026-12-02',
      'Restricted',
    ]);
    await page.close();
  });

  it('loses nothing typed when the window closes before the pause ends', async () => {
    const page = await app.newPage();
    await page.goto(`${app.host.url}#/briefings/${encodeURIComponent(DEFAULT_ID)}`);
    const input = page.getByTestId('audience-input');
    await input.waitFor();
    await input.fill('Typed just before closing');
    await page.close({ runBeforeUnload: true });
    await poll(async () => (await get(DEFAULT_ID)).audience).toBe('Typed just before closing');
  });

  it('adds a map block, draws the map in the editor and colours it by the balance once the setting changes', async () => {
    const page = await app.newPage();
    const id = await newBriefing(page);
    await page.getByTestId('new-block-kind').selectOption('map');
    await page.getByTestId('add-block').click();
    const map = page.getByTestId('doc-map-chart');
    await poll(() => map.getAttribute('data-chart-ready')).toBe('true');
    await poll(async () => (await get(id)).blocks.map((b) => b.config)).toEqual([{ reporter: 'KOR', measure: 'exports' }]);
    // South Korea's latest year with both flows: every partner with a figure is a link to its pair.
    expect(await map.locator('a[data-iso3="CHN"]').getAttribute('href')).toBe('#/trade?reporter=KOR&partner=CHN');
    expect(await page.getByTestId('doc-map-source').innerText()).toMatch(/^Source: Korea Customs Service \(KCS\) via KOSIS/);
    const card = page.getByTestId('block-card').first();
    await card.getByLabel('Colour by').selectOption('balance');
    await poll(async () => (await get(id)).blocks.map((b) => b.config)).toEqual([{ reporter: 'KOR', measure: 'balance' }]);
    await poll(() => page.getByTestId('doc-map-chart').locator('.chart-title').innerText()).toMatch(
      /^South Korea's balance of trade by partner, \d{4}$/,
    );
    await poll(() => page.getByTestId('doc-map-chart').getAttribute('data-chart-ready')).toBe('true');
    expect(app.pageErrors).toEqual([]);
    await page.close();
  });

  it('creates a briefing, adds blocks, reorders them from the keyboard and removes one with undo', async () => {
    const page = await app.newPage();
    const id = await newBriefing(page);
    expect(id).not.toBe('');

    // The kinds are offered under the dashboard whose print summary holds them (from the dashboards' definitions).
    const groups = await page
      .getByTestId('new-block-kind')
      .evaluate((select) =>
        [...select.querySelectorAll('optgroup')].map((g) => [g.label, [...g.querySelectorAll('option')].map((o) => o.value)]),
      );
    expect(groups).toContainEqual(['Trade balance', ['trade-chart', 'mirror', 'reconciliation']]);
    expect(groups).toContainEqual(['Partners', ['partner-ranking', 'map', 'partner-ranks', 'partner-share']]);
    expect(groups.at(-1)?.[0]).toBe('Other blocks');
    expect((groups.at(-1)?.[1] as string[]).includes('text')).toBe(true);

    await page.getByTestId('new-block-kind').selectOption('text');
    await page.getByTestId('add-block').click();
    const md = page.getByTestId('markdown-input');
    await md.waitFor();
    await md.fill('**Bold point** about Qingdao (青岛) and Incheon (인천).');
    await poll(() => page.getByTestId('block-card').first().locator('[data-testid="markdown"] strong').innerText()).toBe('Bold point');

    await page.getByTestId('new-block-kind').selectOption('kpi');
    await page.getByTestId('add-block').click();
    await poll(() => page.getByTestId('block-card').count()).toBe(2);
    await poll(async () => (await get(id)).blocks.map((b) => b.kind)).toEqual(['text', 'kpi']);
    await poll(async () => {
      const b = (await get(id)).blocks[0];
      return b?.kind === 'text' ? b.config.markdown : '';
    }).toContain('Bold point');

    // Keyboard: focus the KPI block's "move up" button and press Alt+ArrowUp.
    await page.getByRole('button', { name: 'Move block 2 up' }).focus();
    await page.keyboard.press('Alt+ArrowUp');
    await poll(async () => (await get(id)).blocks.map((b) => b.kind)).toEqual(['kpi', 'text']);
    // Focus stays on the moved block (now first: its "move down" button), so the next keystroke moves it again.
    await poll(() => page.evaluate("document.activeElement?.getAttribute('aria-label')")).toBe('Move block 1 down');
    await page.keyboard.press('Alt+ArrowDown');
    await poll(async () => (await get(id)).blocks.map((b) => b.kind)).toEqual(['text', 'kpi']);

    await poll(() => page.getByTestId('block-card').first().getAttribute('data-kind')).toBe('text');
    await page.getByRole('button', { name: 'Remove block 1' }).click();
    await poll(async () => (await get(id)).blocks.map((b) => b.kind)).toEqual(['kpi']);
    await page.getByRole('button', { name: 'Undo' }).click();
    await poll(async () => (await get(id)).blocks.map((b) => b.kind)).toEqual(['text', 'kpi']);
    const restored = (await get(id)).blocks[0];
    expect(restored?.kind === 'text' ? restored.config.markdown : '').toContain('Bold point');
    expect(app.pageErrors).toEqual([]);
    await page.close();
  });

  it('duplicates and deletes from the list, with undo', async () => {
    const page = await app.newPage();
    await page.goto(`${app.host.url}#/briefings`);
    await page.getByTestId('briefing-item').first().waitFor();
    const before = (await list()).length;
    await page.getByRole('button', { name: /^Duplicate “Korea–China briefing for the minister”/ }).click();
    await poll(async () => (await list()).length).toBe(before + 1);
    const copy = (await list()).find((b) => b.title === 'Korea–China briefing for the minister (copy)');
    expect(copy).toBeDefined();
    await page.getByRole('button', { name: 'Delete “Korea–China briefing for the minister (copy)”' }).click();
    await poll(async () => (await list()).length).toBe(before);
    await page.getByRole('button', { name: 'Undo' }).click();
    await poll(async () => (await list()).map((b) => b.id)).toContain(copy!.id);
    await poll(() => page.getByTestId('briefing-item').count()).toBe(before + 1);
    expect(app.pageErrors).toEqual([]);
    await page.close();
  });

  it('shows the print preview page by page, A4 and US Letter landscape', async () => {
    const page = await app.newPage();
    await page.goto(`${app.host.url}#/print/briefing/${encodeURIComponent(DEFAULT_ID)}?preview=1`);
    await poll(() => page.evaluate('document.body.dataset.printReady')).toBe('true');
    const pages = await page.getByTestId('preview-page').count();
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(await page.getByTestId('preview-page').first().innerText()).toContain(`page 1 of ${pages}`);
    expect(await page.getByTestId('preview-page').first().innerText()).toContain('RESTRICTED');
    await page.screenshot({ path: 'tests/artifacts/print-preview-a4.png', fullPage: false });
    await page.getByLabel('Orientation').selectOption('landscape');
    await page.getByLabel('Paper').selectOption('Letter');
    await poll(() => page.getByTestId('print-view').getAttribute('data-orientation')).toBe('landscape');
    // The A4 layout's "ready" stays set until the Letter one clears it: wait for the ready of the route now shown.
    await poll(() => page.evaluate('document.body.dataset.printRoute === location.hash && document.body.dataset.printReady')).toBe('true');
    const sheet = await page.getByTestId('preview-page').first().boundingBox();
    expect(Math.round(sheet?.width ?? 0)).toBe(1056);
    expect(Math.round(sheet?.height ?? 0)).toBe(816);
    await page.screenshot({ path: 'tests/artifacts/print-preview-letter-landscape.png', fullPage: false });
    expect(app.foreignRequests).toEqual([]);
    expect(app.pageErrors).toEqual([]);
    await page.close();
  });
});

/** The focused element, as a screen reader names it (its aria-label, else its words), or '<body>' when focus was lost. */
const focused = (page: Page): Promise<string> =>
  page.evaluate(
    `(() => { const e = document.activeElement; return !e || e === document.body ? '<body>' : (e.id === 'main' ? '<main>' : (e.getAttribute('aria-label') ?? e.textContent.trim())); })()`,
  );

describe('Briefings from the keyboard', () => {
  it('never leaves the focus on <body>: a new briefing, a removed block, a duplicate and a delete', async () => {
    const page = await app.newPage();
    await page.goto(`${app.host.url}#/briefings`);
    await page.getByTestId('briefing-item').first().waitFor();

    // "New briefing" opens the editor: the focus goes to the view, where the next Tab continues.
    await page.getByTestId('new-briefing').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('title-input').waitFor();
    await poll(() => focused(page)).toBe('<main>');
    const id = decodeURIComponent(page.url().split('#/briefings/')[1] ?? '');

    // Two blocks; Remove on the first hands the focus to the Remove of the block that takes its place.
    for (const kind of ['text', 'kpi']) {
      await page.getByTestId('new-block-kind').selectOption(kind);
      await page.getByTestId('add-block').focus();
      await page.keyboard.press('Enter');
    }
    await poll(async () => (await get(id)).blocks.map((b) => b.kind)).toEqual(['text', 'kpi']);
    await page.getByRole('button', { name: 'Remove block 1' }).focus();
    await page.keyboard.press('Enter');
    await poll(async () => (await get(id)).blocks.map((b) => b.kind)).toEqual(['kpi']);
    await poll(() => page.getByTestId('block-card').count()).toBe(1);
    await poll(() => focused(page)).toBe('Remove block 1');

    // In the list: Duplicate keeps the focus (its button is disabled while it works), Delete moves it to the next Delete.
    await page.goto(`${app.host.url}#/briefings`);
    await page.getByTestId('briefing-item').first().waitFor();
    const before = (await list()).length;
    const duplicate = page.getByRole('button', { name: /^Duplicate “/ }).first();
    const duplicateLabel = (await duplicate.getAttribute('aria-label'))!;
    const title = await briefingTitle(duplicate);
    await duplicate.focus();
    await page.keyboard.press('Enter');
    await poll(() => page.getByTestId('briefing-item').count()).toBe(before + 1);
    await poll(() => focused(page)).toBe(duplicateLabel);
    const deletes = await page
      .getByRole('button', { name: /^Delete “/ })
      .evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-label')));
    const at = deletes.indexOf(`Delete “${title} (copy)”`);
    expect(at).toBeGreaterThanOrEqual(0);
    await page
      .getByRole('button', { name: /^Delete “/ })
      .nth(at)
      .focus();
    await page.keyboard.press('Enter');
    await poll(() => page.getByTestId('briefing-item').count()).toBe(before);
    await poll(() => focused(page)).toBe(deletes[at + 1] ?? deletes[at - 1]);
    expect(app.pageErrors).toEqual([]);
    await page.close();
  });

  it('marks a block’s year and the title invalid, with their messages tied to them, and saves neither', async () => {
    const page = await app.newPage();
    const id = await newBriefing(page);
    await page.getByTestId('new-block-kind').selectOption('trade-chart');
    await page.getByTestId('add-block').click();
    await poll(async () => (await get(id)).blocks.map((b) => b.kind)).toEqual(['trade-chart']);

    const from = page.getByTestId('b1-from');
    await from.fill('2015');
    await from.press('Tab');
    await poll(async () => (await get(id)).blocks[0]?.config).toMatchObject({ from: 2015 });
    await from.fill('3015');
    await from.press('Tab');
    await poll(() => from.getAttribute('aria-invalid')).toBe('true');
    const message = page.locator(`#${await from.getAttribute('aria-describedby')}`);
    expect(await message.innerText()).toBe('“3015” is not a year from 1900 to 2100: showing the years from 2015.');
    await page.waitForTimeout(1_000); // past the autosave's pause: nothing is sent
    expect((await get(id)).blocks[0]?.config).toMatchObject({ from: 2015 });

    const title = page.getByTestId('title-input');
    await title.fill('');
    await poll(() => title.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator(`#${await title.getAttribute('aria-describedby')}`).innerText()).toBe(
      'A briefing needs a title; the last title is kept until you type one.',
    );
    expect(app.pageErrors).toEqual([]);
    await page.close();
  });

  it('keeps an Undo notice while the focus is on it, and lets it go its time after the focus leaves', async () => {
    const page = await app.newPage();
    // The page's timers under the test's clock: the notice's 12 s pass at once.
    await page.clock.install();
    await page.goto(`${app.host.url}#/briefings`);
    await page.getByTestId('briefing-item').first().waitFor();
    const duplicate = page.getByRole('button', { name: /^Duplicate “/ }).first();
    const title = await briefingTitle(duplicate);
    await duplicate.click();
    await poll(() => page.getByRole('button', { name: `Delete “${title} (copy)”` }).count()).toBe(1);
    await page
      .getByRole('button', { name: `Delete “${title} (copy)”` })
      .first()
      .click();
    const undo = page.locator('.notices').getByRole('button', { name: 'Undo' });
    await undo.waitFor();
    await undo.focus();
    await page.clock.runFor(30_000);
    expect(await undo.count()).toBe(1);
    // Left for the page: its whole time again, then it goes.
    await page.getByTestId('new-briefing').focus();
    await page.clock.runFor(11_000);
    expect(await undo.count()).toBe(1);
    await page.clock.runFor(2_000);
    await poll(() => undo.count()).toBe(0);
    expect(app.pageErrors).toEqual([]);
    await page.close();
  });

  it('reaches a notice’s Undo with F6 from the view, and goes round the sidebar, the view and the notices', async () => {
    const page = await app.newPage();
    await page.goto(`${app.host.url}#/briefings`);
    await page.getByTestId('briefing-item').first().waitFor();
    const duplicate = page.getByRole('button', { name: /^Duplicate “/ }).first();
    const title = await briefingTitle(duplicate);
    await duplicate.click();
    const copy = page.getByRole('button', { name: `Delete “${title} (copy)”` });
    await poll(() => copy.count()).toBe(1);
    await copy.focus();
    await page.keyboard.press('Enter');
    const undo = page.locator('.notices').getByRole('button', { name: 'Undo' });
    await undo.waitFor();
    expect(await undo.getAttribute('aria-keyshortcuts')).toBe('F6');
    /** Where the focus is: the Undo, the sidebar's current view, the view's <main>, or elsewhere. */
    const at = (): Promise<string> =>
      page.evaluate(() => {
        const { document } = globalThis as unknown as {
          document: { activeElement: { matches(s: string): boolean; closest(s: string): unknown } | null };
        };
        const a = document.activeElement;
        if (!a) return 'none';
        if (a.matches('.notice-action')) return 'undo';
        if (a.matches('nav.sidebar a[aria-current="page"]')) return 'sidebar';
        if (a.matches('main')) return 'main';
        return a.closest('main') ? 'in main' : 'elsewhere';
      });
    expect(await at()).toBe('in main');
    const steps: string[] = [];
    for (const key of ['F6', 'F6', 'F6', 'Shift+F6', 'Shift+F6', 'F6']) {
      await page.keyboard.press(key);
      steps.push(await at());
    }
    expect(steps).toEqual(['undo', 'sidebar', 'main', 'sidebar', 'undo', 'sidebar']);
    await page.keyboard.press('Shift+F6');
    await page.keyboard.press('Enter');
    await poll(() => copy.count()).toBe(1);
    expect(app.pageErrors).toEqual([]);
    await page.close();
  });

  it('marks a date outside 1900–2100 invalid and says so in the interface’s language, its message tied to the field', async () => {
    const page = await app.newPage();
    await page.addInitScript(() => localStorage.setItem('tradebrief.language', 'ko'));
    await page.goto(`${app.host.url}#/briefings/${encodeURIComponent(DEFAULT_ID)}`);
    const date = page.getByTestId('date-input');
    await date.waitFor();
    const kept = (await get(DEFAULT_ID)).datedOn;
    await date.fill('3000-01-01');
    await poll(() => date.getAttribute('aria-invalid')).toBe('true');
    const message = await page.locator(`#${await date.getAttribute('aria-describedby')}`).innerText();
    expect(message).toMatch(
      /^1900년 1월 1일부터 2100년 12월 31일까지의 날짜가 아닙니다\. 날짜를 모두 입력할 때까지 브리핑 날짜는 그대로입니다\(.+\)\.$/,
    );
    await page.waitForTimeout(1_000); // past the autosave's pause: nothing is sent
    expect((await get(DEFAULT_ID)).datedOn).toBe(kept);
    // The language is remembered for the browser's profile, which the other tests share: back to English.
    await page.evaluate("localStorage.removeItem('tradebrief.language')");
    expect(app.pageErrors).toEqual([]);
    await page.close();
  });
});
