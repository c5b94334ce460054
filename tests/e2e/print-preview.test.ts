/**
 * The print preview shows the pages the PDF has, in real Chromium: a briefing holding a very long
 * text (forty paragraphs and one paragraph of several pages), headline figures, a chart and two long
 * tables is cut into as many preview pages as the printed PDF, each page starting at the same word
 * as the printed one, nothing drawn outside a page's printable area (a picture taller than a page
 * shrinks to a page), a table's header repeated where the table continues; in A4 portrait and in US
 * Letter landscape, which a 1024 px window shows scaled down to its width. The default and the six-chart briefings in Korean and Chinese have as many preview pages as
 * printed ones; a claims block's closing note stays on the page of its last statement; the world map in the
 * preview is a picture, not links out of it.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import type { BlockSpec, BlockSpecInput } from '../../db/briefings/contract.ts';
import type { Language } from '../../db/common/languages.ts';
import { extractText, getDocumentProxy } from 'unpdf';
import { beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../db/dispatch.ts';
import { printRoute, type PageSetup } from '../../db/common/paper.ts';
import { appPerFile } from '../support/app-per-file.ts';
import { printToPdf } from '../../db/http-host/print.ts';
import { partnerBriefing } from '../support/partner-briefing.ts';
import { sixChartBriefing } from '../support/six-chart-briefing.ts';

const TODAY = '2026-11-29';
const DEFAULT_ID = 'korea-china-2022:korea-china-trade-push-2022';
/** Every word of the long text is unique (p3w12: paragraph 3, word 12; L250: word 250 of the long paragraph). */
const TOKEN = /\b(?:p\d+w\d+|L\d+)\b/;

let longId = '';

/** A grey PNG `width` × `height` pixels (8-bit greyscale), as a data: URL. */
function pngDataUrl(width: number, height: number): string {
  const chunk = (type: string, data: Buffer): Buffer => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    let c = ~0;
    for (const byte of body) {
      c ^= byte;
      for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
    }
    crc.writeUInt32BE(~c >>> 0);
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // greyscale
  const rows = Buffer.alloc((width + 1) * height, 0x99);
  for (let y = 0; y < height; y++) rows[y * (width + 1)] = 0; // filter byte
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
  return `data:image/png;base64,${png.toString('base64')}`;
}

mkdirSync('tests/artifacts', { recursive: true });
const app = appPerFile({ today: TODAY });
beforeAll(async () => {
  const paragraphs = Array.from(
    { length: 40 },
    (_, i) => Array.from({ length: 20 + ((i * 37) % 90) }, (_, j) => `p${i + 1}w${j + 1}`).join(' ') + '.',
  );
  const long = `${Array.from({ length: 1600 }, (_, j) => `L${j + 1}`).join(' ')}.`;
  const created = await dispatch(app.host.session.handlers, 'createBriefing', {
    title: 'A briefing with a very long text',
    classification: 'For internal use',
    blocks: [
      // A picture taller than a page among the paragraphs: shown no taller than a page, on one page.
      {
        kind: 'text',
        config: {
          heading: 'A very long text',
          markdown: [...paragraphs.slice(0, 12), `![A tall picture](${pngDataUrl(40, 3000)})`, ...paragraphs.slice(12), long].join('\n\n'),
        },
      },
      { kind: 'kpi', config: { reporter: 'CHN', partner: 'KOR', year: 2021 } },
      { kind: 'trade-chart', config: { reporter: 'KOR', partner: 'CHN', from: 1992, to: 2024 } },
      { kind: 'mirror', config: { reporter: 'KOR', partner: 'CHN', from: 1995, to: 2024 } },
    ],
  });
  if (!created.ok) throw new Error(created.error.message);
  longId = (created.data as { id: string }).id;
});

/** A new briefing of `blocks` that prints in `language`; its id. */
async function briefingOf(title: string, language: Language | null, blocks: readonly BlockSpecInput[]): Promise<string> {
  const created = await dispatch(app.host.session.handlers, 'createBriefing', {
    title,
    classification: 'For internal use',
    printLanguage: language,
    blocks,
  });
  if (!created.ok) throw new Error(created.error.message);
  return (created.data as { id: string }).id;
}

/** The default briefing's blocks (every kind, with sources). */
async function defaultBlocks(): Promise<BlockSpec[]> {
  const model = await app.host.session.handlers.getBriefing({ id: DEFAULT_ID });
  return model.blocks.flatMap((b) => (b.kind === 'invalid' ? [] : [{ kind: b.kind, config: b.config } as BlockSpec]));
}

