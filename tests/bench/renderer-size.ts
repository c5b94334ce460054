/**
 * Benchmark (prints figures, asserts nothing): the built renderer's JavaScript, gzipped (level 9), chunk by
 * chunk; the total; and what the first paint of the app loads: the entry script with its static imports, and
 * the first view's chunk (the Overview, loaded while the data connection is made: renderer/src/main.ts) with
 * its static imports.
 *
 *   npm run bench:bundle      (reads the build in TRADEBRIEF_OUT or out/: npm run build first)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { requireBuiltRenderer } from '../support/build-output.ts';
import { firstPaintScripts } from '../support/first-paint.ts';

const dir = join(requireBuiltRenderer(), 'assets');
const scripts = readdirSync(dir).filter((f) => f.endsWith('.js'));
const gz = new Map(scripts.map((f) => [f, gzipSync(readFileSync(join(dir, f)), { level: 9 }).length]));
const raw = new Map(scripts.map((f) => [f, readFileSync(join(dir, f)).length]));

const firstPaint = firstPaintScripts(join(dir, '..'));

const kb = (n: number): string => `${(n / 1024).toFixed(1)} KB`;
const sum = (files: Iterable<string>): number => [...files].reduce((a, f) => a + (gz.get(f) ?? 0), 0);
console.log(`Renderer JavaScript in ${dir} (gzip -9)\n`);
for (const f of [...scripts].sort((a, b) => gz.get(b)! - gz.get(a)!)) {
  console.log(
    `${f.padEnd(36)} ${kb(gz.get(f)!).padStart(9)} gz  ${kb(raw.get(f)!).padStart(9)} raw${firstPaint.has(f) ? '  (first paint)' : ''}`,
  );
}
console.log(`\ntotal: ${kb(sum(scripts))} gzipped in ${scripts.length} chunks (target ≤ 150 KB)`);
// The total counts every language's chunk; a window loads the one it shows (i18n/i18n.svelte.ts loads the others on a switch).
const languages = scripts.filter((f) => /^(ko|zh|pseudo)-/.test(f));
const largest = Math.max(0, ...languages.map((f) => gz.get(f)!));
console.log(
  `of which languages other than English, each loaded only when chosen: ${languages.map((f) => `${f.split('-')[0]} ${kb(gz.get(f)!)}`).join(', ')}; ` +
    `a window in one language loads at most ${kb(sum(scripts) - sum(languages) + largest)}`,
);
console.log(`first paint: ${kb(sum(firstPaint))} gzipped: ${[...firstPaint].join(', ')} (target ≤ 35 KB)`);
