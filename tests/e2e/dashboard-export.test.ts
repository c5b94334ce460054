/**
 * "Export data…" on the dashboards (real Chromium, HTTP host): the shared component writes the
 * rows the view shows with its current filters, as a workbook or CSV files; keyboard and axe.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { readCsvAll } from '../../db/imports/csv.ts';
import { XlsxFileReader } from '../../db/imports/xlsx.ts';
import { seriousAxeViolations } from '../support/axe.ts';
import { downloadOf } from '../support/browser.ts';
import { appPerFile } from '../support/app-per-file.ts';
import { tempDir } from '../support/temp.ts';

const tmp = tempDir();
const app = appPerFile({ today: '2026-11-29' }, () => tmp.cleanup());

function sheetRows(path: string, sheet: string): string[][] {
  const r = new XlsxFileReader(path, { sheet });
  try {
    const rows: string[][] = [];
    for (const b of r.batches()) for (const row of b) rows.push([...row.fields]);
    return rows;
  } finally {
    r.close();
  }
}

describe('Export data… on the dashboards', () => {
  it('trade: the workbook holds the years the filters select, the same as the view’s query', async () => {
    const page = await app.newPage();
    await page.goto(`${app.host.url}#/trade?reporter=KOR&partner=CHN&from=2015&to=2021`);
    await page.getByTestId('trade-kpis').waitFor();
    const toggle = page.getByRole('button', { name: 'Export data…' });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    const box = page.getByRole('form', { name: "Export this view's data" });
    expect(await box.innerText()).toContain('reporter KOR, partner CHN, from 2015, to 2021');
    // No path anywhere: the workbook arrives as a download.
    expect(await box.locator('input[type=text]').count()).toBe(0);
    const file = await downloadOf(page, () => box.getByRole('button', { name: 'Export…' }).click(), tmp.file('trade-download.xlsx'));
    expect(file.name).toBe('trade-data.xlsx');
    const result = page.getByTestId('export-data-result');
    await result.waitFor();
    expect(await result.innerText()).toMatch(/in 4 sheets \(kpi, series, mirror, reconciliation\) to trade-data\.xlsx/);
    const series = sheetRows(file.path, 'series');
    const fromApi = await app.host.session.handlers.tradeSeries({ reporter: 'KOR', partner: 'CHN', from: 2015, to: 2021 });
    expect(series.map((r) => Number(r[0]))).toEqual(fromApi.years.map((y) => y.year));
    expect(series.map((r) => (r[3] ? Number(r[3]) : null))).toEqual(fromApi.years.map((y) => y.exports?.value ?? null));
    await page.screenshot({ path: 'tests/artifacts/dashboard-export-trade.png' });
    expect(app.foreignRequests).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  });

  it('projects with a filter, as a ZIP of CSV files; Escape closes the box and gives the focus back', async () => {
    const page = await app.newPage({ colorScheme: 'dark' });
    await page.goto(`${app.host.url}#/projects?status=signed`);
    await page.getByTestId('projects-table').waitFor();
    await page.getByRole('button', { name: 'Export data…' }).click();
    const box = page.getByRole('form', { name: "Export this view's data" });
    await box.getByLabel('CSV, one file per table in a .zip').check();
    const file = await downloadOf(page, () => box.getByRole('button', { name: 'Export…' }).click(), tmp.file('projects.zip'));
    expect(file.name).toBe('projects-data.zip');
    await page.getByTestId('export-data-result').waitFor();
    const entries = unzipSync(new Uint8Array(readFileSync(file.path)));
    expect(Object.keys(entries)).toEqual(['projects.csv', 'by_field.csv', 'by_region.csv']);
    writeFileSync(tmp.file('projects.csv'), entries['projects.csv']!);
    const projects = readCsvAll(tmp.file('projects.csv'));
    const signed = await app.host.session.handlers.listProjects({ status: 'signed' });
    expect(projects.rows.map((r) => r.fields[0])).toEqual(signed.projects.map((p) => p.title));
    expect(projects.rows.every((r) => r.fields[5] === 'signed')).toBe(true);
    expect(await seriousAxeViolations(page)).toEqual([]);

    await box.getByLabel('CSV, one file per table in a .zip').press('Escape');
    await expect.poll(() => page.getByRole('button', { name: 'Export data…' }).getAttribute('aria-expanded')).toBe('false');
    expect(
      await page.evaluate(
        () =>
          (globalThis as unknown as { document: { activeElement: { textContent: string | null } | null } }).document.activeElement
            ?.textContent,
      ),
    ).toBe('Export data…');
    expect(app.pageErrors).toEqual([]);
  });

  it('every dashboard has the button, and axe finds no serious or critical violation with the box open', async () => {
    const page = await app.newPage();
    const found: string[] = [];
    for (const view of ['overview', 'trade', 'sectors', 'projects', 'events', 'logistics']) {
      await page.goto(`${app.host.url}#/${view}${view === 'trade' || view === 'sectors' ? '?reporter=KOR&partner=CHN' : ''}`);
      const toggle = page.getByRole('button', { name: 'Export data…' });
      await toggle.waitFor();
      expect(await toggle.count(), view).toBe(1);
      await toggle.click();
      await page.getByRole('form', { name: "Export this view's data" }).waitFor();
      found.push(...(await seriousAxeViolations(page)).map((v) => `${view}: ${v}`));
      await page.reload();
    }
    expect(found).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  });
});
