/**
 * Real Chromium (Debian's /usr/bin/chromium) driven by playwright-core, against the HTTP host on
 * a temp database. Every request that leaves the app's own origin fails the test.
 */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { SECRET_COOKIE, startHttpHost, type HttpHost } from '../../db/http-host/host.ts';
import { tempDir } from './temp.ts';

export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
/**
 * Chromium 156 builds a WebUI omnibox popup for every new tab (about 150 ms of a core each, measured
 * here); an app window has no omnibox, so the tests and benchmarks switch it off. Chromium reads only
 * the last --disable-features, so this repeats the features playwright-core 1.65 disables itself (less its Edge-only ones).
 */
const DISABLED_FEATURES = [
  // playwright-core's own list
  'AvoidUnnecessaryBeforeUnloadCheckSync', 'DestroyProfileOnBrowserClose', 'HttpsUpgrades', 'HttpsFirstBalancedModeAutoEnable', 'LensOverlay',
  'MediaRouter', 'PaintHolding', 'ThirdPartyStoragePartitioning', 'AvoidCorsURLLoaderRestartOnRedirect', 'TcpPortRandomizationWin',
  'OptimizationHints', 'NetworkTimeServiceQuerying', 'AimEnabled', 'PreconnectToSearch',
  // ours
  'WebUIOmniboxPopup', 'WebUIOmniboxAimPopup',
];
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  `--disable-features=${DISABLED_FEATURES.join(',')}`,
];

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

/** As if the user had opened the address the host printed: its access key becomes the HttpOnly cookie. */
export async function admit(context: BrowserContext, host: HttpHost): Promise<void> {
  await context.addCookies([{ name: SECRET_COOKIE, value: host.secret, url: new URL(host.url).origin, httpOnly: true, sameSite: 'Strict' }]);
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
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
  const host = await startHttpHost({ path: options.dbPath ?? tmp.file('tradebrief.sqlite'), ...(options.today ? { today: options.today } : {}) });
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
