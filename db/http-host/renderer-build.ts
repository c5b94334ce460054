/**
 * Whether the built renderer (what the HTTP host serves) is older than the code it is built from, so
 * that a command can build only when something changed. Its inputs: everything under renderer/, the
 * project files the bundle was made of (listed by the build in `renderer-inputs.json` beside the
 * renderer folder: the db/ modules the page imports), and the build's configuration and lock file.
 * Without that list (a build made before it existed), every file of db/ but the HTTP host's own code
 * and the migrations counts. Judged by modification times: a file touched but not changed costs one
 * build, never a stale print.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Written by the renderer build (electron.vite.config.ts), beside the renderer folder. */
export const INPUTS_FILE = 'renderer-inputs.json';

const CONFIG_FILES = ['electron.vite.config.ts', 'svelte.config.js', 'tsconfig.web.json', 'tsconfig.base.json', 'package-lock.json'];
/** Folders of db/ that never reach the page, when the build did not list its inputs. */
const NOT_INPUT = new Set([join('db', 'http-host'), join('db', 'migrations')]);

interface Newest {
  file: string;
  mtimeMs: number;
}

function filesUnder(root: string, folder: string, skip: ReadonlySet<string> = new Set()): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && !skip.has(relative(root, path))) walk(path);
      } else if (entry.isFile()) found.push(path);
    }
  };
  if (existsSync(join(root, folder))) walk(join(root, folder));
  return found;
}

/** The renderer's input files under `root`: listed by the build in `inputsFile` when it did, else found by folder. */
export function rendererInputs(root: string, inputsFile: string): string[] {
  const config = CONFIG_FILES.map((file) => join(root, file)).filter((file) => existsSync(file));
  const renderer = filesUnder(root, 'renderer');
  if (!existsSync(inputsFile)) return [...renderer, ...filesUnder(root, 'db', NOT_INPUT), ...config];
  const listed = (JSON.parse(readFileSync(inputsFile, 'utf8')) as string[]).map((file) => join(root, file));
  return [...new Set([...renderer, ...listed, ...config])];
}

/** The most recently modified of `files`; a file that is gone counts as changed now. */
export function newestOf(files: readonly string[]): Newest | null {
  let newest: Newest | null = null;
  for (const file of files) {
    const mtimeMs = existsSync(file) ? statSync(file).mtimeMs : Number.POSITIVE_INFINITY;
    if (!newest || mtimeMs > newest.mtimeMs) newest = { file, mtimeMs };
  }
  return newest;
}

/** Why the renderer in `rendererDir` must be built again (no build, a source newer than it or gone), or null when it is current. */
export function rendererBuildOutdated(root: string, rendererDir: string): string | null {
  const index = join(rendererDir, 'index.html');
  if (!existsSync(index)) return `no built renderer in ${rendererDir}`;
  const newest = newestOf(rendererInputs(root, join(dirname(rendererDir), INPUTS_FILE)));
  if (!newest || newest.mtimeMs <= statSync(index).mtimeMs) return null;
  const name = relative(root, newest.file);
  return newest.mtimeMs === Number.POSITIVE_INFINITY ? `${name} is gone since the last build` : `${name} changed since the last build`;
}
