/**
 * Printing through Chromium (the HTTP host's path; Electron's is electron/main/print.ts): open a
 * print route, wait until the page marks itself ready (or fails, or times out, each with a clear
 * error), then `page.pdf()` with the options of db/print-options.ts — the same module Electron's
 * `printToPDF` uses.
 *
 * As a command (`npm run print -- …` or `node tests/support/print.ts …`):
 *   --briefing <id> | --dashboard <name> | --print <briefing id or dashboard>
 *   --out FILE.pdf  [--db FILE.sqlite]  [--paper A4|Letter]  [--orientation portrait|landscape]
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import type { BlockSpecInput } from '../../db/briefings/contract.ts';
import { localToday } from '../../db/dates.ts';
import {
  pageSetupFrom, printDateLabel, printRoute, printTargetOf, PRINT_READY_TIMEOUT_MS, PRINT_SETTLED_SCRIPT, settledForPrinting, toChromiumPdfOptions, type PageSetup,
  type PrintState,
} from '../../db/print-options.ts';
import { admit, launchChromium } from './browser.ts';
import { startHttpHost } from '../../db/http-host/host.ts';

export interface PrintedPdf {
  pdf: Buffer;
  title: string;
  classification: string;
  /** Milliseconds from navigation to the page marking itself ready. */
  readyMs: number;
  /** Milliseconds spent in page.pdf(). */
  pdfMs: number;
}

/** Waits for `document.body.dataset.printReady` (or printError), failing with a message that says which and where. */
export function waitForPrintReady(page: Page, route: string, timeoutMs = PRINT_READY_TIMEOUT_MS): Promise<PrintState> {
  return settledForPrinting(page.evaluate(PRINT_SETTLED_SCRIPT) as Promise<PrintState>, route, timeoutMs);
}

/** Prints one route of the app at `baseUrl` to PDF with the shared options. */
export async function printToPdf(page: Page, baseUrl: string, route: string, options: { setup: PageSetup; today?: string; timeoutMs?: number }): Promise<PrintedPdf> {
  const started = performance.now();
  await page.goto(`${baseUrl}${route}`);
  const { title, classification } = await waitForPrintReady(page, route, options.timeoutMs);
  const ready = performance.now();
  const meta = { title, classification };
  const pdf = await page.pdf(toChromiumPdfOptions(options.setup, { ...meta, printedOn: printDateLabel(options.today ?? localToday()) }));
  return { pdf, ...meta, readyMs: ready - started, pdfMs: performance.now() - ready };
}

/**
 * A five-page briefing with six charts (several pairs and ranges) between text, headline figures, the
 * export sectors table and the sources' statements: what the print benchmark times, and what the print
 * tests check prints on five A4 pages with every chart whole.
 */
export function sixChartBriefing(): BlockSpecInput[] {
  const para = 'Exports and imports are shown as each reporter states them; a gap between the two sides is kept, not smoothed. '.repeat(6);
  const chart = (reporter: string, partner: string, from: number, to: number): BlockSpecInput =>
    ({ kind: 'trade-chart', config: { heading: `${reporter}–${partner}, ${from}–${to}`, reporter, partner, from, to } });
  return [
    { kind: 'text', config: { heading: 'Purpose', markdown: para } },
    { kind: 'kpi', config: { reporter: 'CHN', partner: 'KOR', year: 2021 } },
    chart('KOR', 'CHN', 1992, 2024),
    { kind: 'text', config: { markdown: para } },
    chart('KOR', 'CHN', 2010, 2024),
    chart('KOR', 'CHN', 1992, 2008),
    { kind: 'text', config: { markdown: para } },
    chart('CHN', 'KOR', 2015, 2024),
    { kind: 'sectors-table', config: { reporter: 'KOR', partner: 'CHN' } },
    chart('KOR', 'CHN', 2000, 2012),
    chart('KOR', 'CHN', 2018, 2024),
    { kind: 'statements', config: {} },
  ];
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      briefing: { type: 'string' },
      dashboard: { type: 'string' },
      print: { type: 'string' },
      out: { type: 'string' },
      db: { type: 'string' },
      paper: { type: 'string' },
      orientation: { type: 'string' },
    },
  });
  const what = values.print ?? values.briefing ?? (values.dashboard !== undefined ? values.dashboard : undefined);
  if (!what || !values.out) {
    console.error('Usage: node tests/support/print.ts (--briefing <id> | --dashboard <name> | --print <id or dashboard>) --out FILE.pdf [--db FILE.sqlite] [--paper A4|Letter] [--orientation portrait|landscape]');
    process.exit(2);
  }
  const target = values.briefing !== undefined ? { briefing: values.briefing } : printTargetOf(what);
  if (values.dashboard !== undefined && !('dashboard' in target)) {
    console.error(`--dashboard must be one of overview, trade, sectors, projects, events, logistics; not "${values.dashboard}"`);
    process.exit(2);
  }
  const setup = pageSetupFrom({ paper: values.paper, orientation: values.orientation });
  const dbPath = values.db ? resolve(values.db) : join(mkdtempSync(join(tmpdir(), 'tradebrief-print-')), 'tradebrief.sqlite');
  const host = await startHttpHost({ path: dbPath });
  const browser = await launchChromium();
  try {
    const context = await browser.newContext();
    await admit(context, host);
    const page = await context.newPage();
    const route = printRoute(target, setup);
    const result = await printToPdf(page, host.url, route, { setup });
    const out = resolve(values.out);
    writeFileSync(out, result.pdf);
    console.log(`Printed “${result.title}” (${route}) to ${out}: ${result.pdf.length} bytes, ready in ${Math.round(result.readyMs)} ms.`);
  } finally {
    await browser.close();
    await host.close();
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(`Printing failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
