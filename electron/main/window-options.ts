/**
 * The one BrowserWindow configuration of the app. Kept apart from the window code so a test can
 * read and check it without starting Electron.
 */
import type { BrowserWindowConstructorOptions } from 'electron';
import type { Language } from '../../db/common/languages.ts';

export const APP_SCHEME = 'app';
export const APP_HOST = 'tradebrief';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const INVOKE_CHANNEL = 'tradebrief:invoke';
/** The page asks main for a file to read or a place to write (native dialogs), or hands it a dropped file. */
export const OPEN_FILE_CHANNEL = 'tradebrief:open-file';
export const SAVE_FILE_CHANNEL = 'tradebrief:save-file';
export const DROP_FILE_CHANNEL = 'tradebrief:drop-file';
export const RELEASE_FILE_CHANNEL = 'tradebrief:release-file';
/** The page tells main the language it now shows (one of the interface's): main redraws its menu in it. */
export const LANGUAGE_CHANNEL = 'tradebrief:language';
/**
 * Main tells every app window the language chosen in another window or in the View › Language menu: the language's
 * code, nothing else (the preload passes only one of the interface's languages to the page).
 */
export const LANGUAGE_CHOSEN_CHANNEL = 'tradebrief:language-chosen';

/**
 * The interface's languages, as the preload checks a LANGUAGE_CHOSEN_CHANNEL value (it takes only types from db/;
 * tests/unit/electron-menu.test.ts holds this equal to db/common/languages.ts LANGUAGES).
 */
export const CHOSEN_LANGUAGES: readonly Language[] = ['en', 'ko', 'zh'];
export const isChosenLanguage = (value: unknown): value is Language => CHOSEN_LANGUAGES.some((l) => l === value);
/** Main pushes the session's events (db/host-events.ts) to every app window. */
export const EVENT_CHANNEL = 'tradebrief:event';
export const METHODS_ARG = '--tradebrief-methods=';
/** The window's name for the core (HostBridge.clientId): main made it, so it knows which window called. */
export const CLIENT_ARG = '--tradebrief-client=';

export function mainWindowOptions(
  preloadPath: string,
  methods: readonly string[],
  clientId = '',
  show = false,
): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show,
    title: 'Tradebrief',
    backgroundColor: '#f6f7f9',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      // A middle click would otherwise ask for a new window (denied anyway by security.ts).
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
      additionalArguments: [`${METHODS_ARG}${methods.join(',')}`, `${CLIENT_ARG}${clientId}`],
    },
  };
}
