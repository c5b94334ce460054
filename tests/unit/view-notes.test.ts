/**
 * The notes the data core writes for the Trade and Top products views carry a code and values beside their English
 * sentence (the page writes them in its language; the English stays what exports and logs read), and economies
 * travel as their codes with the names stored for them. On a real database with the default packs.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { english, said, type CoreText } from '../../db/common/core-messages.ts';
import { topProducts } from '../../db/products/queries.ts';
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
