/**
 * Claims checked against the data, in Chromium: the Overview's "Claims checked" section and the
 * Sources view show every verdict (holds; holds by one source and not another; does not hold;
 * cannot be checked) with the sources of each side, axe finds nothing serious, and a briefing with a
 * claims block prints them (PDF text read back). Screenshots light and dark at 1440 and 800 px.
 *
 * The database: the built-in packs, plus a pack made here of Korea's 2021 trade with a few partners
 * and with the world (figures made up for the test, labelled so), so that Korea's partners can be ranked.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { extractText, getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../db/dispatch.ts';
import { loadPack, parsePack } from '../../db/packs/load.ts';
import type { PackInput } from '../../db/packs/schema.ts';
import { printRoute } from '../../db/common/paper.ts';
import { openSession } from '../../db/session.ts';
import { seriousAxeViolations } from '../support/axe.ts';
import { appPerFile } from '../support/app-per-file.ts';
import { printToPdf } from '../../db/http-host/print.ts';
import { tempDir } from '../support/temp.ts';

const TODAY = '2026-11-29';
const ARTIFACTS = 'tests/artifacts/claims';
const BN = 1e9;
const tmp = tempDir();

/** Korea's 2021 exports and imports with three partners and the world (test figures), and a claim about 2025, a year no pack covers. */
const partnersPack: PackInput = {
  format: 'tradebrief-pack',
  formatVersion: 1,
  id: 'claims-e2e',
  version: '1.0.0',
  title: 'Korea by partner, 2021 (test figures)',
  sources: [
    { key: 'X1', label: 'X1', publisher: 'Test agency', title: "Korea's trade by partner, 2021 (figures made up for this test)" },
    { key: 'X2', label: 'X2', publisher: 'Test newspaper', title: 'A report claiming a share (made up for this test)' },
  ],
  economies: [
    { code: 'KOR', name: 'South Korea', kind: 'country' },
    { code: 'CHN', name: 'China', kind: 'country' },
    { code: 'USA', name: 'United States', kind: 'country' },
    { code: 'JPN', name: 'Japan', kind: 'country' },
    { code: 'WLD', name: 'World', kind: 'group' },
  ],
  tradeFlows: [
    ['USA', 'export', 95.9],
    ['USA', 'import', 150],
    ['JPN', 'export', 30.1],
    ['JPN', 'import', 54.6],
    ['WLD', 'export', 400],
    ['WLD', 'import', 420],
  ].map(([partner, flow, bn]) => ({
    reporter: 'KOR',
    partner: partner as string,
    year: 2021,
    flow: flow as 'export' | 'import',
    valueUsd: (bn as number) * BN,
    source: 'X1',
  })),
  statements: [
    {
      key: 'share-2025',
      kind: 'claim',
      text: "China took a quarter of South Korea's exports in 2025.",
      source: 'X2',
      claims: [{ kind: 'share', reporter: 'KOR', partner: 'CHN', year: 2025, flow: 'export', share: 0.25, precision: 0.01 }],
    },
  ],
};

const app = appPerFile(
  () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const dbPath = tmp.file('claims.sqlite');
    const session = openSession({ path: dbPath, today: TODAY });
    loadPack(session.db, parsePack(partnersPack, 'claims-e2e.json'));
    session.close();
    return { dbPath, today: TODAY };
  },
  () => tmp.cleanup(),
);

/** What each claim is checked as, and its verdict badge, as shown. */
async function verdicts(page: Page, scope = page.locator('main')): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const claim of await scope.getByTestId('claim').all())
    out[await claim.locator('.claim-summary').innerText()] = await claim.locator('.verdict-badge').innerText();
  return out;
}

async function shoot(page: Page, name: string): Promise<void> {
  for (const width of [1440, 800]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: join(ARTIFACTS, `${name}-${width}.png`), fullPage: true });
  }
}

