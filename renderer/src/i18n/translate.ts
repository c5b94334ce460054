/**
 * The page's translator: catalogues by language, a message looked up by key with its `{{name}}` values put in, and a
 * count's message chosen by the language's plural rules (`key_one`, `key_other`, … from Intl.PluralRules). A key the
 * language lacks is taken from the fallback language (English), and a key no catalogue has is shown as itself. Plain
 * TypeScript with no state of its own beyond the catalogues: i18n.svelte.ts holds the active language.
 */

export type Catalogue = Readonly<Record<string, string>>;
export type Values = Readonly<Record<string, string | number>>;

export class Translator {
  private readonly catalogues = new Map<string, Record<string, string>>();
  private readonly pluralRules = new Map<string, Intl.PluralRules>();

  private readonly fallback: string;

  constructor(fallback: string) {
    this.fallback = fallback;
  }

  /** Adds `messages` to the language's catalogue (a key already there takes the new message). */
  add(locale: string, messages: Catalogue): void {
    this.catalogues.set(locale, { ...this.catalogues.get(locale), ...messages });
  }

  has(locale: string): boolean {
    return this.catalogues.has(locale);
  }

  /** Whether the language, or the fallback language, holds `key`. */
  knows(locale: string, key: string): boolean {
    return this.lookup(locale, key) !== undefined;
  }

  /** The message for `key` in `locale` with its values put in; the key itself where no catalogue has it. */
  translate(locale: string, key: string, values?: Values): string {
    const message = this.lookup(locale, key);
    return message === undefined ? key : fill(message, values);
  }

  /**
   * The message for a count: `key_<form>` by the language's plural rules, else `key_other`, in the language and then
   * in the fallback (by the fallback's own rules); `{{count}}` is the count.
   */
  translateCount(locale: string, key: string, count: number, values?: Values): string {
    const all = { ...values, count };
    for (const lang of locale === this.fallback ? [locale] : [locale, this.fallback]) {
      const messages = this.catalogues.get(lang);
      const message = own(messages, `${key}_${this.pluralForm(lang, count)}`) ?? own(messages, `${key}_other`);
      if (message !== undefined) return fill(message, all);
    }
    return this.translate(locale, key, all);
  }

  private lookup(locale: string, key: string): string | undefined {
    return own(this.catalogues.get(locale), key) ?? own(this.catalogues.get(this.fallback), key);
  }

  private pluralForm(locale: string, count: number): Intl.LDMLPluralRule {
    let rules = this.pluralRules.get(locale);
    if (!rules) {
      rules = new Intl.PluralRules(locale);
      this.pluralRules.set(locale, rules);
    }
    return rules.select(count);
  }
}

/** A catalogue's own message for `key` (never an Object prototype's member). */
function own(messages: Record<string, string> | undefined, key: string): string | undefined {
  return messages && Object.hasOwn(messages, key) ? messages[key] : undefined;
}

/** `{{name}}` replaced by its value, in one pass (a value's own braces are left as they are); an unknown name stays. */
export function fill(message: string, values?: Values): string {
  if (!values) return message;
  return message.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => {
    const value = Object.hasOwn(values, name) ? values[name] : undefined;
    return value === undefined ? whole : String(value);
  });
}
