import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import type { Plugin } from 'vite';

/** Ships a folder of data files (migrations, packs) beside the main bundle, where db/ looks for them. */
function emitFolder(from: string, to: string, ext: string): Plugin {
  return {
    name: `emit-${to}`,
    generateBundle() {
      for (const file of readdirSync(from).filter((f) => f.endsWith(ext))) {
        this.emitFile({ type: 'asset', fileName: `${to}/${file}`, source: readFileSync(join(from, file)) });
      }
    },
  };
}

/** Build output folder; TRADEBRIEF_OUT lets parallel work build side by side. */
const out = resolve(process.env['TRADEBRIEF_OUT'] ?? 'out');

export default defineConfig({
  main: {
    build: {
      outDir: join(out, 'main'),
      // Two entries: the app, and the import worker thread (db/imports/jobs.ts loads out/main/import-worker.js).
      lib: { entry: { index: resolve('electron/main/index.ts'), 'import-worker': resolve('db/imports/worker.ts') } },
      externalizeDeps: true,
    },
    plugins: [emitFolder('db/migrations', 'migrations', '.sql'), emitFolder('db/packs', 'packs', '.json')],
  },
  preload: {
    build: {
      outDir: join(out, 'preload'),
      lib: { entry: resolve('electron/preload/index.ts') },
      // A sandboxed preload must be a single CommonJS file.
      rolldownOptions: { output: { format: 'cjs', entryFileNames: '[name].cjs' } },
      externalizeDeps: false,
    },
  },
  renderer: {
    root: resolve('renderer'),
    base: './',
    build: {
      outDir: join(out, 'renderer'),
      rolldownOptions: { input: resolve('renderer/index.html') },
      sourcemap: false,
      // electron-vite leaves the renderer unminified; minified, it parses in about half the time,
      // which every window and every printed page pays.
      minify: true,
    },
    plugins: [svelte({ configFile: resolve('svelte.config.js') })],
  },
});
