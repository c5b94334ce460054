/**
 * The English messages the first paint loads (renderer/src/i18n/messages/en-first.ts, in the shell's bundle) hold every
 * key the first paint's sources use; the rest of English (en.ts) loads after it, before any other view. Each check
 * also runs on a broken sample to show that it fails.
 */
import { describe, expect, it } from 'vitest';
import en from '../../renderer/src/i18n/messages/en.ts';
import first from '../../renderer/src/i18n/messages/en-first.ts';
import { firstPaintSources, keysUsed, readSource, staticSpecifiers } from '../support/renderer-sources.ts';

/** Keys the files use that `catalogue` (the first paint's messages) lacks. */
function lacking(catalogue: Record<string, string>, files: { text: string }[]): string[] {
  return keysUsed(en, files).filter((key) => !(key in catalogue));
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

  it('are English’s own, and English is the first paint’s and the rest', () => {
    for (const [key, value] of Object.entries(first)) expect(en[key as keyof typeof en], key).toBe(value);
    expect(Object.keys(first).length).toBeLessThan(Object.keys(en).length / 2);
  });
});
