import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { requireBuiltRenderer } from '../support/build-output.ts';
import { firstPaintScripts } from '../support/first-paint.ts';

describe('the renderer bundle', () => {
  const dir = requireBuiltRenderer();
  const scripts = readdirSync(join(dir, 'assets')).filter((f) => f.endsWith('.js'));
  const code = scripts.map((f) => readFileSync(join(dir, 'assets', f), 'utf8')).join('\n');

  it('was built', () => {
    expect(scripts.length).toBeGreaterThan(0);
    expect(code.length).toBeGreaterThan(10_000);
  });

  it('contains no SQLite, Node or Electron code', () => {
    for (const marker of [
      'better-sqlite3',
      'better_sqlite3',
      'node:fs',
      'node:path',
      'node:crypto',
      'require("fs")',
      'ipcRenderer',
      'CREATE TABLE',
      'PRAGMA ',
      'sqlite_schema',
    ]) {
      expect(code.includes(marker), `bundle contains ${marker}`).toBe(false);
    }
  });

  it('keeps zod out of the first paint (the shell lists the dashboards without their filter schemas)', () => {
    const first = [...firstPaintScripts(dir)];
    expect(first.length).toBeGreaterThan(1);
    // zod is bundled (the views and forms that validate load it)...
    expect(code).toContain('$ZodType');
    // ...but not by the entry or the Overview.
    for (const f of first) expect(readFileSync(join(dir, 'assets', f), 'utf8').includes('$ZodType'), `${f} holds zod`).toBe(false);
  });

  it('loads zod through its small entry only: the schemas the page runs are written with `zod/mini`', () => {
    // Each entry names its schema classes as a template literal: `ZodMiniString` for zod/mini, `ZodString` for the full entry.
    expect(code).toContain('`ZodMiniString`');
    expect(code.includes('`ZodString`'), "a chunk holds zod's full entry").toBe(false);
  });

  it('holds no Markdown reader and no HTML sanitiser: the data core reads notes into a tree the page draws as text', () => {
    // marked's emphasis rule and DOMPurify's option, names the minifier keeps.
    expect(code.includes('emStrongLDelim'), 'bundle holds marked').toBe(false);
    expect(code.includes('SAFE_FOR_TEMPLATES'), 'bundle holds DOMPurify').toBe(false);
  });

  it('loads the English messages of the first paint with it, and the rest of English after it', () => {
    const first = [...firstPaintScripts(dir)];
    const holding = (text: string) => scripts.filter((f) => readFileSync(join(dir, 'assets', f), 'utf8').includes(text));
    // The shell's "Skip to content" is in the first paint; the Partners view's lede is not.
    expect(holding('Skip to content').filter((f) => first.includes(f))).not.toEqual([]);
    const later = holding('trading partners in one year, ranked by exports');
    expect(later).not.toEqual([]);
    expect(later.filter((f) => first.includes(f))).toEqual([]);
  });

  it('loads, of the data core’s English, only the checked claims’ messages with the first paint, and the economies’ codes with a language that names them', () => {
    const first = [...firstPaintScripts(dir)];
    const holding = (text: string) => scripts.filter((f) => readFileSync(join(dir, 'assets', f), 'utf8').includes(text));
    const inFirst = (text: string) => holding(text).filter((f) => first.includes(f));
    // A claim's reading (the Overview shows it) is in the first paint; an import problem's sentence loads later.
    expect(inFirst("{{partner}}'s {{flows}}")).not.toEqual([]);
    expect(holding('a trade value cannot be negative')).not.toEqual([]);
    expect(inFirst('a trade value cannot be negative')).toEqual([]);
    // The ISO 3166 alpha-3 → alpha-2 table (i18n/economies.ts) loads with Korean or Chinese, never with English.
    expect(holding('ZWE:`ZW`').length + holding('ZWE:"ZW"').length).toBeGreaterThan(0);
    expect([...inFirst('ZWE:`ZW`'), ...inFirst('ZWE:"ZW"')]).toEqual([]);
  });

  it('loads no inline script (the CSP forbids it)', () => {
    const html = readFileSync(join(dir, 'index.html'), 'utf8');
    expect(html).toMatch(/script-src 'self'/);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });
});