describe('claims checked, on screen', () => {
  it('the Overview shows every claim with its verdict and the sources of each side', async () => {
    const page = await app.newPage();
    await page.goto(`${app.host.url}#/overview`);
    const section = page.getByTestId('claims-checked');
    await section.getByTestId('claim').first().waitFor();
    expect(await verdicts(page, section)).toEqual({
      "China is South Korea's largest trading partner in 2021 (exports + imports).": 'Holds',
      "China is South Korea's largest source of imports in 2021.": 'Does not hold',
      "China is South Korea's largest export destination in 2021.": 'Holds',
      "China's total trade with South Korea in 2021: USD 364.1 bn.": 'Holds by one source, not by another',
      "China's exports to South Korea in 2021: USD 150.5 bn.": 'Holds',
      "China's imports from South Korea in 2021: USD 213.5 bn.": 'Does not hold',
      "China's share of South Korea's exports in 2025: 25%.": 'Cannot be checked with the data loaded',
    });
    // One statement making three claims is shown once, with all three.
    expect(await section.getByTestId('claim-statement').count()).toBe(5);
    const lede = await section.locator('.lede').innerText();
    expect(lede).toContain('7 claims');
    expect(lede).toContain('3 hold, 1 by one source and not another, 2 do not, 1 cannot be checked yet');
    expect(lede).toContain('half a unit');

    // The stated total: one line per reading, each with its sources and the difference.
    const total = section.getByTestId('claim').filter({ hasText: 'total trade with South Korea in 2021' });
    const readings = await total.locator('.reading').allInnerTexts();
    expect(readings).toHaveLength(3);
    expect(readings[0]).toMatch(
      /Differs:\s+the source's own parts: exports \+ imports = USD 364\.0 bn; differs by −0\.1 bn \(−0\.03%\)\s*S4/,
    );
    expect(readings[1]).toMatch(/Holds:\s+exports \+ imports = USD 364\.079 bn; difference −0\.021 bn \(−0\.01%\)\s*T23, T24/);
    expect(readings[2]).toMatch(/Differs:\s+stated total = USD 362\.4 bn; differs by −1\.7 bn \(−0\.47%\)\s*T30/);
    expect(await total.getByRole('button', { name: /^Source: S4 / }).count()).toBe(1);
    expect(
      await total
        .getByRole('button', {
          name: 'Source: T23, T24 (KITA citing China General Administration of Customs, reported by MBN (also Korea.net: USD 150.52 bn); Federation of Korean Industries (FKI) analysis of GACC statistics for Dong-A Ilbo, reposted by newsrebeat.com)',
        })
        .count(),
    ).toBe(1);

    // The rank that fails names the larger partner and by how much; the one that holds says why no unloaded partner can pass it.
    const imports = section.getByTestId('claim').filter({ hasText: 'largest source of imports' });
    expect(await imports.locator('.reading').first().innerText()).toMatch(
      /United States USD 150\.0 bn against China USD 138\.628 bn, larger by USD 11\.372 bn \(\+8\.2%\)\s*T1, W1, X1 United States is larger\./,
    );
    const exports = section.getByTestId('claim').filter({ hasText: 'largest export destination' });
    // With every partner of Korea loaded (the korea-world-trade pack), almost nothing is left unallocated.
    expect(await exports.locator('.reading').first().innerText()).toMatch(
      /leaves USD 0\.0 bn unallocated to the partners loaded: less than China's figure/,
    );
    const share = section.getByTestId('claim').filter({ hasText: 'share of South Korea' });
    expect(await share.locator('.claim-needs').innerText()).toContain(
      "South Korea's exports to China in 2025, and its total exports (trade with the world) that year",
    );

    expect(await seriousAxeViolations(page)).toEqual([]);
    await section.scrollIntoViewIfNeeded();
    await shoot(page, 'overview-light');
    const dark = await app.newPage({ colorScheme: 'dark' });
    await dark.goto(`${app.host.url}#/overview`);
    await dark.getByTestId('claims-checked').getByTestId('claim').first().waitFor();
    expect(await seriousAxeViolations(dark)).toEqual([]);
    await shoot(dark, 'overview-dark');
    expect(app.pageErrors).toEqual([]);
    expect(app.foreignRequests).toEqual([]);
  });

  it('the Sources view lists each source’s claims with their verdicts', async () => {
    const page = await app.newPage({ colorScheme: 'dark' });
    await page.goto(`${app.host.url}#/sources`);
    await page.getByTestId('source-claims').first().waitFor();
    const s4 = page.getByTestId('source-card').filter({ hasText: 'General Administration of Customs of China' });
    expect(Object.values(await verdicts(page, s4))).toEqual([
      'Holds',
      'Does not hold',
      'Holds',
      'Holds by one source, not by another',
      'Holds',
      'Does not hold',
    ]);
    const x2 = page.getByTestId('source-card').filter({ hasText: 'Test newspaper' });
    expect(await verdicts(page, x2)).toEqual({
      "China's share of South Korea's exports in 2025: 25%.": 'Cannot be checked with the data loaded',
    });
    // A source with no claims shows no claims section.
    expect(await page.getByTestId('source-card').filter({ hasText: 'Kurdo' }).getByTestId('source-claims').count()).toBe(0);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await shoot(page, 'sources-dark');
    await s4.screenshot({ path: join(ARTIFACTS, 'sources-dark-s4-card-800.png') });
    const light = await app.newPage();
    await light.goto(`${app.host.url}#/sources`);
    await light.getByTestId('source-claims').first().waitFor();
    await shoot(light, 'sources-light');
    expect(app.pageErrors).toEqual([]);
  });
});

