import { mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { INPUTS_FILE, rendererBuildOutdated } from '../../db/http-host/renderer-build.ts';
import { tempDir } from '../support/temp.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

/** A project tree with files at the given times (seconds since the epoch). */
function project(name: string, files: Record<string, number>, inputs?: string[]): { root: string; rendererDir: string } {
  const root = tmp.file(name);
  for (const [file, at] of Object.entries(files)) {
    const path = join(root, file);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, file);
    utimesSync(path, at, at);
  }
  if (inputs) writeFileSync(join(root, 'out', INPUTS_FILE), JSON.stringify(inputs));
  return { root, rendererDir: join(root, 'out', 'renderer') };
}

const BUILT = {
  'renderer/src/App.svelte': 1000,
  'db/common/import-layouts.ts': 1000,
  'db/imports/importer.ts': 1000,
  'electron.vite.config.ts': 1000,
  'out/renderer/index.html': 2000,
};

describe('whether the renderer must be built again', () => {
  it('is current when every input is older than the built index.html', () => {
    const { root, rendererDir } = project('current', BUILT, ['renderer/src/App.svelte', 'db/common/import-layouts.ts']);
    expect(rendererBuildOutdated(root, rendererDir)).toBeNull();
  });

  it('names the input changed since the build: in renderer/, a db/ module the bundle holds, the build configuration', () => {
    for (const changed of [
      'renderer/src/App.svelte',
      'renderer/public/font.woff2',
      'db/common/import-layouts.ts',
      'electron.vite.config.ts',
      'package-lock.json',
    ]) {
      const { root, rendererDir } = project(`changed-${changed.replace(/\W/g, '-')}`, { ...BUILT, [changed]: 3000 }, [
        'renderer/src/App.svelte',
        'db/common/import-layouts.ts',
      ]);
      expect(rendererBuildOutdated(root, rendererDir)).toBe(`${changed} changed since the last build`);
    }
  });

  it('does not count db/ code the bundle does not hold, tests or node_modules', () => {
    const { root, rendererDir } = project(
      'not-inputs',
      {
        ...BUILT,
        'db/imports/importer.ts': 3000,
        'db/http-host/print.ts': 3000,
        'tests/unit/a.test.ts': 3000,
        'renderer/node_modules/x/index.js': 3000,
      },
      ['renderer/src/App.svelte', 'db/common/import-layouts.ts'],
    );
    expect(rendererBuildOutdated(root, rendererDir)).toBeNull();
  });

  it('an input that is gone means building again', () => {
    const { root, rendererDir } = project('gone', BUILT, ['renderer/src/App.svelte', 'db/common/import-layouts.ts']);
    rmSync(join(root, 'db/common/import-layouts.ts'));
    expect(rendererBuildOutdated(root, rendererDir)).toBe('db/common/import-layouts.ts is gone since the last build');
  });

  it("without the build's list, every db/ file counts but the HTTP host's and the migrations", () => {
    const changed = project('unlisted', { ...BUILT, 'db/imports/importer.ts': 3000 });
    expect(rendererBuildOutdated(changed.root, changed.rendererDir)).toBe('db/imports/importer.ts changed since the last build');
    const host = project('unlisted-host', { ...BUILT, 'db/http-host/print.ts': 3000, 'db/migrations/001_x.sql': 3000 });
    expect(rendererBuildOutdated(host.root, host.rendererDir)).toBeNull();
  });

  it('says so when there is no build', () => {
    const { root, rendererDir } = project('unbuilt', { 'renderer/src/App.svelte': 1000 });
    expect(rendererBuildOutdated(root, rendererDir)).toBe(`no built renderer in ${rendererDir}`);
  });
});
