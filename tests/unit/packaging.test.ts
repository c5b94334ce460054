/**
 * What can be checked of the installers without Electron's binary: electron-builder's own loader and
 * schema accept the config, every target is named with its arch, the fuses are exactly the listed
 * ones, the icons exist at the right sizes, and a real `electron-builder --dir` run (with a stand-in
 * for the Electron binary, which cannot be downloaded here) packs only the built app, package.json
 * and the production dependencies: no tests, sources, maps or dev dependencies; every chunk of the built main
 * parses, the ones that do not reach electron load in Node, and the dashboards' data files are all there.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DASHBOARDS } from '../../db/common/dashboards.ts';
import { ICNS_TYPES, ICO_SIZES, pngSize } from '../../build/icon-formats.ts';
import { tempDir } from '../support/temp.ts';

const root = resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);

type Json = Record<string, unknown>;
interface TargetEntry {
  target: string;
  arch: string[];
}
interface BuilderConfig extends Json {
  files: (string | { filter: string[] })[];
  asarUnpack: string[];
  electronFuses: Record<string, boolean>;
  win: { target: TargetEntry[]; icon: string; files: string[] };
  mac: { target: TargetEntry[]; hardenedRuntime: boolean; entitlements: string; entitlementsInherit: string; icon: string };
  linux: { target: TargetEntry[]; category: string; icon: string };
  nsis: { oneClick: boolean; perMachine: boolean; allowToChangeInstallationDirectory: boolean };
}

// electron-builder's own loader and schema validator (app-builder-lib is what `electron-builder` runs).
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
  getConfig(projectDir: string, configPath: string | null, fromOptions: Json | null): Promise<BuilderConfig>;
  validateConfiguration(config: Json, logger: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
const asar = require('@electron/asar') as { listPackage(archive: string, options: { isPack: boolean }): string[] };

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  version: string;
  main: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  scripts: Record<string, string>;
};

let config: BuilderConfig;
beforeAll(async () => {
  config = await getConfig(root, null, null);
});

describe('electron-builder config', () => {
  it('is loaded from electron-builder.yml and passes electron-builder’s schema', async () => {
    expect(config['appId']).toBe('org.tradebrief.app');
    expect(config['productName']).toBe('Tradebrief');
    await validateConfiguration(structuredClone(config), new DebugLogger(false));
  });

  it('the schema check can fail (an unknown fuse is refused)', async () => {
    const bad = structuredClone(config);
    bad.electronFuses = { ...bad.electronFuses, runAsNodeTypo: false };
    await expect(validateConfiguration(bad, new DebugLogger(false))).rejects.toThrow(/electronFuses/);
  });

  it('takes the version from package.json (none set in the config)', () => {
    expect(config['version']).toBeUndefined();
    expect(config['buildVersion']).toBeUndefined();
    expect(config['extraMetadata']).toBeUndefined();
    expect(pkg.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(pkg.scripts['dist']).toMatch(/electron-vite build && electron-builder/);
    expect(pkg.scripts['postinstall']).toBeUndefined();
  });

  it('names every target with its arch', () => {
    const targets = (entries: TargetEntry[]): string[] => entries.flatMap((e) => e.arch.map((a) => `${e.target}/${a}`)).sort();
    expect(targets(config.win.target)).toEqual(['nsis/x64', 'portable/x64']);
    expect(targets(config.mac.target)).toEqual(['dmg/arm64', 'dmg/x64']);
    expect(targets(config.linux.target)).toEqual(['AppImage/x64', 'deb/x64']);
    expect(config.linux.category).toBe('Office');
  });

  it('installs per user on Windows, with a choice of folder', () => {
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false, allowToChangeInstallationDirectory: true });
  });

  it('signs macOS builds with the hardened runtime and only the JIT entitlement V8 needs', () => {
    expect(config.mac.hardenedRuntime).toBe(true);
    expect(config.mac.entitlements).toBe('build/entitlements.mac.plist');
    expect(config.mac.entitlementsInherit).toBe('build/entitlements.mac.plist');
    const plist = readFileSync(join(root, config.mac.entitlements), 'utf8').replace(/<!--[\s\S]*?-->/g, '');
    const keys = [...plist.matchAll(/<key>([^<]+)<\/key>\s*<true\/>/g)].map((m) => m[1]);
    expect(keys).toEqual(['com.apple.security.cs.allow-jit']);
    expect(plist).not.toMatch(/<false\/>|disable-library-validation|allow-unsigned-executable-memory|network/);
  });

  it('sets exactly the listed fuses', () => {
    const { resetAdHocDarwinSignature, ...fuses } = config.electronFuses;
    expect(fuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
    // Not a fuse: keeps unsigned arm64 builds launchable after the fuses are flipped.
    expect(resetAdHocDarwinSignature).toBe(true);
  });

  it('turns the file:// extra-privileges fuse off, under the name electron-builder passes to @electron/fuses', async () => {
    expect(config.electronFuses['grantFileProtocolExtraPrivileges']).toBe(false);
    // electron-builder maps this key to FuseV1Options.GrantFileProtocolExtraPrivileges; a misspelt key
    // would be dropped silently by the mapping, so the name is checked against its source.
    const packager = readFileSync(require.resolve('app-builder-lib/out/platformPackager.js'), 'utf8');
    expect(packager).toMatch(/config\[FuseV1Options\.GrantFileProtocolExtraPrivileges\] = fuses\.grantFileProtocolExtraPrivileges/);
    const { FuseV1Options } = require('@electron/fuses') as { FuseV1Options: Record<string, number> };
    expect(typeof FuseV1Options['GrantFileProtocolExtraPrivileges']).toBe('number');
  });

  it('packs only the built app and package.json, unpacking better-sqlite3’s binary', () => {
    const patterns = config.files.flatMap((f) => (typeof f === 'string' ? [f] : f.filter));
    expect(patterns.filter((p) => !p.startsWith('!'))).toEqual(['out/**', 'package.json']);
    expect(patterns).toContain('!out/**/*.map');
    expect(config.asarUnpack).toEqual(['**/node_modules/better-sqlite3/**/*.node']);
    expect(config['asar']).toBe(true);
    expect(config['npmRebuild']).toBe(false);
  });

  it('keeps only better-sqlite3 and zod as dependencies; the renderer’s libraries are devDependencies', () => {
    expect(Object.keys(pkg.dependencies).sort()).toEqual(['better-sqlite3', 'zod']);
    for (const lib of ['svelte', 'chart.js', 'marked', 'electron', 'electron-builder', 'vite', 'vitest', 'playwright-core']) {
      expect(Object.keys(pkg.devDependencies), lib).toContain(lib);
    }
    expect(pkg.main).toBe('out/main/index.js');
  });
});