describe('a briefing with a claims block', () => {
  it('is added in the editor and narrowed to one reporter there', async () => {
    const page = await app.newPage();
    await page.goto(`${app.host.url}#/briefings`);
    await page.getByTestId('new-briefing').click();
    await page.getByTestId('title-input').waitFor();
    await page.getByTestId('new-block-kind').selectOption('claims');
    await page.getByTestId('add-block').click();
    const card = page.getByTestId('block-card').first();
    await card.getByTestId('claim').first().waitFor();
    expect(await card.getByTestId('claim').count()).toBe(7);
    await card.getByLabel('Reporter').selectOption('CHN');
    await expect.poll(() => card.getByTestId('claim').count()).toBe(3);
    expect(Object.keys(await verdicts(page, card))).toEqual([
      "China's total trade with South Korea in 2021: USD 364.1 bn.",
      "China's exports to South Korea in 2021: USD 150.5 bn.",
      "China's imports from South Korea in 2021: USD 213.5 bn.",
    ]);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.close();
    expect(app.pageErrors).toEqual([]);
  });

  it('prints every verdict, the readings with footnote numbers, and the rounding rule', async () => {
    const created = await dispatch(app.host.session.handlers, 'createBriefing', {
      title: 'Claims, checked',
      classification: 'For internal use',
      blocks: [{ kind: 'claims', config: { heading: 'What the sources claim, checked' } }],
    });
    if (!created.ok) throw new Error(created.error.message);
    const id = (created.data as { id: string }).id;

    const screen = await app.newPage();
    await screen.goto(`${app.host.url}#/briefings/${encodeURIComponent(id)}`);
    await screen.getByTestId('claim').first().waitFor();
    expect(Object.keys(await verdicts(screen))).toHaveLength(7);
    expect(await seriousAxeViolations(screen)).toEqual([]);
    await screen.close();

    const page = await app.newPage();
    const { pdf } = await printToPdf(page, app.host.url, printRoute({ briefing: id }), {
      setup: { paper: 'A4', orientation: 'portrait' },
      today: TODAY,
    });
    const doc = await getDocumentProxy(new Uint8Array(pdf));
    const { text } = await extractText(doc, { mergePages: true });
    const all = text.replace(/\s+/g, ' ');
    expect(all).toContain('What the sources claim, checked');
    for (const verdict of ['Holds by one source, not by another', 'Does not hold', 'Cannot be checked with the data loaded'])
      expect(all).toContain(verdict);
    expect(all).toMatch(/exports \+ imports = USD 364\.079 bn; difference −0\.021 bn \(−0\.01%\) ?\[\d+, \d+\]/);
    expect(all).toContain('What would check it:');
    expect(all).toContain('half a unit of that digit');
    const sources = all.slice(all.lastIndexOf('Sources'));
    for (const s of ['General Administration of Customs of China', 'Test agency', 'Test newspaper']) expect(sources).toContain(s);
    const file = join(ARTIFACTS, 'claims-briefing.pdf');
    writeFileSync(file, pdf);
    execFileSync('pdftoppm', ['-png', '-r', '60', file, join(ARTIFACTS, 'claims-briefing')]);
    await page.close();
    expect(app.pageErrors).toEqual([]);
  });
});
