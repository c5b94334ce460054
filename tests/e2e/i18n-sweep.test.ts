/**
 * A sweep of the whole page in the pseudo-locale (en-XA), in real Chromium through the HTTP host: every dashboard,
 * Data (with an import's preview and summary, and the edit forms' errors), Sources with a source opened, Briefings
 * (the list and the editor with its blocks' settings), a briefing's print layout and preview, the dashboards' print
 * summaries, and the confirmations.
 * Every visible text (text nodes, a select's options, placeholders, hover titles, accessible names, chart axes, the
 * window's title, the confirmation questions) must be a pseudo-translated message, data (the database's text: titles,
 * notes, names as stored, sources' titles), a number or a date Intl wrote, or one of the few kinds of text below named
 * with where they come from. What is left is English the page still writes itself: the test lists it.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { admit, chooseFile } from '../support/browser.ts';
import { appPerFile } from '../support/app-per-file.ts';
import { HEADER } from '../support/comtrade-like.ts';
import { tempDir } from '../support/temp.ts';
import { VIEW_LIST } from '../../renderer/src/views/view-list.ts';
import { PRINTABLE_DASHBOARDS } from '../../db/common/dashboards.ts';
import type { Db } from '../../db/open.ts';
import { HS_CHAPTERS, SECTOR_NAMES } from '../../renderer/src/i18n/sectors.ts';

/** Names the page takes from the built-in sectors' nomenclature (HS chapter titles, the packs' sector names), in English. */
const NAMES = [...Object.values(HS_CHAPTERS), ...Object.values(SECTOR_NAMES)].map((w) => w.en);

const DEFAULT_ID = 'korea-china-2022:korea-china-trade-push-2022';
let tmp: ReturnType<typeof tempDir>;
let context: BrowserContext;
const errors: string[] = [];

const app = appPerFile(() => {
  tmp = tempDir();
  return { today: '2026-11-29' };
});
afterAll(async () => {
  await context?.close();
  tmp?.cleanup();
});

/** A pseudo-translated message: accented, padded with "·", in ［ ］ (renderer/src/i18n/pseudo.ts); nested ones too. */
function withoutMessages(text: string): string {
  let rest = text;
  for (let before = ''; before !== rest;) {
    before = rest;
    rest = rest.replace(/［[^［］]*］/g, ' ');
  }
  return rest;
}

/**
 * Every text value of the database (JSON columns opened up): the data the page shows as it is stored. Codes and ids
 * ("export", "largest-partner", "kor-chn") are left out: the page shows them as messages, and an English word of the
 * page's own must not pass for data because a code is spelt the same.
 */
