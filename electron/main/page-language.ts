/**
 * The page's "the interface is now in X" (LANGUAGE_CHANNEL), checked before main redraws its menu in X: only one of
 * the interface's languages, by its code, is taken. Pure, so a test can run it without Electron.
 */
import type { Envelope } from '../../db/contract.ts';
import { isLanguage, LANGUAGES, type Language } from '../../db/common/languages.ts';
import { isAppUrl } from './url-policy.ts';

/** The language the page says it shows, or the refusal sent back (nothing changes). */
export function languageFromPage(value: unknown): Envelope<Language> {
  if (isLanguage(value)) return { ok: true, data: value };
  const shown = typeof value === 'string' ? JSON.stringify(value.slice(0, 20)) : typeof value;
  return {
    ok: false,
    error: { code: 'invalid-input', message: `Not a language of the interface: ${shown} (known: ${LANGUAGES.join(', ')}).` },
  };
}

/** What main knows of a window when it tells the windows a language. */
export interface WindowShown<C> {
  contents: C;
  url: string;
  destroyed: boolean;
}

/**
 * The windows to tell of a language chosen in `chooser` (or, with none, in the menu): every live window showing the
 * app, the chooser left out (it shows the language already). A window showing anything else is never told.
 */
export function windowsToTell<C>(windows: readonly WindowShown<C>[], chooser?: C): C[] {
  return windows.filter((w) => !w.destroyed && w.contents !== chooser && isAppUrl(w.url)).map((w) => w.contents);
}
