/**
 * The page's translator (renderer/src/i18n/translate.ts): values put in, a count's message chosen by the language's
 * plural rules, English where a language lacks a key, the key where no catalogue has it; and on the real catalogues,
 * every count message of every language resolves with its count in.
 */
import { describe, expect, it } from 'vitest';
import en from '../../renderer/src/i18n/messages/en.ts';
import ko from '../../renderer/src/i18n/messages/ko.ts';
import zh from '../../renderer/src/i18n/messages/zh.ts';
import { pseudoCatalogue } from '../../renderer/src/i18n/pseudo.ts';
import { fill, Translator } from '../../renderer/src/i18n/translate.ts';

describe('the translator', () => {
  const translator = new Translator('en');
  translator.add('en', {
    greet: 'Hello {{name}}, {{n}} new',
    item_one: '{{count}} item',
    item_other: '{{count}} items',
    only_other: '{{count}} only',
    english: 'English only',
  });
  translator.add('ko', { greet: '{{name}}님, 새 항목 {{n}}개', item_one: '항목 {{count}}개 (one)', item_other: '항목 {{count}}개' });
  translator.add('pl', { item_one: '{{count}} element', item_few: '{{count}} elementy', item_other: '{{count}} elementów' });

  it('puts values in, once, and leaves an unknown name as written', () => {
    expect(translator.translate('en', 'greet', { name: 'Ana', n: 3 })).toBe('Hello Ana, 3 new');
    // A value's own braces are not read again.
    expect(translator.translate('en', 'greet', { name: '{{n}}', n: 3 })).toBe('Hello {{n}}, 3 new');
    expect(translator.translate('en', 'greet', { name: 'Ana' })).toBe('Hello Ana, {{n}} new');
    expect(translator.translate('en', 'greet')).toBe('Hello {{name}}, {{n}} new');
    expect(fill('{{a}}{{a}} {{b}}', { a: 0, b: '' })).toBe('00 ');
  });

  it('chooses a count’s message by the language’s plural rules (Intl.PluralRules)', () => {
    expect([0, 1, 2, 1.5].map((n) => translator.translateCount('en', 'item', n))).toEqual(['0 items', '1 item', '2 items', '1.5 items']);
    // Korean has one form: 1 takes the "other" message, never the one written for English's "one".
    expect(translator.translateCount('ko', 'item', 1)).toBe('항목 1개');
    // A language with more forms than English (Polish: few for 2–4).
    expect([1, 3, 5].map((n) => translator.translateCount('pl', 'item', n))).toEqual(['1 element', '3 elementy', '5 elementów']);
    // A form the catalogue does not write falls to "other".
    expect(translator.translateCount('en', 'only', 1)).toBe('1 only');
    expect(translator.translateCount('en', 'item', 2, { count: 7 })).toBe('2 items');
  });

  it('takes a key a language lacks from English, and shows a key no catalogue has as itself', () => {
    expect(translator.translate('ko', 'english')).toBe('English only');
    expect(translator.translate('zh', 'greet', { name: 'A', n: 1 })).toBe('Hello A, 1 new');
    expect(translator.translate('ko', 'no.such.key')).toBe('no.such.key');
    expect(translator.knows('ko', 'english')).toBe(true);
    expect(translator.knows('ko', 'no.such.key')).toBe(false);
    // Never an object's inherited member.
    expect(translator.translate('en', 'constructor')).toBe('constructor');
    expect(translator.knows('en', 'toString')).toBe(false);
    expect(translator.has('zh')).toBe(false);
  });

  it('adds to a language’s catalogue (the rest of English after the first paint)', () => {
    const t = new Translator('en');
    t.add('en', { a: 'A' });
    expect(t.translate('en', 'b')).toBe('b');
    t.add('en', { b: 'B' });
    expect([t.translate('en', 'a'), t.translate('en', 'b')]).toEqual(['A', 'B']);
  });

  it('resolves every count message of the real catalogues, in each language, with its count in', () => {
    const t = new Translator('en');
    const catalogues: Record<string, Record<string, string>> = { en, ko, zh, 'en-XA': pseudoCatalogue(en) };
    for (const [locale, messages] of Object.entries(catalogues)) t.add(locale, messages);
    const countKeys = Object.keys(en)
      .filter((k) => k.endsWith('_other'))
      .map((k) => k.slice(0, -'_other'.length));
    expect(countKeys.length).toBeGreaterThan(20);
    for (const locale of Object.keys(catalogues)) {
      for (const key of countKeys) {
        for (const n of [1, 2]) {
          const text = t.translateCount(locale, key, n);
          const message = catalogues[locale]![`${key}_${locale === 'en' || locale === 'en-XA' ? (n === 1 ? 'one' : 'other') : 'other'}`]!;
          expect(text, `${locale} ${key} ${n}`).toBe(message.replaceAll('{{count}}', String(n)));
        }
      }
    }
  });
});