describe('icons', () => {
  const png = (path: string): { width: number; height: number } => pngSize(readFileSync(join(root, path)));

  it('are generated from one source image, build/icon.svg', () => {
    const svg = readFileSync(join(root, 'build/icon.svg'), 'utf8');
    expect(svg).toMatch(/^<svg [^>]*viewBox="0 0 1024 1024"/);
    expect(svg).not.toMatch(/<script|href="http|<image/);
    expect(existsSync(join(root, 'build/make-icons.ts'))).toBe(true);
  });

  it('has a 1024 px PNG and the Linux set 16 to 1024', () => {
    expect(png('build/icon.png')).toEqual({ width: 1024, height: 1024 });
    for (const size of [16, 24, 32, 48, 64, 128, 256, 512, 1024]) {
      expect(png(`build/icons/${size}x${size}.png`), `${size}x${size}`).toEqual({ width: size, height: size });
    }
    expect(config.linux.icon).toBe('build/icons');
  });

  it('has an ICO whose directory lists PNGs of 16 to 256 px', () => {
    expect(config.win.icon).toBe('build/icon.ico');
    const ico = readFileSync(join(root, 'build/icon.ico'));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    const count = ico.readUInt16LE(4);
    const sizes: number[] = [];
    for (let i = 0; i < count; i++) {
      const at = 6 + 16 * i;
      const width = ico.readUInt8(at) || 256;
      const height = ico.readUInt8(at + 1) || 256;
      const length = ico.readUInt32LE(at + 8);
      const offset = ico.readUInt32LE(at + 12);
      expect(ico.readUInt16LE(at + 6), 'bits per pixel').toBe(32);
      expect(offset + length).toBeLessThanOrEqual(ico.length);
      expect(pngSize(ico.subarray(offset, offset + length))).toEqual({ width, height });
      expect(width).toBe(height);
      sizes.push(width);
    }
    expect(sizes).toEqual([...ICO_SIZES]);
  });

  it('has an ICNS whose elements are PNGs of the size their type says', () => {
    expect(config.mac.icon).toBe('build/icon.icns');
    const icns = readFileSync(join(root, 'build/icon.icns'));
    expect(icns.toString('latin1', 0, 4)).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const found: [string, number][] = [];
    for (let at = 8; at < icns.length;) {
      const type = icns.toString('latin1', at, at + 4);
      const length = icns.readUInt32BE(at + 4);
      expect(length).toBeGreaterThan(8);
      const { width, height } = pngSize(icns.subarray(at + 8, at + length));
      expect(width).toBe(height);
      found.push([type, width]);
      at += length;
    }
    expect(found).toEqual(ICNS_TYPES.map(([type, size]) => [type, size]));
    expect(found.map(([, size]) => size)).toContain(1024);
  });
});

describe('the packaged app (electron-builder --linux dir, stand-in Electron binary)', () => {
  const tmp = tempDir('tradebrief-pack-');
  let files: string[] = [];
  let unpacked: string[] = [];
  afterAll(() => tmp.cleanup());

  beforeAll(() => {
    const stage = tmp.file('stage');
    mkdirSync(stage);
    // The project as electron-builder sees it: config, package.json, build resources, a fresh build.
    cpSync(join(root, 'package.json'), join(stage, 'package.json'));
    cpSync(join(root, 'build'), join(stage, 'build'), { recursive: true });
    symlinkSync(join(root, 'node_modules'), join(stage, 'node_modules'), 'dir');
    // The stand-in binary has no fuse wire to flip; everything else is the real config.
    const staged: Partial<BuilderConfig> = structuredClone(config);
    delete staged.electronFuses;
    writeFileSync(join(stage, 'electron-builder.yml'), JSON.stringify(staged));
    execFileSync(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], {
      cwd: root,
      env: { ...process.env, TRADEBRIEF_OUT: join(stage, 'out') },
      stdio: 'pipe',
    });
    // Stray files a careless pattern would pick up.
    writeFileSync(join(stage, 'out/main/index.js.map'), '{}');
    mkdirSync(join(stage, 'tests'));
    writeFileSync(join(stage, 'tests/secret.test.ts'), 'test');
    const fakeElectron = tmp.file('electron-dist');
    mkdirSync(fakeElectron);
    writeFileSync(join(fakeElectron, 'electron'), '#!/bin/sh\n', { mode: 0o755 });
    const electronVersion = (JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')) as { version: string })
      .version;
    execFileSync(
      process.execPath,
      [
        join(root, 'node_modules/electron-builder/cli.js'),
        '--linux',
        'dir',
        '--x64',
        '--publish',
        'never',
        `-c.electronDist=${fakeElectron}`,
        `-c.electronVersion=${electronVersion}`,
      ],
      { cwd: stage, stdio: 'pipe', env: { ...process.env, CSC_IDENTITY_AUTO_DISCOVERY: 'false' } },
    );
    const resources = join(stage, 'dist/linux-unpacked/resources');
    const listing = asar.listPackage(join(resources, 'app.asar'), { isPack: true });
    files = listing.filter((l) => l.startsWith('pack')).map((l) => l.replace(/^pack\s*:\s*/, ''));
    unpacked = listing.filter((l) => l.startsWith('unpack')).map((l) => l.replace(/^unpack\s*:\s*/, ''));
    expect(existsSync(join(resources, 'app.asar.unpacked/node_modules/better-sqlite3/prebuilds/linux-x64.node'))).toBe(true);
  }, 120_000);

  it('ships a main process, import worker, their chunks and preload that parse (a clash of top-level names fails only at start)', () => {
    // Electron cannot start here; `node --check` finds what would stop it before the first line runs, such as a
    // bundled dependency declaring `require` beside the bundler's own ESM shim.
    const main = readdirSync(tmp.file('stage/out/main')).filter((f) => f.endsWith('.js'));
    expect(main).toEqual(expect.arrayContaining(['index.js', 'import-worker.js']));
    for (const file of [...main.map((f) => `out/main/${f}`), 'out/preload/index.cjs']) {
      expect(files, file).toContain(`/${file}`);
      const check = spawnSync(process.execPath, ['--check', tmp.file(join('stage', file))], { encoding: 'utf8' });
      expect(check.stderr, file).toBe('');
      expect(check.status, file).toBe(0);
    }
  });

  it("finds every dashboard's data file in the built main: the loader's table names a shipped chunk for each", () => {
    // db/dashboards/data.ts imports `./data/${id}.ts`: the bundler turns the folder into a table of chunks by name.
    const index = readFileSync(tmp.file('stage/out/main/index.js'), 'utf8');
    const chunks = new Map(
      [...index.matchAll(/"\.\/data\/([\w-]+)\.ts": \(\) => import\("\.\/([\w.-]+\.js)"\)/g)].map((m) => [m[1]!, m[2]!]),
    );
    expect([...chunks.keys()].sort()).toEqual([...DASHBOARDS].sort());
    for (const [id, chunk] of chunks) {
      expect(files, id).toContain(`/out/main/${chunk}`);
      const code = readFileSync(tmp.file(join('stage/out/main', chunk)), 'utf8');
      expect(code, id).toContain(`// db/dashboards/data/${id}.ts`);
      expect(code, id).toMatch(/^export \{[^}]*\bas default\b[^}]*\};?$/m);
    }
  });

  it('loads in Node every main chunk that stays away from electron (the others are checked above)', () => {
    const dir = tmp.file('stage/out/main');
    const importsOf = (file: string): string[] =>
      [...readFileSync(join(dir, file), 'utf8').matchAll(/^import\b[^;]*?\bfrom "([^"]+)"/gm)].map((m) => m[1]!);
    const reachesElectron = (file: string, seen = new Set<string>()): boolean =>
      !seen.has(file) &&
      (seen.add(file), importsOf(file).some((i) => i === 'electron' || (i.startsWith('./') && reachesElectron(i.slice(2), seen))));
    const loadable = readdirSync(dir).filter((f) => f.endsWith('.js') && !reachesElectron(f));
    expect(loadable).toContain('import-worker.js');
    expect(reachesElectron('index.js')).toBe(true);
    for (const file of loadable) {
      const run = spawnSync(
        process.execPath,
        ['--input-type=module', '-e', `await import(${JSON.stringify(pathToFileURL(join(dir, file)).href)})`],
        {
          encoding: 'utf8',
        },
      );
      expect(run.stderr, file).toBe('');
      expect(run.status, file).toBe(0);
    }
  });

  it('holds the built main, preload, renderer, migrations and packs', () => {
    for (const f of [
      '/package.json',
      '/out/main/index.js',
      '/out/preload/index.cjs',
      '/out/renderer/index.html',
      '/out/main/migrations/001_initial.sql',
    ]) {
      expect(files, f).toContain(f);
    }
    expect(files.some((f) => /^\/out\/main\/packs\/.+\.json$/.test(f))).toBe(true);
  });

  it('holds nothing else at the top level but out/, node_modules/ and package.json', () => {
    const top = new Set([...files, ...unpacked].map((f) => f.split('/')[1]));
    expect([...top].sort()).toEqual(['node_modules', 'out', 'package.json']);
  });

  it('holds no tests, no sources, no source maps', () => {
    const all = [...files, ...unpacked];
    expect(all.filter((f) => /\.map$|\.tsx?$|\.d\.c?ts$|\.svelte$|\.gyp$|\.cpp$|\.c$|\.h$/.test(f))).toEqual([]);
    expect(all.filter((f) => /^\/(tests|db|electron|renderer\/src|build)\//.test(f))).toEqual([]);
    expect(all).not.toContain('/out/renderer-inputs.json');
  });

  it('holds only the production dependencies', () => {
    const modules = new Set([...files, ...unpacked].filter((f) => f.startsWith('/node_modules/')).map((f) => f.split('/')[2]));
    expect([...modules].sort()).toEqual(['better-sqlite3', 'zod']);
    for (const dev of Object.keys(pkg.devDependencies)) expect(modules.has(dev), dev).toBe(false);
  });

  it('unpacks better-sqlite3 (its N-API binary cannot load from the archive) and keeps only this OS’s binaries', () => {
    const binaries = unpacked.filter((f) => f.endsWith('.node'));
    expect(binaries).toContain('/node_modules/better-sqlite3/prebuilds/linux-x64.node');
    expect(binaries.filter((f) => /darwin|win32|linuxmusl/.test(f))).toEqual([]);
    expect(files.filter((f) => f.endsWith('.node'))).toEqual([]);
  });
});

describe('the release workflow (.github/workflows/release.yml)', () => {
  interface Step {
    uses?: string;
    run?: string;
    if?: string;
    with?: Record<string, unknown>;
    env?: Record<string, string>;
  }
  interface Job {
    'runs-on': string;
    strategy: { matrix: { os: string[] } };
    steps: Step[];
  }
  // js-yaml is what electron-builder itself parses YAML with.
  const yaml = require('js-yaml') as { load(text: string): unknown };
  const workflow = yaml.load(readFileSync(join(root, '.github/workflows/release.yml'), 'utf8')) as {
    on: { push: { tags: string[] } };
    jobs: Record<string, Job>;
  };
  const systems = ['macos-latest', 'ubuntu-latest', 'windows-latest'];
  const runs = (job: Job): string[] => job.steps.flatMap((s) => (s.run ? [s.run.trim()] : []));

  it('runs on a pushed v* tag, with two jobs over the three systems', () => {
    expect(workflow.on).toEqual({ push: { tags: ['v*'] } });
    expect(Object.keys(workflow.jobs).sort()).toEqual(['installers', 'test']);
    for (const job of Object.values(workflow.jobs)) {
      expect([...job.strategy.matrix.os].sort()).toEqual(systems);
      expect(job['runs-on']).toBe('${{ matrix.os }}');
      const node = job.steps.find((s) => s.uses?.startsWith('actions/setup-node@'));
      expect(node?.with?.['node-version']).toBe(24);
      expect(runs(job)).toContain('npm ci');
    }
  });

  it('builds the installers without publishing and uploads them', () => {
    const job = workflow.jobs['installers']!;
    expect(runs(job)).toContain('npm run dist -- --publish never');
    const upload = job.steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'));
    expect(String(upload?.with?.['path'])).toMatch(/\.exe[\s\S]*\.dmg[\s\S]*\.AppImage[\s\S]*\.deb/);
  });

  it('runs npm test with a browser on every system', () => {
    const job = workflow.jobs['test']!;
    expect(runs(job).at(-1)).toBe('npm test');
    const linux = job.steps.find((s) => s.if === "runner.os == 'Linux'");
    expect(linux?.run).toMatch(/apt-get install .*chromium.*poppler-utils.*fonts-noto-cjk/);
    for (const os of ['Linux', 'Windows', 'macOS']) {
      expect(job.steps.find((s) => s.if === `runner.os == '${os}'`)?.run, os).toMatch(/CHROMIUM_PATH=/);
    }
  });
});

describe('the Electron workflow (.github/workflows/electron.yml)', () => {
  interface Step {
    uses?: string;
    run?: string;
    if?: string;
    name?: string;
    with?: Record<string, unknown>;
    env?: Record<string, string>;
  }
  interface Job {
    'runs-on': string;
    strategy: { matrix: { os: string[] } };
    env?: Record<string, string>;
    steps: Step[];
  }
  const yaml = require('js-yaml') as { load(text: string): unknown };
  const workflow = yaml.load(readFileSync(join(root, '.github/workflows/electron.yml'), 'utf8')) as {
    on: Record<string, unknown>;
    jobs: Record<string, Job>;
  };
  const job = workflow.jobs['electron']!;
  const runs = job.steps.flatMap((s) => (s.run ? [s.run.trim()] : []));

  it('runs on every push and pull request, on the three systems, with Node 24', () => {
    expect(Object.keys(workflow.on).sort()).toEqual(['pull_request', 'push']);
    expect([...job.strategy.matrix.os].sort()).toEqual(['macos-latest', 'ubuntu-latest', 'windows-latest']);
    expect(job['runs-on']).toBe('${{ matrix.os }}');
    expect(job.steps.find((s) => s.uses?.startsWith('actions/setup-node@'))?.with?.['node-version']).toBe(24);
  });

  it('installs, fetches the Electron binary, builds, runs the suite (never skipped there), then packs and prints', () => {
    const order = [
      'npm ci',
      'node node_modules/electron/install.js',
      'npm run build',
      'npx vitest run --project electron',
      'npx electron-builder --dir --publish never',
      'node tests/electron/packaged-print.ts',
    ];
    const positions = order.map((command) => runs.findIndex((r) => r === command || r.endsWith(` ${command}`)));
    expect(
      positions.every((p) => p >= 0),
      JSON.stringify(positions),
    ).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(job.env?.['TRADEBRIEF_REQUIRE_ELECTRON']).toBe('1');
    expect(readFileSync(join(root, 'tests/electron/app.test.ts'), 'utf8')).toMatch(
      /if \(!executable && process\.env\['TRADEBRIEF_REQUIRE_ELECTRON'\]\)\s*throw/,
    );
  });

  it('runs Electron under xvfb on Linux, directly elsewhere', () => {
    for (const command of ['npx vitest run --project electron', 'node tests/electron/packaged-print.ts']) {
      expect(
        job.steps.find((s) => s.if === "runner.os == 'Linux'" && s.run === `xvfb-run -a ${command}`),
        command,
      ).toBeDefined();
      expect(
        job.steps.find((s) => s.if === "runner.os != 'Linux'" && s.run === command),
        command,
      ).toBeDefined();
    }
  });

  it('npm test runs the electron project too, and npm start / dev go through the launcher that fetches Electron', () => {
    expect(pkg.scripts['test']).toMatch(/vitest run .*--project audit .*--project electron/);
    expect(pkg.scripts['start']).toBe('node electron/launch.ts start');
    expect(pkg.scripts['dev']).toBe('node electron/launch.ts dev');
    expect(pkg.scripts['serve']).toMatch(/node db\/http-host\/serve\.ts$/);
  });

  it('keeps the release workflow', () => {
    expect(existsSync(join(root, '.github/workflows/release.yml'))).toBe(true);
  });
});
