import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { generate } from '../support/comtrade-like.ts';
import { chooseFile, downloadOf } from '../support/browser.ts';
import { exportTrade } from '../../db/exports/tables.ts';
import { appPerFile } from '../support/app-per-file.ts';
import { tempDir } from '../support/temp.ts';

const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/imports/${name}`, import.meta.url));
const tmp = tempDir();
const big = tmp.file('comtrade-big.csv');

const app = appPerFile(
  () => {
    generate(big, 120_000);
    return { today: '2026-11-29' };
  },
  () => tmp.cleanup(),
);
afterEach(async () => {
  await app?.closePages();
});

/** A new page on the Data view, importing a file of 150,000 generated rows named `name` (started, not awaited). */
async function startBigImport(name: string): Promise<Page> {
  const copy = tmp.file(name);
  generate(copy, 150_000);
  const page = await app.newPage();
  await page.goto(`${app.host.url}#/data`);
  await chooseFile(page, copy);
  await page.getByTestId('import-preview').waitFor();
  await page.getByTestId('start-import').click();
  return page;
}

describe('Data view in Chromium (HTTP host)', () => {
  it('checks a Comtrade file, shows the report, imports the valid rows, lists the import and undoes it', async () => {
    const page = await app.newPage();
    await page.goto(`${app.host.url}#/data`);
    await page.getByRole('heading', { name: 'Data', level: 1 }).waitFor();
    // The browser's own file chooser: the page gets an upload, never a path.
    await chooseFile(page, fixture('comtrade-current.csv'));
    expect(await page.getByTestId('chosen-file').innerText()).toBe('comtrade-current.csv');
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
    // The import's source by the label the page cites it by (I1), not its internal id.
    expect(await summary.innerText()).toMatch(/Imported 9 rows from comtrade-current\.csv; 7 skipped\. Source: I1\./);
    // The file's one monthly row (freqCode M, March 2022): counted, and where it shows is said.
    expect(await page.getByTestId('import-monthly').innerText()).toMatch(/^1 of them is a monthly figure: see it in Monthly trade/);
    expect(await page.getByTestId('import-monthly').getByRole('link', { name: 'Monthly trade' }).getAttribute('href')).toBe('#/monthly');
    const history = page.getByTestId('import-history');
    await expect.poll(() => history.innerText()).toContain('comtrade-current.csv');
    expect(await history.innerText()).toContain('UN Comtrade');

    // Choosing the same file again: its check says it was already imported.
    await chooseFile(page, fixture('comtrade-current.csv'));
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
    await chooseFile(page, big);
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
    const page = await startBigImport('comtrade-big-2.csv');
    await page.getByTestId('cancel-import').click();
    await page.getByTestId('import-cancelled').waitFor();
    expect(app.host.session.db.prepare('SELECT count(*) FROM trade_flow').pluck().get()).toBe(before);
    expect(app.pageErrors).toEqual([]);
  });

  it('keeps an import going while another view shows: the sidebar says so, its end is told there, and that view reloads', async () => {
    const page = await startBigImport('comtrade-big-3.csv');
    await page.getByTestId('import-progress').locator('progress').waitFor();

    const views = page.getByRole('navigation', { name: 'Views' });
    await views.getByRole('link', { name: 'Sources', exact: true }).click();
    await page.getByTestId('source-card').first().waitFor();
    const sourcesBefore = await page.getByTestId('source-card').count();
    const status = page.getByTestId('import-status');
    expect(await status.isVisible()).toBe(true);
    expect(await status.getByRole('link').innerText()).toBe('Importing a file…');
    // The end, told on the Sources view, which lists the import's source without being opened again.
    await expect
      .poll(() => page.locator('.notice').allInnerTexts(), { timeout: 60_000 })
      .toContainEqual(expect.stringMatching(/Imported 150,000 rows from comtrade-big-3\.csv/));
    expect(await status.count()).toBe(0);
    await expect.poll(() => page.getByTestId('source-card').count()).toBe(sourcesBefore + 1);

    // Back on the Data view: the summary, as it ended.
    await views.getByRole('link', { name: 'Data', exact: true }).click();
    expect(await page.getByTestId('import-summary').innerText()).toMatch(/Imported 150,000 rows/);
    expect(app.pageErrors).toEqual([]);
  });

  it('keeps a chosen file, its check and its mapping while the user looks at another view', async () => {
    const page = await app.newPage();
    await page.goto(`${app.host.url}#/data`);
    const mapped = tmp.file('mapped.csv');
    writeFileSync(mapped, 'Land,Gegenland,Jahr,Richtung,Betrag\nKOR,CHN,2021,X,1000\nKOR,CHN,2021,M,900\n');
    await chooseFile(page, mapped);
    const mapping = page.getByTestId('mapping');
    await mapping.waitFor();
    const selects = mapping.locator('select');
    await selects.nth(0).selectOption('Land');
    await page.getByLabel('Publisher (optional)').fill('Statistik-Amt');
    const chosen = async (): Promise<string[]> => [
      await page.getByTestId('chosen-file').innerText(),
      await selects.nth(0).inputValue(),
      await page.getByLabel('Publisher (optional)').inputValue(),
    ];
    const before = await chosen();
    expect(before).toEqual(['mapped.csv', 'Land', 'Statistik-Amt']);
    const views = page.getByRole('navigation', { name: 'Views' });
    await views.getByRole('link', { name: 'Overview', exact: true }).click();
    await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor();
    await views.getByRole('link', { name: 'Data', exact: true }).click();
    await mapping.waitFor();
    expect(await chosen()).toEqual(before);
    expect(app.pageErrors).toEqual([]);
  });

  it('says why nothing was imported from a file with a header and no rows, and changes nothing', async () => {
    const headerOnly = tmp.file('header-only.csv');
    writeFileSync(headerOnly, `${readFileSync(fixture('comtrade-current.csv'), 'utf8').split('\n')[0]!}\n`);
    const runs = (): unknown => app.host.session.db.prepare('SELECT count(*) FROM import_run').pluck().get();
    const before = runs();
    const page = await app.newPage();
    await page.goto(`${app.host.url}#/data`);
    await chooseFile(page, headerOnly);
    await page.getByTestId('import-preview').waitFor();
    await page.getByTestId('start-import').click();
    const noRows = page.getByTestId('import-no-rows');
    await noRows.waitFor();
    expect(await noRows.innerText()).toBe('Nothing was imported, nothing was changed: The file has a header and no rows.');
    expect(runs()).toBe(before);
    expect(app.pageErrors).toEqual([]);
  });

  it('loads a briefing pack chosen in the file chooser, and says so when it is loaded again', async () => {
    const pack = JSON.parse(
      readFileSync(fileURLToPath(new URL('../../db/packs/korea-china-2022.json', import.meta.url)), 'utf8'),
    ) as Record<string, unknown>;
    const file = tmp.file('colleague.json');
    writeFileSync(file, JSON.stringify({ ...pack, id: 'colleague' }));
    const page = await app.newPage();
    await page.goto(`${app.host.url}#/data`);
    const panel = page.getByTestId('pack-panel');
    for (const expected of [
      /^Loaded colleague\.json: pack “colleague”/,
      /^colleague\.json: pack “colleague” .* is already loaded; nothing changed\.$/,
    ]) {
      const [chooser] = await Promise.all([page.waitForEvent('filechooser'), panel.getByTestId('load-pack').click()]);
      await chooser.setFiles(file);
      await expect
        .poll(() =>
          panel
            .getByTestId('pack-result')
            .innerText()
            .catch(() => ''),
        )
        .toMatch(expected);
    }
    expect(app.host.session.db.prepare("SELECT count(*) FROM pack WHERE id = 'colleague'").pluck().get()).toBe(1);
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

  it('opens a file chosen by File › Import… (#/data?file=<handle>) straight into its check', async () => {
    // What the desktop app's main process does with the file its Open dialog returned.
    const picked = app.host.session.files.registerRead(fixture('wits-raw.csv'));
    const page = await app.newPage();
    await page.goto(`${app.host.url}#/data?file=${picked.handle}&name=${encodeURIComponent(picked.name)}`);
    const preview = page.getByTestId('import-preview');
    await preview.waitFor();
    expect(await page.getByTestId('chosen-file').innerText()).toBe('wits-raw.csv');
    expect(await preview.innerText()).toMatch(/WITS/);
    expect(decodeURIComponent(page.url())).not.toContain(fixture('wits-raw.csv'));
    expect(app.foreignRequests).toEqual([]);
  });

  it('takes a file dropped on the import area', async () => {
    const page = await app.newPage();
    await page.goto(`${app.host.url}#/data`);
    const bytes = [...readFileSync(fixture('comtrade-legacy.csv'))];
    // A DataTransfer holding a File, as the browser builds one for a drop (the test's own types have no DOM).
    const transfer = await page.evaluateHandle((content: number[]) => {
      const dom = globalThis as unknown as { DataTransfer: new () => { items: { add(file: File): void } } };
      const data = new dom.DataTransfer();
      data.items.add(new File([new Uint8Array(content)], 'legacy.csv', { type: 'text/csv' }));
      return data;
    }, bytes);
    await page.getByTestId('import-drop').dispatchEvent('drop', { dataTransfer: transfer });
    const preview = page.getByTestId('import-preview');
    await preview.waitFor();
    expect(await preview.innerText()).toContain('legacy.csv');
    expect(await preview.innerText()).toMatch(/legacy/i);
    expect(app.pageErrors).toEqual([]);
  });

  it('a second tab sees an import without a reload, and exports download the same bytes the core writes', async () => {
    const watcher = await app.newPage();
    await watcher.goto(`${app.host.url}#/data`);
    const history = watcher.getByTestId('import-history');
    await history.waitFor();
    const page = await app.newPage();
    await page.goto(`${app.host.url}#/data`);
    const stagedBefore = readdirSync(app.host.stagingDir).sort();
    await chooseFile(page, fixture('wits-raw.csv'));
    await page.getByTestId('import-preview').waitFor();
    await page.getByTestId('start-import').click();
    await page.getByTestId('import-summary').waitFor();
    await expect.poll(() => history.innerText()).toContain('wits-raw.csv');

    await page.getByLabel('Reporter (optional)').fill('KOR');
    const file = await downloadOf(
      page,
      () => page.getByRole('button', { name: 'Trade figures as CSV' }).click(),
      tmp.file('downloaded.csv'),
    );
    expect(file.name).toBe('trade-KOR.csv');
    exportTrade(app.host.session.db, tmp.file('direct.csv'), { reporter: 'KOR' }, 'csv');
    expect(readFileSync(file.path).equals(readFileSync(tmp.file('direct.csv')))).toBe(true);
    // The upload went with its import, the download with its delivery.
    expect(readdirSync(app.host.stagingDir).sort()).toEqual(stagedBefore);
    expect(app.pageErrors).toEqual([]);
  });

  it('from the keyboard: Enter on Start import, and the focus goes to what the import says once it ends', async () => {
    const page = await app.newPage();
    await page.goto(`${app.host.url}#/data`);
    await page.getByRole('heading', { name: 'Data', level: 1 }).waitFor();
    const file = tmp.file('keyboard-import.csv');
    // Another file (one more line end) with the fixture's rows: whatever the tests before imported, the import ends with a summary.
    writeFileSync(file, `${readFileSync(fixture('comtrade-current.csv'), 'utf8')}\n`);
    await chooseFile(page, file);
    await page.getByTestId('import-preview').waitFor();
    await page.getByTestId('start-import').focus();
    await page.keyboard.press('Enter');
    const summary = page.getByTestId('import-summary');
    await summary.waitFor();
    // Start import is disabled once its file is used: the focus would otherwise be left on <body>.
    await expect.poll(() => page.evaluate("document.activeElement?.getAttribute('data-testid') ?? 'body'")).toBe('import-progress');
    expect(await page.getByTestId('import-progress').innerText()).toBe(await summary.innerText());
    expect(app.pageErrors).toEqual([]);
  });
});
