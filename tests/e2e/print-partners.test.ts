/**
 * The Partners dashboard on paper, in real Chromium through the HTTP host: a briefing with the partner ranking, the
 * world map, the ranks by year, China's share and a claims block printed to PDF and read back (figures, shares,
 * the map's legend with its unit and source line, footnotes), its pages rendered to PNG (the map drawn in colour on
 * light paper), the same briefing printed in Korean, and the dashboard's print summary.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partnerBriefing } from '../support/partner-briefing.ts';
import type { Language } from '../../db/common/languages.ts';
import { printRoute, type PageSetup } from '../../db/common/paper.ts';
import { printToPdf } from '../../db/http-host/print.ts';
import { partnerRanking } from '../../db/partners/queries.ts';
import { startApp, type AppHarness } from '../support/browser.ts';
import { requireBuiltRenderer } from '../support/build-output.ts';
import { decodePng, matchingPixels } from '../support/png.ts';

const TODAY = '2026-11-29';
const A4: PageSetup = { paper: 'A4', orientation: 'portrait' };
const ARTIFACTS = 'tests/artifacts/print-partners';
/** Paper's colours (styles.css :root[data-paper]): the map's largest figure takes the accent, a country with none the border grey. */
const ACCENT = '#0b5cad';
const NOT_REPORTED = '#c4ccd4';
const WHITE = '#ffffff';

let app: AppHarness;

beforeAll(async () => {
  requireBuiltRenderer();
  mkdirSync(ARTIFACTS, { recursive: true });
  app = await startApp({ today: TODAY });
});
afterAll(async () => {
  await app?.close();
});

async function printed(route: string, name: string) {
  const page = await app.newPage();
  const result = await printToPdf(page, app.host.url, route, { setup: A4, today: TODAY });
  await page.close();
  const file = join(ARTIFACTS, `${name}.pdf`);
  writeFileSync(file, result.pdf);
  const mine = (f: string): boolean => new RegExp(`^${name}-\\d+\\.png$`).test(f);
  for (const old of readdirSync(ARTIFACTS).filter(mine)) rmSync(join(ARTIFACTS, old));
  // Kept to look at: one PNG per page.
  execFileSync('pdftoppm', ['-png', '-r', '60', file, join(ARTIFACTS, name)]);
  const pngs = readdirSync(ARTIFACTS)
    .filter(mine)
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
    .map((f) => join(ARTIFACTS, f));
  const doc = await getDocumentProxy(new Uint8Array(result.pdf));
  const { totalPages, text } = await extractText(doc, { mergePages: false });
  const pages = text.map((t) => t.replace(/\s+/g, ' '));
  return { title: result.title, totalPages, pages, all: pages.join(' '), compact: pages.join('').replace(/\s+/g, ''), pngs };
}

async function briefing(title: string, printLanguage: Language | null): Promise<string> {
  const created = await app.host.session.handlers.createBriefing({
    title,
    audience: '',
    classification: 'For internal use',
    printLanguage,
    blocks: partnerBriefing(),
  });
  return created.id;
}

/** The page whose picture holds the map: many pixels of the largest figure's colour and of the "not reported" grey. */
function mapPage(pngs: string[]): { page: number; accent: number; grey: number; white: number } | null {
  for (const [i, png] of pngs.entries()) {
    const image = decodePng(readFileSync(png));
    const accent = matchingPixels(image, ACCENT, 12).count;
    const grey = matchingPixels(image, NOT_REPORTED, 6).count;
    if (accent > 40 && grey > 400)
      return { page: i + 1, accent, grey, white: matchingPixels(image, WHITE, 2).count / (image.width * image.height) };
  }
  return null;
}

