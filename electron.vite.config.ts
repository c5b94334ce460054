import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
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

/**
 * Lists the project's files the renderer bundle was built from (db/http-host/renderer-build.ts reads it), so that
 * `npm run print` builds again only when one of them changed.
 */
function recordInputs(file: string): Plugin {
  return {
    name: 'record-renderer-inputs',
    writeBundle(_options, bundle) {
      const root = resolve('.');
      const files = new Set<string>();
      for (const output of Object.values(bundle)) {
        if (output.type !== 'chunk') continue;
        for (const id of output.moduleIds) {
          if (id.startsWith('\0')) continue;
          const path = relative(root, id.split('?')[0] ?? id);
          if (path === '' || path.startsWith('..') || isAbsolute(path) || path.split(/[\\/]/).includes('node_modules')) continue;
          files.add(path.split('\\').join('/'));
        }
      }
      writeFileSync(file, `${JSON.stringify([...files].sort(), null, 1)}\n`);
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
      rolldownOptions: {
        input: resolve('renderer/index.html'),
        // zod validates the editors' forms (the Data view): in a chunk of its own it is not part of the first
        // paint unless the shell's own modules call it.
        output: {
          codeSplitting: {
            groups: [
              { name: 'zod', test: /node_modules[\\/]zod[\\/]/ },
              {
                name: 'first-view',
                test: /(SourceRef|ClaimsList|HeadlineTiles|GrowthLine|ExportData|AsyncState)\.svelte|lib[\\/]claims\.ts|resource\.svelte\.ts|keep-on-screen\.ts|core-messages-claims\.ts|core-keys\.ts|common[\\/]dashboards\.ts/,
              },
            ],
          },
        },
      },
      sourcemap: false,
      // electron-vite leaves the renderer unminified; minified, it parses in about half the time,
      // which every window and every printed page pays.
      minify: true,
    },
    plugins: [svelte({ configFile: resolve('svelte.config.js') }), recordInputs(join(out, 'renderer-inputs.json'))],
  },
});
