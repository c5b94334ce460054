/**
 * Layout in real Chromium (HTTP host): every view fits a narrow window, the sidebar stays in view on a long
 * page, a source popover stays inside the window at its edges, and a year or date field holding something
 * that is not one is marked invalid and says what it accepts and what the view shows meanwhile.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { LOCALE_TAGS } from '../../db/common/languages.ts';
import { VIEW_LIST as views } from '../../renderer/src/views/view-list.ts';
import { appPerFile } from '../support/app-per-file.ts';
import type { PageElement, PageGlobals } from '../support/page-globals.ts';

const app = appPerFile({ today: '2022-09-15' });

async function open(page: Page, hash: string): Promise<void> {
  await page.goto(`${app.host.url}${hash}`);
  await page.locator('main h1').waitFor();
  await expect
    .poll(() => page.locator('main .state-loading, main figure.chart[data-chart-ready="false"]').count(), { timeout: 15_000 })
    .toBe(0);
}

const sidebarViews = views.filter((v) => v.inSidebar);

describe('every view fits a narrow window', () => {
  // In each language, and in the pseudo-locale whose longer strings find the places that would overflow first.
  for (const [width, language] of [
    [800, 'en'],
    [1024, 'en'],
    [800, 'ko'],
    [1024, 'ko'],
    [800, 'zh'],
    [1024, 'zh'],
    [800, 'en-XA'],
  ] as const) {
    it(`at ${width} px no view is wider than the window (${language})`, async () => {
      const page = await app.newPage();
      await page.addInitScript((l) => localStorage.setItem('tradebrief.language', l), language);
      await page.setViewportSize({ width, height: 800 });
      const tooWide: string[] = [];
      for (const view of sidebarViews) {
        await open(page, `#/${view.id}`);
        const { scrollWidth, innerWidth, lang } = await page.evaluate(() => {
          const w = globalThis as unknown as PageGlobals;
          return {
            scrollWidth: w.document.scrollingElement!.scrollWidth,
            innerWidth: w.innerWidth,
            lang: w.document.querySelector('html')?.getAttribute('lang'),
          };
        });
        expect(lang, view.id).toBe(LOCALE_TAGS[language]);
        if (scrollWidth > innerWidth) tooWide.push(`${view.id}: ${scrollWidth} px`);
        if (view.id === 'partners' && language !== 'en-XA') {
          // In the three languages the ranking fits, its compare boxes (the last column) in view; the pseudo-locale's
          // longer words may still scroll it inside its frame, which is what the frame is for.
          const frame = page.getByTestId('partners-table').locator('xpath=..');
          const [inner, outer] = await frame.evaluate((el: { scrollWidth: number; clientWidth: number }) => [
            el.scrollWidth,
            el.clientWidth,
          ]);
          if (inner! > outer! + 1) tooWide.push(`partners ranking: ${inner} px in ${outer} px`);
        }
      }
      // The choice is remembered for the browser's profile, which the other tests share: back to English.
      await page.evaluate(() =>
        (globalThis as unknown as { localStorage: { removeItem(key: string): void } }).localStorage.removeItem('tradebrief.language'),
      );
      expect(tooWide).toEqual([]);
    });
  }
});

describe('the sidebar', () => {
  it('is in view after scrolling to the bottom of a long view, and scrolls on its own in a short window', async () => {
    const page = await app.newPage();
    await page.setViewportSize({ width: 1024, height: 700 });
    await open(page, '#/sources');
    const height = await page.evaluate(() => (globalThis as unknown as PageGlobals).document.scrollingElement!.scrollHeight);
    expect(height).toBeGreaterThan(3 * 700);
    await page.evaluate(() => {
      const w = globalThis as unknown as PageGlobals;
      w.scrollTo(0, w.document.scrollingElement!.scrollHeight);
    });
    await expect.poll(() => page.evaluate(() => (globalThis as unknown as PageGlobals).scrollY)).toBeGreaterThan(2 * 700);
    const box = await page.locator('nav.sidebar').boundingBox();
    // At the top, to within a pixel: a page's height may be fractional and the scroll range rounds it up, so at the very
    // bottom the shell's end lifts the sticky sidebar by what the rounding added (0.375 px on this page, not seen).
    expect(Math.abs(box!.y)).toBeLessThan(1);
    expect(box?.height).toBe(700);
    // What is drawn at the sidebar's links is the sidebar, and its links still work.
    const link = page.locator('nav.sidebar a', { hasText: 'Overview' });
    expect(await link.isVisible()).toBe(true);
    const atPoint = await link.evaluate((a) => {
      const { document } = globalThis as unknown as PageGlobals;
      const r = a.getBoundingClientRect();
      return document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2) === (a as unknown as PageElement);
    });
    expect(atPoint).toBe(true);
    await link.click();
    await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor();

    // A window shorter than the sidebar's links: the sidebar scrolls, the last link can be reached.
    await page.setViewportSize({ width: 1024, height: 260 });
    const sidebar = await page.locator('nav.sidebar').evaluate((n) => ({ scroll: n.scrollHeight, client: n.clientHeight }));
    expect(sidebar.scroll).toBeGreaterThan(sidebar.client);
    await page.locator('nav.sidebar a', { hasText: 'Briefings' }).scrollIntoViewIfNeeded();
    await page.locator('nav.sidebar a', { hasText: 'Briefings' }).click();
    await page.getByRole('heading', { name: 'Briefings', level: 1 }).waitFor();
  });
});

describe('source popovers', () => {
  /** Puts the first source chip of the view at a window corner and opens it: the popover's box. */
  async function openAt(page: Page, corner: { right?: number; left?: number; top?: number; bottom?: number }) {
    const ref = page.locator('main .source-ref').first();
    await ref.evaluate((el, c) => {
      const s = (el as unknown as PageElement).style;
      for (const side of ['left', 'right', 'top', 'bottom']) s.removeProperty(side);
      s.position = 'fixed';
      s.zIndex = '30';
      for (const [k, v] of Object.entries(c)) s.setProperty(k, `${v}px`);
    }, corner);
    await ref.locator('.source-chip').click();
    const pop = ref.locator('.source-pop');
    await pop.waitFor();
    const box = (await pop.boundingBox())!;
    const chip = (await ref.locator('.source-chip').boundingBox())!;
    const size = await page.evaluate(() => {
      const w = globalThis as unknown as PageGlobals;
      return { w: w.innerWidth, h: w.innerHeight };
    });
    await ref.locator('.source-chip').click();
    return { box, chip, size };
  }

  it('stay inside the window when opened at its right and bottom edges', async () => {
    const page = await app.newPage();
    await page.setViewportSize({ width: 800, height: 700 });
    await open(page, '#/overview');

    const right = await openAt(page, { right: 2, top: 120 });
    expect(right.chip.x + right.chip.width).toBeGreaterThan(right.size.w - 60);
    expect(right.box.x).toBeGreaterThanOrEqual(0);
    expect(right.box.x + right.box.width).toBeLessThanOrEqual(right.size.w);
    expect(right.box.y).toBeGreaterThanOrEqual(right.chip.y + right.chip.height); // below its chip

    const bottomRight = await openAt(page, { right: 2, bottom: 2 });
    expect(bottomRight.box.x + bottomRight.box.width).toBeLessThanOrEqual(bottomRight.size.w);
    expect(bottomRight.box.y).toBeGreaterThanOrEqual(0);
    expect(bottomRight.box.y + bottomRight.box.height).toBeLessThanOrEqual(bottomRight.chip.y); // flipped above its chip

    const left = await openAt(page, { left: 0, top: 120 });
    expect(left.box.x).toBeGreaterThanOrEqual(0);
    expect(left.box.x + left.box.width).toBeLessThanOrEqual(left.size.w);
  });

  it('is not clipped by a table that scrolls sideways', async () => {
    const page = await app.newPage();
    await page.setViewportSize({ width: 800, height: 800 });
    await open(page, '#/projects');
    const chip = page.locator('[data-testid="projects-table"] .source-chip').first();
    await chip.scrollIntoViewIfNeeded();
    await chip.click();
    const pop = page.locator('[data-testid="projects-table"] .source-pop').first();
    await pop.waitFor();
    // The popover is what is drawn at its own centre (not hidden by the frame's overflow).
    const onTop = await pop.evaluate((p) => {
      const w = globalThis as unknown as PageGlobals;
      const popover = p as unknown as PageElement;
      const r = popover.getBoundingClientRect();
      const hit = w.document.elementFromPoint(r.left + r.width / 2, r.top + Math.min(r.height / 2, 20));
      return hit !== null && popover.contains(hit) && r.right <= w.innerWidth && r.left >= 0;
    });
    expect(onTop).toBe(true);
  });
});

