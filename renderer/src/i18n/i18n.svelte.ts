/**
 * The interface's language: which one is active, its messages, and `t()`.
 *
 * i18next holds the catalogues (README "Languages" says why this library). The English messages of the first paint (messages/en-first.ts) are in the main bundle, the rest of English is a chunk loaded before any other view
 * (completeEnglish); Korean, Chinese and the pseudo-locale are a chunk each, loaded when chosen. `t()` reads the active language from a rune,
 * so every template that shows a message follows a switch without a reload.
 */
import first from './messages/en-first.ts';
import i18next from 'i18next';
import type { MessageKey, Messages } from './messages/types.ts';
import {
  isLanguage,
  LANGUAGES,
  LOCALE_TAGS,
  matchLanguage,
  PSEUDO_LOCALE,
  type Language,
  type Locale,
} from '../../../db/common/languages.ts';
import type { CoreMessageCode } from '../../../db/common/core-messages.ts';
import { writeCore, type CoreParams } from '../../../db/common/core-writing.ts';
import { withKoreanParticles } from '../../../db/common/korean-particles.ts';

export type { MessageKey };
type Values = Record<string, string | number>;
/** A key whose message depends on a count: the part before _one / _other. */
export type CountKey = { [K in MessageKey]: K extends `${infer Base}_other` ? Base : never }[MessageKey];

/** Where the choice is remembered: the app origin's localStorage, which is per user profile. */
export const LANGUAGE_STORAGE_KEY = 'tradebrief.language';

/**
 * Names economies in a language other than English (economies.ts, with its table of ISO codes): loaded with that
 * language's messages. English keeps the stored names and needs neither.
 */
let economyNamer: ((code: string, stored: string, tag: string) => string) | null = null;
const loadEconomyNames = (): Promise<void> =>
  import('./economies.ts').then((m) => {
    economyNamer = m.economyNameIn;
  });

const loaders: Record<Exclude<Locale, 'en'>, () => Promise<Messages>> = {
  ko: () => Promise.all([import('./messages/ko.ts'), loadEconomyNames()]).then(([m]) => m.default),
  zh: () => Promise.all([import('./messages/zh.ts'), loadEconomyNames()]).then(([m]) => m.default),
  [PSEUDO_LOCALE]: () =>
    Promise.all([import('./pseudo.ts'), import('./messages/en.ts')]).then(([pseudo, en]) => pseudo.pseudoCatalogue(en.default)),
};

const engine = i18next.createInstance();
void engine.init({
  lng: 'en',
  fallbackLng: 'en',
  resources: { en: { translation: first } },
  initAsync: false,
  keySeparator: false,
  nsSeparator: false,
  // Svelte escapes what it inserts; escaping here too would show "&amp;".
  interpolation: { escapeValue: false },
});
/** Whether the language, or English as the fallback, holds `key`. */
const knows = (locale: Locale, key: string): boolean => engine.exists(key, { lng: locale });

let english: Promise<void> | null = null;

/** Loads the English messages the first paint does not show; every view but the first awaits it (views/registry.ts). */
export function completeEnglish(): Promise<void> {
  english ??= import('./messages/en.ts').then(
    (m) => void engine.addResourceBundle('en', 'translation', m.default, true, false),
    (error: unknown) => {
      english = null;
      throw error;
    },
  );
  return english;
}

class I18nState {
  /** The active language; `t()` reads it, so what shows a message is redrawn when it changes. */
  locale = $state<Locale>('en');
  /** The BCP 47 tag of the active language, for Intl and `<html lang>`. */
  get tag(): string {
    return LOCALE_TAGS[this.locale];
  }
}
export const i18n = new I18nState();

/** The pseudo-locale is for development and automated tests only. */
function pseudoAllowed(): boolean {
  return import.meta.env.DEV || (typeof navigator !== 'undefined' && navigator.webdriver);
}

function acceptable(value: unknown): value is Locale {
  return isLanguage(value) || (value === PSEUDO_LOCALE && pseudoAllowed());
}

/** `text` as the active language writes it: Korean takes the particle its values end in (db/common/korean-particles.ts). */
const written = (text: string): string => (i18n.locale === 'ko' ? withKoreanParticles(text) : text);

/** The message for `key` in the active language, with its values put in. */
export function t(key: MessageKey, values?: Values): string {
  return written(engine.t(key, { ...values, lng: i18n.locale }));
}

