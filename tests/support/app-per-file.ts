/**
 * The app a test file drives: started (after checking that the renderer is built) before the file's first test and
 * closed after its last. Its harness is read through getters, so a test file declares it in one line. The options
 * may be made when the app starts (a database prepared first); `afterClose` runs once the app is closed (removing
 * the files it used).
 */
import { afterAll, beforeAll } from 'vitest';
import { startApp, type AppHarness } from './browser.ts';
import { requireBuiltRenderer } from './build-output.ts';

type StartOptions = Parameters<typeof startApp>[0];

export function appPerFile(
  options: StartOptions | (() => StartOptions | Promise<StartOptions>) = {},
  afterClose: () => void = () => {},
): AppHarness {
  let harness: AppHarness | undefined;
  beforeAll(async () => {
    requireBuiltRenderer();
    harness = await startApp(typeof options === 'function' ? await options() : options);
  });
  afterAll(async () => {
    await harness?.close();
    afterClose();
  });
  const started = (): AppHarness => {
    if (!harness) throw new Error('The app is started before the file’s tests (beforeAll): it was used before then.');
    return harness;
  };
  return {
    get host() {
      return started().host;
    },
    get browser() {
      return started().browser;
    },
    get context() {
      return started().context;
    },
    get foreignRequests() {
      return started().foreignRequests;
    },
    get pageErrors() {
      return started().pageErrors;
    },
    newPage: (pageOptions) => started().newPage(pageOptions),
    closePages: () => started().closePages(),
    close: () => started().close(),
  };
}
