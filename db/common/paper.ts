/**
 * The one description of a printed page, shared by every printer of the app:
 * - Electron's `webContents.printToPDF` (electron/main/print.ts, through `toElectronPdfOptions`),
 * - Chromium's `page.pdf()` in the tests, the `npm run print` CLI and the benchmark
 *   (db/http-host/print.ts, through `toChromiumPdfOptions`),
 * - the renderer's print layout and preview (page box, margins, `@page` rule).
 * Pure TypeScript, like db/common/dates.ts: the renderer may import it (see eslint.config.js).
 */
import { isPrintableDashboard, type PrintableDashboard } from './dashboards.ts';
import type { MoneyUnit } from './units.ts';
import { formatPreciseDateIn } from './dates.ts';
import type { Language } from './languages.ts';

export { isPrintableDashboard, PRINTABLE_DASHBOARDS, type PrintableDashboard } from './dashboards.ts';

export type PaperSize = 'A4' | 'Letter';
export type Orientation = 'portrait' | 'landscape';

export const PAPER_SIZES: readonly PaperSize[] = ['A4', 'Letter'];
export const ORIENTATIONS: readonly Orientation[] = ['portrait', 'landscape'];

/** Paper in millimetres, portrait. */
const PAPER_MM: Record<PaperSize, { width: number; height: number }> = {
  A4: { width: 210, height: 297 },
  Letter: { width: 215.9, height: 279.4 },
};

/** Margins in millimetres: the header and footer are drawn inside the top and bottom margins. */
export const MARGINS_MM = { top: 20, bottom: 18, left: 16, right: 16 } as const;

export const APP_NAME = 'Tradebrief';

export interface PageSetup {
  paper: PaperSize;
  orientation: Orientation;
}

export const DEFAULT_PAGE: PageSetup = { paper: 'A4', orientation: 'portrait' };

/** Reads `paper` and `orientation` from a route's query, falling back to A4 portrait. */
export function pageSetupFrom(query: Readonly<Record<string, string | undefined>>): PageSetup {
  const paper = PAPER_SIZES.find((p) => p.toLowerCase() === (query['paper'] ?? '').toLowerCase()) ?? DEFAULT_PAGE.paper;
  const orientation = ORIENTATIONS.find((o) => o === query['orientation']) ?? DEFAULT_PAGE.orientation;
  return { paper, orientation };
}

/** The sheet in millimetres, turned for landscape. */
export function paperMm(setup: PageSetup): { width: number; height: number } {
  const p = PAPER_MM[setup.paper];
  return setup.orientation === 'landscape' ? { width: p.height, height: p.width } : { ...p };
}

const CSS_PX_PER_MM = 96 / 25.4;

/** The printable area (sheet minus margins) in CSS pixels: the width the print layout is drawn at. */
export function contentBoxPx(setup: PageSetup): { width: number; height: number } {
  const p = paperMm(setup);
  return {
    width: Math.floor((p.width - MARGINS_MM.left - MARGINS_MM.right) * CSS_PX_PER_MM),
    height: Math.floor((p.height - MARGINS_MM.top - MARGINS_MM.bottom) * CSS_PX_PER_MM),
  };
}

/** The header's font stack: the bundled CJK faces come before any system CJK font, as in the app (styles.css --font). */
export const HEADER_FONT_STACK =
  "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Tradebrief CJK KR', 'Tradebrief CJK SC', sans-serif";

/** Longest header title (characters); two lines at most in the top margin. */
const HEADER_TITLE_MAX = 160;

/** A CSS string literal of any text: everything but letters, digits and spaces as a hex escape (no quote, backslash, `<` or newline survives). */
export function cssString(text: string): string {
  return `"${[...text].map((c) => (/[\p{L}\p{N} ]/u.test(c) ? c : `\\${(c.codePointAt(0) ?? 0x20).toString(16)} `)).join('')}"`;
}

/**
 * The `@page` rule of the print layout: the same sheet and margins as the PDF options and, given the
 * document, the running header (title left, classification right) as page-margin boxes. The header is
 * drawn by the page, not by Chromium's header template, so it uses the page's fonts: a Korean or
 * Chinese title prints with the bundled CJK faces even where the system has no CJK font (Chromium 131
 * and later draw margin boxes in `page.pdf()` and in Electron's `printToPDF` alike). A Korean or Chinese
 * document's footer (app, date, "page X of Y") is drawn the same way, for the same reason: Chromium's footer
 * template would draw it in a system font, whose radicals a PDF reader gives back for 页 or 月.
 */
