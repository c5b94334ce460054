/**
 * A wide trade file in the Data view (real Chromium, HTTP host): exports and imports in two value columns, mapped with
 * the "Flows are: in two columns" choice (from the keyboard), checked, imported, and read back in the import summary and
 * the Trade view's tiles.
 */
import { writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { chooseFile } from '../support/browser.ts';
import { appPerFile } from '../support/app-per-file.ts';
import { tempDir } from '../support/temp.ts';

const tmp = tempDir();
const app = appPerFile({ today: '2026-11-29' }, () => tmp.cleanup());
afterEach(async () => {
  await app?.closePages();
});

describe('Data view: a wide file (exports and imports in two columns)', () => {
  it('maps it with the two-column choice, reports each flow’s figures, imports them and shows them in the Trade view', async () => {
    // Column names the guess does not read, so the user maps them; one cell left empty (not reported) and one bad.
    const file = tmp.file('ausfuhr-einfuhr.csv');
    writeFileSync(
      file,
      [
        'Land,Gegenland,Jahr,Ausfuhr,Einfuhr',
        'VNM,KHM,2022,"4,567,000,000","1,234,000,000"',
        'VNM,KHM,2023,"5,432,100,000","2,345,600,000"',
        'VNM,LAO,2023,"1,100,000,000",',
        'VNM,THA,2023,k.A.,"9,000,000"',
        '',
      ].join('\n'),
    );
    const page = await app.newPage();
    await page.goto(`${app.host.url}#/data`);
    await chooseFile(page, file);
    const mapping = page.getByTestId('mapping');
    await mapping.waitFor();
    const shape = mapping.getByRole('group', { name: 'Flows are' });
    const oneColumn = shape.getByRole('radio', { name: 'in one column (a flow column and a value column)' });
    const twoColumns = shape.getByRole('radio', { name: 'in two columns, exports and imports' });
    expect(await oneColumn.isChecked()).toBe(true);
    expect(await mapping.getByLabel('Exports (value column)').count()).toBe(0);
    // The choice from the keyboard: arrow keys move between the radio buttons of the group.
    await oneColumn.focus();
    await page.keyboard.press('ArrowDown');
    expect(await twoColumns.isChecked()).toBe(true);
    expect(await mapping.getByLabel('Flow (export/import) *').count()).toBe(0);
    await mapping.getByLabel('Reporter (ISO code) *').selectOption('Land');
    await mapping.getByLabel('Partner (ISO code or World) *').selectOption('Gegenland');
    await mapping.getByLabel('Year *').selectOption('Jahr');
    const check = mapping.getByRole('button', { name: 'Check with this mapping' });
    await mapping.getByLabel('Exports (value column)').selectOption('Ausfuhr');
    expect(await check.isEnabled()).toBe(true);
    // One column for both flows is refused before anything is sent, named on the imports field.
    const imports = mapping.getByLabel('Imports (value column)');
    await imports.selectOption('Ausfuhr');
    expect(await page.getByTestId('same-column').innerText()).toBe(
      'Imports (value column): not the exports column (exports and imports are two columns)',
    );
    expect(await imports.getAttribute('aria-invalid')).toBe('true');
    expect(await check.isEnabled()).toBe(false);
    await imports.selectOption('Einfuhr');
    expect(await page.getByTestId('same-column').count()).toBe(0);
    await check.click();

    const counts = page.getByTestId('report-counts');
    await expect.poll(() => counts.innerText().catch(() => '')).toMatch(/4\s+rows read/);
    expect(await counts.innerText()).toMatch(/3\s+valid/);
    const wide = await page.getByTestId('report-wide').allInnerTexts();
    expect(wide).toEqual(['Export figures: 3; not reported (empty cells): 0', 'Import figures: 2; not reported (empty cells): 1']);
    expect(await page.getByTestId('problems').innerText()).toMatch(/5\s+Ausfuhr\s+k\.A\.\s+not a number/);
    await page.getByTestId('import-preview').screenshot({ path: 'tests/artifacts/data-wide-preview.png' });

    await page.getByTestId('start-import').click();
    const summary = page.getByTestId('import-summary');
    await summary.waitFor();
    expect(await summary.innerText()).toMatch(/Imported 5 trade figures from ausfuhr-einfuhr\.csv; 1 skipped/);
    expect(await page.getByTestId('import-wide').innerText()).toBe(
      'Export figures: 3; not reported (empty cells): 0 · Import figures: 2; not reported (empty cells): 1',
    );
    const db = app.host.session.db;
    expect(
      db.prepare("SELECT partner, year, flow, value_usd FROM trade_flow WHERE reporter = 'VNM' ORDER BY partner, year, flow").raw().all(),
    ).toEqual([
      ['KHM', 2022, 'export', 4_567_000_000],
      ['KHM', 2022, 'import', 1_234_000_000],
      ['KHM', 2023, 'export', 5_432_100_000],
      ['KHM', 2023, 'import', 2_345_600_000],
      ['LAO', 2023, 'export', 1_100_000_000],
    ]);
    // The mapping is remembered for this header, in its shape.
    const remembered = db.prepare("SELECT value FROM setting WHERE key LIKE 'import.mapping.%'").pluck().all() as string[];
    expect(remembered.map((v) => JSON.parse(v) as unknown)).toContainEqual({
      reporter: 'Land',
      partner: 'Gegenland',
      year: 'Jahr',
      exports: 'Ausfuhr',
      imports: 'Einfuhr',
      valueUnit: 'USD',
    });

    await page.goto(`${app.host.url}#/trade?reporter=VNM&partner=KHM`);
    await page.getByTestId('trade-kpis').waitFor();
    await expect.poll(() => page.locator('#kpi-title').innerText()).toMatch(/^2023/);
    expect(await page.getByTestId('kpi-exports').innerText()).toContain('5.4');
    expect(await page.getByTestId('kpi-imports').innerText()).toContain('2.3');
    expect(await page.getByTestId('kpi-balance').innerText()).toContain('3.1');
    expect(app.foreignRequests).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  });

  it('a file of a reporter’s totals, without a partner column: its rows are trade with the world, guessed and shown as such', async () => {
    const file = tmp.file('korea-totals.csv');
    writeFileSync(file, ['reporter_iso3,year,total_exports_usd,total_imports_usd', 'KOR,2022,683584760000,731369691000', ''].join('\n'));
    const page = await app.newPage();
    await page.goto(`${app.host.url}#/data`);
    await chooseFile(page, file);
    const mapping = page.getByTestId('mapping');
    await mapping.waitFor();
    const partner = mapping.getByLabel('Partner (ISO code or World) *');
    // Guessed from the totals' names; the choice reads as such, and the user could pick a column instead.
    expect(await partner.locator('option:checked').innerText()).toBe('— none: every row is trade with the world —');
    await partner.selectOption({ label: '— choose —' });
    expect(await mapping.getByRole('button', { name: 'Check with this mapping' }).isEnabled()).toBe(false);
    await partner.selectOption({ label: '— none: every row is trade with the world —' });
    await mapping.getByRole('button', { name: 'Check with this mapping' }).click();
    await expect
      .poll(() =>
        page
          .getByTestId('report-counts')
          .innerText()
          .catch(() => ''),
      )
      .toMatch(/1\s+rows? read/);
    await page.getByTestId('start-import').click();
    await page.getByTestId('import-summary').waitFor();
    expect(await page.getByTestId('import-summary').innerText()).toMatch(/Imported 2 trade figures from korea-totals\.csv; 0 skipped/);
    const db = app.host.session.db;
    // The import's own figures, beside the built-in pack's of the same table (each flow still counted once by the one rule).
    expect(
      db
        .prepare(
          "SELECT flow, value_usd FROM trade_flow WHERE reporter = 'KOR' AND partner = 'WLD' AND source_id LIKE 'import:%' ORDER BY flow",
        )
        .raw()
        .all(),
    ).toEqual([
      ['export', 683_584_760_000],
      ['import', 731_369_691_000],
    ]);
    const remembered = db.prepare("SELECT value FROM setting WHERE key LIKE 'import.mapping.%'").pluck().all() as string[];
    expect(remembered.map((v) => JSON.parse(v) as unknown)).toContainEqual({
      reporter: 'reporter_iso3',
      partnerWorld: true,
      year: 'year',
      exports: 'total_exports_usd',
      imports: 'total_imports_usd',
      valueUnit: 'USD',
    });
    expect(app.pageErrors).toEqual([]);
    await page.close();
  });

  it('in Korean and Chinese: a KOSIS-style header is read as wide, the choice and the counts in the page’s language', async () => {
    const file = tmp.file('국가별 수출입.csv');
    writeFileSync(
      file,
      ['보고국,상대국,상대국명,연도,수출액,수입액', 'KOR,CHN,중국,2021,162912974000,138628127000', 'KOR,ABW,아루바,1995,2201000,', ''].join(
        '\n',
      ),
    );
    const words = {
      ko: {
        group: '수출입 구분 방식',
        wide: '두 열에 나뉨: 수출과 수입',
        exports: '수출(금액 열)',
        counts: '수출 수치: 2개; 미보고(빈 칸): 0개',
        partnerName: '상대국 이름',
        unit: '모든 금액의 단위',
        units: ['달러', '천 달러', '만 달러', '백만 달러', '억 달러'],
      },
      zh: {
        group: '流向所在',
        wide: '在两列中：出口和进口',
        exports: '出口（金额列）',
        counts: '出口数值：2 个；未报告（空单元格）：0 个',
        partnerName: '贸易伙伴名称',
        unit: '所有金额的单位',
        units: ['美元', '千美元', '万美元', '百万美元', '亿美元'],
      },
    };
    for (const [language, w] of Object.entries(words)) {
      const page = await app.newPage();
      await page.addInitScript((l) => localStorage.setItem('tradebrief.language', l), language);
      await page.goto(`${app.host.url}#/data`);
      await chooseFile(page, file);
      const mapping = page.getByTestId('mapping');
      await mapping.waitFor();
      // Guessed from the header: the two-column choice is made and its columns are mapped; the user checks it.
      expect(await mapping.getByRole('group', { name: w.group }).getByRole('radio', { name: w.wide }).isChecked()).toBe(true);
      expect(await mapping.getByLabel(w.exports).inputValue()).toBe('수출액');
      // The partners' names beside their codes, guessed too: they name economies the database does not know.
      expect(await mapping.getByLabel(w.partnerName).inputValue()).toBe('상대국명');
      // The units are named in the page's language, with the ten thousands and hundred millions of Korean and Chinese tables.
      expect(await mapping.getByLabel(w.unit).locator('option').allInnerTexts()).toEqual(w.units);
      await mapping.locator('button').click();
      await expect
        .poll(() =>
          page
            .getByTestId('report-wide')
            .first()
            .innerText()
            .catch(() => ''),
        )
        .toBe(w.counts);
      // The profile's language is shared with the other tests: back to English.
      await page.evaluate(() => localStorage.removeItem('tradebrief.language'));
      await page.close();
    }
    expect(app.pageErrors).toEqual([]);
  });
});
