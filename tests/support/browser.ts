/**
 * Real Chromium (Debian's /usr/bin/chromium) driven by playwright-core, against the HTTP host on
 * a temp database. Every request that leaves the app's own origin fails the test.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { admit, launchChromium } from '../../db/http-host/chromium.ts';
import { startHttpHost, type HttpHost } from '../../db/http-host/host.ts';
import { tempDir } from './temp.ts';

// The launch options are the print command's (db/http-host/chromium.ts): the tests drive the Chromium it drives.
export { admit, CHROMIUM_ARGS, CHROMIUM_PATH, launchChromium } from '../../db/http-host/chromium.ts';

/** Chooses `file` in the browser's own file chooser, opened by the Data view's "Choose file…". */
export async function chooseFile(page: Page, file: string): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('choose-file').click()]);
  await chooser.setFiles(file);
}

/** Runs `action`, takes the download it starts and saves it to `saveAs`: its suggested name and where it is. */
export async function downloadOf(page: Page, action: () => Promise<unknown>, saveAs: string): Promise<{ name: string; path: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), action()]);
  await download.saveAs(saveAs);
  return { name: download.suggestedFilename(), path: saveAs };
}

export interface AppHarness {
  host: HttpHost;
  browser: Browser;
  context: BrowserContext;
  /** Requests to anything but the app's origin (should stay empty). */
  foreignRequests: string[];
  /** Uncaught page errors and console errors. */
  pageErrors: string[];
  newPage(options?: { colorScheme?: 'light' | 'dark'; reducedMotion?: 'reduce' | 'no-preference' }): Promise<Page>;
  /** Closes every page opened so far (a browser keeps six connections per host; each tab holds an event stream). */
  closePages(): Promise<void>;
  close(): Promise<void>;
}

export async function startApp(options: { dbPath?: string; today?: string } = {}): Promise<AppHarness> {
  const tmp = tempDir();
  const host = await startHttpHost({
    path: options.dbPath ?? tmp.file('tradebrief.sqlite'),
    ...(options.today ? { today: options.today } : {}),
  });
  const browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
  const origin = new URL(host.url).origin;
  await admit(context, host);
  const foreignRequests: string[] = [];
  const pageErrors: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    foreignRequests.push(url);
    return route.abort('blockedbyclient');
  });
  return {
    host,
    browser,
    context,
    foreignRequests,
    pageErrors,
    async newPage(pageOptions = {}) {
      // Each tab holds an event stream and a browser keeps six connections per host: the oldest
      // tabs of earlier tests are closed so that at most four stay open.
      const open = context.pages();
      await Promise.all(open.slice(0, Math.max(0, open.length - 3)).map((p) => p.close()));
      const page = await context.newPage();
      if (pageOptions.colorScheme || pageOptions.reducedMotion) await page.emulateMedia(pageOptions);
      page.on('pageerror', (e) => pageErrors.push(e.message));
      page.on('console', (m) => {
        if (m.type() === 'error') pageErrors.push(m.text());
      });
      return page;
    },
    async closePages() {
      await Promise.all(context.pages().map((p) => p.close()));
    },
    async close() {
      await context.close();
      await browser.close();
      await host.close();
      tmp.cleanup();
    },
  };
}
