/**
 * The trade area's rules (db/trade/rules.ts) without a database: a year's value from its rows, which
 * values compare, and when a stated total or several sources disagree enough to be shown.
 */
import { describe, expect, it } from 'vitest';
import { sourceRef } from '../support/source-ref.ts';
import { partialYearLabel, samePeriod, sourcesSpread, statedGap, SUM_OF_12_MONTHS, yearValue } from '../../db/trade/rules.ts';
import type { ChosenRow } from '../../db/trade/sql.ts';

const ref = sourceRef;

const month = (m: number, value: number, source = 's1'): ChosenRow => ({
  year: 2021,
  month: m,
  flow: 'export',
  value_usd: value,
  series: 'primary',
  source_id: source,
  note: null,
  alternatives: 0,
});

describe('trade rules', () => {
  it('names the months a partial year covers, in runs', () => {
    expect(partialYearLabel([1, 2, 3, 4, 5, 6, 7])).toBe('Jan–Jul only');
    expect(partialYearLabel([5, 1, 2, 3, 3])).toBe('Jan–Mar, May only');
    expect(partialYearLabel([12])).toBe('Dec only');
  });

  it("takes a year's annual row over its months, else sums twelve months, else labels a partial year", () => {
    const annual: ChosenRow = { ...month(1, 0), month: null, value_usd: 1000, source_id: 's2', alternatives: 2 };
    const withAnnual = yearValue([month(1, 5), annual], ref);
    expect(withAnnual).toMatchObject({ value: 1000, basis: 'annual', periodNote: null, alternatives: 2 });
    expect(withAnnual.source.id).toBe('s2');

    const twelve = Array.from({ length: 12 }, (_, i) => month(i + 1, 10, i < 8 ? 's1' : 's3'));
    const full = yearValue(twelve, ref);
    expect(full).toMatchObject({ value: 120, basis: 'sum-of-12-months', periodNote: SUM_OF_12_MONTHS, months: twelve.map((r) => r.month) });
    // The source giving most of the months is cited first.
    expect(full.sources.map((s) => s.id)).toEqual(['s1', 's3']);

    const partial = yearValue([month(3, 7), month(1, 3)], ref);
    expect(partial).toMatchObject({ value: 10, basis: 'partial-year', periodNote: 'Jan, Mar only', months: [1, 3] });
    expect(samePeriod(partial, full)).toBe(false);
    expect(samePeriod(partial, yearValue([month(1, 1), month(3, 1)], ref))).toBe(true);
    expect(samePeriod(full, withAnnual)).toBe(true);
  });

  it('shows a stated total only when it differs from its parts beyond rounding and the tolerance', () => {
    const row = { measure: 'total_trade' as const, stated: 364.1e9, exports: 150.5e9, imports: 213.5e9 };
    const gap = statedGap(row, 0);
    expect(gap?.formula).toBe('exports + imports');
    expect(gap?.formulaText).toEqual({ messageCode: 'claimExportsPlusImports', params: {} });
    expect(statedGap({ measure: 'balance', stated: -60e9, exports: 150.5e9, imports: 213.5e9 }, 0)?.formulaText.messageCode).toBe(
      'claimExportsMinusImports',
    );
    expect(gap?.computed).toBeCloseTo(364.0e9, -3);
    expect(gap?.difference).toBeCloseTo(0.1e9, -3);
    expect(statedGap(row, 0.001)).toBeNull();
    expect(statedGap({ ...row, imports: null }, 0)).toBeNull();
    expect(statedGap({ measure: 'balance', stated: -63e9, exports: 150.5e9, imports: 213.5e9 }, 0)).toBeNull();
    expect(statedGap({ measure: 'total_trade', stated: 100.4, exports: 50, imports: 50 }, 0)).toBeNull();
  });

  it("orders several sources' values largest first and keeps a spread beyond the tolerance", () => {
    const spread = sourcesSpread(
      [
        { value: 90, source: ref('b') },
        { value: 100, source: ref('a') },
        { value: 100, source: ref('c') },
      ],
      0.05,
    );
    expect(spread?.values.map((v) => v.source.id)).toEqual(['a', 'c', 'b']);
    expect(spread).toMatchObject({ difference: 10, relative: 0.1 });
    expect(
      sourcesSpread(
        [
          { value: 99, source: ref('a') },
          { value: 100, source: ref('b') },
        ],
        0.05,
      ),
    ).toBeNull();
  });
});
