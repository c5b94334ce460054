/**
 * The message catalogues, checked as part of `npm test`: English, Korean and Chinese have the same keys; every key
 * the sources use exists and every key exists because a source uses it; values ({{name}}) agree across languages;
 * translations follow the glossary; Chinese uses only characters the bundled Chinese font holds; the menu's words
 * are complete in each language. Each check also runs on a broken sample to show that it fails.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../db/common/languages.ts';
import { printSummary } from '../../db/common/dashboard-filters.ts';
import { PRINTABLE_DASHBOARDS } from '../../db/common/paper.ts';
import { MAIN_MESSAGES } from '../../electron/main/messages.ts';
import en from '../../renderer/src/i18n/messages/en.ts';
import ko from '../../renderer/src/i18n/messages/ko.ts';
import zh from '../../renderer/src/i18n/messages/zh.ts';
import { pseudoCatalogue, pseudoLocalize } from '../../renderer/src/i18n/pseudo.ts';
import glossary from '../../renderer/src/i18n/glossary.json';
import { HS_CHAPTERS, SECTOR_NAMES } from '../../renderer/src/i18n/sectors.ts';
import { keysUsed, keyUsage } from '../support/renderer-sources.ts';

type Catalogue = Record<string, string>;
const CATALOGUES: Record<string, Catalogue> = { en, ko, zh };
const ROOT = join(import.meta.dirname, '..', '..');

/** The renderer's sources, catalogues aside: where keys are used. */
function sources(): { file: string; text: string }[] {
  const dir = join(ROOT, 'renderer', 'src');
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|svelte)$/.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .filter((path) => !relative(dir, path).startsWith(join('i18n', 'messages')))
    .map((path) => ({ file: relative(ROOT, path), text: readFileSync(path, 'utf8') }));
}

/** Keys missing from any catalogue, or present in one only. */
function keyDifferences(catalogues: Record<string, Catalogue>): string[] {
  const all = new Set(Object.values(catalogues).flatMap((c) => Object.keys(c)));
  return [...all].flatMap((key) =>
    Object.entries(catalogues)
      .filter(([, c]) => !(key in c))
      .map(([lang]) => `${lang} lacks ${key}`),
  );
}

function unusedKeys(catalogue: Catalogue, files: { text: string }[]): string[] {
  const used = new Set(keysUsed(catalogue, files));
  return Object.keys(catalogue).filter((key) => !used.has(key));
}

function missingKeys(catalogue: Catalogue, files: { text: string }[]): string[] {
  return [...keyUsage(files).called].filter((key) => !(key in catalogue) && !(`${key}_other` in catalogue));
}

const placeholders = (text: string): string => [...new Set([...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]!))].sort().join(',');

function placeholderDifferences(catalogues: Record<string, Catalogue>): string[] {
  const reference = catalogues['en']!;
  return Object.entries(catalogues).flatMap(([lang, c]) =>
    Object.keys(reference)
      .filter((key) => key in c && placeholders(c[key]!) !== placeholders(reference[key]!))
      .map((key) => `${lang} ${key}: {{${placeholders(c[key]!)}}} where English has {{${placeholders(reference[key]!)}}}`),
  );
}

interface Term {
  id: string;
  match: string;
  ko: string;
  zh: string;
}

/** Messages whose English uses a glossary term and whose translation does not use the glossary's term for it. */
function glossaryMisses(terms: Term[], catalogues: Record<string, Catalogue>): string[] {
  const reference = catalogues['en']!;
  return terms.flatMap((term) => {
    const pattern = new RegExp(term.match, 'i');
    return Object.keys(reference)
      .filter((key) => pattern.test(reference[key]!.replace(/\{\{\w+\}\}/g, '')))
      .flatMap((key) =>
        (['ko', 'zh'] as const)
          .filter((lang) => catalogues[lang] && !catalogues[lang][key]!.includes(term[lang]))
          .map((lang) => `${lang} ${key}: “${catalogues[lang]![key]}” should use ${term[lang]} (glossary: ${term.id})`),
      );
  });
}

/** The characters the bundled Chinese font holds (build/subset-cjk-font.py): GB 2312 level 1 and the packs' own. */
function chineseFontCharacters(): Set<string> {
  const kept = new Set<string>();
  const gb = new TextDecoder('gb18030');
  for (let hi = 0xb0; hi < 0xd8; hi++) for (let lo = 0xa1; lo < 0xff; lo++) kept.add(gb.decode(new Uint8Array([hi, lo])));
  const packs = join(ROOT, 'db', 'packs');
  for (const file of readdirSync(packs).filter((f) => f.endsWith('.json')))
    for (const c of readFileSync(join(packs, file), 'utf8')) kept.add(c);
  return kept;
}

/** The built-in sectors' names and HS chapter titles, in one language. */
const sectorWords = (lang: 'ko' | 'zh'): string[] => [...Object.values(SECTOR_NAMES), ...Object.values(HS_CHAPTERS)].map((w) => w[lang]);

/** A message of main's as text: a function is called with sample values. */
const said = (v: unknown): string => (typeof v === 'function' ? (v as (...values: string[]) => string)('X', 'Y') : String(v));

const han = (text: string): string[] => [...text].filter((c) => /\p{Script=Han}/u.test(c));

