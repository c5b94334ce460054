import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { newestSource, rendererBuildOutdated } from '../../db/http-host/renderer-build.ts';
import { tempDir } from '../support/temp.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

/** A project tree with files at the given times (seconds since the epoch). */
function project(name: string, files: Record<string, number>): string {
  const root = tmp.file(name);
  for (const [file, at] of Object.entries(files)) {
    const path = join(root, file);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, file);
    utimesSync(path, at, at);
  }
  return root;
}

describe('whether the renderer must be built again', () => {
  it('is current when every source is older than the built index.html', () => {
    const root = project('current', {
      'renderer/src/App.svelte': 1000, 'db/imports/layouts.ts': 1100, 'electron.vite.config.ts': 900, 'out/renderer/index.html': 2000,
    });
    expect(rendererBuildOutdated(root, join(root, 'out/renderer'))).toBeNull();
    expect(newestSource(root)?.file).toBe(join(root, 'db/imports/layouts.ts'));
  });

  it('names the source changed since the build, in the renderer, db/ or the build configuration', () => {
    for (const changed of ['renderer/src/App.svelte', 'db/imports/layouts.ts', 'electron.vite.config.ts', 'package-lock.json']) {
      const root = project(`changed-${changed.replace(/\W/g, '-')}`, {
        'renderer/src/App.svelte': 1000, 'db/imports/layouts.ts': 1000, 'electron.vite.config.ts': 1000, 'package-lock.json': 1000,
        'out/renderer/index.html': 2000, [changed]: 3000,
      });
      expect(rendererBuildOutdated(root, join(root, 'out/renderer'))).toBe(`${changed} changed since the last build`);
    }
  });

  it('does not count the HTTP host\'s own code, migrations, tests or node_modules', () => {
    const root = project('not-inputs', {
      'renderer/src/App.svelte': 1000, 'db/http-host/print.ts': 3000, 'db/migrations/001_x.sql': 3000, 'tests/unit/a.test.ts': 3000,
      'renderer/node_modules/x/index.js': 3000, 'out/renderer/index.html': 2000,
    });
    expect(rendererBuildOutdated(root, join(root, 'out/renderer'))).toBeNull();
  });

  it('says so when there is no build', () => {
    const root = project('unbuilt', { 'renderer/src/App.svelte': 1000 });
    expect(rendererBuildOutdated(root, join(root, 'out/renderer'))).toBe(`no built renderer in ${join(root, 'out/renderer')}`);
  });
});
