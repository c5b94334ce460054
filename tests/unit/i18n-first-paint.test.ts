/**
 * The English messages the first paint loads (renderer/src/i18n/messages/en-first.ts, in the shell's bundle) hold every
 * key the first paint's sources use, and of the data core's messages (keys `core.<code>`) those its first view's data
 * carries (checked claims); the rest of English (en.ts) loads after it, before any other view. Each check also runs on
 * a broken sample to show that it fails.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import en from '../../renderer/src/i18n/messages/en.ts';
import first from '../../renderer/src/i18n/messages/en-first.ts';
import { CORE_MESSAGES } from '../../db/common/core-messages.ts';
import { firstPaintSources, keysUsed, readSource, staticSpecifiers } from '../support/renderer-sources.ts';

/** Keys the files use that `catalogue` (the first paint's messages) lacks; the core's family `core.` is checked apart. */
function lacking(catalogue: Record<string, string>, files: { text: string }[]): string[] {
  const pageKeys = Object.fromEntries(Object.entries(en).filter(([key]) => !key.startsWith('core.')));
  return keysUsed(pageKeys, files).filter((key) => !(key in catalogue));
}

/** The core's codes written in `files` (quoted) whose keys `catalogue` lacks. */
function lackingCore(catalogue: Record<string, string>, files: { text: string }[]): string[] {
  const text = files.map((f) => f.text).join('\n');
  return Object.keys(CORE_MESSAGES).filter((code) => text.includes(`'${code}'`) && !(`core.${code}` in catalogue));
}

/**
 * The data core's files that make what the first view (the Overview) shows: its model and its checked claims, whose
 * readings carry coded messages; and the writer, which nests its own codes (a list's join, an amount). Errors are
 * coded too but travel with their English, which the page shows until the rest of English has loaded.
 */
function overviewCoreSources(): { text: string }[] {
  const folders = ['db/overview', 'db/claims'];
  const files = folders.flatMap((folder) => readdirSync(join(import.meta.dirname, '..', '..', folder)).map((name) => `${folder}/${name}`));
  return [...files.filter((f) => f.endsWith('.ts')), 'db/common/core-writing.ts'].map((f) => ({ text: readSource(f) }));
}

describe('the first paint’s English messages', () => {
  const files = [...firstPaintSources()];

  it('are found from the entry and the first view, through static imports only', () => {
    expect(files).toEqual(expect.arrayContaining(['renderer/src/App.svelte', 'renderer/src/i18n/messages/en-first.ts']));
    // The other views and the rest of English load later.
    expect(files.filter((f) => /views\/(?!overview\/|registry|view-list)/.test(f) || f.endsWith('messages/en.ts'))).toEqual([]);
    expect(
      staticSpecifiers(
        "import type { A } from './a.ts';\nimport { b } from './b.ts';\nconst c = import('./c.ts');\nexport * from './d.ts';",
      ),
    ).toEqual(['./b.ts', './d.ts']);
  });

  it('hold every key the first paint uses', () => {
    const sources = files.filter((f) => !f.includes('i18n/messages/')).map((f) => ({ text: readSource(f) }));
    expect(lacking(first, sources)).toEqual([]);
    // A key of a later view used by the shell would be missing at the first paint: the check sees it.
    expect(lacking(first, [...sources, { text: "t('partners.what')" }])).toEqual(['partners.what']);
  });

  it('hold the data core’s messages the first view’s data carries', () => {
    const sources = overviewCoreSources();
    expect(lackingCore(first, sources)).toEqual([]);
    // The claims' readings and the writer's words are found, and the core's other messages are left to en.ts.
    const firstCore = Object.keys(first).filter((key) => key.startsWith('core.'));
    expect(firstCore).toEqual(
      expect.arrayContaining(['core.claimExportsTo', 'core.ruleRounding', 'core.importListJoin', 'core.usdAmount']),
    );
    expect(firstCore.length).toBeLessThan(Object.keys(CORE_MESSAGES).length / 4);
    // A reading that nests a message the first paint lacks would be seen.
    expect(lackingCore(first, [...sources, { text: "said('periodPartial', …)" }])).toEqual(['periodPartial']);
  });

  it('are English’s own, and English is the first paint’s and the rest', () => {
    for (const [key, value] of Object.entries(first)) expect(en[key as keyof typeof en], key).toBe(value);
    expect(Object.keys(first).length).toBeLessThan(Object.keys(en).length / 2);
  });
});
