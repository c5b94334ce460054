/**
 * Text encodings in the Data view (real Chromium, HTTP host): a Windows-1252 file is checked with its
 * encoding found and shown, its names decoded; choosing UTF-8 instead gives the error naming the line
 * and column of the first byte that is not UTF-8; a large file's check says which part it covers.
 */
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chooseFile } from '../support/browser.ts';
import { appPerFile } from '../support/app-per-file.ts';
import { generate } from '../support/comtrade-like.ts';
import { encodeText } from '../support/hostile-files.ts';
import { tempDir } from '../support/temp.ts';

const tmp = tempDir();
const app = appPerFile({ today: '2026-11-29' }, () => tmp.cleanup());

describe('Data view: text encodings', () => {
  it('shows the encoding found and the decoded rows; another encoding chosen gives the line and column of a bad byte', async () => {
    const file = tmp.file('latin.csv');
    writeFileSync(
      file,
      encodeText(
        'refYear,reporterISO,reporterDesc,partnerISO,partnerDesc,flowCode,cmdCode,primaryValue\r\n' +
          "2022,QZR,Côte d'Ivoire,QZA,Türkiye,X,TOTAL,1000\r\n",
        'windows-1252',
      ),
    );
    const page = await app.newPage();
    await page.goto(`${app.host.url}#/data`);
    await chooseFile(page, file);
    const preview = page.getByTestId('import-preview');
    await preview.waitFor();
    expect(await page.getByTestId('import-read-as').innerText()).toBe(
      'Text read as Western (Windows-1252 / Latin-1) (detected) · header on line 1.',
    );
    expect(await preview.innerText()).toContain('Türkiye');

    await page.getByTestId('import-encoding').selectOption('utf-8');
    await page.getByRole('button', { name: 'Check again' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'latin.csv cannot be read' });
    await alert.waitFor();
    expect(await alert.innerText()).toContain(
      "line 2, column 11: a byte sequence that is not valid in UTF-8 (the chosen encoding): choose the file's encoding",
    );
    expect(app.pageErrors).toEqual([]);
  });

  it('says that the check of a large file covers its first megabytes', async () => {
    const big = tmp.file('big.csv');
    generate(big, 120_000);
    const page = await app.newPage();
    await page.goto(`${app.host.url}#/data`);
    await chooseFile(page, big);
    await page.getByTestId('import-preview').waitFor();
    expect(await page.getByTestId('import-read-as').innerText()).toMatch(
      /^Text read as UTF-8 \(detected\) · header on line 1 · this check covers the first [\d,]+ rows \(8\.\d MB of 1\d\.\d MB\); the import checks every row\.$/,
    );
    expect(app.pageErrors).toEqual([]);
  });
});
