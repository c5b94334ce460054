/**
 * Chromium (Debian's /usr/bin/chromium, or CHROMIUM_PATH) driven by playwright-core, as the print
 * command opens it, and the tests' harness too: one set of launch options.
 */
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { SECRET_COOKIE, type HttpHost } from './host.ts';

export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
/**
 * Chromium builds a WebUI omnibox popup for every new tab (about 150 ms of a core each, measured
 * here); an app window has no omnibox, so printing, the tests and the benchmarks switch it off. Chromium reads only
 * the last --disable-features, so this repeats the features playwright-core 1.65 disables itself (less its Edge-only ones).
 */
const DISABLED_FEATURES = [
  // playwright-core's own list
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'TcpPortRandomizationWin',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
  // ours
  'WebUIOmniboxPopup',
  'WebUIOmniboxAimPopup',
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

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

/** As if the user had opened the address the host printed: its access key becomes the HttpOnly cookie. */
export async function admit(context: BrowserContext, host: HttpHost): Promise<void> {
  await context.addCookies([
    { name: SECRET_COOKIE, value: host.secret, url: new URL(host.url).origin, httpOnly: true, sameSite: 'Strict' },
  ]);
}
