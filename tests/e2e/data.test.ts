import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../support/comtrade-like.ts';
import { startApp, type AppHarness } from '../support/browser.ts';
import { requireBuiltRenderer } from '../support/build-output.ts';
import { tempDir } from '../support/temp.ts';

const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/imports/${name}`, import.meta.url));
const tmp = tempDir();
const big = tmp.file('comtrade-big.csv');
let app: AppHarness;

beforeAll(async () => {
  requireBuiltRenderer();
  generate(big, 120_000);
  app = await startApp({ today: '2026-11-29' });
});
afterAll(async () => {
  await app?.close();
  tmp.cleanup();
});

describe('Data view in Chromium (HTTP host)', () => {
  it('checks a Comtrade file, shows the report, imports the valid rows, lists the import and undoes it', async () => {
    const page = await app.newPage();
    await page.goto(`${app.host.url}#/data`);
    await page.getByRole('heading', { name: 'Data', level: 1 }).waitFor();
    await page.getByTestId('import-path').fill(fixture('comtrade-current.csv'));
    await page.getByRole('button', { name: 'Check file' }).click();
    const preview = page.getByTestId('import-preview');
    await preview.waitFor();
    expect(await preview.innerText()).toContain('UN Comtrade (current API/portal layout)');
    const counts = await page.getByTestId('report-counts').innerText();
    expect(counts).toMatch(/16\s+rows read/);
    expect(counts).toMatch(/9\s+valid/);
    const problems = await page.getByTestId('problems').innerText();
    expect(problems).toContain('not available');
    expect(problems).toContain('a year from 1900 to 2100');
    expect(await preview.innerText()).toContain('breakdown row');
    await page.screenshot({ path: 'tests/artifacts/data-preview.png', fullPage: true });

    await page.getByTestId('start-import').click();
    const summary = page.getByTestId('import-summary');
    await summary.waitFor();
    expect(await summary.innerText()).toMatch(/Imported 9 rows from comtrade-current\.csv; 7 skipped/);
    // The file's one monthly row (freqCode M, March 2022): counted, and where it shows is said.
    expect(await page.getByTestId('import-monthly').innerText()).toMatch(/^1 of them is a monthly figure: see it in Monthly trade/);
    expect(await page.getByTestId('import-monthly').getByRole('link', { name: 'Monthly trade' }).getAttribute('href')).toBe('#/monthly');
    const history = page.getByTestId('import-history');
    await expect.poll(() => history.innerText()).toContain('comtrade-current.csv');
    expect(await history.innerText()).toContain('UN Comtrade');

    // Checking the same file again says it was already imported.
    await page.getByRole('button', { name: 'Check file' }).click();
    await page.getByTestId('already-imported').waitFor();

    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: /Undo import \d+ \(comtrade-current\.csv\)/ }).click();
    await expect.poll(() => page.locator('main').innerText()).toContain('No file imported yet.');
    expect(app.host.session.db.prepare('SELECT count(*) FROM import_run').pluck().get()).toBe(0);
    expect(app.foreignRequests).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  });

  it('shows a progress bar with bytes and rows for a large file, then the summary', async () => {
    const page = await app.newPage({ colorScheme: 'dark' });
    await page.goto(`${app.host.url}#/data`);
    await page.getByTestId('import-path').fill(big);
    await page.getByRole('button', { name: 'Check file' }).click();
    await page.getByTestId('import-preview').waitFor();
    await page.getByTestId('start-import').click();
    const progress = page.getByTestId('import-progress');
    await page.locator('progress').waitFor();
    await expect.poll(() => progress.innerText(), { timeout: 20_000 }).toMatch(/MB of [\d.]+ MB · [\d,]+ rows read/);
    await page.screenshot({ path: 'tests/artifacts/data-progress-dark.png', fullPage: false });
    const summary = page.getByTestId('import-summary');
    await summary.waitFor({ timeout: 60_000 });
    expect(await summary.innerText()).toMatch(/Imported 120,000 rows/);
    expect(app.pageErrors).toEqual([]);
  });

  it('cancels a running import and the database stays as it was', async () => {
    const before = app.host.session.db.prepare('SELECT count(*) FROM trade_flow').pluck().get();
    const copy = tmp.file('comtrade-big-2.csv');
    generate(copy, 150_000);
    const page = await app.newPage();
    await page.goto(`${app.host.url}#/data`);
    await page.getByTestId('import-path').fill(copy);
    await page.getByRole('button', { name: 'Check file' }).click();
    await page.getByTestId('import-preview').waitFor();
    await page.getByTestId('start-import').click();
    await page.getByTestId('cancel-import').click();
    await page.getByTestId('import-cancelled').waitFor();
    expect(app.host.session.db.prepare('SELECT count(*) FROM trade_flow').pluck().get()).toBe(before);
    expect(app.pageErrors).toEqual([]);
  });

  it('adds a source through the form, recorded in the edit log', async () => {
    const page = await app.newPage();
    await page.goto(`${app.host.url}#/data`);
    const form = page.getByTestId('source-form');
    await form.getByLabel('Label').fill('KCS');
    await form.getByLabel('Publisher').fill('Korea Customs Service');
    await form.getByLabel('Title').fill('Export-import statistics 2023');
    await form.getByRole('button', { name: 'Add source' }).click();
    await expect.poll(() => page.getByTestId('edit-log').innerText()).toMatch(/created source/);
    await expect.poll(() => page.locator('main').innerText()).toContain('Korea Customs Service — Export-import statistics 2023');
    await page.screenshot({ path: 'tests/artifacts/data-edit.png', fullPage: true });
    expect(app.pageErrors).toEqual([]);
  });

  it('opens a file chosen by File › Import… (#/data?file=…) straight into its check', async () => {
    const page = await app.newPage();
    await page.goto(`${app.host.url}#/data?file=${encodeURIComponent(fixture('wits-raw.csv'))}`);
    const preview = page.getByTestId('import-preview');
    await preview.waitFor();
    expect(await page.getByTestId('import-path').inputValue()).toBe(fixture('wits-raw.csv'));
    expect(await preview.innerText()).toMatch(/WITS/);
    expect(app.foreignRequests).toEqual([]);
  });
});