/** The first line of each page of a PDF file after the first, under the running header, without spaces. */
function pageStarts(file: string, pages: number): string[] {
  return Array.from({ length: pages - 1 }, (_, i) => {
    const lines = execFileSync('pdftotext', ['-layout', '-f', String(i + 2), '-l', String(i + 2), file, '-'], { encoding: 'utf8' })
      .split('\n')
      .filter((l) => l.trim() !== '');
    return (lines[1] ?? '').replace(/\s+/g, '');
  });
}

/** The PDF's pages: the first word of the long text on each (or null), and the text without spaces. */
async function printedPages(id: string, setup: PageSetup): Promise<{ first: string | null; compact: string }[]> {
  const page = await app.newPage();
  const { pdf } = await printToPdf(page, app.host.url, printRoute({ briefing: id }, setup), { setup, today: TODAY });
  await page.close();
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: false });
  return text.map((t) => ({ first: TOKEN.exec(t)?.[0] ?? null, compact: t.replace(/\s+/g, '') }));
}

interface PreviewPage {
  /** The first word of the long text on the page (topmost, then leftmost), or null. */
  first: string | null;
  /** The text at the top of the page's printable area. */
  top: string;
  /** Text, table rows and charts drawn outside every page's printable area (should be none). */
  outside: string[];
  /** Table headers drawn on the page (a table's own, or repeated where it continues). */
  headers: number;
}

/**
 * Reads the preview's pages in the page: where each word, row, chart and table header is drawn
 * (a script: the tests' TypeScript has no DOM types).
 */
const READ_PREVIEW = `(() => {
  const sheets = [...document.querySelectorAll('[data-testid="preview-page"]')];
  const column = document.querySelector('.sheet-column');
  // A preview narrower than its paper is scaled down to the window: the rectangles read here are scaled, the page's height is not.
  const scale = sheets[0].getBoundingClientRect().width / sheets[0].offsetWidth;
  const height = parseFloat(getComputedStyle(column).getPropertyValue('--page-content-height')) * scale;
  const stride = sheets.length > 1 ? sheets[1].getBoundingClientRect().top - sheets[0].getBoundingClientRect().top : 0;
  const origin = column.getBoundingClientRect().top;
  const pageOf = (top, bottom) => {
    const k = stride > 0 ? Math.floor((top - origin + 1) / stride) : 0;
    const start = origin + k * stride;
    return top >= start - 1 && bottom <= start + height + 1 ? k : -1;
  };
  const pages = sheets.map(() => ({ first: null, firstAt: [Infinity, Infinity], top: '', topAt: Infinity, outside: [], headers: 0 }));
  const range = document.createRange();
  const walker = document.createTreeWalker(column, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const w of node.data.matchAll(/\\S+/g)) {
      range.setStart(node, w.index);
      range.setEnd(node, w.index + w[0].length);
      const r = range.getClientRects()[0];
      if (!r || r.width === 0) continue;
      const k = pageOf(r.top, r.bottom);
      if (k < 0) { pages[0].outside.push(w[0]); continue; }
      const p = pages[k];
      if (r.top < p.topAt - 3) { p.topAt = r.top; p.top = w[0]; }
      if (/^(?:p\\d+w\\d+|L\\d+)\\.?$/.test(w[0]) && (r.top < p.firstAt[0] - 3 || (Math.abs(r.top - p.firstAt[0]) <= 3 && r.left < p.firstAt[1]))) {
        p.firstAt = [r.top, r.left];
        p.first = w[0].replace(/\\.$/, '');
      }
    }
  }
  for (const el of column.querySelectorAll('canvas, .doc-kpis')) {
    const r = el.getBoundingClientRect();
    if (r.height > 0 && pageOf(r.top, r.bottom) < 0) pages[0].outside.push(el.tagName + ' ' + (el.textContent ?? '').slice(0, 30));
  }
  // A row is never split: all its text on one page (a moved row's box also holds the space it was moved by).
  for (const row of column.querySelectorAll('tr')) {
    const on = new Set();
    const texts = document.createTreeWalker(row, NodeFilter.SHOW_TEXT);
    for (let t = texts.nextNode(); t; t = texts.nextNode()) {
      range.selectNodeContents(t);
      for (const r of range.getClientRects()) if (r.width > 0) on.add(pageOf(r.top, r.bottom));
    }
    if (on.size > 1) pages[0].outside.push('TR split: ' + (row.textContent ?? '').slice(0, 30));
  }
  for (const head of column.querySelectorAll('thead')) {
    const r = head.getBoundingClientRect();
    const k = pageOf(r.top, r.bottom);
    if (k >= 0 && r.height > 0) pages[k].headers++;
  }
  return pages.map(({ first, top, outside, headers }) => ({ first, top, outside, headers }));
})()`;

