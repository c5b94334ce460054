/**
 * The notes the data core writes for the Trade, Partners and Top products views carry a code and values beside their English
 * sentence (the page writes them in its language; the English stays what exports and logs read), and economies
 * travel as their codes with the names stored for them. On a real database with the default packs.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { english, said, type CoreText } from '../../db/common/core-messages.ts';
import { topProducts } from '../../db/products/queries.ts';
import { partnerRanking } from '../../db/partners/queries.ts';
import { openSession } from '../../db/session.ts';
import { tradeKpi } from '../../db/trade/queries.ts';
import { tempDir } from '../support/temp.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

/** Each English note is its coded note's sentence. */
function sameSentences(notes: string[], texts: CoreText[]): void {
  expect(texts.map(english)).toEqual(notes);
}

describe("the Trade and Top products views' notes", () => {
  const session = openSession({ path: tmp.file('notes.sqlite') });
  afterAll(() => session.close());
  const korea = { economy: 'KOR', name: 'South Korea' };
  const china = { economy: 'CHN', name: 'China' };

  it('the Trade tiles of the default Korea–China data: the note is coded, its economies by code', () => {
    const kpi = tradeKpi(session.db, { reporter: 'KOR', partner: 'CHN' });
    expect(kpi.notes).toEqual([
      "2024: only South Korea's exports to China are reported; the tiles show 2023, the latest year with both flows.",
    ]);
    expect(kpi.noteTexts).toEqual([
      { messageCode: 'tradeLatestOnlyExports', params: { year: '2024', reporter: korea, partner: china, shown: '2023' } },
    ]);
  });

  it('the Trade tiles of a year with one flow and of a pair with none: every note coded', () => {
    const one = tradeKpi(session.db, { reporter: 'KOR', partner: 'CHN', from: 2024, to: 2024 });
    expect(one.noteTexts.map((n) => n.messageCode)).toContain('tradeImportsNotReported');
    expect(one.noteTexts.find((n) => n.messageCode === 'tradeImportsNotReported')?.params).toEqual({
      reporter: korea,
      partner: china,
      year: '2024',
    });
    sameSentences(one.notes, one.noteTexts);

    const none = tradeKpi(session.db, { reporter: 'KOR', partner: 'CHN', from: 1950, to: 1951 });
    expect(none.notes).toEqual(['No annual trade between South Korea and China is reported for these years.']);
    expect(none.noteTexts).toEqual([{ messageCode: 'tradeNoAnnual', params: { reporter: korea, partner: china } }]);
  });

  it('the Top products notes when nothing at HS level is loaded: coded, the flow a word the page translates', () => {
    const base = { reporter: 'KOR', partner: 'CHN', flow: 'import', level: 'chapter', limit: 10 } as const;
    const none = topProducts(session.db, base);
    expect(none.noteTexts).toEqual([
      { messageCode: 'productsNoneLoaded', params: { reporter: korea, partner: china, flow: said('claimImports') } },
    ]);
    expect(none.notes[0]).toMatch(/^No HS-level figures of South Korea's imports with China are loaded: import a file/);
    sameSentences(none.notes, none.noteTexts);

    const year = topProducts(session.db, { ...base, flow: 'export', year: 2015 });
    expect(year.noteTexts).toEqual([
      { messageCode: 'productsNoneForYear', params: { reporter: korea, partner: china, flow: said('claimExports'), year: '2015' } },
    ]);
    sameSentences(year.notes, year.noteTexts);
  });
});

describe("the Partners ranking's notes", () => {
  const session = openSession({ path: tmp.file('partners-notes.sqlite') });
  afterAll(() => session.close());
  const korea = { economy: 'KOR', name: 'South Korea' };

  it("Korea's 2023 ranking of the built-in data: the one-flow note coded with its count, the English as before", () => {
    const r = partnerRanking(session.db, { reporter: 'KOR', year: 2023 });
    expect(r.notes).toEqual(['11 partners have only one flow reported for 2023: total and balance not known, not ranked on them.']);
    expect(r.noteTexts).toEqual([{ messageCode: 'partnersOneFlowMany', params: { count: 11, year: '2023' } }]);
  });

  it('one partner with one flow takes the singular sentence; a year without stated totals names the flow as a word the page translates', () => {
    const r = partnerRanking(session.db, { reporter: 'KOR', year: 2024 });
    expect(r.notes).toEqual([
      '1 partner has only one flow reported for 2024: total and balance not known, not ranked on them.',
      "No stated total of South Korea's exports for 2024 is loaded: shares of exports are of the sum over its partners, which leaves out any trade not allocated to a partner.",
    ]);
    expect(r.noteTexts).toEqual([
      { messageCode: 'partnersOneFlowOne', params: { count: 1, year: '2024' } },
      { messageCode: 'partnersNoStatedTotal', params: { reporter: korea, flow: said('claimExports'), year: '2024' } },
    ]);
    sameSentences(r.notes, r.noteTexts);
  });

  it("the first year loaded has no change on the year before; a reporter with no partners' figures says so, both coded", () => {
    const first = Math.min(...partnerRanking(session.db, { reporter: 'KOR' }).years.map((y) => y.year));
    const r = partnerRanking(session.db, { reporter: 'KOR', year: first });
    expect(r.noteTexts.at(-1)).toEqual({ messageCode: 'partnersNoPreviousYear', params: { year: String(first - 1) } });
    expect(r.notes.at(-1)).toBe(`No figures for ${first - 1}: no change on the year before.`);
    sameSentences(r.notes, r.noteTexts);

    const none = partnerRanking(session.db, { reporter: 'ZZZ' });
    expect(none.notes).toEqual(['No annual trade of ZZZ with partner countries is loaded.']);
    expect(none.noteTexts).toEqual([{ messageCode: 'partnersNoAnnual', params: { reporter: { economy: 'ZZZ', name: 'ZZZ' } } }]);
  });
});