export function pageCss(
  setup: PageSetup,
  header?: { title: string; classification: string; footer?: { language: Language; printedOn: string } },
): string {
  const m = MARGINS_MM;
  const size = `size: ${setup.paper} ${setup.orientation}; margin: ${m.top}mm ${m.right}mm ${m.bottom}mm ${m.left}mm;`;
  if (!header) return `@page { ${size} }`;
  const title = [...header.title.trim()];
  const shown = title.length > HEADER_TITLE_MAX ? `${title.slice(0, HEADER_TITLE_MAX - 1).join('')}…` : title.join('');
  const box = `font-family: ${HEADER_FONT_STACK}; font-size: 8px; font-weight: 400; line-height: 1.3; vertical-align: middle;`;
  const classification = header.classification.trim();
  return `@page { ${size}
  @top-left { content: ${cssString(shown)}; width: 68%; ${box} color: #57606a; text-align: left; }
  @top-right { content: ${cssString(classification)}; width: 32%; ${box} font-weight: 700; color: #1b1f24; text-transform: uppercase; letter-spacing: 0.04em; text-align: right; }${footerBoxes(header.footer, box)}
}`;
}

/** The footer as bottom margin boxes, for the languages whose footer the page draws (see footerTemplate). */
function footerBoxes(footer: { language: Language; printedOn: string } | undefined, box: string): string {
  if (!footer || !pageDrawsFooter(footer.language)) return '';
  const pageOf = PAGE_OF[footer.language]('\uE000', '\uE001')
    .split(/([\uE000\uE001])/)
    .filter((part) => part !== '')
    .map((part) => (part === '\uE000' ? 'counter(page)' : part === '\uE001' ? 'counter(pages)' : cssString(part)))
    .join(' ');
  const foot = `${box} color: #57606a;`;
  return `
  @bottom-left { content: ${cssString(APP_NAME)}; width: 33%; ${foot} text-align: left; }
  @bottom-center { content: ${cssString(footer.printedOn)}; width: 34%; ${foot} text-align: center; }
  @bottom-right { content: ${pageOf}; width: 33%; ${foot} text-align: right; }`;
}

