/**
 * The renderer's sources as the tests read them: which files the first paint runs, found from the sources (no build
 * needed): the entry (renderer/src/main.ts) and the first view (views/overview/OverviewView.svelte) with everything
 * they import statically, the project's own files only (a dynamic `import()` loads later; `import type` loads
 * nothing); and which message keys sources use.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');
export const FIRST_PAINT_ROOTS = ['renderer/src/main.ts', 'renderer/src/views/overview/OverviewView.svelte'];

/** The relative specifiers a file imports for its values. */
export function staticSpecifiers(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/(?:^|[\n;])\s*(import|export)\s+(type\s+)?(?:([\w${},\s*]*?)\s+from\s+)?['"](\.[^'"]+)['"]/g)) {
    const typeOnly = m[2] !== undefined || (m[1] === 'export' && m[3] === undefined);
    if (!typeOnly) out.push(m[4]!);
  }
  return out;
}

/** The first paint's source files, relative to the project (e.g. `renderer/src/App.svelte`, `db/common/dates.ts`). */
export function firstPaintSources(roots: readonly string[] = FIRST_PAINT_ROOTS): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(join(ROOT, file), 'utf8');
    for (const spec of staticSpecifiers(text)) {
      const target = resolve(dirname(join(ROOT, file)), spec);
      if (!/\.(ts|svelte|js)$/.test(target) || !existsSync(target)) continue;
      visit(relative(ROOT, target).split('\\').join('/'));
    }
  };
  for (const root of roots) visit(root);
  return seen;
}

export function readSource(file: string): string {
  return readFileSync(join(ROOT, file), 'utf8');
}

/** Message keys written in sources: t('…'), tCount('…'), quoted keys in maps, and `prefix.${…}` families. */
export function keyUsage(files: { text: string }[]): { literals: Set<string>; called: Set<string>; prefixes: Set<string> } {
  const literals = new Set<string>();
  const called = new Set<string>();
  const prefixes = new Set<string>();
  for (const { text } of files) {
    for (const m of text.matchAll(/['"]([a-zA-Z]+(?:\.[a-zA-Z0-9_]+)+)['"]/g)) literals.add(m[1]!);
    for (const m of text.matchAll(/\bt(?:Count)?\(\s*['"]([^'"]+)['"]/g)) called.add(m[1]!);
    for (const m of text.matchAll(/`([a-zA-Z]+(?:\.[a-zA-Z0-9_]+)*\.)\$\{/g)) prefixes.add(m[1]!);
  }
  return { literals, called, prefixes };
}

/** The keys of `catalogue` the sources use (a count key by its base, a family by its prefix). */
export function keysUsed(catalogue: Record<string, string>, files: { text: string }[]): string[] {
  const { literals, prefixes } = keyUsage(files);
  return Object.keys(catalogue).filter((key) => {
    const base = key.replace(/_(one|other)$/, '');
    if (literals.has(key) || literals.has(base)) return true;
    return [...prefixes].some((p) => key.startsWith(p) && !key.slice(p.length).includes('.'));
  });
}
