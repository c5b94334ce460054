import { describe, expect, it } from 'vitest';
import { appPerFile } from '../support/app-per-file.ts';

const app = appPerFile({ today: '2026-11-29' });

describe('Overview in Chromium', () => {
  it('shows the first pack headline figures, each with its source one click away', async () => {
    const page = await app.newPage();
    await page.goto(`${app.host.url}#/overview`);
    const headline = page.getByTestId('headline');
    await headline.waitFor();
    await expect.poll(() => page.getByTestId('kpi-exports').innerText()).toContain('150.5');
    expect(await page.getByTestId('kpi-imports').innerText()).toContain('213.5');
    const balance = await page.getByTestId('kpi-balance').innerText();
    expect(balance).toContain("China's trade balance with South Korea");
    // Said from both sides: China's deficit is Korea's surplus, the same figure.
    expect(balance).toContain("A deficit for China: the same figure is South Korea's surplus with China.");
    expect(balance).toContain('63.0');
    expect(balance).toMatch(/Derived: exports − imports = −63\.0/);
    expect(await page.getByTestId('kpi-total').innerText()).toContain('364.1');
    const note = await page.getByTestId('reconciliation').innerText();
    expect(note).toContain('364.1');
    expect(note).toContain('364.0');
    expect(note).toContain('USD 0.1 bn');

    // The source of a figure: click the chip, read the popover.
    const chip = page.getByTestId('kpi-exports').getByRole('button', { name: /Source: S4/ });
    await chip.click();
    const pop = page.getByTestId('kpi-exports').getByRole('note');
    await expect.poll(() => pop.innerText()).toContain('General Administration of Customs of China');
    expect(await pop.innerText()).toContain('Cited in S1: Global Times');
    await page.screenshot({ path: 'tests/artifacts/overview-light.png', fullPage: true });

    expect(app.foreignRequests).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  });

  it('lists every source with what cites it', async () => {
    const page = await app.newPage({ colorScheme: 'dark' });
    await page.goto(`${app.host.url}#/sources`);
    await page.getByTestId('source-card').first().waitFor();
    const text = await page.locator('main').innerText();
    for (const s of ['Global Times', 'Yonhap News Agency', 'Chinese media', 'General Administration of Customs of China', 'Kurdo']) {
      expect(text).toContain(s);
    }
    expect(text).toContain('Project: South Korea–Shandong industrial cooperation projects');
    await page.screenshot({ path: 'tests/artifacts/sources-dark.png', fullPage: true });
    expect(app.pageErrors).toEqual([]);
  });

  it('remembers the last view', async () => {
    const page = await app.newPage();
    await page.goto(`${app.host.url}#/sources`);
    await page.getByTestId('source-card').first().waitFor();
    await page.goto(app.host.url);
    await expect.poll(() => page.url()).toMatch(/#\/sources$/);
  });

  it('says so when a view cannot be loaded, and the other views still open', async () => {
    const page = await app.newPage();
    await page.route(/\/assets\/Sources-[^/]*\.js$/, (route) => route.abort('failed'));
    await page.goto(`${app.host.url}#/sources`);
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'This view could not be loaded' }).count()).toBe(1);
    await page.getByRole('link', { name: 'Events' }).click();
    await page.getByRole('heading', { level: 1, name: 'Events' }).waitFor();
    // Once the code can be fetched again, the view opens (the earlier failure is not kept).
    await page.unrouteAll();
    await page.getByRole('link', { name: 'Sources' }).click();
    await page.getByTestId('source-card').first().waitFor();
    expect(await page.getByRole('alert').filter({ hasText: 'This view could not be loaded' }).count()).toBe(0);
    app.pageErrors.length = 0;
    await page.close();
  });
});