async function readPreview(page: Page): Promise<PreviewPage[]> {
  return (await page.evaluate(READ_PREVIEW)) as PreviewPage[];
}

async function openPreview(id: string, setup: PageSetup, windowWidth?: number): Promise<Page> {
  const page = await app.newPage();
  if (windowWidth) await page.setViewportSize({ width: windowWidth, height: 900 });
  const route = printRoute({ briefing: id }, setup);
  await page.goto(`${app.host.url}${route}${route.includes('?') ? '&' : '?'}preview=1`);
  await expect.poll(() => page.evaluate('document.body.dataset.printReady')).toBe('true');
  return page;
}

describe('the print preview', () => {
  for (const [setup, windowWidth] of [
    [{ paper: 'A4', orientation: 'portrait' }],
    [{ paper: 'Letter', orientation: 'landscape' }],
    // A sheet wider than the window (1056 px of Letter landscape) is scaled down to fit it, paginated as at full size.
    [{ paper: 'Letter', orientation: 'landscape' }, 1024],
  ] as [PageSetup, number?][]) {
    it(`shows a very long text on the pages the PDF has (${setup.paper} ${setup.orientation}${windowWidth ? `, in a ${windowWidth} px window` : ''})`, async () => {
      const printed = await printedPages(longId, setup);
      expect(printed.length).toBeGreaterThanOrEqual(8);
      const page = await openPreview(longId, setup, windowWidth);
      if (windowWidth) {
        // Every sheet whole inside the window, nothing to scroll sideways.
        expect(await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')).toBe(0);
        const sheet = await page.getByTestId('preview-page').first().boundingBox();
        expect(sheet!.x).toBeGreaterThanOrEqual(0);
        expect(sheet!.x + sheet!.width).toBeLessThanOrEqual(windowWidth);
        expect(sheet!.width).toBeGreaterThan(windowWidth * 0.85);
      }
      expect(await page.getByTestId('preview-page').count()).toBe(printed.length);
      expect(await page.getByTestId('preview-pages').innerText()).toBe(`${printed.length} pages`);
      const preview = await readPreview(page);
      expect(preview.flatMap((p) => p.outside)).toEqual([]);
      // The long text breaks where the PDF breaks: every page starts at the same word.
      expect(preview.map((p) => p.first)).toEqual(printed.map((p) => p.first));
      expect(printed.filter((p) => p.first?.startsWith('L')).length).toBeGreaterThanOrEqual(2); // the long paragraph runs over three pages or more
      // Every page with rows of the mirror tables has a table header on it, as on paper (display:
      // table-header-group repeats it where a table continues); no other page has one.
      expect(preview.map((p) => p.headers > 0)).toEqual(printed.map((p) => p.compact.includes('Exportsreportedby')));
      expect(preview.filter((p) => p.headers > 0).length).toBeGreaterThanOrEqual(3);
      if (setup.paper === 'A4' || windowWidth) {
        // Where the long paragraph runs from one page onto the next (and a table's header repeats further on).
        const at = printed.findIndex((p, i) => i > 0 && p.first?.startsWith('L'));
        const top = (await page.getByTestId('preview-page').nth(at).boundingBox())?.y ?? 0;
        await page.mouse.wheel(0, top - 420);
        await expect.poll(async () => Math.round((await page.getByTestId('preview-page').nth(at).boundingBox())?.y ?? 0)).toBeLessThan(500);
        await page.screenshot({ path: `tests/artifacts/print-preview-long-text${windowWidth ? `-${windowWidth}` : ''}.png` });
      }
      expect(app.foreignRequests).toEqual([]);
      expect(app.pageErrors).toEqual([]);
      await page.close();
    });
  }

  it('shows the default briefing on the pages the PDF has, with nothing outside a page', async () => {
    const setup: PageSetup = { paper: 'A4', orientation: 'portrait' };
    const printed = await printedPages(DEFAULT_ID, setup);
    const page = await openPreview(DEFAULT_ID, setup);
    expect(await page.getByTestId('preview-page').count()).toBe(printed.length);
    const preview = await readPreview(page);
    expect(preview.flatMap((p) => p.outside)).toEqual([]);
    // Each preview page's first word is on the same printed page.
    preview.forEach((p, i) => expect(printed[i]?.compact, `page ${i + 1}`).toContain(p.top.replace(/\s+/g, '')));
    expect(app.pageErrors).toEqual([]);
    await page.close();
  });

  for (const setup of [
    { paper: 'A4', orientation: 'portrait' },
    { paper: 'A4', orientation: 'landscape' },
    { paper: 'Letter', orientation: 'portrait' },
  ] as PageSetup[]) {
    it(`starts no page with a block's closing lines, its notes or sources line (default briefing, ${setup.paper} ${setup.orientation})`, async () => {
      const page = await app.newPage();
      const route = printRoute({ briefing: DEFAULT_ID }, setup);
      const { pdf } = await printToPdf(page, app.host.url, route, { setup, today: TODAY });
      // What closes a block: the notes under a table, a chart or a map, and a block's sources line.
      const closing = (await page.evaluate(
        `[...document.querySelectorAll('.doc-block .doc-note, .doc-block-sources')].map((e) => e.textContent.replace(/\\s+/g, '').slice(0, 24)).filter((t) => t.length >= 8)`,
      )) as string[];
      await page.close();
      expect(closing.length).toBeGreaterThanOrEqual(3);
      const file = `tests/artifacts/print-closing-${setup.paper}-${setup.orientation}.pdf`;
      writeFileSync(file, pdf);
      const { totalPages } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true });
      // Each page's first line under the running header, as laid out on the page.
      const starts = pageStarts(file, totalPages);
      expect(starts.length).toBeGreaterThanOrEqual(5);
      expect(starts.filter((start) => closing.some((c) => start.startsWith(c.slice(0, Math.min(c.length, start.length)))))).toEqual([]);
    });
  }

  // The six-chart briefing in Korean and Chinese on A4 portrait, and the default one in Chinese on US Letter landscape,
  // once had a preview page more than the PDF (a moved block's heading kept its top margin, which paper drops at the
  // top of a page); the Partners blocks in Chinese on Letter landscape a page fewer (a heading left alone at a page's
  // foot, its table's top margin kept inside the size container around it). In English on Letter landscape both
  // briefings had the PDF's number of pages, but a page began elsewhere: the default one's by the heading margin, the
  // six-chart one's at the sources (Chromium fills the printable height rounded up to a whole px). The six-chart
  // briefing in English on A4 matched.
  for (const [name, language, setup] of [
    ['six charts', 'ko', { paper: 'A4', orientation: 'portrait' }],
    ['six charts', 'zh', { paper: 'A4', orientation: 'portrait' }],
    ['default', 'zh', { paper: 'Letter', orientation: 'landscape' }],
    ['partners', 'zh', { paper: 'Letter', orientation: 'landscape' }],
    ['default', 'en', { paper: 'Letter', orientation: 'landscape' }],
    ['six charts', 'en', { paper: 'Letter', orientation: 'landscape' }],
    ['six charts', 'en', { paper: 'A4', orientation: 'portrait' }],
  ] as [string, Language, PageSetup][]) {
    it(`shows the ${name} briefing in ${language} on the pages the PDF has (${setup.paper} ${setup.orientation})`, async () => {
      const blocks = name === 'default' ? await defaultBlocks() : name === 'partners' ? partnerBriefing() : sixChartBriefing();
      const id = await briefingOf(`${name}, ${language}`, language, blocks);
      const printed = await printedPages(id, setup);
      const page = await openPreview(id, setup);
      expect(await page.getByTestId('preview-page').count()).toBe(printed.length);
      const preview = await readPreview(page);
      expect(preview.flatMap((p) => p.outside)).toEqual([]);
      // Each preview page's first word is on the same printed page (the classification prints in capitals).
      preview.forEach((p, i) =>
        expect(printed[i]?.compact.toLowerCase(), `page ${i + 1}`).toContain(p.top.replace(/\s+/g, '').toLowerCase()),
      );
      expect(app.pageErrors).toEqual([]);
      await page.close();
    });
  }

  it("keeps a claims block's closing note on the page of its last statement on US Letter", async () => {
    const setup: PageSetup = { paper: 'Letter', orientation: 'landscape' };
    // A picture before the claims moves their end down the page: each height ends the last statement within a
    // note's height of a page's foot (in Korean, where the note opened a page alone at each of them).
    for (const height of [200, 260, 320]) {
      const id = await briefingOf(`Claims after ${height} px`, 'ko', [
        { kind: 'text', config: { heading: 'Before the claims', markdown: `![A picture](${pngDataUrl(40, height)})` } },
        { kind: 'claims', config: { heading: 'Claims checked' } },
      ]);
      const page = await app.newPage();
      const { pdf } = await printToPdf(page, app.host.url, printRoute({ briefing: id }, setup), { setup, today: TODAY });
      const [note, last] = (await page.evaluate(
        `[document.querySelector('.claims-rule'), [...document.querySelectorAll('.statement-text')].at(-1)].map((e) => e.textContent.replace(/\\s+/g, '').slice(0, 20))`,
      )) as [string, string];
      await page.close();
      const file = `tests/artifacts/print-claims-note-${height}.pdf`;
      writeFileSync(file, pdf);
      const { totalPages, text } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: false });
      const compact = text.map((t) => t.replace(/\s+/g, ''));
      expect(totalPages, `${height} px`).toBeGreaterThanOrEqual(2);
      expect(note.length).toBe(20);
      // The note's text is never the first text of a page, and its page holds the last statement.
      expect(
        pageStarts(file, totalPages).filter((start) => start.startsWith(note.slice(0, 12))),
        `${height} px`,
      ).toEqual([]);
      const notePage = compact.findIndex((t) => t.includes(note));
      expect(notePage, `${height} px`).toBeGreaterThanOrEqual(0);
      expect(compact[notePage], `${height} px`).toContain(last);
    }
    expect(app.pageErrors).toEqual([]);
  });

  it('draws the world map in the preview as a picture: no links, no tab stops, a click stays in the preview', async () => {
    const id = await briefingOf('A map', null, [
      { kind: 'text', config: { markdown: 'Where South Korea sells.' } },
      { kind: 'map', config: { heading: 'Exports on the map', reporter: 'KOR', year: 2023, measure: 'exports' } },
    ]);
    const page = await openPreview(id, { paper: 'A4', orientation: 'portrait' });
    const map = page.getByTestId('doc-map-chart');
    expect(await map.getAttribute('data-chart-ready')).toBe('true');
    // China has a figure: coloured, but no link and no pointer.
    const china = map.locator('[data-index]').and(map.locator('a[data-iso3="CHN"] path, path[data-iso3="CHN"]'));
    expect(await china.count()).toBe(1);
    expect(await map.locator('a').count()).toBe(0);
    expect(await map.locator('[tabindex]:not([tabindex="-1"])').count()).toBe(0);
    const cursor = await page.evaluate(
      `getComputedStyle(document.querySelector('[data-testid="doc-map-chart"] :is(a[data-iso3="CHN"] path, path[data-iso3="CHN"])')).cursor`,
    );
    expect(cursor).toBe('auto');
    expect(await map.locator('.chart-canvas').getAttribute('role')).toBe('img');
    const before = page.url();
    await china.click();
    expect(page.url()).toBe(before);
    // The keyboard never stops on the map: Tab goes through the preview's bar and what follows.
    await page.locator('body').focus();
    const stops: boolean[] = [];
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      stops.push((await page.evaluate(`document.activeElement?.closest('[data-testid="doc-map-chart"]') !== null`)) as boolean);
    }
    expect(stops).not.toContain(true);
    await page.keyboard.press('Enter');
    expect(page.url()).toBe(before);
    await page.getByTestId('preview-page').first().waitFor();
    expect(app.pageErrors).toEqual([]);
    await page.close();
  });

  it('"Print…" prints the drawn layout (not the sheets), then shows the preview again', async () => {
    const page = await app.newPage();
    // Headless Chromium has no print dialog: record what the page looked like when it asked for one.
    await page.addInitScript(`(() => {
      const seen = [];
      window.printCalls = seen;
      window.print = () => {
        const charts = [...document.querySelectorAll('[data-chart-ready]')].map((c) => c.getAttribute('data-chart-ready'));
        seen.push({ ready: document.body.dataset.printReady ?? null, sheets: document.querySelectorAll('[data-testid="preview-page"]').length, charts });
      };
    })()`);
    await page.goto(`${app.host.url}${printRoute({ briefing: DEFAULT_ID })}?preview=1`);
    await page.getByTestId('preview-page').first().waitFor();
    await page.getByRole('button', { name: 'Print…' }).click();
    await expect.poll(() => page.evaluate('window.printCalls.length')).toBe(1);
    const call = (await page.evaluate('window.printCalls[0]')) as { ready: string; sheets: number; charts: string[] };
    expect(call.ready).toBe('true');
    expect(call.sheets).toBe(0);
    expect(call.charts.length).toBeGreaterThan(0);
    expect(call.charts.every((c) => c === 'true')).toBe(true);
    // Back in the preview, with its bar.
    await page.getByTestId('preview-page').first().waitFor();
    expect(page.url()).toMatch(/preview=1/);
    await page.getByRole('button', { name: 'Print…' }).waitFor();
    expect(app.pageErrors).toEqual([]);
    await page.close();
  });
});
