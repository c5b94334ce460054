/**
 * What the first paint of the app loads from a built renderer: the entry script with its static imports, and the
 * first view's chunk (the Overview, loaded while the data connection is made: renderer/src/main.ts) with its static
 * imports. Shared by the bundle benchmark and the bundle test.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A chunk's static imports (`import … from "./x.js"`, `import "./x.js"`), not its dynamic `import("./x.js")`. */
function staticImports(assets: string, file: string): string[] {
  const code = readFileSync(join(assets, file), 'utf8');
  return [...code.matchAll(/(?<![.\w$])import\s*(?:[\w${},\s*]*?from\s*)?["']\.\/([\w.-]+\.js)["']/g)].map((m) => m[1]!);
}

function closure(assets: string, file: string, into: Set<string>): Set<string> {
  if (into.has(file)) return into;
  into.add(file);
  for (const dep of staticImports(assets, file)) closure(assets, dep, into);
  return into;
}

/** The first paint's scripts, by file name in `<renderer>/assets`. */
export function firstPaintScripts(renderer: string): Set<string> {
  const assets = join(renderer, 'assets');
  const html = readFileSync(join(renderer, 'index.html'), 'utf8');
  const entry = /<script[^>]*src="\.\/assets\/([\w.-]+\.js)"/.exec(html)?.[1];
  // The first view a window opens on (views/overview/OverviewView.svelte).
  const firstView = readdirSync(assets).find((f) => f.startsWith('OverviewView-') && f.endsWith('.js'));
  if (!entry || !firstView) throw new Error('entry script or Overview chunk not found in the build');
  return closure(assets, firstView, closure(assets, entry, new Set()));
}