describe('year and date fields', () => {
  it('a year filter holding something that is not a year is marked invalid and says what the view shows', async () => {
    const page = await app.newPage();
    await open(page, '#/trade?reporter=KOR&partner=CHN&from=2011&to=2021');
    const from = page.getByTestId('filter-from');
    const years = async (): Promise<number> =>
      (JSON.parse((await page.getByTestId('trade-chart').getAttribute('data-chart-data')) ?? '{}') as { labels: unknown[] }).labels.length;
    expect(await years()).toBe(11);

    await from.fill('20111');
    await from.press('Tab');
    expect(await from.getAttribute('aria-invalid')).toBe('true');
    const message = page.getByTestId('filter-from-error');
    expect(await message.innerText()).toMatch(/^“20111” is not a year from \d{4} to \d{4}: showing the years from 2011\.$/);
    expect(await from.getAttribute('aria-describedby')).toBe(await message.getAttribute('id'));
    // The field keeps what was typed; the view and the URL keep the last valid year.
    expect(await from.inputValue()).toBe('20111');
    expect(page.url()).toContain('from=2011&');
    expect(await years()).toBe(11);

    // Before the data's first year: refused the same way.
    await from.fill('1800');
    await from.press('Tab');
    expect(await from.getAttribute('aria-invalid')).toBe('true');
    expect(await message.innerText()).toContain('“1800” is not a year from');

    await from.fill('2015');
    await from.press('Tab');
    await expect.poll(() => page.url()).toContain('from=2015');
    expect(await from.getAttribute('aria-invalid')).toBeNull();
    expect(await message.count()).toBe(0);
    await expect.poll(years).toBe(7);
  });

  it('the partners view’s year fields too', async () => {
    const page = await app.newPage();
    await open(page, '#/partners?reporter=KOR&to=2021');
    const to = page.getByTestId('partners-to');
    await to.fill('99999');
    await to.press('Tab');
    expect(await to.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByTestId('partners-to-error').innerText()).toBe(
      '“99999” is not a year from 1900 to 2100: showing the years to 2021.',
    );
    expect(page.url()).toContain('to=2021');
  });

  it('an editor’s date field holding an incomplete date or a year out of range is marked invalid at once', async () => {
    const page = await app.newPage();
    await open(page, '#/data');
    const form = page.getByTestId('event-form');
    await form.getByLabel('Precision').selectOption('year');
    const year = form.getByLabel('Year', { exact: true });
    await year.fill('12');
    await year.press('Tab');
    expect(await year.getAttribute('aria-invalid')).toBe('true');
    expect(await form.innerText()).toContain('Not a year from 1900 to 2100, as YYYY');
    await year.fill('2022');
    await year.press('Tab');
    expect(await year.getAttribute('aria-invalid')).toBeNull();

    await form.getByLabel('Precision').selectOption('day');
    const day = form.getByLabel('Day', { exact: true });
    // Only the day and month typed: the field shows them, its value reads empty.
    await day.click();
    await page.keyboard.type('1410');
    // Tab moves between the field's own parts: leave it for another field.
    await form.getByLabel('Title *').focus();
    expect(await day.inputValue()).toBe('');
    expect(await day.getAttribute('aria-invalid')).toBe('true');
    expect(await form.innerText()).toContain('Not a whole day (day, month and year) from 1 Jan 1900 to 31 Dec 2100');
    await day.fill('2022-10-14');
    await day.press('Tab');
    expect(await day.getAttribute('aria-invalid')).toBeNull();
  });

  it('the briefing editor’s date keeps the saved date while the field holds an incomplete one', async () => {
    const page = await app.newPage();
    await open(page, `#/briefings/${encodeURIComponent('korea-china-2022:korea-china-trade-push-2022')}`);
    const id = 'korea-china-2022:korea-china-trade-push-2022';
    const stored = (): unknown => app.host.session.db.prepare('SELECT dated_on FROM briefing WHERE id = ?').pluck().get(id);
    const date = page.getByTestId('date-input');
    await date.fill('2022-08-20');
    await expect.poll(stored).toBe('2022-08-20');
    await date.click();
    await page.keyboard.press('Backspace');
    await date.press('Tab');
    expect(await date.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#briefing-date-problem').innerText()).toContain('the briefing keeps 20 Aug 2022 until the date is whole');
    // Autosave would have run by now (it waits well under this): the stored date is unchanged.
    await page.waitForTimeout(1500);
    expect(stored()).toBe('2022-08-20');
  });
});

/**
 * One Tab stop as the keyboard user sees it: what it is, whether it shows on screen once focused, and its focus ring's
 * contrast with what is around it (WCAG 2.2: 3:1) — the outline against the background behind it, or, on the world map,
 * the outline line drawn on the focused country against the halo under it.
 */
const TAB_STOP = `(() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const lum = (c) => { const [r, g, b] = (c.match(/[\\d.]+/g) ?? ['0', '0', '0']).slice(0, 3).map((v) => { v = v / 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const opaque = (c) => { const v = (c.match(/[\\d.]+/g) ?? []).map(Number); return v.length >= 3 && (v.length < 4 || v[3] > 0.5); };
  let behind = getComputedStyle(document.body).backgroundColor;
  for (let p = el.parentElement; p; p = p.parentElement) { const b = getComputedStyle(p).backgroundColor; if (opaque(b)) { behind = b; break; } }
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  let ring = 0;
  if (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) ring = ratio(style.outlineColor, behind);
  else if (el.closest('svg')) {
    const d = el.querySelector('path')?.getAttribute('d');
    const drawn = [...el.closest('svg').querySelectorAll('path')].filter((p) => p.parentElement !== el && p.getAttribute('d') === d && p.getAttribute('stroke'));
    if (drawn.length >= 2) ring = ratio(getComputedStyle(drawn.at(-1)).stroke, getComputedStyle(drawn.at(-2)).stroke);
  }
  const name = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40);
  return {
    what: el.tagName.toLowerCase() + ' "' + name + '"',
    shown: style.visibility !== 'hidden' && Number(style.opacity) > 0 && box.width > 0 && box.height > 0 &&
      box.right > 0 && box.left < innerWidth && box.bottom > 0 && box.top < innerHeight,
    ring: Math.round(ring * 100) / 100,
    positiveTabindex: el.tabIndex > 0,
  };
})()`;

describe('every view from the keyboard', () => {
  // Two of the four combinations of scheme and width, to keep the file quick; the colours and the narrow layout are
  // the ones that change what a ring sits on and where a control lands.
  for (const [scheme, width] of [
    ['light', 1440],
    ['dark', 800],
  ] as const) {
    it(`the skip link, the sidebar's current view, and Tab stops that show with a ring of 3:1 or more (${scheme}, ${width} px)`, async () => {
      const page = await app.newPage({ colorScheme: scheme, reducedMotion: 'reduce' });
      await page.setViewportSize({ width, height: 800 });
      const problems: string[] = [];
      for (const view of sidebarViews) {
        await open(page, `#/${view.id}`);
        expect(await page.locator('nav a[aria-current="page"]').getAttribute('href')).toBe(`#/${view.id}`);
        const first = view === sidebarViews[0];
        if (first) {
          // A window just opened: the first Tab reaches the skip link, and the next ones the sidebar, then the view.
          await page.keyboard.press('Tab');
          expect(await page.evaluate('document.activeElement?.className')).toBe('skip-link');
        } else {
          // The skip link takes the focus to the view; the next Tab goes on from there.
          await page.locator('.skip-link').focus();
          await page.keyboard.press('Enter');
          expect(await page.evaluate('document.activeElement?.id')).toBe('main');
        }
        // The view's first 40 stops (after the sidebar's in the first view: they are the same in every view).
        for (let i = 0; i < (first ? 60 : 40); i++) {
          await page.keyboard.press('Tab');
          const stop = (await page.evaluate(TAB_STOP)) as { what: string; shown: boolean; ring: number; positiveTabindex: boolean } | null;
          if (!stop) break;
          if (!stop.shown) problems.push(`${view.id}: ${stop.what} is not on screen when focused`);
          if (stop.ring < 3) problems.push(`${view.id}: ${stop.what} has a focus ring of ${stop.ring}:1`);
          if (stop.positiveTabindex) problems.push(`${view.id}: ${stop.what} has a positive tabindex`);
        }
      }
      expect(problems).toEqual([]);
      expect(app.pageErrors).toEqual([]);
      await page.close();
    });
  }
});
