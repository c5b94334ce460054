/**
 * The page's "the interface is now in X" (LANGUAGE_CHANNEL), checked before main redraws its menu in X: only one of
 * the interface's languages, by its code, is taken. Pure, so a test can run it without Electron.
 */
import type { Envelope } from '../../db/contract.ts';
import { isLanguage, LANGUAGES, type Language } from '../../db/common/languages.ts';

/** The language the page says it shows, or the refusal sent back (nothing changes). */
export function languageFromPage(value: unknown): Envelope<Language> {
  if (isLanguage(value)) return { ok: true, data: value };
  const shown = typeof value === 'string' ? JSON.stringify(value.slice(0, 20)) : typeof value;
  return {
    ok: false,
    error: { code: 'invalid-input', message: `Not a language of the interface: ${shown} (known: ${LANGUAGES.join(', ')}).` },
  };
}