/** English keeps Chromium's footer template (Latin text any system draws); Korean and Chinese are drawn by the page. */
export function pageDrawsFooter(language: Language): boolean {
  return language !== 'en';
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

export interface PrintDocument {
  /** The document's title (the page draws it in the header, left: see pageCss). */
  title: string;
  /** The classification line ("For internal use"; the page draws it in the header, right); may be empty. */
  classification: string;
  /** The print date as it should read in the footer ("29 Nov 2026"). */
  printedOn: string;
  /** The language the document is printed in: the footer's words follow it. */
  language: Language;
}

/**
 * "page X of Y" in each language, around the page number and the page count. Here rather than in the renderer's
 * catalogues: Chromium's footer template is drawn by the printer (Electron's main process, the print command), and
 * the print preview draws the same words.
 */
const PAGE_OF: Record<Language, (page: string, pages: string) => string> = {
  en: (page, pages) => `page ${page} of ${pages}`,
  ko: (page, pages) => `${pages}쪽 중 ${page}쪽`,
  zh: (page, pages) => `第 ${page} 页，共 ${pages} 页`,
};

/** "page 2 of 5" (the preview's sheets), "5쪽 중 2쪽", "第 2 页，共 5 页". */
export function pageOfLabel(language: Language, page: number, pages: number): string {
  return PAGE_OF[language](String(page), String(pages));
}

// The footer template: Chromium renders it apart from the page, so it carries its own inline styles (no
// stylesheet, no web font: it holds only the app's name, a date and page numbers, Latin text any system
// draws; a Korean or Chinese footer is the page's own, see pageCss). The classes pageNumber and totalPages are filled by Chromium. The header is the page's own
// (pageCss): a briefing title may be Korean or Chinese, which needs the bundled fonts.
const TEMPLATE_STYLE = [
  'box-sizing:border-box',
  'width:100%',
  `padding:0 ${MARGINS_MM.right}mm 0 ${MARGINS_MM.left}mm`,
  'font-size:8px',
  "font-family:system-ui,'Segoe UI',Roboto,'Noto Sans',sans-serif",
  'color:#57606a',
  'display:flex',
  'justify-content:space-between',
  'gap:12px',
  '-webkit-print-color-adjust:exact',
].join(';');

/** Empty: the print layout draws the header itself (`pageCss`); an empty template keeps Chromium's default one out. */
export function headerTemplate(_doc: PrintDocument): string {
  return '<span></span>';
}

export function footerTemplate(doc: PrintDocument): string {
  if (pageDrawsFooter(doc.language)) return '<span></span>';
  return (
    `<div style="${TEMPLATE_STYLE}"><span>${escapeHtml(APP_NAME)}</span><span>${escapeHtml(doc.printedOn)}</span>` +
    `<span>${PAGE_OF[doc.language]('<span class="pageNumber"></span>', '<span class="totalPages"></span>')}</span></div>`
  );
}

/**
 * "29 Nov 2026" from YYYY-MM-DD (a fixed English form: the footer must read the same in every host); Korean and
 * Chinese as their day dates are written ("2026년 11월 29일", "2026年11月29日").
 */
export function printDateLabel(isoDay: string, language: Language = 'en'): string {
  if (language !== 'en') return formatPreciseDateIn({ precision: 'day', value: isoDay }, language);
  const [y, m, d] = isoDay.split('-').map(Number);
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return `${d ?? 1} ${months[(m ?? 1) - 1] ?? ''} ${y ?? ''}`.trim();
}

/** Electron's `webContents.printToPDF` options (sizes in inches). Structurally `Electron.PrintToPDFOptions`. */
export function toElectronPdfOptions(setup: PageSetup, doc: PrintDocument) {
  const inch = (mm: number): number => Math.round((mm / 25.4) * 10_000) / 10_000;
  return {
    pageSize: setup.paper,
    landscape: setup.orientation === 'landscape',
    printBackground: true,
    preferCSSPageSize: false,
    displayHeaderFooter: true,
    headerTemplate: headerTemplate(doc),
    footerTemplate: footerTemplate(doc),
    margins: { top: inch(MARGINS_MM.top), bottom: inch(MARGINS_MM.bottom), left: inch(MARGINS_MM.left), right: inch(MARGINS_MM.right) },
    generateTaggedPDF: true,
    generateDocumentOutline: true,
  };
}

/** Chromium's `page.pdf()` options (playwright-core): the same sheet, margins and templates. */
export function toChromiumPdfOptions(setup: PageSetup, doc: PrintDocument) {
  return {
    format: setup.paper,
    landscape: setup.orientation === 'landscape',
    printBackground: true,
    preferCSSPageSize: false,
    displayHeaderFooter: true,
    headerTemplate: headerTemplate(doc),
    footerTemplate: footerTemplate(doc),
    margin: { top: `${MARGINS_MM.top}mm`, bottom: `${MARGINS_MM.bottom}mm`, left: `${MARGINS_MM.left}mm`, right: `${MARGINS_MM.right}mm` },
    tagged: true,
    outline: true,
  };
}

/** How long a printer waits for the page to mark itself ready before failing with a clear error. */
export const PRINT_READY_TIMEOUT_MS = 30_000;

/** What a printer learns from the print layout once it has settled. */
export interface PrintState {
  ready: boolean;
  /** Why the layout cannot be printed, or null. */
  error: string | null;
  title: string;
  classification: string;
  /** The language the layout is drawn in (English when the layout does not say). */
  language: Language;
}

/**
 * A script for a printer to run in the print layout (Electron's executeJavaScript, Chromium's
 * page.evaluate: both outside the page's CSP): a promise of the PrintState as soon as the page is
 * ready or has failed. A MutationObserver on the body's data attributes, so no polling interval
 * passes between the page being ready and its printing. Ready or failed counts only for the route
 * the page shows (`printRoute`): in a window that printed another route before, the earlier layout's
 * flag stays set until the new layout clears it.
 */
export const PRINT_SETTLED_SCRIPT = `new Promise((resolve) => {
  const body = document.body;
  const settled = () => {
    const data = body.dataset;
    if (data.printRoute !== location.hash || (data.printReady !== 'true' && data.printError === undefined)) return;
    observer.disconnect();
    resolve({ ready: data.printReady === 'true', error: data.printError ?? null, title: data.printTitle ?? '', classification: data.printClassification ?? '', language: ['en', 'ko', 'zh'].includes(data.printLanguage) ? data.printLanguage : 'en' });
  };
  const observer = new MutationObserver(settled);
  observer.observe(body, { attributes: true, attributeFilter: ['data-print-ready', 'data-print-error', 'data-print-route'] });
  settled();
})`;

/**
 * What a printer makes of the promise PRINT_SETTLED_SCRIPT returned in the print layout: the layout's
 * state once it is ready, or an error that says why nothing can be printed (the layout failed, or it
 * did not settle within `timeoutMs`). Electron's print window and the Chromium printer both use it.
 */
export async function settledForPrinting(settled: Promise<PrintState>, route: string, timeoutMs: number): Promise<PrintState> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new Error(
            `The print layout at ${route} did not become ready within ${Math.round(timeoutMs / 1000)} s ` +
              '(fonts, charts or data still loading): nothing was printed.',
          ),
        ),
      timeoutMs,
    );
  });
  settled.catch(() => undefined); // still pending when the timeout wins and the page or window goes
  try {
    const state = await Promise.race([settled, timeout]);
    if (state.error !== null) throw new Error(`The print layout at ${route} cannot be printed: ${state.error}`);
    return state;
  } finally {
    clearTimeout(timer);
  }
}

