/**
 * The desktop app end to end, in Electron itself (playwright-core's `_electron`): the built app starts
 * with a fresh user-data folder, shows the Overview's figures, opens every view of the sidebar, imports
 * a trade file through File › Import…, exports a CSV through the Data view's Save dialog, and prints
 * the Overview to PDF through File › Print to PDF…. The dialogs are answered by the test-only hook of
 * the main process (TRADEBRIEF_E2E_DIALOGS, refused by a packaged app). Any console error, page error,
 * error box, or request to anything but the app itself fails the suite.
 *
 * Needs Electron's binary (`node node_modules/electron/install.js`) and a display (xvfb-run on Linux);
 * without the binary the suite says so in one line and is skipped. The GitHub workflow runs it on
 * Windows, macOS and Linux.
 */
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportTrade } from '../../db/exports/tables.ts';
import { VIEW_LIST } from '../../renderer/src/views/view-list.ts';
import { tempDir } from '../support/temp.ts';

const root = resolve(import.meta.dirname, '../..');
const out = resolve(process.env['TRADEBRIEF_OUT'] ?? join(root, 'out'));
const require = createRequire(import.meta.url);

/** The Electron executable, when its installer has fetched it (path.txt names it inside dist/). */
function electronExecutable(): string | null {
  const dir = dirname(require.resolve('electron/package.json'));
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

const executable = electronExecutable();
// CI sets this: there a missing binary is a failure, not a skip.
if (!executable && process.env['TRADEBRIEF_REQUIRE_ELECTRON'])
  throw new Error("TRADEBRIEF_REQUIRE_ELECTRON is set but Electron's binary is missing: run `node node_modules/electron/install.js`.");
if (!executable) {
  process.stdout.write(
    'Electron suite skipped: no Electron binary here (fetch it with `node node_modules/electron/install.js`; CI runs this suite).\n',
  );
}

/** The sidebar's views, from the list the app itself uses (id and label; each view's h1 is its label). */
function sidebarViews(): { id: string; label: string }[] {
  return VIEW_LIST.filter((v) => v.inSidebar).map(({ id, label }) => ({ id, label }));
}

const APP_PREFIXES = ['app://tradebrief/', 'data:', 'blob:app://tradebrief/'];

describe.skipIf(!executable)('the desktop app in Electron', () => {
  const tmp = tempDir('tradebrief-electron-');
  const answers = tmp.file('dialog-answers.json');
  const userData = tmp.file('user-data');
  let app: ElectronApplication;
  let page: Page;
  const problems: string[] = [];
  const stdout: string[] = [];

  /** The next native dialogs' answers, in order: a path, or null for Cancel. */
  function answerDialogs(...paths: (string | null)[]): void {
    writeFileSync(answers, JSON.stringify(paths));
  }

  /** Clicks a menu item by its label, as the user would (the handler runs in the main process). */
  async function clickMenu(label: string): Promise<void> {
    await app.evaluate(({ Menu }, wanted) => {
      type Item = { label: string; submenu?: { items: Item[] } | null; click: (...args: unknown[]) => void };
      const find = (items: Item[]): Item | undefined => {
        for (const item of items) {
          if (item.label === wanted) return item;
          const inner = item.submenu ? find(item.submenu.items) : undefined;
          if (inner) return inner;
        }
        return undefined;
      };
      const item = find((Menu.getApplicationMenu()?.items ?? []) as unknown as Item[]);
      if (!item) throw new Error(`No menu item "${wanted}"`);
      item.click();
    }, label);
  }

  function databaseCount(sql: string): number {
    const db = new Database(join(userData, 'tradebrief.sqlite'), { readonly: true, fileMustExist: true });
    try {
      return db.prepare(sql).pluck().get() as number;
    } finally {
      db.close();
    }
  }

  beforeAll(async () => {
    if (!existsSync(join(out, 'main', 'index.js')) || !existsSync(join(out, 'renderer', 'index.html'))) {
      throw new Error(`No built app in ${out}: run \`npm run build\` first (npm test does).`);
    }
    answerDialogs();
    // `electron .` runs the app as `npm start` does; a build elsewhere (TRADEBRIEF_OUT) is started by its main script.
    const appPath = out === join(root, 'out') ? root : join(out, 'main', 'index.js');
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(process.env))
      if (value !== undefined && !key.startsWith('ELECTRON_RUN_AS_NODE')) env[key] = value;
    app = await _electron.launch({
      executablePath: executable!,
      args: [appPath, `--user-data-dir=${userData}`],
      cwd: root,
      env: { ...env, TRADEBRIEF_E2E_DIALOGS: answers, NODE_ENV: 'production' },
      timeout: 60_000,
    });
    app.process().stdout?.on('data', (chunk: Buffer) => stdout.push(chunk.toString()));
    app.process().stderr?.on('data', (chunk: Buffer) => {
      // Error boxes are written here under test (electron/main/file-dialogs.ts).
      for (const line of chunk.toString().split('\n')) if (line.startsWith('[error]')) problems.push(`error box: ${line}`);
    });
    const context = app.context();
    context.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });
    context.on('weberror', (error) => problems.push(`page error: ${error.error().message}`));
    context.on('request', (request) => {
      const url = request.url();
      if (!APP_PREFIXES.some((prefix) => url.startsWith(prefix))) problems.push(`request leaving the app: ${url}`);
    });
    page = await app.firstWindow();
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    tmp.cleanup();
  });

  it('starts on the Overview with the first pack’s figures', async () => {
    await page.getByTestId('kpi-exports').waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByTestId('kpi-exports').innerText()).toContain('150.5');
    expect(await page.getByTestId('kpi-imports').innerText()).toContain('213.5');
    expect(page.url()).toMatch(/^app:\/\/tradebrief\//);
    // The page holds the host bridge, not Node nor Electron.
    const bridge = await page.evaluate(() => {
      const w = globalThis as unknown as { tradebrief?: Record<string, unknown>; require?: unknown; process?: unknown };
      return {
        host: w.tradebrief?.['host'],
        keys: Object.keys(w.tradebrief ?? {}).sort(),
        client: String(w.tradebrief?.['clientId']),
        node: typeof w.require + typeof w.process,
      };
    });
    expect(bridge).toEqual({
      host: 'electron',
      keys: ['clientId', 'deliver', 'dropFile', 'host', 'invoke', 'methods', 'on', 'openFile', 'release', 'saveFile'],
      client: expect.stringMatching(/^[0-9a-f-]{36}$/),
      node: 'undefinedundefined',
    });
    expect(problems).toEqual([]);
  });

  it('opens every view of the sidebar', async () => {
    const views = sidebarViews();
    expect(views.map((v) => v.id)).toContain('overview');
    expect(views.length).toBeGreaterThanOrEqual(9);
    for (const view of views) {
      await page.getByRole('link', { name: view.label, exact: true }).click();
      await page.getByRole('heading', { level: 1, name: view.label }).waitFor({ timeout: 15_000 });
      expect(page.url(), view.id).toContain(`#/${view.id}`);
      expect(await page.getByRole('alert').filter({ hasText: 'This view could not be loaded' }).count(), view.id).toBe(0);
    }
    expect(problems).toEqual([]);
  });

  it('imports a trade file chosen in File › Import… (the page gets a handle, never the path)', async () => {
    const fixture = join(root, 'tests/fixtures/imports/comtrade-current.csv');
    const before = databaseCount('SELECT count(*) FROM import_run');
    answerDialogs(fixture);
    await clickMenu('Import…');
    await expect.poll(() => page.url(), { timeout: 15_000 }).toMatch(/#\/data\?file=fh_[A-Za-z0-9_-]{22}&name=comtrade-current\.csv$/);
    expect(page.url()).not.toContain(dirname(fixture));
    const preview = page.getByTestId('import-preview');
    await preview.waitFor({ timeout: 30_000 });
    expect(await preview.innerText()).toContain('UN Comtrade');
    await page.getByTestId('start-import').click();
    const summary = page.getByTestId('import-summary');
    await summary.waitFor({ timeout: 30_000 });
    expect(await summary.innerText()).toMatch(/Imported 9 rows from comtrade-current\.csv; 7 skipped/);
    expect(databaseCount('SELECT count(*) FROM import_run')).toBe(before + 1);
    expect(problems).toEqual([]);
  });

  it('a second launch with a file quits and opens the file in the first window', async () => {
    const fixture = join(root, 'tests/fixtures/imports/wits-raw.csv');
    const appPath = out === join(root, 'out') ? root : join(out, 'main', 'index.js');
    const second = spawnSync(executable!, [appPath, `--user-data-dir=${userData}`, fixture], {
      cwd: root,
      timeout: 60_000,
      encoding: 'utf8',
    });
    expect(second.error).toBeUndefined();
    expect(second.status).toBe(0);
    expect(app.windows().filter((w) => !w.isClosed())).toHaveLength(1);
    await expect.poll(() => page.url(), { timeout: 15_000 }).toMatch(/#\/data\?file=fh_[A-Za-z0-9_-]{22}&name=wits-raw\.csv$/);
    await page.getByTestId('import-preview').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('import-preview').innerText()).toMatch(/WITS/);
    expect(problems).toEqual([]);
  });

  it('exports the trade figures as CSV to the place chosen in the Save dialog', async () => {
    const target = tmp.file('trade-export.csv');
    answerDialogs(target);
    await page.getByRole('link', { name: 'Data', exact: true }).click();
    await page.getByRole('button', { name: 'Trade figures as CSV' }).click();
    await expect.poll(() => existsSync(target), { timeout: 30_000 }).toBe(true);
    // The same bytes as the core's writer gives for the app's database, read here on its own connection.
    const direct = tmp.file('direct.csv');
    const db = new Database(join(userData, 'tradebrief.sqlite'), { readonly: true, fileMustExist: true });
    try {
      const { rows } = exportTrade(db, direct, {}, 'csv');
      expect(rows).toBeGreaterThan(0);
    } finally {
      db.close();
    }
    expect(readFileSync(target).equals(readFileSync(direct))).toBe(true);
    // The one Save dialog took the one answer; the temporary file it was written to was renamed, not left behind.
    expect(JSON.parse(readFileSync(answers, 'utf8'))).toEqual([]);
    expect(readdirSync(tmp.dir).filter((f) => f.endsWith('.partial'))).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('prints the Overview to PDF through File › Print to PDF…', async () => {
    const target = tmp.file('overview.pdf');
    await page.getByRole('link', { name: 'Overview', exact: true }).click();
    await page.getByTestId('kpi-exports').waitFor();
    answerDialogs(target);
    await clickMenu('Print to PDF…');
    await expect.poll(() => existsSync(target) && statSync(target).size > 0, { timeout: 60_000 }).toBe(true);
    expect(readFileSync(target).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await expect.poll(() => stdout.join('')).toMatch(/\[dialog\] Saved “[^”]+” as a PDF\./);
    expect(problems).toEqual([]);
  });
});