function dataTexts(db: Db): string[] {
  const texts: string[] = [];
  const add = (value: unknown): void => {
    if (typeof value === 'string') {
      if (!/^[a-z][a-z0-9_.:-]*$/.test(value)) texts.push(value);
      if (/^[[{]/.test(value)) {
        try {
          add(JSON.parse(value));
        } catch {
          // Not JSON: kept as text.
        }
      }
    } else if (Array.isArray(value)) value.forEach(add);
    else if (value && typeof value === 'object') Object.values(value).forEach(add);
  };
  const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
  // The tables' names too: the export names its files by them.
  texts.push(...tables);
  for (const table of tables)
    for (const row of db
      .prepare(`SELECT * FROM "${table.replace(/"/g, '""')}"`)
      .raw()
      .all() as unknown[][])
      add(row);
  return texts;
}

const MONTHS = 'January February March April May June July August September October November December'.split(' ');
/** Words Intl writes for dates and times in English (the pseudo-locale formats as English). */
const INTL_WORDS = new Set([...MONTHS, ...MONTHS.map((m) => m.slice(0, 3)), 'Sept', 'AM', 'PM']);
/** Codes and abbreviations written as they are in every language (HS, CIF/FOB, USD, file kinds, Intl's byte units). */
const CODES = /^(HS|CIF|FOB|USD|US\$|CSV|XLSX|PDF|JSON|bn|mn|kB|MB|YYYY(-MM)?(-DD)?)$/;
const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)';

/**
 * Text that is neither a message nor data, each with where it comes from. The data core's sentences are coded
 * messages (db/common/core-messages.ts), so none of its English is excepted here.
 */
const ALLOWED: { why: string; pattern: RegExp }[] = [
  { why: 'the product’s name', pattern: /\bTradebrief\b/g },
  { why: 'the languages’ own names in the language control, each in its language', pattern: /^(English|en-XA)$/g },
  {
    why: 'a file’s text encodings, by their standard names',
    pattern: /^(UTF-8|UTF-16LE|UTF-16BE|windows-1252|EUC-KR|GB18030|Big5|Shift_JIS)$/g,
  },
  {
    why: 'dates with their precision: db/common/dates.ts formatPreciseDate, English for the pseudo-locale (Korean and Chinese have their forms)',
    pattern: new RegExp(
      `(\\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun) (before|of the week of) the report( \\(\\w+\\))?)|((early|mid|end of) ${MONTH} \\d{4})|date not stated`,
      'g',
    ),
  },
  {
    why: 'the print footer’s page label (db/common/paper.ts pageOfLabel) in the print language: the pseudo-locale prints as English',
    pattern: /^page \d+ of \d+$/g,
  },
];

/** The exceptions the sweep met. */
const used = new Set<(typeof ALLOWED)[number]>();

/** The parts of a text that are not messages, data or allowed, as the reader would see them. */
function leftovers(text: string, corpus: string): string[] {
  let rest = withoutMessages(text)
    // A text cut short ("… reported by Heilon…") ends in part of a word.
    .replace(/\S*…/g, ' ');
  for (const a of ALLOWED)
    rest = rest.replace(a.pattern, () => {
      used.add(a);
      return ' ';
    });
  const left: string[] = [];
  for (const raw of rest.split(/[\n→|·()/,;:“”"‘’[\]{}<>=+*−–—…%#]|\.\s|\s-\s|'s\b/)) {
    const piece = raw.replace(/\s+/g, ' ').replace(/^[\s.'-]+|[\s.'-]+$/g, '');
    if (!/[A-Za-z]{2}/.test(piece)) continue;
    const words = piece.split(' ').filter((w) => /[A-Za-z]/.test(w));
    if (inData(piece, corpus)) continue;
    if (words.every((w) => INTL_WORDS.has(w.replace(/\.$/, '')) || CODES.test(w))) continue;
    left.push(piece);
  }
  return left;
}

function inData(piece: string, corpus: string): boolean {
  const escaped = piece.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^A-Za-z])${escaped}($|[^A-Za-z])`, 'm').test(corpus);
}

/** Every text the page shows or names, with where it is (tag and class of its element). */
async function visibleTexts(page: Page): Promise<{ where: string; text: string }[]> {
  return page.evaluate<{ where: string; text: string }[]>(`(() => {
    const out = [];
    const where = (el) => el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
    const shown = (el) => {
      const select = el.closest('select');
      return (select ?? el).checkVisibility({ checkVisibilityCSS: true });
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!el || !node.textContent.trim() || el.closest('script, style, template, noscript')) continue;
      if (shown(el)) out.push({ where: where(el), text: node.textContent });
    }
    for (const el of document.body.querySelectorAll('[placeholder], [title], [aria-label], optgroup[label]')) {
      if (!shown(el)) continue;
      for (const name of ['placeholder', 'title', 'aria-label', 'label']) {
        const value = el.getAttribute(name);
        if (value && value.trim() && (name !== 'label' || el.tagName === 'OPTGROUP')) out.push({ where: where(el) + '[' + name + ']', text: value });
      }
    }
    for (const chart of document.querySelectorAll('[data-chart-data]')) {
      const axes = JSON.parse(chart.getAttribute('data-chart-data') || '{}').axes || {};
      for (const axis of Object.values(axes)) if (axis) out.push({ where: 'chart axis', text: String(axis) });
    }
    out.push({ where: 'title', text: document.title });
    return out;
  })()`);
}

/** Korea's exports to and imports from China by HS-6 code, 2022–2023 (made up for the test, in USD). */
function productsFile(path: string): void {
  const lines = [HEADER.join(',')];
  ['854231', '850760', '330499', '271019'].forEach((code, i) => {
    for (const year of [2022, 2023])
      for (const flow of ['X', 'M'])
        lines.push(
          `C,A,${year},52,${year},410,KOR,Rep. of Korea,${flow},156,CHN,China,0,H6,${code},6,True,C00,0,0,0,,${(4 - i) * 1e8 + year},${(4 - i) * 1e8},True,False`,
        );
  });
  writeFileSync(path, `${lines.join('\n')}\n`);
}

async function settled(page: Page): Promise<void> {
  await page.locator('main h1').first().waitFor();
  await expect.poll(() => page.locator('.state-loading, .state-loading-map').count(), { timeout: 15_000 }).toBe(0);
  await expect.poll(() => page.locator('figure.chart[data-chart-ready="false"]').count(), { timeout: 15_000 }).toBe(0);
}

describe('The pseudo-locale sweep', () => {
  it('every view, form error, popover and confirmation is a message, data or a named exception: no English left', async () => {
    context = await app.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-GB' });
    await admit(context, app.host);
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    const questions: string[] = [];
    page.on('dialog', (d) => {
      questions.push(d.message());
      void d.dismiss();
    });
    await page.goto(`${app.host.url}#/briefings`);
    await page.evaluate(() => localStorage.setItem('tradebrief.language', 'en-XA'));
    await page.reload();
    await expect.poll(() => page.evaluate<string>('document.documentElement.lang')).toBe('en-XA');

    const found: string[] = [];
    /** The files the test chose: their names and contents are data too. */
    const files: string[] = [];
    let corpus = '';
    const sweep = async (name: string): Promise<void> => {
      corpus = [...dataTexts(app.host.session.db), ...files, ...NAMES].join('\n');
      const texts = await visibleTexts(page);
      // The view is drawn, in the pseudo-locale.
      expect(texts.filter((x) => x.text.includes('［')).length, name).toBeGreaterThan(10);
      for (const { where, text } of texts)
        for (const piece of leftovers(text, corpus))
          found.push(`${name} · ${where.replace(/\.svelte-\w+/g, '')}: ${piece.replace(/\d/g, '9')} ⟨${text.trim()}⟩`);
    };

    // The Data view: an import's preview of a chosen file, then its summary and history (the file gives Top products data).
    await page.goto(`${app.host.url}#/data`);
    await settled(page);
    const csv = tmp.file('kor-chn-hs6.csv');
    productsFile(csv);
    files.push('kor-chn-hs6.csv', readFileSync(csv, 'utf8'));
    await chooseFile(page, csv);
    await page.getByTestId('import-preview').waitFor();
    await sweep('data: import preview');
    await page.getByTestId('start-import').click();
    await page.getByTestId('import-summary').waitFor({ timeout: 30_000 });
    await sweep('data: import summary');
    // Each edit form sent empty: its field errors.
    for (const form of ['event-form', 'project-form', 'route-form', 'source-form', 'sector-form']) {
      const f = page.getByTestId(form);
      await f.locator('button[type="submit"]').first().click();
    }
    await expect.poll(() => page.locator('.field-error').count()).toBeGreaterThan(3);
    // A date field holding what is not a date of its precision says so as it is typed.
    const eventDate = page.getByTestId('event-form').locator('fieldset.date-field');
    await eventDate.locator('select').first().selectOption('year');
    await eventDate.locator('input[type="text"]').fill('99');
    await eventDate.locator('input[type="text"]').blur();
    await eventDate.locator('.field-error', { hasText: '1900' }).waitFor();
    await sweep('data: forms sent empty');
    // The confirmations: undo an import, delete an event.
    await page.getByTestId('import-history').getByRole('button').first().click();
    await page.getByTestId('event-list').getByRole('button').last().click();
    await expect.poll(() => questions.length).toBeGreaterThanOrEqual(2);

    for (const view of VIEW_LIST.filter((v) => v.inSidebar && v.id !== 'data')) {
      await page.goto(`${app.host.url}#/${view.id}`);
      await settled(page);
      if (view.id === 'briefings') await page.getByTestId('briefing-item').first().waitFor();
      if (view.id === 'partners') {
        // The map is drawn as it comes into view: scrolled to, so that its words are swept too.
        await page.getByTestId('partners-map').scrollIntoViewIfNeeded();
        await page.getByTestId('partners-map-chart').waitFor();
        await settled(page);
      }
      if (view.id === 'sources') {
        await page.getByTestId('source-card').first().waitFor();
        await page.locator('.source-chip').first().click();
      }
      await sweep(view.id);
    }
    // A pair that has figures (the pack's) for the pair dashboards.
    for (const route of ['trade?reporter=KOR&partner=CHN', 'products?reporter=KOR&partner=CHN', 'sectors?reporter=KOR&partner=CHN']) {
      await page.goto(`${app.host.url}#/${route}`);
      await settled(page);
      await sweep(route);
    }
    // A year filter holding what is not a year: its notice.
    await page.goto(`${app.host.url}#/trade?reporter=KOR&partner=CHN`);
    await settled(page);
    await page.getByTestId('filter-from').fill('20111');
    await page.getByTestId('filter-from').press('Tab');
    await page.getByTestId('filter-from-error').waitFor();
    await sweep('trade: a year filter holding 20111');
    // The briefing editor (every block with its settings open), its print preview and its print layout.
    await page.goto(`${app.host.url}#/briefings/${encodeURIComponent(DEFAULT_ID)}`);
    await page.getByTestId('block-card').first().waitFor();
    await settled(page);
    await sweep('briefing editor');
    await page.goto(`${app.host.url}#/print/briefing/${encodeURIComponent(DEFAULT_ID)}?preview=1`);
    await page.getByTestId('preview-page').first().waitFor();
    await sweep('print preview');
    await page.goto(`${app.host.url}#/print/briefing/${encodeURIComponent(DEFAULT_ID)}`);
    await page.getByTestId('briefing-doc').waitFor();
    await sweep('print layout');
    // Each dashboard's print summary, in its preview.
    for (const dashboard of PRINTABLE_DASHBOARDS) {
      await page.goto(`${app.host.url}#/print/dashboard/${dashboard}?preview=1`);
      await page.getByTestId('preview-page').first().waitFor();
      await expect.poll(() => page.locator('.state-loading').count(), { timeout: 15_000 }).toBe(0);
      await sweep(`print summary of ${dashboard}`);
    }
    for (const q of questions) if (leftovers(q, corpus).length > 0) found.push(`confirmation: ${q}`);

    mkdirSync('tests/artifacts', { recursive: true });
    const met = [...used].map((a) => `exception met: ${a.why}`);
    writeFileSync('tests/artifacts/i18n-sweep.txt', `${[...met, ...new Set(found)].join('\n')}\n`);
    expect([...new Set(found)]).toEqual([]);
    expect(errors).toEqual([]);
    expect(app.foreignRequests).toEqual([]);
  });
});