/** The query key by which a printer tells the layout the day it prints on (a footer the page draws shows it). */
export const PRINT_DAY_KEY = 'printedOn';

/** `route` with the day it is printed on (YYYY-MM-DD), as printers load it. */
export function routePrintedOn(route: string, isoDay: string): string {
  return `${route}${route.includes('?') ? '&' : '?'}${PRINT_DAY_KEY}=${encodeURIComponent(isoDay)}`;
}

/** The print day a route carries when it is a day (YYYY-MM-DD), else null. */
export function printDayFrom(query: Readonly<Record<string, string | undefined>>): string | null {
  const day = query[PRINT_DAY_KEY];
  return day && /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(day) ? day : null;
}

/**
 * The print route of a thing to print: a briefing id, or a dashboard name with its filters, and the money unit
 * when one is asked for. `target` is what `--print` takes on the command line.
 */
export function printRoute(
  target: { briefing: string } | { dashboard: PrintableDashboard; query?: Record<string, string> },
  setup: PageSetup = DEFAULT_PAGE,
  unit?: MoneyUnit,
): string {
  const query = new URLSearchParams('briefing' in target ? {} : (target.query ?? {}));
  if (setup.paper !== DEFAULT_PAGE.paper) query.set('paper', setup.paper);
  if (setup.orientation !== DEFAULT_PAGE.orientation) query.set('orientation', setup.orientation);
  // Named only when asked for: otherwise the print window reads the user's remembered unit.
  if (unit) query.set('unit', unit);
  const search = query.toString();
  const path = 'briefing' in target ? `print/briefing/${encodeURIComponent(target.briefing)}` : `print/dashboard/${target.dashboard}`;
  return `#/${path}${search ? `?${search}` : ''}`;
}

/** `--print <briefing id or dashboard>`: a dashboard name wins, anything else is a briefing id. */
export function printTargetOf(arg: string): { briefing: string } | { dashboard: PrintableDashboard } {
  return isPrintableDashboard(arg) ? { dashboard: arg } : { briefing: arg };
}

/**
 * The print route for what the app shows at `hash` (File › Print to PDF…): the open briefing, or the
 * current dashboard with its filters; null when the view has nothing to print or the hash cannot be decoded.
 */
export function printRouteForView(hash: string, setup: PageSetup = DEFAULT_PAGE): string | null {
  const raw = hash.replace(/^#\/?/, '');
  const [path = '', search = ''] = raw.split('?', 2);
  let segments: string[];
  try {
    segments = path.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    // A malformed escape (`%E0%A4`) names no view: nothing to print, never an exception in the menu's handler.
    return null;
  }
  const [view = '', ...rest] = segments;
  const query = Object.fromEntries(new URLSearchParams(search));
  if (view === 'print') return `#/${raw}`;
  if (view === 'briefings') {
    const id = rest[0] ?? query['id'];
    return id ? printRoute({ briefing: id }, setup) : null;
  }
  if (isPrintableDashboard(view)) return printRoute({ dashboard: view, query }, setup);
  return null;
}
