/**
 * Whether the built renderer (what the HTTP host serves) is older than the code it is built from, so
 * that a command can build only when something changed. Its inputs: renderer/, db/ (the pure modules
 * and types the renderer imports; the HTTP host's own code never reaches the page) and the build's
 * configuration and lock file. Judged by modification times, conservatively: a file touched but not
 * changed costs one build, never a stale print.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

const SOURCE_FOLDERS = ['renderer', 'db'];
const SOURCE_FILES = ['electron.vite.config.ts', 'svelte.config.js', 'tsconfig.web.json', 'tsconfig.base.json', 'package-lock.json'];
/** Folders under the source folders that are not the renderer's input. */
const NOT_INPUT = new Set(['node_modules', join('db', 'http-host'), join('db', 'migrations')]);

/** The most recently modified input file under `root`, or null if there is none. */
export function newestSource(root: string): { file: string; mtimeMs: number } | null {
  let newest: { file: string; mtimeMs: number } | null = null;
  const consider = (file: string): void => {
    const mtimeMs = statSync(file).mtimeMs;
    if (!newest || mtimeMs > newest.mtimeMs) newest = { file, mtimeMs };
  };
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!NOT_INPUT.has(relative(root, path)) && entry.name !== 'node_modules') walk(path);
      } else if (entry.isFile()) consider(path);
    }
  };
  for (const folder of SOURCE_FOLDERS) if (existsSync(join(root, folder))) walk(join(root, folder));
  for (const file of SOURCE_FILES) if (existsSync(join(root, file))) consider(join(root, file));
  return newest;
}

/** Why the renderer in `rendererDir` must be built again (no build, or a source newer than it), or null when it is current. */
export function rendererBuildOutdated(root: string, rendererDir: string): string | null {
  const index = join(rendererDir, 'index.html');
  if (!existsSync(index)) return `no built renderer in ${rendererDir}`;
  const newest = newestSource(root);
  const builtMs = statSync(index).mtimeMs;
  if (newest && newest.mtimeMs > builtMs) return `${relative(root, newest.file)} changed since the last build`;
  return null;
}
