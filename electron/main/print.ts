/**
 * Printing in Electron: the print route of a briefing or dashboard is drawn in a hidden window with
 * the app's one secure window configuration, the page is awaited until it marks itself ready (fonts
 * loaded, every chart drawn) — or fails, or times out, each ending in a clear error, never a hang —
 * then `webContents.printToPDF` runs with the options of db/common/paper.ts, the module the
 * tests' Chromium `page.pdf()` uses too.
 */
import type { BrowserWindow, PrintToPDFOptions } from 'electron';
import {
  contentBoxPx,
  printDateLabel,
  routePrintedOn,
  PRINT_READY_TIMEOUT_MS,
  PRINT_SETTLED_SCRIPT,
  settledForPrinting,
  toElectronPdfOptions,
  type PageSetup,
  type PrintState,
} from '../../db/common/paper.ts';
import { APP_ORIGIN } from './window-options.ts';

export interface RenderedPdf {
  pdf: Buffer;
  title: string;
  classification: string;
}

/**
 * Renders one print route (`#/print/...`) to PDF in a hidden window that is always closed afterwards.
 * `newWindow` makes the app's one kind of window (window-options.ts: isolated, sandboxed, preload
 * with the contract only), not shown and not loaded.
 */
export async function renderPdf(
  route: string,
  setup: PageSetup,
  options: { newWindow: () => BrowserWindow; today: string; timeoutMs?: number },
): Promise<RenderedPdf> {
  const win = options.newWindow();
  try {
    // Wide enough for the printable area, so the layout drawn on screen is the one printed.
    win.setContentSize(Math.max(contentBoxPx(setup).width + 64, 900), 1100);
    // A hidden window must keep running timers and animation frames, or charts never finish drawing.
    win.webContents.setBackgroundThrottling(false);
    await win.loadURL(`${APP_ORIGIN}/index.html${routePrintedOn(route, options.today)}`);
    const settled = win.webContents.executeJavaScript(PRINT_SETTLED_SCRIPT, false) as Promise<PrintState>;
    const state = await settledForPrinting(settled, route, options.timeoutMs ?? PRINT_READY_TIMEOUT_MS);
    const pdfOptions = toElectronPdfOptions(setup, {
      title: state.title,
      classification: state.classification,
      language: state.language,
      printedOn: printDateLabel(options.today, state.language),
    }) satisfies PrintToPDFOptions;
    const pdf = await win.webContents.printToPDF(pdfOptions);
    return { pdf, title: state.title, classification: state.classification };
  } finally {
    win.destroy();
  }
}

/** A file name from a title: letters, digits, spaces and dashes only. */
export function pdfFileName(title: string): string {
  const base = title
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N} _-]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 80);
  return `${base || 'Tradebrief'}.pdf`;
}
