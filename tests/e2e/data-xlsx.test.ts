/**
 * XLSX in the Data view (real Chromium, HTTP host): a generic workbook through the column-mapping
 * flow (choose the sheet, map the columns, read the report with sheet row numbers, import the
 * valid rows), and trade figures exported as a workbook that reads back.
 */
import { copyFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { XlsxFileReader } from '../../db/imports/xlsx.ts';
import { chooseFile, downloadOf } from '../support/browser.ts';
import { appPerFile } from '../support/app-per-file.ts';
import { tempDir } from '../support/temp.ts';

const tmp = tempDir();
const app = appPerFile({ today: '2026-11-29' }, () => tmp.cleanup());

describe('Data view: Excel workbooks', () => {
  it('imports a generic .xlsx: sheet, column mapping, report with row numbers, valid rows only', async () => {
    const file = tmp.file('agency-2019.xlsx');
    copyFileSync(fileURLToPath(new URL('../fixtures/imports/agency-openpyxl.xlsx', import.meta.url)), file);
    const page = await app.newPage();
    await page.goto(`${app.host.url}#/data`);
    await chooseFile(page, file);
    const preview = page.getByTestId('import-preview');
    await preview.waitFor();
    expect(await preview.innerText()).toContain('workbook sheet “Notes”');

    await page.getByTestId('import-sheet').selectOption('Trade 2019');
    await expect.poll(() => preview.innerText()).toContain('workbook sheet “Trade 2019”');
    const mapping = page.getByTestId('mapping');
    await mapping.waitFor();
    // Suggested from the header; the reporter column is named "Country", which the user picks.
    expect(await mapping.getByLabel('Partner (ISO code or World) *').inputValue()).toBe('Partner country');
    await mapping.getByLabel('Reporter (ISO code) *').selectOption('Country');
    await mapping.getByRole('button', { name: 'Check with this mapping' }).click();
    const counts = page.getByTestId('report-counts');
    await expect.poll(() => counts.innerText().catch(() => '')).toMatch(/6\s+rows read/);
    expect(await counts.innerText()).toMatch(/4\s+valid/);
    const problems = await page.getByTestId('problems').innerText();
    expect(problems).toMatch(/7\s+HS code\s+101\s+an HS code has 2, 4 or 6 digits/);
    expect(problems).toMatch(/8\s+Value\s+n\/a\s+not a number/);
    await page.screenshot({ path: 'tests/artifacts/data-xlsx-preview.png', fullPage: true });

    await page.getByTestId('start-import').click();
    const summary = page.getByTestId('import-summary');
    await summary.waitFor();
    expect(await summary.innerText()).toMatch(/Imported 4 rows from agency-2019\.xlsx; 2 skipped/);
    const db = app.host.session.db;
    expect(db.prepare('SELECT format, file_name, rows_added FROM import_run ORDER BY id DESC LIMIT 1').get()).toEqual({
      format: 'generic',
      file_name: 'agency-2019.xlsx',
      rows_added: 4,
    });
    expect(db.prepare("SELECT value_usd FROM trade_flow WHERE product_code = '0101' AND import_id IS NOT NULL").pluck().get()).toBe(
      6_105_000,
    );
    expect(app.foreignRequests).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  });

  it('exports trade figures as an Excel workbook', async () => {
    const page = await app.newPage();
    await page.goto(`${app.host.url}#/data`);
    await page.getByLabel('Reporter (optional)').fill('KOR');
    await page.getByLabel('Partner (optional)').fill('CHN');
    const { path: out, name } = await downloadOf(
      page,
      () => page.getByRole('button', { name: 'Trade figures as Excel (.xlsx)' }).click(),
      tmp.file('kor-chn.xlsx'),
    );
    expect(name).toBe('trade-KOR-CHN.xlsx');
    await expect
      .poll(() =>
        page
          .locator('.notice')
          .allInnerTexts()
          .then((t) => t.join('\n')),
      )
      .toMatch(/Wrote \d+ trade figures to trade-KOR-CHN\.xlsx/);
    const reader = new XlsxFileReader(out);
    try {
      expect(reader.header.slice(0, 4)).toEqual(['reporter', 'reporter_name', 'partner', 'partner_name']);
      let rows = 0;
      for (const batch of reader.batches())
        for (const r of batch) {
          rows++;
          expect(r.fields.slice(0, 3)).toEqual(['KOR', expect.any(String), 'CHN']);
        }
      expect(rows).toBe(
        app.host.session.db.prepare("SELECT count(*) FROM trade_flow WHERE reporter = 'KOR' AND partner = 'CHN'").pluck().get(),
      );
    } finally {
      reader.close();
    }
    expect(app.pageErrors).toEqual([]);
  });
});