describe('a briefing with the partner ranking, the map, the ranks by year, a share and claims', () => {
  let read: Awaited<ReturnType<typeof printed>>;
  const ranking = () => partnerRanking(app.host.session.db, { reporter: 'KOR', year: 2023 });
  beforeAll(async () => {
    read = await printed(printRoute({ briefing: await briefing('Korea’s partners, 2023', null) }), 'partners-briefing');
  });

  it('prints the top ten export markets in rank order, each with its figure and share as the ranking gives them', () => {
    const r = ranking();
    const top = r.partners.filter((p) => p.rank.exports !== null).sort((a, b) => a.rank.exports! - b.rank.exports!);
    expect(read.all).toContain(`South Korea's top 10 of ${r.ranked.exports} partners by exports, 2023, USD bn`);
    const china = top[0]!;
    expect(china.partner.code).toBe('CHN');
    const share = `${(china.share.exports! * 100).toFixed(1)}%`;
    // Rank, name with its footnote, the figure in billions, the share.
    expect(read.all).toMatch(new RegExp(`1 China ?\\[\\d+\\] ${(china.exports!.value / 1e9).toFixed(1)} ${share.replace('.', '\\.')}`));
    const order = top.slice(0, 10).map((p) => read.all.indexOf(` ${p.partner.name === 'United States' ? 'United States' : ''}`));
    expect(order.length).toBe(10);
    const positions = ['China', 'United States', 'Vietnam'].map((n) => read.all.indexOf(n, read.all.indexOf('Top ten export markets')));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(read.all).toContain("Shares are of South Korea's total as the source states it (trade with the World).");
  });

  it('prints the map with its legend (unit, "not reported"), its source line and footnotes, drawn in colour on light paper', () => {
    expect(read.all).toContain("South Korea's exports by partner, 2023");
    expect(read.all).toContain("South Korea's exports by partner, 2023 Source: Korea Customs Service (KCS) via KOSIS");
    expect(read.all).toMatch(
      /table 360\/DT_1R11006_FRM101 ?\[1, 2\] Grey: no figure reported for 2023\. Colours run on a logarithmic scale\./,
    );
    const mapText = read.all.slice(read.all.indexOf('Exports on the map'));
    expect(mapText).toContain('USD bn');
    expect(mapText).toContain('not reported');
    // The colour bar's values are round powers of ten, written plainly as a chart's axis ticks are.
    expect(mapText).toContain('10 mn 1 bn 100 bn');
    const found = mapPage(read.pngs);
    expect(found, 'a page with the map drawn').not.toBeNull();
    // Light paper: most of the page is white.
    expect(found!.white).toBeGreaterThan(0.6);
  });

  it('prints the ranks by year, the share of China by year and the claims with their verdicts, and numbers every source', () => {
    expect(read.compact).toMatch(
      /Ranksbyyear\[[\d,]+\]RankofSouthKorea'spartnersbyexports,byyearPartner2014201520162017201820192020202120222023China1111111111/,
    );
    expect(read.all).toContain('239 partners were ranked in 2023.');
    expect(read.all).toMatch(/China (1 ){10}/);
    expect(read.all).toContain("China's share of South Korea's exports and imports by year");
    expect(read.compact).toMatch(/2023\d+\.\d%\[\d+\]\d+\.\d%\[\d+\]statedtotal/);
    expect(read.all).toContain('Claims checked');
    expect(read.all).toMatch(/Holds/);
    const sources = read.all.slice(read.all.lastIndexOf('Sources'));
    expect(sources).toContain('KOSIS');
    read.pages.forEach((text, i) => expect(text).toContain(`page ${i + 1} of ${read.totalPages}`));
    expect(read.all).not.toMatch(/cannot be shown|not valid|Loading/);
    expect(app.foreignRequests).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  });
});

describe('the same briefing printed in Korean', () => {
  it('draws the ranking, the map legend and the ranks in Korean, with the map in colour', async () => {
    const read = await printed(printRoute({ briefing: await briefing('Partners (Korean print)', 'ko') }), 'partners-briefing-ko');
    expect(read.compact).toContain('수출상위10개국');
    expect(read.compact).toContain('한국의상대국별수출,2023년');
    expect(read.compact).toContain('미보고');
    expect(read.compact).toContain('10백만1십억100십억');
    expect(read.compact).toContain('출처:');
    expect(read.compact).toContain('한국상대국의수출기준순위,연도별상대국2014');
    expect(read.compact).toContain('2023년에는상대국239개국의순위가매겨졌습니다.');
    expect(read.all).not.toMatch(/page \d+ of \d+|USD bn|Grey: no figure|Rank Partner/);
    expect(mapPage(read.pngs)).not.toBeNull();
    expect(app.pageErrors).toEqual([]);
  });
});

describe("the Partners dashboard's print summary", () => {
  it('prints the ranking with shares, the map, the ranks by year and China’s share for the URL’s reporter and year', async () => {
    const route = printRoute({ dashboard: 'partners', query: { reporter: 'KOR', year: '2022', by: 'imports' } });
    const read = await printed(route, 'dashboard-partners');
    expect(read.pages[0]).toContain('Partners: KOR, 2022');
    for (const heading of [
      'Top partners and their shares',
      'Partners on the map',
      'Rank of the top partners by year',
      "China's share of the reporter's exports and imports",
    ])
      expect(read.all).toContain(heading);
    expect(read.all).toContain(`South Korea's top 10 of`);
    expect(read.all).toContain('partners by imports, 2022, USD bn');
    expect(read.all).toContain("South Korea's imports by partner, 2022");
    expect(mapPage(read.pngs)).not.toBeNull();
    expect(read.all).not.toMatch(/cannot be shown|not valid/);
    expect(app.pageErrors).toEqual([]);
  });
});
