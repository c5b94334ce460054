/**
 * Printing through Chromium (the HTTP host's path; Electron's is electron/main/print.ts): open a
 * print route, wait until the page marks itself ready (or fails, or times out, each with a clear
 * error), then `page.pdf()` with the options of db/common/paper.ts — the same module Electron's
 * `printToPDF` uses.
 *
 * As a command (`npm run print -- …` or `node db/http-host/print.ts …`), on the app's own database
 * unless `--db` names another; the renderer is built first only when its sources changed since the
 * last build (renderer-build.ts):
 *   --list                                         the briefings: id, title, last change
 *   --briefing <id or title> | --dashboard <name> | --print <briefing id or title, or dashboard>
 *   --out FILE.pdf  [--db FILE.sqlite]  [--paper A4|Letter]  [--orientation portrait|landscape]  [--unit bn|mn|thousand]
 *   [--language en|ko|zh]   --help
 * The unit defaults to the app's (USD bn) and the language to the system's, as the app's at its first start: this
 * command runs outside the user's profile, where the unit and language chosen in the app are remembered, so a print
 * in another unit or language names it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import type { BriefingSummary } from '../briefings/contract.ts';
import { localToday } from '../common/dates.ts';
import { isLanguage, LANGUAGES, LOCALE_TAGS, matchLanguage, type Language } from '../common/languages.ts';
import { isMoneyUnit, MONEY_UNITS } from '../common/units.ts';
import {
  pageSetupFrom,
  PRINTABLE_DASHBOARDS,
  printDateLabel,
  printRoute,
  routePrintedOn,
  printTargetOf,
  PRINT_READY_TIMEOUT_MS,
  PRINT_SETTLED_SCRIPT,
  settledForPrinting,
  toChromiumPdfOptions,
  type PageSetup,
  type PrintState,
} from '../common/paper.ts';
import { openSession, type Session } from '../session.ts';
import { defaultDatabasePath } from '../user-data.ts';
import { admit, launchChromium } from './chromium.ts';
import { rendererDir, startHttpHost } from './host.ts';
import { PROJECT_ROOT, rendererBuildOutdated } from './renderer-build.ts';

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
export async function printToPdf(
  page: Page,
  baseUrl: string,
  route: string,
  options: { setup: PageSetup; today?: string; timeoutMs?: number },
): Promise<PrintedPdf> {
  const started = performance.now();
  const today = options.today ?? localToday();
  // Not until `load`: a print window starts loading the bundled CJK faces as it starts, and the load event would wait
  // for them even where the text uses neither; ready says when the layout has what it needs.
  await page.goto(`${baseUrl}${routePrintedOn(route, today)}`, { waitUntil: 'domcontentloaded' });
  const { title, classification, language } = await waitForPrintReady(page, route, options.timeoutMs);
  const ready = performance.now();
  const meta = { title, classification };
  const pdf = await page.pdf(toChromiumPdfOptions(options.setup, { ...meta, language, printedOn: printDateLabel(today, language) }));
  return { pdf, ...meta, readyMs: ready - started, pdfMs: performance.now() - ready };
}

/** A wrong argument: the command says why and exits with status 2. */
export class UsageError extends Error {}

/** The briefing `arg` names: its id, else its title (ignoring case and surrounding spaces); a title two briefings share is refused with their ids. */
export function briefingNamed(arg: string, briefings: readonly BriefingSummary[]): BriefingSummary {
  const byId = briefings.find((b) => b.id === arg);
  if (byId) return byId;
  const wanted = arg.trim().toLowerCase();
  const byTitle = briefings.filter((b) => b.title.trim().toLowerCase() === wanted);
  if (byTitle.length === 1) return byTitle[0]!;
  if (byTitle.length > 1) {
    throw new UsageError(`${byTitle.length} briefings are titled "${arg}": name one by its id (${byTitle.map((b) => b.id).join(', ')})`);
  }
  throw new UsageError(`no briefing has the id or title "${arg}" (--list shows them)`);
}

async function listBriefings(session: Session): Promise<BriefingSummary[]> {
  return await session.handlers.listBriefings({});
}

/** One line per briefing: id, title, last change (what --list prints). */
export function briefingLines(briefings: readonly BriefingSummary[]): string[] {
  if (briefings.length === 0) return ['No briefings in this database.'];
  return briefings.map((b) => `${b.id}\t${b.title}\t(changed ${b.updatedAt.slice(0, 10)})`);
}

