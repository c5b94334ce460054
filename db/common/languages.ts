/**
 * The interface's languages. Pure TypeScript (db/common runs anywhere): the renderer's i18n state, the Electron
 * menu and the tests read the same list.
 */
export const LANGUAGES = ['en', 'ko', 'zh'] as const;
export type Language = (typeof LANGUAGES)[number];

/**
 * A pseudo-locale for finding clipped text: English accented and about 40 % longer. Loaded only in development or
 * under automation (navigator.webdriver), never offered in the settings.
 */
export const PSEUDO_LOCALE = 'en-XA';
export type Locale = Language | typeof PSEUDO_LOCALE;

/** Each language named in itself, as the language control lists it. */
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', ko: '한국어', zh: '简体中文' };

/** The BCP 47 tag for `<html lang>` and for Intl (numbers, dates, region names). */
export const LOCALE_TAGS: Record<Locale, string> = { en: 'en', ko: 'ko', zh: 'zh-CN', 'en-XA': 'en-XA' };

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * The first of the user's preferred languages (navigator.languages, most preferred first) that the app has:
 * "ko-KR" → ko, "zh-Hans-CN" / "zh-CN" / "zh-SG" → zh (Simplified); Traditional Chinese (zh-TW, zh-HK, zh-Hant) is not
 * Simplified, so it does not match. English when none matches.
 */
export function matchLanguage(preferred: readonly string[]): Language {
  for (const tag of preferred) {
    const lower = tag.toLowerCase();
    const base = lower.split('-')[0];
    if (base === 'en' || base === 'ko') return base;
    if (base === 'zh' && !/-(hant|tw|hk|mo)\b/.test(lower)) return 'zh';
  }
  return 'en';
}