describe('message catalogues', () => {
  const files = sources();

  it('English, Korean and Chinese have the same keys, none empty', () => {
    expect(keyDifferences(CATALOGUES)).toEqual([]);
    expect(Object.keys(en).length).toBeGreaterThan(100);
    for (const [lang, c] of Object.entries(CATALOGUES))
      expect(
        Object.entries(c)
          .filter(([, v]) => v.trim() === '')
          .map(([k]) => `${lang} ${k}`),
      ).toEqual([]);
    expect(keyDifferences({ en: { a: 'A', b: 'B' }, ko: { a: '가' } })).toEqual(['ko lacks b']);
  });

  it('every key used in the renderer exists, and every key is used', () => {
    expect(missingKeys(en, files)).toEqual([]);
    expect(unusedKeys(en, files)).toEqual([]);
    // The checks fail on a key nobody uses and on a call to a key no catalogue has.
    expect(unusedKeys({ ...en, 'shell.neverUsed': 'x' }, files)).toEqual(['shell.neverUsed']);
    expect(missingKeys(en, [{ text: "t('shell.notThere')" }])).toEqual(['shell.notThere']);
  });

  it('each message has the same values ({{name}}) in every language', () => {
    expect(placeholderDifferences(CATALOGUES)).toEqual([]);
    expect(placeholderDifferences({ en: { a: 'Hi {{name}}' }, zh: { a: '你好' } })).toEqual(['zh a: {{}} where English has {{name}}']);
  });

  it('Korean and Chinese are translated (no message left in English but the name of the app)', () => {
    const same = (lang: string) =>
      Object.keys(en).filter(
        (k) => CATALOGUES[lang]![k] === en[k as keyof typeof en] && !k.startsWith('app.') && /[a-z]{3}/i.test(en[k as keyof typeof en]),
      );
    expect(same('ko')).toEqual([]);
    expect(same('zh')).toEqual([]);
  });

  it('translations use the glossary terms', () => {
    const terms = glossary.terms as Term[];
    expect(terms.length).toBeGreaterThanOrEqual(20);
    expect(glossaryMisses(terms, CATALOGUES)).toEqual([]);
    // Main's words (menu and dialogs) too.
    const menu = Object.fromEntries(
      LANGUAGES.map((l) => [l, Object.fromEntries(Object.entries(MAIN_MESSAGES[l]).map(([k, v]) => [k, said(v)]))]),
    );
    expect(glossaryMisses(terms, menu)).toEqual([]);
    // A translation with another word for "surplus" fails.
    expect(glossaryMisses(terms, { en: { s: 'Surplus' }, ko: { s: '잉여' }, zh: { s: '顺差' } })).toEqual([
      'ko s: “잉여” should use 흑자 (glossary: surplus)',
    ]);
  });

  it('every glossary term has both translations and, unless the term is the app’s own, a source', () => {
    const known = new Set(Object.keys(glossary.sources));
    for (const term of glossary.terms as (Term & { source: string[]; own?: boolean })[]) {
      expect(term.ko && term.zh, term.id).toBeTruthy();
      expect(() => new RegExp(term.match, 'i'), term.id).not.toThrow();
      for (const s of term.source) expect(known, `${term.id}: ${s}`).toContain(s);
      if (!term.own && term.id !== 'source' && term.id !== 'cooperation-project' && term.id !== 'export-plan')
        expect(term.source.length, term.id).toBeGreaterThan(0);
    }
  });

  it('Chinese uses only characters of the bundled Chinese font; Korean writes no hanja (sector and HS chapter names too)', () => {
    const kept = chineseFontCharacters();
    expect(kept.size).toBeGreaterThan(3755);
    const zhText = [...Object.values(zh), ...Object.values(MAIN_MESSAGES.zh).map(said), ...sectorWords('zh')].join('');
    expect([...new Set(han(zhText))].filter((c) => !kept.has(c))).toEqual([]);
    const koText = [...Object.values(ko), ...Object.values(MAIN_MESSAGES.ko).map(said), ...sectorWords('ko')].join('');
    expect(han(koText)).toEqual([]);
    // 鑫 (GB 2312 level 2) is not in the font: the check sees it.
    expect(kept.has('鑫')).toBe(false);
  });

  it('main (menu and dialogs) has every word in every language', () => {
    const keys = (l: (typeof LANGUAGES)[number]) => Object.keys(MAIN_MESSAGES[l]).sort();
    expect(keys('ko')).toEqual(keys('en'));
    expect(keys('zh')).toEqual(keys('en'));
  });

  it("every dashboard's print summary heading is in the catalogue (the page shows it in the interface's language)", () => {
    const known = new Set(
      Object.entries(en)
        .filter(([key]) => key.startsWith('summary.') || key.startsWith('dashboard.'))
        .map(([, v]) => v),
    );
    const headings = PRINTABLE_DASHBOARDS.flatMap((id) =>
      printSummary(id, {})
        .blocks.map((b) => (b.config as { heading?: string }).heading)
        .filter((h): h is string => h !== undefined),
    );
    expect(headings.length).toBeGreaterThan(5);
    expect(headings.filter((h) => !known.has(h))).toEqual([]);
  });

  it('the pseudo-locale is accented, about 40 % longer, and keeps values', () => {
    const p = pseudoLocalize('Delete “{{title}}”');
    expect(p).toContain('{{title}}');
    expect(p).toMatch(/Délété/);
    const pseudo = pseudoCatalogue(en);
    const ratio = Object.values(pseudo).join('').length / Object.values(en).join('').length;
    expect(ratio).toBeGreaterThan(1.35);
    expect(placeholderDifferences({ en, 'en-XA': pseudo })).toEqual([]);
  });
});
