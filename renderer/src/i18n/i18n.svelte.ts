/**
 * The interface's language: which one is active, its messages, and `t()`.
 *
 * A plain lookup in the catalogues: `{{name}}` puts a value in, `_one` / `_other` keys are chosen by the language's
 * plural rules (Intl.PluralRules), a key missing from a language falls back to English. That is all the catalogues
 * use of i18next's format, which they keep; the library itself weighed about 15 KB gzipped in the first paint (README
 * "Languages"). English is in the main bundle; Korean, Chinese and the pseudo-locale are a chunk each, loaded when
 * chosen. `t()` reads the active language from a rune, so every template that shows a message follows a switch
 * without a reload.
 */
import en from './messages/en.ts';
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

export type { MessageKey };
type Values = Record<string, string | number>;
/** A key whose message depends on a count: the part before _one / _other. */
export type CountKey = { [K in MessageKey]: K extends `${infer Base}_other` ? Base : never }[MessageKey];

/** Where the choice is remembered: the app origin's localStorage, which is per user profile. */
export const LANGUAGE_STORAGE_KEY = 'tradebrief.language';

const loaders: Record<Exclude<Locale, 'en'>, () => Promise<Messages>> = {
  ko: () => import('./messages/ko.ts').then((m) => m.default),
  zh: () => import('./messages/zh.ts').then((m) => m.default),
  [PSEUDO_LOCALE]: () => import('./pseudo.ts').then((m) => m.pseudoCatalogue(en)),
};

const catalogues: Partial<Record<Locale, Readonly<Record<string, string>>>> = { en };
const pluralRules: Partial<Record<Locale, Intl.PluralRules>> = {};

function pluralOf(locale: Locale, count: number): string {
  const rules = (pluralRules[locale] ??= new Intl.PluralRules(LOCALE_TAGS[locale]));
  return rules.select(count);
}

/** `{{name}}` replaced by its value (Svelte escapes what it inserts); a name not given stays as written. */
function fill(message: string, values: Values | undefined): string {
  if (!values || !message.includes('{{')) return message;
  return message.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (written, name: string) =>
    Object.hasOwn(values, name) ? String(values[name] ?? '') : written,
  );
}

/** The message of `key` in the active language, else English, else the key itself; by `count`'s plural form when given. */
function message(key: string, values: Values | undefined, count?: number): string {
  for (const locale of [i18n.locale, 'en'] as const) {
    const catalogue = catalogues[locale];
    if (!catalogue) continue;
    const found =
      count === undefined
        ? catalogue[key]
        : (catalogue[`${key}_${pluralOf(locale, count)}`] ?? catalogue[`${key}_other`] ?? catalogue[key]);
    if (found !== undefined) return fill(found, values);
  }
  return key;
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

/** The message for `key` in the active language, with its values put in. */
export function t(key: MessageKey, values?: Values): string {
  return message(key, values);
}

/** The message for a count ("1 block", "3 blocks"), by the active language's plural rules. */
export function tCount(key: CountKey, count: number, values?: Values): string {
  return message(key, { ...values, count }, count);
}

function stored(): string | null {
  try {
    return localStorage.getItem(LANGUAGE_STORAGE_KEY);
  } catch {
    return null;
  }
}

/** Makes `locale` the active language: loads its messages if needed, remembers the choice and sets `<html lang>`. */
export async function setLanguage(locale: string, remember = true): Promise<void> {
  if (!acceptable(locale)) return;
  if (locale !== 'en' && !catalogues[locale]) catalogues[locale] = await loaders[locale]();
  i18n.locale = locale;
  document.documentElement.lang = LOCALE_TAGS[locale];
  if (remember) {
    try {
      localStorage.setItem(LANGUAGE_STORAGE_KEY, locale);
    } catch {
      // Storage refused (a locked-down profile): the choice holds until the window closes.
    }
  }
}

/** At start: the remembered choice, else the first of the browser's (the OS's) languages the app has. */
export async function startLanguage(): Promise<void> {
  const remembered = stored();
  if (acceptable(remembered)) return setLanguage(remembered, false);
  return setLanguage(matchLanguage(typeof navigator !== 'undefined' ? navigator.languages : []), false);
}

export { LANGUAGES, type Language, type Locale };