/** Builds the renderer (electron-vite) when its sources changed since the last build; says so when it does. */
function buildIfOutdated(): void {
  const why = rendererBuildOutdated(PROJECT_ROOT, rendererDir);
  if (why === null) return;
  console.log(`Building the renderer first: ${why}.`);
  const built = spawnSync(process.execPath, [join(PROJECT_ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], {
    cwd: PROJECT_ROOT,
    stdio: 'inherit',
  });
  if (built.status !== 0) throw new Error(`the build failed (electron-vite exited with ${built.status ?? built.signal})`);
}

const USAGE =
  'Usage: npm run print -- (--list | (--briefing <id or title> | --dashboard <name> | --print <briefing id or title, or dashboard>) --out FILE.pdf)' +
  ' [--db FILE.sqlite] [--paper A4|Letter] [--orientation portrait|landscape] [--unit bn|mn|thousand] [--language en|ko|zh]';

const HELP = `${USAGE}

Prints a briefing or a dashboard of Tradebrief's database to PDF, as the app's File › Print to PDF… does.
  --list            the briefings: id, title, last change
  --briefing        a briefing, by its id or its title (any case)
  --dashboard       one of ${PRINTABLE_DASHBOARDS.join(', ')}
  --print           a briefing's id or title, or a dashboard
  --out             the PDF to write
  --db              another database than the app's own (${defaultDatabasePath()})
  --paper, --orientation   the page (A4 portrait unless named)
  --unit            the money unit (USD bn unless named)
  --language        the language printed in (the system's unless named: ${LANGUAGES.join(', ')})`;

/** The command's options; a mistake in them is a usage error that shows how to call it. */
function parseOptions() {
  try {
    return parseArgs({
      options: {
        help: { type: 'boolean', short: 'h' },
        list: { type: 'boolean' },
        briefing: { type: 'string' },
        dashboard: { type: 'string' },
        print: { type: 'string' },
        out: { type: 'string' },
        db: { type: 'string' },
        paper: { type: 'string' },
        orientation: { type: 'string' },
        unit: { type: 'string' },
        language: { type: 'string' },
      },
    }).values;
  } catch (error) {
    throw new UsageError(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
}

/** The system's language if the app has it, as the app picks its language at first start; else English. */
function systemLanguage(): Language {
  return matchLanguage([Intl.DateTimeFormat().resolvedOptions().locale]);
}

async function main(): Promise<void> {
  const values = parseOptions();
  if (values.help) {
    console.log(HELP);
    return;
  }
  if (values.unit !== undefined && !isMoneyUnit(values.unit)) {
    throw new UsageError(`--unit must be one of ${MONEY_UNITS.join(', ')}; not "${values.unit}"`);
  }
  if (values.language !== undefined && !isLanguage(values.language)) {
    throw new UsageError(`--language must be one of ${LANGUAGES.join(', ')}; not "${values.language}"`);
  }
  const language = isLanguage(values.language) ? values.language : systemLanguage();
  const unit = isMoneyUnit(values.unit) ? values.unit : undefined;
  const what = values.briefing ?? values.dashboard ?? values.print;
  if (!values.list && (!what || !values.out)) throw new UsageError(USAGE);
  const target = values.briefing !== undefined ? { briefing: values.briefing } : printTargetOf(what ?? '');
  if (values.dashboard !== undefined && !('dashboard' in target)) {
    throw new UsageError(`--dashboard must be one of ${PRINTABLE_DASHBOARDS.join(', ')}; not "${values.dashboard}"`);
  }
  const setup = pageSetupFrom({ paper: values.paper, orientation: values.orientation });
  // The app's own database; a file that is not there is a mistake (printing never creates a database).
  const dbPath = values.db ? resolve(values.db) : defaultDatabasePath();
  if (!existsSync(dbPath)) {
    throw new UsageError(`no database at ${dbPath}${values.db ? '' : ' (the app creates it when it first starts; or name one with --db)'}`);
  }

  if (values.list) {
    const session = openSession({ path: dbPath });
    try {
      for (const line of briefingLines(await listBriefings(session))) console.log(line);
    } finally {
      session.close();
    }
    return;
  }

  buildIfOutdated();
  const host = await startHttpHost({ path: dbPath });
  try {
    const resolved = 'briefing' in target ? { briefing: briefingNamed(target.briefing, await listBriefings(host.session)).id } : target;
    const browser = await launchChromium();
    try {
      // The page takes its language from the browser's list when none was chosen in it, as at the app's first start.
      const context = await browser.newContext({ locale: LOCALE_TAGS[language] });
      await admit(context, host);
      const page = await context.newPage();
      const route = printRoute(resolved, setup, unit);
      const result = await printToPdf(page, host.url, route, { setup });
      const out = resolve(values.out ?? '');
      writeFileSync(out, result.pdf);
      console.log(
        `Printed “${result.title}” (${route}) from ${dbPath} to ${out}: ${result.pdf.length} bytes, ready in ${Math.round(result.readyMs)} ms.`,
      );
    } finally {
      await browser.close();
    }
  } finally {
    await host.close();
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    if (error instanceof UsageError) {
      console.error(error.message);
      process.exit(2);
    }
    console.error(`Printing failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