/**
 * A message the data core made (db/common/core-messages.ts: an import problem, a skip, a form's check) in the active
 * language, from its code and values; its English `message` when the page has no sentence for the code or one it
 * nests (a code the page does not know, or, in English before the rest of the catalogue loads, one the first paint
 * leaves out: an error's).
 */
export function tCore(text: { message?: string; messageCode?: string; params?: CoreParams }): string {
  const locale = i18n.locale;
  if (text.messageCode === undefined || !knows(locale, `core.${text.messageCode}`)) return text.message ?? '';
  let complete = true;
  const written = writeCore(
    { messageCode: text.messageCode as CoreMessageCode, params: text.params ?? {} },
    {
      tag: i18n.tag,
      say: (code, values) => {
        complete &&= knows(locale, `core.${code}`);
        return engine.t(`core.${code}`, { ...values, lng: locale });
      },
      economyName,
    },
  );
  return complete || text.message === undefined ? written : text.message;
}

/** An economy's name in the active language (Intl.DisplayNames, economies.ts), else as stored. */
export function economyName(code: string, stored: string): string {
  // Only English and the pseudo-locale draw before the namer has loaded, and both keep the stored name.
  return economyNamer ? economyNamer(code, stored, i18n.tag) : stored;
}

/**
 * A period the core made ("Jan–Jul only", "sum of 12 months") in the active language, from its code; the period as
 * written when it has none (a pack's own wording stays as its source wrote it).
 */
export function tPeriod(v: { periodNote: string | null; periodText?: { messageCode: string; params: CoreParams } | null }): string {
  return v.periodText ? tCore(v.periodText) : (v.periodNote ?? '');
}

/** An error's message in the active language: the data core's by its code, else its text. */
export function errorText(error: unknown): string {
  if (error instanceof Error || (typeof error === 'object' && error !== null && 'message' in error)) {
    const e = error as { message?: unknown; messageCode?: string; params?: CoreParams };
    return tCore({
      message: String(e.message),
      ...(e.messageCode ? { messageCode: e.messageCode } : {}),
      ...(e.params ? { params: e.params } : {}),
    });
  }
  return String(error);
}

/** The message for a count ("1 block", "3 blocks"), by the active language's plural rules. */
export function tCount(key: CountKey, count: number, values?: Values): string {
  return written(engine.t(key, { ...values, count, lng: i18n.locale }));
}

function stored(): string | null {
  try {
    return localStorage.getItem(LANGUAGE_STORAGE_KEY);
  } catch {
    return null;
  }
}

let followers: ((locale: Locale) => void)[] = [];

/** Calls `follower` with each language the user chooses (not a print window's own); returns the function that stops. */
export function followLanguage(follower: (locale: Locale) => void): () => void {
  followers = [...followers, follower];
  return () => {
    followers = followers.filter((f) => f !== follower);
  };
}

/**
 * Makes `locale` the active language: loads its messages if needed, sets `<html lang>` and, when `remember` (the
 * user's choice, not a print window's), remembers it and tells the followers.
 */
export async function setLanguage(locale: string, remember = true): Promise<void> {
  if (!acceptable(locale)) return;
  if (locale !== 'en' && !engine.hasResourceBundle(locale, 'translation')) {
    engine.addResourceBundle(locale, 'translation', await loaders[locale]());
  }
  i18n.locale = locale;
  document.documentElement.lang = LOCALE_TAGS[locale];
  if (remember) {
    try {
      localStorage.setItem(LANGUAGE_STORAGE_KEY, locale);
    } catch {
      // Storage refused (a locked-down profile): the choice holds until the window closes.
    }
    for (const follower of followers) follower(locale);
  }
}

/**
 * Follows the choice another window of this profile makes: the 'storage' event on the remembered setting fires in
 * every other window of the origin (not in the one that wrote it). Shown, not written again nor told to the host: the
 * window that chose did both.
 */
export function followStoredLanguage(): () => void {
  const follow = (event: StorageEvent): void => {
    if (event.key !== LANGUAGE_STORAGE_KEY || event.newValue === null || event.newValue === i18n.locale) return;
    void setLanguage(event.newValue, false);
  };
  addEventListener('storage', follow);
  return () => removeEventListener('storage', follow);
}

/** At start: the remembered choice, else the first of the browser's (the OS's) languages the app has. */
export async function startLanguage(): Promise<void> {
  const remembered = stored();
  if (acceptable(remembered)) return setLanguage(remembered, false);
  return setLanguage(matchLanguage(typeof navigator !== 'undefined' ? navigator.languages : []), false);
}

export { LANGUAGES, type Language, type Locale };
